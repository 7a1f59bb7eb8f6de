#!/usr/bin/env bash
# The container test that CI runs (.ci/run): real images, real containers, real clients.
#   1. the Docker engine and arm64 emulation (started here if they are not running);
#   2. stand-in bases (docker/stand-in-bases.sh: Docker Hub is out of reach here) for the native
#      platform and linux/arm64, plus PostgreSQL, Redis and nginx stand-ins for the scale-out file;
#   3. from a clean clone of this repository's HEAD, docker/test/stack-test.mjs runs
#      docker/compose.yml for the native platform and for linux/arm64 (emulated), then
#      docker/compose.scale.yml for the native platform. It prints each command as it runs it;
#      for one platform they are:
#        docker-compose -p <project> -f docker/compose.yml build sidecar / build api
#        docker-compose -p <project> -f docker/compose.yml up --build -d    (then real clients)
#        docker-compose -p <project> -f docker/compose.yml stop             (under load: the drain)
#        docker-compose -p <project> -f docker/compose.yml up -d            (acked messages all back)
#        docker-compose -p <project> -f docker/compose.yml down -v --remove-orphans
#      and for the scale-out file `up --build -d` of PostgreSQL, Redis, 2 API replicas and nginx.
# Prints each step's time and the images' sizes; writes the figures to $CONTAINER_FIGURES (a JSON
# file) when set. Nothing is cached between runs: with CI=true the build cache and the previous
# run's images are removed first. Needs root, Debian's docker.io, docker-compose,
# qemu-user-static, binfmt-support and debootstrap (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
# Debian's docker CLI (BuildKit without buildx) before any newer one on PATH; compose v1 builds
# through it.
export PATH="/usr/bin:$PATH" DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1
started=$(date +%s)
step() { echo; echo "=== container test: $* ($(( $(date +%s) - started )) s)"; }
work=$(mktemp -d)
projects=(mlci-native mlci-arm64 mlci-scale)
started_dockerd=""

cleanup() {
  for project in "${projects[@]}"; do
    for file in docker/compose.yml docker/compose.scale.yml; do
      [ -d "$work/clone" ] && (cd "$work/clone" && POSTGRES_PASSWORD=x docker-compose -p "$project" -f "$file" down -v --remove-orphans >/dev/null 2>&1) || true
    done
  done
  rm -rf "$work"
  if [ -n "$started_dockerd" ]; then
    kill "$started_dockerd" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$started_dockerd" 2>/dev/null || break; sleep 0.5; done
  fi
}
trap cleanup EXIT

step "engine"
if ! docker info >/dev/null 2>&1; then
  dockerd >/var/log/moodlobby-ci-dockerd.log 2>&1 &
  started_dockerd=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { tail -n 30 /var/log/moodlobby-ci-dockerd.log >&2; exit 1; }
fi
native_arch=$(docker version -f '{{.Server.Arch}}')
platforms="linux/$native_arch"
if [ "$native_arch" != arm64 ]; then
  platforms+=",linux/arm64"
  mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  update-binfmts --enable qemu-aarch64
fi
docker version -f 'dockerd {{.Server.Version}} on {{.Server.Os}}/{{.Server.Arch}}'
docker-compose version --short | sed 's/^/docker-compose /'

if [ "${CI:-}" = true ]; then
  step "clean slate: no build cache, no images from an earlier run"
  docker ps -aq --filter 'label=com.docker.compose.project' | xargs -r docker rm -f >/dev/null
  # grep finds nothing on a machine that never built them: not a failure.
  docker images --format '{{.Repository}}:{{.Tag}}' | { grep -E '^moodlobby(-stand-in)?/' || true; } | xargs -r docker rmi -f >/dev/null
  docker builder prune -af >/dev/null
fi

step "stand-in bases for $platforms"
env_file="$work/stand-in.env"
bash docker/stand-in-bases.sh --platform "$platforms" --services >"$env_file"

step "clean clone"
git clone -q "$root" "$work/clone"
git -C "$root" diff --quiet HEAD -- || echo "(uncommitted changes are not in the clone: the test runs HEAD, $(git -C "$root" rev-parse --short HEAD))"

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
# The settings of one platform's block in the stand-in output, as `export` lines.
stand_in_env() { awk -v want="# linux/$1 " 'index($0, want) == 1 { on = 1; next } /^#/ { on = 0 } on { print "export " $0 }' "$env_file"; }
figures="$work/figures"; mkdir -p "$figures"

stack_test() { # <single|scale> <arch> <project>
  local mode=$1 arch=$2 project=$3 port
  port=$(free_port)
  (
    eval "$(stand_in_env "$arch")"
    export MOODLOBBY_TAG="ci-$arch" PORT="$port" API_PUBLISH_ADDRESS=127.0.0.1 \
      SESSION_SECRET="container-test-$(node -p 'require("crypto").randomBytes(12).toString("hex")')" \
      ENABLE_MODEL=1 POSTGRES_PASSWORD="pg-$(node -p 'require("crypto").randomBytes(8).toString("hex")')" \
      EXTRA_CA_CERTS="$(cat /usr/local/share/ca-certificates/*.crt 2>/dev/null || true)"
    if [ "$mode" = single ]; then
      # Room to show every message in the history after the restart; no rate limit in the way.
      export MESSAGE_HISTORY_LIMIT=1000 RATE_LIMIT_MAX=100000
    else
      export RATE_LIMIT_MAX=4 RATE_LIMIT_WINDOW_MS=60000
    fi
    node docker/test/stack-test.mjs "$mode" --dir "$work/clone" --project "$project" --port "$port" --arch "$arch" \
      --figures "$figures/$mode-$arch.json"
  )
}

step "single node, linux/$native_arch"
stack_test single "$native_arch" mlci-native
if [ "$native_arch" != arm64 ]; then
  step "single node, linux/arm64 (emulated)"
  stack_test single arm64 mlci-arm64
fi
step "scale-out: PostgreSQL, Redis, 2 API replicas behind nginx, linux/$native_arch"
stack_test scale "$native_arch" mlci-scale

step "figures"
node -e '
  const fs = require("fs"), path = require("path");
  const dir = process.argv[1];
  const all = fs.readdirSync(dir).sort().map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
  for (const run of all) {
    const s = run.steps;
    const images = Object.entries(run.images || {}).map(([name, i]) => `${name} ${i.megabytes} MB`).join(", ");
    console.log(`${run.mode} ${run.arch}: ${images}; cold start to healthy ${run.coldStartToHealthySeconds?.toFixed(1)} s` +
      (run.drainSeconds !== undefined ? `; drain ${run.drainSeconds.toFixed(2)} s` : "") +
      (s["build api image"] !== undefined ? `; build api ${s["build api image"].toFixed(0)} s, sidecar ${s["build sidecar image"].toFixed(0)} s` : "") +
      `; total ${run.totalSeconds?.toFixed(0)} s`);
  }
  if (process.env.CONTAINER_FIGURES) fs.writeFileSync(process.env.CONTAINER_FIGURES, JSON.stringify(all, null, 2) + "\n");
' "$figures"
step "passed"
