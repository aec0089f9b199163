#!/usr/bin/env bash
# Runs every benchmark; each prints its figures as a ratio to a baseline measured in the same run.
# `bench/run.sh --smoke` is a quick (< 1 min) check that they still run.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
ensure_node
ensure_deps
cd "$ROOT"
for bench in bench/*.bench.ts; do
  log "▶ $bench"
  node --no-experimental-strip-types --require @backstage/cli/config/nodeTransform.cjs "$bench" "$@"
done
# Browser benchmarks (ESM, sharing the browser-test harness); they need the built app.
ensure_app_build
for bench in bench/*.bench.mts; do
  log "▶ $bench"
  node "$bench" "$@"
done
