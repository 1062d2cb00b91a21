#!/usr/bin/env bash
# `npm run conformance`: the suites recorded from real Omeka (in ../shared, beside the checkout) against
# freshly started servers built from this tree. Fails if any case fails.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${OMEKA_TWIN_SHARED:-$(cd .. && pwd)/shared}"
if [ ! -d "$SHARED/conformance" ]; then echo "no conformance suites at $SHARED (set OMEKA_TWIN_SHARED)"; exit 1; fi
node scripts/build.mjs --if-stale

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# start_server NAME ARGS... : starts omeka-twin on a free loopback port with a fresh data dir; sets PORT.
start_server() {
  local name=$1; shift
  PORT=$(free_port)
  local data; data=$(mktemp -d)
  node dist/main.js serve --host 127.0.0.1 --port "$PORT" --data "$data" --control "$@" > "/tmp/omeka-twin-ci-$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$PORT${READY_PATH:-/api/site}" > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "server $name did not start"; cat "/tmp/omeka-twin-ci-$name.log"; exit 1
}

status=0
start_server classic --fixture "$SHARED/conformance/classic/fixture-fresh"
echo "== Omeka Classic conformance =="
node "$SHARED/conformance/classic/run.mjs" --base "http://127.0.0.1:$PORT" || status=1

start_server classic-plugins --fixture "$SHARED/conformance/classic-plugins/fixture-fresh"
echo "== Omeka Classic plugins conformance (Geolocation, ExhibitBuilder) =="
node "$SHARED/conformance/classic/run.mjs" --base "http://127.0.0.1:$PORT" --cases "$SHARED/conformance/classic-plugins/cases" || status=1

# Omeka S flavour: the runner resets to its own fixtures through the S control plane.
READY_PATH=/api-context start_server s --flavor s
echo "== Omeka S conformance =="
node "$SHARED/conformance/s/run.mjs" --base "http://127.0.0.1:$PORT" || status=1

exit $status
