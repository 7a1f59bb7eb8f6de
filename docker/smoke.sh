#!/usr/bin/env bash
# Runs what the Dockerfiles run, without Docker (none is available in CI): the API's build,
# bundle and start command, and the sidecar's install and start command, laid out as in the
# images, outside the workspace (so nothing resolves from its node_modules). Then checks the
# compose file. Used by .ci/run.
set -euo pipefail
[ "${SMOKE_TRACE:-0}" = 1 ] && set -x
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

wait_http() {
  for _ in $(seq 1 100); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "smoke: $1 did not answer" >&2; return 1
}
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

echo "--- api image steps: npm run build, node tools/bundle-api.mjs"
[ "${SMOKE_SKIP_BUILD:-0}" = 1 ] || npm run build
node tools/bundle-api.mjs
mkdir -p "$work/app/web" "$work/data"
cp -r dist/apps/api "$work/app/api"
cp -r dist/apps/web/browser "$work/app/web/browser"

echo "--- sidecar image steps: install-runtime.sh"
sh python-sidecar/scripts/install-runtime.sh "$work/venv"
cp -r python-sidecar/app "$work/sidecar-app"
mkdir -p "$work/sidecar" && mv "$work/sidecar-app" "$work/sidecar/app"

sidecar_port=$(free_port)
api_port=$(free_port)
(cd "$work/sidecar" && exec "$work/venv/bin/python" -m uvicorn app.main:app --host 127.0.0.1 --port "$sidecar_port") &
pids+=($!)
wait_http "http://127.0.0.1:$sidecar_port/health"

echo "--- production mode refuses to start without SESSION_SECRET"
if (cd "$work/app" && NODE_ENV=production PORT="$api_port" node api/main.js 2>"$work/refusal.txt"); then
  echo "smoke: the API started in production without SESSION_SECRET" >&2; exit 1
fi
grep -q "SESSION_SECRET is required" "$work/refusal.txt"

echo "--- api start command: node api/main.js"
(cd "$work/app" && NODE_ENV=production SESSION_SECRET=smoke-test-secret-0123456789 PORT="$api_port" \
  DATABASE_URL="sqlite:$work/data/moodlobby.db" SIDECAR_URL="http://127.0.0.1:$sidecar_port" LOG_LEVEL=warn \
  exec node api/main.js) >"$work/api.log" 2>&1 &
api=$!
pids+=($api)
wait_http "http://127.0.0.1:$api_port/health"
# (Read whole answers first: `curl | grep -q` would fail under pipefail when grep stops early.)
ready=$(curl -fsS "http://127.0.0.1:$api_port/health/ready")
node -e 'const r = JSON.parse(process.argv[1]); process.exit(r.status === "ok" && r.info.sidecar.status === "up" ? 0 : 1)' "$ready" \
  || { echo "smoke: not ready: $ready" >&2; exit 1; }
page=$(curl -fsS -H 'Accept: text/html' "http://127.0.0.1:$api_port/")
grep -q '<title>moodlobby</title>' <<<"$page" || { echo "smoke: / does not serve the web app" >&2; exit 1; }
kill -TERM "$api"
status=0; wait "$api" || status=$?
[ "$status" -eq 0 ] || { echo "smoke: the API exited $status on SIGTERM" >&2; cat "$work/api.log" >&2; exit 1; }
# The WAL checkpoint worker ran from beside main.js (it warns when it cannot), and the last
# checkpoint at shutdown left an empty WAL.
if grep -q "no WAL checkpoint worker" "$work/api.log"; then
  echo "smoke: the WAL checkpoint worker did not start" >&2; cat "$work/api.log" >&2; exit 1
fi
wal="$work/data/moodlobby.db-wal"
[ ! -s "$wal" ] || { echo "smoke: $wal is not empty after shutdown" >&2; exit 1; }

echo "--- compose file"
docker-compose -f docker/compose.yml config -q
echo "smoke: ok"
