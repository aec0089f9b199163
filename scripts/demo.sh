#!/usr/bin/env bash
# Installs whatever is missing (Node 22, dependencies, mkdocs for TechDocs), builds the app and
# starts the OpsDeck demo portal on its embedded SQLite database with the demo organisation.
# Open http://localhost:${OPSDECK_PORT:-7007} and press "Enter" to sign in as the guest.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_node
ensure_deps
ensure_mkdocs
ensure_app_build

export OPSDECK_PORT="${OPSDECK_PORT:-7007}"
log "starting the portal on http://localhost:$OPSDECK_PORT (embedded SQLite in ${OPSDECK_DATA_DIR:-.data/sqlite})"
cd "$ROOT/packages/backend"
exec node "$YARN" start --config ../../app-config.yaml --config ../../app-config.demo.yaml
