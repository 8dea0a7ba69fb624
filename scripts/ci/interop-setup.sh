#!/usr/bin/env bash
# Installs the real clients the interop tests load newsgraph's exports into:
#   Debian graphviz; a Python 3.11 venv with networkx, pyoxigraph and ladybug (embedded
#   Cypher DB); a Python >= 3.12 venv (pyenv) with arcadedb-embedded (Bolt server) and neo4j.
# Everything lives under .venv-interop/ in the repo (gitignored). Idempotent: a second run
# only checks. Needs only the package registries. Usage: bash scripts/ci/interop-setup.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venvs="$root/.venv-interop"
mkdir -p "$venvs"

say() { printf 'interop-setup: %s\n' "$*" >&2; }

# --- Graphviz -------------------------------------------------------------------------
if ! command -v dot >/dev/null 2>&1; then
    say "installing graphviz (apt)"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get -o DPkg::Lock::Timeout=900 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends graphviz >/dev/null
fi
dot -V

# --- Python interpreters --------------------------------------------------------------
# A python of at least major.minor: PATH first, then pyenv's installed versions.
find_python() {
    local want_minor="$1" cand
    for cand in python3.13 python3.12 python3.11 python3; do
        if command -v "$cand" >/dev/null 2>&1 \
            && "$cand" -c "import sys; sys.exit(0 if sys.version_info >= (3, $want_minor) else 1)" 2>/dev/null; then
            command -v "$cand"; return 0
        fi
    done
    if command -v pyenv >/dev/null 2>&1; then
        local proot; proot="$(pyenv root)"
        for cand in $(ls -d "$proot"/versions/3.* 2>/dev/null | sort -V -r); do
            if [ -x "$cand/bin/python3" ] \
                && "$cand/bin/python3" -c "import sys; sys.exit(0 if sys.version_info >= (3, $want_minor) else 1)" 2>/dev/null; then
                echo "$cand/bin/python3"; return 0
            fi
        done
    fi
    return 1
}

make_venv() {
    local dir="$1" py="$2"; shift 2
    if [ ! -x "$dir/bin/python" ]; then
        say "creating $dir with $("$py" --version)"
        "$py" -m venv "$dir"
        "$dir/bin/python" -m pip install -q --upgrade pip
    fi
    if ! "$dir/bin/python" -c "$IMPORTS" 2>/dev/null; then
        say "installing $* into $dir"
        "$dir/bin/python" -m pip install -q "$@"
    fi
    "$dir/bin/python" -c "$IMPORTS"
}

py311="$(find_python 11)" || { say "no Python >= 3.11 found"; exit 2; }
IMPORTS="import networkx, pyoxigraph, ladybug" \
    make_venv "$venvs/tools" "$py311" "networkx>=3.2,<4" "pyoxigraph>=0.4,<0.6" "ladybug>=0.22,<0.23"

py312="$(find_python 12)" || { say "no Python >= 3.12 found (pyenv versions?)"; exit 2; }
IMPORTS="import arcadedb_embedded, neo4j" \
    make_venv "$venvs/bolt" "$py312" "arcadedb-embedded" "neo4j>=5,<7"

say "ok: $venvs/tools (networkx, pyoxigraph, ladybug), $venvs/bolt (arcadedb-embedded, neo4j)"
