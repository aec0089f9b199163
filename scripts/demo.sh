#!/usr/bin/env bash
# Installs whatever is missing (Node 22, dependencies, mkdocs for TechDocs), builds the backend and
# the app where their sources changed, and starts the OpsDeck demo portal as production runs it
# (built backend, NODE_ENV=production) on its embedded SQLite database with the demo organisation.
# Open http://localhost:${OPSDECK_PORT:-7007} and press "Enter" to sign in as the guest.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_node
ensure_deps
ensure_mkdocs
ensure_backend_build # first: a full backend build rebuilds the app too
ensure_app_build

export OPSDECK_PORT="${OPSDECK_PORT:-7007}"
export NODE_ENV=production
log "starting the portal on http://localhost:$OPSDECK_PORT (embedded SQLite in ${OPSDECK_DATA_DIR:-.data/sqlite})"
# The working directory stays packages/backend: the config's ../../ paths (catalog, data) start here.
cd "$ROOT/packages/backend"
exec node "$BACKEND_BUILD/packages/backend" --config ../../app-config.yaml --config ../../app-config.demo.yaml
