# syntax=docker/dockerfile:1
#
# Production image for the Sei AI Portfolio Manager backend, on Node.js 24 LTS (the production runtime).
#   docker build -t sei-portfolio-backend .
#   docker run --env-file .env.production -p 8000:8000 sei-portfolio-backend
# One Node process per container (scale with more containers). tini is PID 1: it forwards SIGTERM to
# Node, which shuts down gracefully within ~4s, and reaps zombies. (Without tini, use `docker run --init`.)

ARG NODE_IMAGE=node:24-alpine

# ---- build: all dependencies, compile TypeScript, then drop devDependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.js ./scripts/build.js
COPY src ./src
# npm run build (scripts/build.js) also copies the SQL migrations to dist/infra/db/migrations and makes the embedded
# Postgres template (dist/infra/db/pglite-template.tar.gz) that a fresh DATA_DIR is unpacked from.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production node_modules + dist + package.json only ----
FROM ${NODE_IMAGE} AS runtime
RUN apk add --no-cache tini
ENV NODE_ENV=production \
    PORT=8000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data \
    LOG_DIR=/app/logs
WORKDIR /app
# Code stays owned by root (read-only for the app user); only data/ and logs/ are writable.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data /app/logs && chown node:node /app/data /app/logs
USER node
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "dist/main.js"]
