#!/usr/bin/env bash
# Proves the npm package works outside the checkout, and in the layout the container image has:
#   1. npm pack, then install the tarball into an empty directory (production dependencies only);
#   2. `npx omeka-twin --version`, `npx omeka-twin serve --control` answering /api/site (from dist/, no tsx);
#   3. the README's programmatic example (examples/programmatic.mjs) run from that directory;
#   4. the image's runtime: configuration from OMEKA_TWIN_* only, a data dir owned by an unprivileged
#      user (nobody, when run as root), the server run as that user, and the HEALTHCHECK command answered.
# Prints the time of each step. Servers bind 127.0.0.1 (the image itself defaults to 0.0.0.0).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d)
chmod 755 "$WORK"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

ms() { date +%s%3N; }
step() { echo "== $1: $(($(ms) - $2)) ms"; }
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_http() { # URL START: waits for an answer, prints the time since START
  for _ in $(seq 1 200); do
    if curl -sf -o /dev/null "$1"; then return 0; fi
    sleep 0.05
  done
  echo "no answer from $1"; return 1
}

t=$(ms)
tarball=$(npm pack --silent --pack-destination "$WORK" | tail -1)
step "npm pack ($tarball, $(du -k "$WORK/$tarball" | cut -f1) KiB)" "$t"
tar -tzf "$WORK/$tarball" > "$WORK/contents"
grep -q '^package/LICENSE$' "$WORK/contents"
grep -q '^package/dist/index.d.ts$' "$WORK/contents"
grep -q '^package/seed/demo/items.json$' "$WORK/contents"
if grep -qE '^package/(src|test)/' "$WORK/contents"; then echo "the package ships src/ or test/"; exit 1; fi

APP="$WORK/app"
mkdir -p "$APP"
cd "$APP"
npm init -y > /dev/null
t=$(ms)
npm install --no-audit --no-fund --prefer-offline --loglevel=error "$WORK/$tarball" > /dev/null
step "npm install ./$tarball (empty directory)" "$t"
if [ -e node_modules/tsx ]; then echo "tsx was installed: it must not be a runtime dependency"; exit 1; fi

t=$(ms)
version=$(npx --no-install omeka-twin --version)
step "npx omeka-twin --version ($version)" "$t"
[ "$version" = "$(node -p "require('$ROOT/package.json').version")" ]

PORT=$(free_port)
t=$(ms)
# Its own process group (npx → sh → node), so SIGTERM reaches the server and nothing else.
setsid npx --no-install omeka-twin serve --control --port "$PORT" --data "$WORK/data" --log-level silent > "$WORK/serve.log" 2>&1 &
npx_pid=$!
wait_http "http://127.0.0.1:$PORT/api/site" || { cat "$WORK/serve.log"; exit 1; }
step "npx omeka-twin serve --control → /api/site answered" "$t"
grep -q 'API key (shown once)' "$WORK/serve.log"
kill -TERM -- "-$npx_pid"; wait "$npx_pid" || true
grep -q 'SIGTERM: finishing' "$WORK/serve.log" || { echo "serve did not stop gracefully"; cat "$WORK/serve.log"; exit 1; }

cp "$ROOT/examples/programmatic.mjs" "$APP/"
t=$(ms)
node programmatic.mjs | tee "$WORK/example.out"
step "programmatic example (node programmatic.mjs)" "$t"
grep -q 'GET /api/items: 200, 20 items' "$WORK/example.out"
grep -q 'after reset: 200' "$WORK/example.out"

# The runtime layout of the image: /app with production node_modules, /data owned by the runtime user.
as_user=()
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
mkdir -p "$WORK/container-data"
[ "$(id -u)" = 0 ] && chown nobody:nogroup "$WORK/container-data"
export OMEKA_TWIN_HOST=127.0.0.1 OMEKA_TWIN_PORT=$(free_port) OMEKA_TWIN_DATA="$WORK/container-data" OMEKA_TWIN_LOG_LEVEL=info
t=$(ms)
"${as_user[@]}" node "$APP/node_modules/omeka-twin/dist/main.js" serve > "$WORK/container.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$OMEKA_TWIN_PORT/api/site" || { cat "$WORK/container.log"; exit 1; }
step "runtime layout: serve as $( [ ${#as_user[@]} -gt 0 ] && echo nobody || id -un ) from OMEKA_TWIN_* only" "$t"
t=$(ms)
"${as_user[@]}" node "$APP/node_modules/omeka-twin/dist/main.js" healthcheck
step "HEALTHCHECK (omeka-twin healthcheck)" "$t"
owner=$(stat -c %U "$WORK/container-data/omeka-twin.sqlite")
echo "data dir file owner: $owner"
[ "$(id -u)" != 0 ] || [ "$owner" = nobody ]
grep -q '^{"level":30' "$WORK/container.log"
echo "package and runtime layout: OK"
