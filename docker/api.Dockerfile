# The API image: the API bundle serving the built web app, run by Node as a non-root user.
#
# The JavaScript build (npm install, nx build, bundling) runs on the BUILD platform, so building
# for linux/arm64 on an amd64 machine runs no JavaScript tooling under emulation. The one native
# part, better-sqlite3's addon, is compiled for the TARGET platform by a cross-compiler (Debian's
# g++-<target>-linux-gnu) in a build-platform stage too. The runtime stage only copies files.
#
# Build from the repository root (docker/compose.yml does):
#   docker build -f docker/api.Dockerfile .                               official node image
#   docker build -f docker/api.Dockerfile --platform linux/arm64 .        for arm64, from anywhere
# Bases (build arguments; unset or empty: Docker Hub's node image, DEFAULT_NODE_IMAGE):
#   NODE_IMAGE        the runtime's, for the target platform
#   NODE_BUILD_IMAGE  the build stages', for the build platform (default: NODE_IMAGE)
# docker/stand-in-bases.sh makes stand-ins for machines without Docker Hub and prints the values.

ARG DEFAULT_NODE_IMAGE=node:22.23.5-bookworm-slim
ARG NODE_IMAGE
ARG NODE_BUILD_IMAGE

# --- the web app and the API bundle, built on the build platform -------------------------------
FROM --platform=$BUILDPLATFORM ${NODE_BUILD_IMAGE:-${NODE_IMAGE:-$DEFAULT_NODE_IMAGE}} AS build
# The npm the workspace uses: it honours package.json's allowScripts.
ARG NPM_VERSION=11.19.1
# CI only: extra CA certificates (PEM) for a TLS-intercepting network. Used in build stages
# only; nothing of it reaches the runtime image.
ARG EXTRA_CA_CERTS=
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true NODE_EXTRA_CA_CERTS=/tmp/extra-ca.pem
RUN (printenv EXTRA_CA_CERTS || true) >/tmp/extra-ca.pem \
 && npm install -g --no-audit --no-fund "npm@$NPM_VERSION"
WORKDIR /repo
COPY package.json package-lock.json ./
# No install scripts: nothing here needs a native addon (better-sqlite3 is compiled below for
# the target), and esbuild / nx find their platform binaries without them.
RUN npm install --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build -- --outputStyle=static \
 && node tools/bundle-api.mjs --ignore-scripts

# --- what the runtime gets of it: no sources of the addon, no source maps ----------------------
FROM build AS bundle
RUN cd dist/apps/api/node_modules \
 && rm -rf better-sqlite3/deps better-sqlite3/src better-sqlite3/build typeorm/browser \
 && find . -name '*.map' -type f -delete \
 && mkdir -p /empty

# --- better-sqlite3's native addon, compiled on the build platform for the target ---------------
FROM --platform=$BUILDPLATFORM ${NODE_BUILD_IMAGE:-${NODE_IMAGE:-$DEFAULT_NODE_IMAGE}} AS native
ARG TARGETARCH
ARG BUILDARCH
ARG EXTRA_CA_CERTS=
ENV NODE_EXTRA_CA_CERTS=/tmp/extra-ca.pem
RUN set -eu; (printenv EXTRA_CA_CERTS || true) >/tmp/extra-ca.pem; \
    case "$TARGETARCH" in \
      amd64) triple=x86_64-linux-gnu; gyp_arch=x64 ;; \
      arm64) triple=aarch64-linux-gnu; gyp_arch=arm64 ;; \
      *) echo "api.Dockerfile: no cross-compiler set up for $TARGETARCH (amd64, arm64)" >&2; exit 1 ;; \
    esac; \
    if [ "$TARGETARCH" = "$BUILDARCH" ]; then compilers="gcc g++"; prefix=""; \
    else compilers="gcc-$(echo $triple | tr _ -) g++-$(echo $triple | tr _ -)"; prefix="$triple-"; fi; \
    apt-get update -qq; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make $compilers >/dev/null; \
    rm -rf /var/lib/apt/lists/*; \
    printf 'CC=%sgcc\nCXX=%sg++\nLINK=%sg++\nAR=%sar\nGYP_ARCH=%s\n' "$prefix" "$prefix" "$prefix" "$prefix" "$gyp_arch" >/tmp/toolchain.env
COPY --from=build /repo/dist/apps/api/node_modules/better-sqlite3 /addon/better-sqlite3
WORKDIR /addon/better-sqlite3
# node-gyp from the image's npm, the headers of the image's Node (the same version as the
# runtime's): no downloads.
RUN set -eu; . /tmp/toolchain.env; export CC CXX LINK AR; \
    node "$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js" \
      rebuild --release --arch="$GYP_ARCH" --nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")" -j 2 \
 && mkdir -p /out && cp build/Release/better_sqlite3.node /out/

# --- runtime: files only (no RUN), so a foreign-platform build needs no emulation ---------------
FROM ${NODE_IMAGE:-$DEFAULT_NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=bundle /repo/dist/apps/api ./api
COPY --from=native /out/better_sqlite3.node ./api/node_modules/better-sqlite3/build/Release/
COPY --from=bundle /repo/dist/apps/web/browser ./web/browser
# data/ (relative to /app, as in the defaults: sqlite:data/moodlobby.db, data/session-secret) is
# the only place the app writes: a volume owned by the app's user.
COPY --from=bundle --chown=node:node /empty ./data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
# The API drains within 5 s of SIGTERM (SHUTDOWN_DEADLINE_MS 4.5 s) and exits 0.
STOPSIGNAL SIGTERM
# bash's /dev/tcp rather than a Node process per check: cheap on a small board and under emulation.
HEALTHCHECK --interval=5s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-3000} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
CMD ["node", "api/main.js"]
