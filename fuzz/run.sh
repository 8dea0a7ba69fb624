#!/usr/bin/env bash
# Runs each fuzz target in turn, niced, until 10 million executions or one hour,
# whichever comes first: `fuzz/run.sh [TARGET...]` from the repository root (nightly and
# cargo-fuzz needed). Seeds come from fuzz/seeds/TARGET (ours, committed); what the
# fuzzer learns goes to fuzz/corpus/TARGET and crashes to fuzz/artifacts/TARGET (both
# ignored by git). One log per target in fuzz/logs/.
set -uo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text jsonl feed graph_json gazetteer_tsv html pipeline)
nice -n 19 cargo +nightly fuzz build -O
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  case "$t" in
    pipeline) max_len=16384 ;;
    gazetteer_tsv) max_len=8192 ;;
    *) max_len=65536 ;;
  esac
  echo "== $t $(date -Is)"
  nice -n 19 "fuzz/target/x86_64-unknown-linux-gnu/release/$t" \
    "fuzz/corpus/$t" "fuzz/seeds/$t" \
    -artifact_prefix="fuzz/artifacts/$t/" \
    -runs=10000000 -max_total_time=3600 -timeout=10 -rss_limit_mb=4096 \
    -max_len="$max_len" -print_final_stats=1 > "fuzz/logs/$t.log" 2>&1
  echo "   exit $? $(date -Is)"
  grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|SUMMARY|ERROR" \
    "fuzz/logs/$t.log"
done
