#!/usr/bin/env bash
# Stand-in base images for a machine that cannot pull from Docker Hub. Users with Docker Hub do not
# need any of this: the Dockerfiles default to the official node and python images.
#
# Made only from Debian packages and the npm registry:
#   moodlobby-stand-in/debian:bookworm-<arch>               debootstrap --variant=minbase bookworm
#   moodlobby-stand-in/node:<version>-bookworm-slim-<arch>  + Node from npm's node-linux-<arch>
#                                                           package, npm from the npm package, a
#                                                           `node` user (uid 1000) as in node:*-slim
#   moodlobby-stand-in/python:3.11-slim-bookworm-<arch>     + Debian's python3 (3.11) and venv
# and with --services (for docker/compose.scale.yml; the machine's own platform only), from
# Debian's packages:
#   moodlobby-stand-in/postgres:15-bookworm-<arch>, …/redis:7-bookworm-<arch>, …/nginx:1.22-bookworm-<arch>
#
# Usage: docker/stand-in-bases.sh [--platform linux/arm64[,linux/amd64]] [--services]
#   (default: the engine's own platform). Prints the settings that point the compose files' build
#   arguments (NODE_IMAGE, NODE_BUILD_IMAGE, PYTHON_IMAGE) and images (POSTGRES_IMAGE, …) at them.
#   The JavaScript build runs on the machine's own platform: make its stand-ins too when building
#   for another one. Needs root (debootstrap), docker, debootstrap, and qemu-user-static +
#   binfmt-support for a foreign platform. Re-running rebuilds them all (STAND_IN_CACHE=<folder>
#   keeps the debootstrapped rootfs tarballs there and reuses them).
set -euo pipefail
export PATH="/usr/bin:$PATH" DOCKER_BUILDKIT=1
here="$(cd "$(dirname "$0")" && pwd)"

platforms=""
services=0
while [ $# -gt 0 ]; do
  case "$1" in
    --platform) platforms="$2"; shift 2 ;;
    --platform=*) platforms="${1#*=}"; shift ;;
    --services) services=1; shift ;;
    *) echo "usage: $0 [--platform linux/arm64[,linux/amd64]] [--services]" >&2; exit 2 ;;
  esac
done

arch_of() { # docker arch name of a platform
  case "$1" in
    linux/arm64 | linux/arm64/v8) echo arm64 ;;
    linux/amd64) echo amd64 ;;
    *) echo "stand-in-bases: unsupported platform $1 (linux/amd64, linux/arm64)" >&2; return 1 ;;
  esac
}
native_arch=$(docker version -f '{{.Server.Arch}}')
[ -n "$platforms" ] || platforms="linux/$native_arch"

# The versions the Dockerfiles ask for, so the stand-ins match their defaults.
node_version=$(sed -n 's/^ARG DEFAULT_NODE_IMAGE=node:\([0-9.]*\)-bookworm-slim$/\1/p' "$here/api.Dockerfile")
npm_version=$(sed -n 's/^ARG NPM_VERSION=\([0-9.]*\)$/\1/p' "$here/api.Dockerfile")
[ -n "$node_version" ] && [ -n "$npm_version" ] || { echo "stand-in-bases: no DEFAULT_NODE_IMAGE/NPM_VERSION in api.Dockerfile" >&2; exit 1; }

