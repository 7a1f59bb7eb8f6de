# syntax=docker/dockerfile:1
# The API image: builds the web app and the API with the repository's own scripts, then runs the
# bundled server (which serves the built web app) as a non-root user. Build from the repo root:
#   docker compose -f docker/compose.yml up --build

FROM node:22-bookworm-slim AS build
# node-gyp needs these to compile better-sqlite3.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# The npm CI uses: it honours package.json's allowScripts (only approved install scripts run).
RUN npm install -g npm@11.19.1
WORKDIR /repo
# No prebuilt-binary downloads: native addons compile from source.
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true npm_config_build_from_source=true
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build
RUN node tools/bundle-api.mjs

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=sqlite:/data/moodlobby.db
WORKDIR /app
COPY --from=build --chown=node:node /repo/dist/apps/api ./api
COPY --from=build --chown=node:node /repo/dist/apps/web/browser ./web/browser
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "api/main.js"]
