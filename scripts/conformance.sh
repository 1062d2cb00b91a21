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
echo "== Omeka S random corpus (s-random) =="
node "$SHARED/conformance/s/run.mjs" --base "http://127.0.0.1:$PORT" --cases "$SHARED/conformance/s-random/cases" || status=1

start_server classic-random --fixture "$SHARED/conformance/classic/fixture-fresh"
echo "== Omeka Classic random corpus (classic-random) =="
node "$SHARED/conformance/classic/run.mjs" --base "http://127.0.0.1:$PORT" --cases "$SHARED/conformance/classic-random/cases" || status=1

# Bug-compatible mode (--bug-compat): real Omeka's deliberate-difference bugs reproduced. Every case must still
# pass and every quirk the runner reports must match ("N match, 0 differ"); a differing quirk fails CI.
# bc_suite LABEL RUNNER ARGS...: runs one suite against the server started last and checks both.
bc_suite() {
  local label=$1 runner=$2; shift 2
  local out="/tmp/omeka-twin-ci-bc-$label.txt"
  node "$SHARED/conformance/$runner/run.mjs" --base "http://127.0.0.1:$PORT" "$@" > "$out" 2>&1 || { status=1; tail -20 "$out"; }
  local q; q=$(grep -E '^quirks' "$out" || true)
  echo "$label: ${q:-no quirks} | $(tail -n 1 "$out")"
  if [ -n "$q" ] && ! grep -qE '^quirks.* 0 differ\)' "$out"; then
    status=1; grep -iE 'quirk.*differ|differ.*quirk' "$out" | head -20 || true
  fi
}
echo "== --bug-compat: every case passes and every quirk matches =="
start_server classic-bug-compat --fixture "$SHARED/conformance/classic/fixture-fresh" --bug-compat
bc_suite classic classic
bc_suite classic-random classic --cases "$SHARED/conformance/classic-random/cases"
start_server plugins-bug-compat --fixture "$SHARED/conformance/classic-plugins/fixture-fresh" --bug-compat
bc_suite classic-plugins classic --cases "$SHARED/conformance/classic-plugins/cases"
# The recorded S suite's API-root HTML page carries the recording server's origin HTML-escaped
# (http&#x3A;&#x2F;&#x2F;127.0.0.1&#x3A;8085), which the runner does not rewrite: this server writes that origin
# (--base-url) and the runner is told so (--origin).
READY_PATH=/api-context start_server s-bug-compat --flavor s --bug-compat --base-url http://127.0.0.1:8085
bc_suite s s --origin http://127.0.0.1:8085
bc_suite s-random s --cases "$SHARED/conformance/s-random/cases" --origin http://127.0.0.1:8085

exit $status
