# syntax=docker/dockerfile:1
# The answer desk in a container: built in one stage, run in another from the compiled start
# (node dist/main.js) with production dependencies only, as the unprivileged `node` user.
# Untested here: this machine has no Docker engine, so `docker build` was never run on it.
#
#   docker build -t answer-desk .
#   docker run --env-file .env -v answer-desk-data:/data -v "$PWD/seeds:/app/seeds:ro" answer-desk
#
# Gateway mode (DISCORD_TOKEN) opens no port; HTTP mode listens on INTERACTIONS_PORT (see README,
# "Deployment"). The index cache and the state (button secret, button state without Redis) live
# on the /data volume, so a new container starts fast and buttons keep working.

ARG NODE_VERSION=20-bookworm-slim

FROM node:${NODE_VERSION} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` builds, and the sources are not copied yet.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

FROM node:${NODE_VERSION} AS runtime
ENV NODE_ENV=production \
    SEEDS_DIR=/app/seeds \
    INDEX_CACHE_DIR=/data/index \
    STATE_DIR=/data/state
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; no install scripts (nothing to build, no devDependencies to build with).
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY seeds ./seeds
COPY deploy/healthcheck.mjs ./deploy/healthcheck.mjs
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# HTTP mode: 200 from GET /healthz once the index is loaded. Gateway mode has no port: the check
# passes, and a bot that cannot serve exits (restart policy) rather than hanging.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "deploy/healthcheck.mjs"]
# SIGTERM (docker stop) lets in-flight replies finish; keep --stop-timeout above 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
