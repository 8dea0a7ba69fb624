#!/usr/bin/env bash
# Installs what tests/viewer.rs needs on a fresh Debian machine: headless Chromium for the
# HTML viewer, Graphviz for SVG/PNG pictures, and fonts both can draw text with.
# Idempotent; run as root (CI) or with sudo. No npm packages are needed.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)

if [ ${#need[@]} -eq 0 ]; then
  echo "viewer-setup: chromium, graphviz and fonts already installed" >&2
else
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi

/usr/bin/chromium --version >&2
dot -V
