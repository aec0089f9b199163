#!/usr/bin/env bash
# Installs whatever is missing (Node 22, dependencies, Chromium, PostgreSQL if none answers) and
# runs every check: type-check, lint, OpenAPI verify, unit + integration tests (stores on SQLite
# and PostgreSQL), and the browser tests. Ends with one line: "N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set +e

ensure_node
if [ "${CI:-}" = true ]; then export OPSDECK_INSTALL_FLAGS="--immutable"; fi
ensure_deps || exit 1
ensure_chromium || log "NOTICE: no Chromium; the browser tests will fail"
ensure_mkdocs
ensure_prometheus
ensure_postgres
trap stop_throwaway_postgres EXIT

cd "$ROOT"
mkdir -p .cache
rm -f .cache/jest.json .cache/e2e.tap  # never read a previous run's results
failed_steps=()
step() {
  local name="$1"; shift
  log "▶ $name"
  local start=$SECONDS
  if "$@"; then log "✔ $name ($((SECONDS - start)) s)"; else log "✘ $name ($((SECONDS - start)) s)"; failed_steps+=("$name"); fi
}

# A clean type-check, as on a fresh clone: the API reports read its declarations, and an
# incremental build can order union members differently.
rm -rf "$ROOT/dist-types"
step "type-check" yarn tsc
step "lint" yarn lint:all
step "openapi verify" yarn openapi:verify
step "api reports" yarn api-reports:check
step "unit and integration tests" env CI=true node "$YARN" backstage-cli repo test --json --outputFile="$ROOT/.cache/jest.json"
# The browser tests run the portal as scripts/demo.sh does: the built backend in production mode.
# Backend first: a full backend build rebuilds the app too, so the app step then has nothing to do.
step "backend build" ensure_backend_build
step "app build" ensure_app_build
step "browser tests" node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$ROOT/.cache/e2e.tap" \
  e2e/*.e2e.mts

read -r jest_passed jest_failed pg_tests < <(node -e '
  const r = (() => { try { return require(process.argv[1]); } catch { return null; } })();
  if (!r) { console.log("0 1 0"); process.exit(0); }
  const pg = r.testResults.flatMap(f => f.assertionResults)
    .filter(t => t.status === "passed" && t.fullName.includes("POSTGRES")).length;
  console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites, pg);
' "$ROOT/.cache/jest.json")
# node:test's TAP summary counts tests, not suites.
e2e_passed=$(sed -n 's/^# pass //p' .cache/e2e.tap 2>/dev/null | tail -1)
e2e_failed=$(sed -n 's/^# fail //p' .cache/e2e.tap 2>/dev/null | tail -1)
e2e_passed=${e2e_passed:-0}
e2e_failed=${e2e_failed:-1}

log "jest: $jest_passed passed, $jest_failed failed ($pg_tests of them on PostgreSQL); browser: $e2e_passed passed, $e2e_failed failed"
if [ "$pg_tests" = 0 ]; then log "NOTICE: no PostgreSQL test ran"; fi
steps_failed=${#failed_steps[@]}
if [ "$steps_failed" -gt 0 ]; then log "failed steps: ${failed_steps[*]}"; fi
echo "$((jest_passed + e2e_passed)) passed, $((jest_failed + e2e_failed + steps_failed)) failed"
[ "$steps_failed" -eq 0 ] && [ "$jest_failed" -eq 0 ] && [ "$e2e_failed" -eq 0 ]