# The Debian mirror apt already uses (debootstrap needs a plain http(s) one).
mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)}
mirror=${mirror:-http://deb.debian.org/debian}
cache=${STAND_IN_CACHE:-}
work=$(mktemp -d)
cache=${cache:-$work/cache}
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
say() { echo "[stand-in $(( $(date +%s) - started ))s] $*" >&2; }

rootfs() { # <arch>: a minbase bookworm tarball, made once
  local arch=$1 tar="$cache/bookworm-minbase-$1.tar"
  if [ ! -s "$tar" ]; then
    local dir="$work/rootfs-$arch"
    say "debootstrap $arch from $mirror"
    debootstrap --arch="$arch" --variant=minbase bookworm "$dir" "$mirror" >"$work/debootstrap-$arch.log" 2>&1 \
      || { tail -n 30 "$work/debootstrap-$arch.log" >&2; return 1; }
    # Slim as Docker Hub's *-slim images are: no manuals, docs or translations, now or later.
    printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
      'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
      'path-exclude /usr/share/lintian/*' >"$dir/etc/dpkg/dpkg.cfg.d/docker-slim"
    find "$dir/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    rm -rf "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/usr/share/locale/* "$dir"/usr/share/lintian/* \
      "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/var/log/*.log
    mkdir -p "$cache"
    tar --numeric-owner -C "$dir" -cf "$tar.part" . && mv "$tar.part" "$tar"
    rm -rf "$dir"
  fi
  echo "$tar"
}

build() { # <platform> <tag> <context dir>: the Dockerfile in the context
  say "build $2"
  docker build -q --network host --platform "$1" -t "$2" "$3" >/dev/null
}

# The debootstraps are mostly downloads and unpacking: run them side by side.
pids=()
for platform in ${platforms//,/ }; do
  arch=$(arch_of "$platform")
  rootfs "$arch" >/dev/null &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

for platform in ${platforms//,/ }; do
  arch=$(arch_of "$platform")
  node_arch=$arch; [ "$arch" = amd64 ] && node_arch=x64
  ctx="$work/$arch"; mkdir -p "$ctx/debian" "$ctx/node" "$ctx/python"

  # Debian itself: the rootfs as one layer.
  tar=$(rootfs "$arch")
  ln "$tar" "$ctx/debian/rootfs.tar" 2>/dev/null || cp "$tar" "$ctx/debian/rootfs.tar"
  printf 'FROM scratch\nADD rootfs.tar /\nENV LANG=C.UTF-8\nCMD ["bash"]\n' >"$ctx/debian/Dockerfile"
  debian="moodlobby-stand-in/debian:bookworm-$arch"
  build "$platform" "$debian" "$ctx/debian"

  # Node: the official binary as npm publishes it, laid out as in the node image (/usr/local).
  (cd "$work" && npm pack -q "node-linux-$node_arch@$node_version" "npm@$npm_version" >/dev/null)
  local_dir="$ctx/node/usr/local"
  mkdir -p "$local_dir/bin" "$local_dir/include" "$local_dir/lib/node_modules/npm" "$work/unpack-$arch"
  tar -xzf "$work/node-linux-$node_arch-$node_version.tgz" -C "$work/unpack-$arch"
  cp "$work/unpack-$arch/package/bin/node" "$local_dir/bin/node"
  cp -r "$work/unpack-$arch/package/include/node" "$local_dir/include/node"
  tar -xzf "$work/npm-$npm_version.tgz" -C "$local_dir/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$local_dir/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$local_dir/bin/npx"
  cat >"$ctx/node/Dockerfile" <<EOF
FROM --platform=$platform $debian
COPY usr/local/ /usr/local/
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
CMD ["node"]
EOF
  build "$platform" "moodlobby-stand-in/node:$node_version-bookworm-slim-$arch" "$ctx/node"

  # Python: Debian's 3.11 with venv (the official image's /usr/local/bin/python is /usr/bin/python3 here).
  cat >"$ctx/python/Dockerfile" <<EOF
FROM --platform=$platform $debian
RUN apt-get update -qq \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null \\
 && ln -s python3 /usr/bin/python \\
 && rm -rf /var/lib/apt/lists/*
CMD ["python3"]
EOF
  build "$platform" "moodlobby-stand-in/python:3.11-slim-bookworm-$arch" "$ctx/python"

  # The services only for the machine's own platform: emulated, their apt installs take minutes.
  if [ "$services" = 1 ] && [ "$arch" = "$native_arch" ]; then
    for service in postgres:15 redis:7 nginx:1.22; do
      say "build moodlobby-stand-in/$service-bookworm-$arch"
      docker build -q --network host --platform "$platform" --build-arg "BASE=$debian" \
        -f "$here/stand-in/${service%%:*}.Dockerfile" -t "moodlobby-stand-in/$service-bookworm-$arch" "$here/stand-in" >/dev/null
    done
  fi
done
say "done"
for platform in ${platforms//,/ }; do
  arch=$(arch_of "$platform")
  echo "# $platform images on the stand-in bases (the JavaScript build on $native_arch):"
  echo "DOCKER_DEFAULT_PLATFORM=$platform"
  echo "NODE_IMAGE=moodlobby-stand-in/node:$node_version-bookworm-slim-$arch"
  echo "NODE_BUILD_IMAGE=moodlobby-stand-in/node:$node_version-bookworm-slim-$native_arch"
  echo "PYTHON_IMAGE=moodlobby-stand-in/python:3.11-slim-bookworm-$arch"
  if [ "$services" = 1 ] && [ "$arch" = "$native_arch" ]; then
    echo "POSTGRES_IMAGE=moodlobby-stand-in/postgres:15-bookworm-$arch"
    echo "REDIS_IMAGE=moodlobby-stand-in/redis:7-bookworm-$arch"
    echo "NGINX_IMAGE=moodlobby-stand-in/nginx:1.22-bookworm-$arch"
  fi
done
