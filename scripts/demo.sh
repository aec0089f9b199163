#!/usr/bin/env bash
# Installs whatever is missing (Node 22, dependencies, mkdocs for TechDocs, Prometheus for SLOs),
# starts the demo's Prometheus (30 days of SLO history + live counters), builds the backend and
# the app where their sources changed, and starts the OpsDeck demo portal as production runs it
# (built backend, NODE_ENV=production) on its embedded SQLite database with the demo organisation.
# Open http://localhost:${OPSDECK_PORT:-7007} and press "Enter" to sign in as the guest.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_node
ensure_deps
ensure_mkdocs
ensure_prometheus "the SLO cards will say Prometheus does not answer"
ensure_backend_build # first: a full backend build rebuilds the app too
ensure_app_build

# The demo's TechDocs sites are built here, not by the backend on a first visit:
# app-config.demo.yaml sets `techdocs.builder: external` (the set-up Backstage recommends for
# production: CI builds and publishes, the backend only serves), and this script plays CI. With
# the local builder, a `dir:` source has no etag, so Backstage rebuilds it on every visit more
# than a minute after the last build: each visit waits, or shows "a newer version … refresh".
# publish_docs builds every entity with a `dir:` techdocs-ref in the demo catalog (examples/*.yaml)
# and in the golden paths' workspace into the local publisher's directory, skipping sites newer
# than their sources. Once before the portal starts (so search can index them too), then every
# 10 s while it runs, so a runbook published from a golden path gets its site within seconds.
DATA_DIR="$(cd "$ROOT/packages/backend" && realpath -m "${OPSDECK_DATA_DIR:-../../.data/sqlite}")"
publish_docs() {
  command -v mkdocs >/dev/null || { log "no mkdocs: TechDocs sites are not built"; return 0; }
  # mkdocs's own interpreter has PyYAML (mkdocs needs it); the python3 on PATH may not.
  local python
  python="$(sed -n '1s/^#! *//p' "$(command -v mkdocs)")"
  # shellcheck disable=SC2086 # the interpreter line may be "/usr/bin/env python3"
  ${python:-python3} - "$ROOT" "$DATA_DIR" "$@" <<'PY'
import glob, json, os, re, shutil, subprocess, sys, tempfile, time
import yaml

class Loader(yaml.SafeLoader):
    pass

# mkdocs.yml may carry tags such as !!python/name: ignore their values.
Loader.add_multi_constructor('', lambda loader, suffix, node: None)

root, data_dir = sys.argv[1:3]
watch_pid = int(sys.argv[4]) if sys.argv[3:4] == ['--watch'] else None
publish_dir = os.path.join(data_dir, 'techdocs')
failed = {}  # source directory -> newest mtime of the build that failed (log a failure once)

NAME = re.compile(r'[A-Za-z0-9][A-Za-z0-9._-]{0,62}')

def log(message):
    print(f'\033[1;34m[opsdeck]\033[0m {message}', file=sys.stderr, flush=True)

def sites():
    files = glob.glob(os.path.join(root, 'examples', '*.yaml'))
    files += glob.glob(os.path.join(data_dir, 'workspace', '*', 'catalog-info.yaml'))
    for path in files:
        try:
            with open(path) as f:
                entities = list(yaml.load_all(f, Loader))
        except (OSError, yaml.YAMLError):
            continue
        for entity in entities:
            if not isinstance(entity, dict) or not isinstance(entity.get('metadata'), dict):
                continue
            meta = entity['metadata']
            ref = (meta.get('annotations') or {}).get('backstage.io/techdocs-ref')
            if isinstance(ref, str) and ref.startswith('dir:') and meta.get('name'):
                base = os.path.dirname(os.path.abspath(path))
                source = os.path.normpath(os.path.join(base, ref[4:]))
                triplet = [meta.get('namespace') or 'default', entity.get('kind', ''), meta['name']]
                # Catalog names only, and docs inside the folder that describes them: a golden
                # path's catalog-info.yaml must not point a build (or its clean-up) elsewhere.
                if not all(isinstance(p, str) and NAME.fullmatch(p) for p in triplet):
                    continue
                if os.path.commonpath([base, source]) != base:
                    continue
                yield source, '/'.join(triplet).lower()

def newest(source):
    return max((os.stat(os.path.join(d, f)).st_mtime for d, _, fs in os.walk(source) for f in fs),
               default=0)

def publish(source, triplet):
    config = os.path.join(source, 'mkdocs.yml')
    if not os.path.isfile(config):
        return
    target = os.path.join(publish_dir, triplet)
    changed = newest(source)
    try:
        with open(os.path.join(target, 'techdocs_metadata.json')) as f:
            if json.load(f).get('build_timestamp', 0) / 1000 >= changed:
                return
    except (OSError, ValueError):
        pass
    if failed.get(source) == changed:
        return
    started = time.time()
    os.makedirs(publish_dir, exist_ok=True)
    site = tempfile.mkdtemp(prefix='.build-', dir=publish_dir)
    build = subprocess.run(['mkdocs', 'build', '--quiet', '-f', config, '-d', site],
                           capture_output=True, text=True)
    if build.returncode != 0:
        shutil.rmtree(site, ignore_errors=True)
        failed[source] = changed
        log(f'TechDocs for {triplet} did not build: {build.stderr.strip()[-2000:]}')
        return
    with open(config) as f:
        settings = yaml.load(f, Loader) or {}
    files = [os.path.relpath(os.path.join(d, f), site) for d, _, fs in os.walk(site) for f in fs]
    # What Backstage's generator writes next to a site (the reader reads the name and description).
    with open(os.path.join(site, 'techdocs_metadata.json'), 'w') as f:
        json.dump({
            'site_name': settings.get('site_name') or triplet.split('/')[-1],
            'site_description': settings.get('site_description') or '',
            'build_timestamp': int(started * 1000),
            'files': sorted(files + ['techdocs_metadata.json']),
        }, f)
    old = target + '.old'
    shutil.rmtree(old, ignore_errors=True)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.exists(target):
        os.rename(target, old)
    os.rename(site, target)
    shutil.rmtree(old, ignore_errors=True)
    failed.pop(source, None)
    log(f'built TechDocs for {triplet}')

try:
    while True:
        for source, triplet in sites():
            publish(source, triplet)
        if watch_pid is None:
            break
        time.sleep(10)
        os.kill(watch_pid, 0)  # stops (ProcessLookupError) once the portal has exited
except (KeyboardInterrupt, ProcessLookupError):
    pass
PY
}
publish_docs || log "building the demo's TechDocs failed; the docs pages will say they were not found"
publish_docs --watch $$ &

export OPSDECK_PORT="${OPSDECK_PORT:-7007}"
# The SLO cards read the demo's own Prometheus (never the system one on :9090): 30 days of history
# plus the portal's live counters. It stops when the portal does; without it the portal still runs.
start_demo_prometheus "$DATA_DIR" "$OPSDECK_PORT" || log "the SLO cards will say Prometheus does not answer"
export NODE_ENV=production
log "starting the portal on http://localhost:$OPSDECK_PORT (embedded SQLite in ${OPSDECK_DATA_DIR:-.data/sqlite})"
# The working directory stays packages/backend: the config's ../../ paths (catalog, data) start here.
cd "$ROOT/packages/backend"
exec node "$BACKEND_BUILD/packages/backend" --config ../../app-config.yaml --config ../../app-config.demo.yaml
