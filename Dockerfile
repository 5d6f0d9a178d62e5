# upbit-trader as a container: Node 20 slim, a non-root user, the data folder as a volume, a health
# check on /health. The image runs the built trader directly (no npm in between), so `docker stop`'s
# SIGTERM reaches the trader, which stops cleanly. Build: docker build -t upbit-trader .
# Run (paper mode; the admin API published on the host's loopback only):
#   docker run -d --name trader -p 127.0.0.1:8420:8420 -v trader-data:/data -e TRADER_TOKEN=... upbit-trader

FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 compiles when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The trader's build builds the dashboard first (dist/dashboard), then compiles the server (dist/trader).
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run trader:build --skip-nx-cache \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    TRADER_HOST=0.0.0.0 \
    TRADER_PORT=8420 \
    TRADER_DB=/data/trader.db
WORKDIR /app
# Only what the built trader reads at run time: its compiled code, the dashboard's files, production
# dependencies, and tsconfig.base.json (the import aliases of the compiled code).
COPY --from=build /app/package.json /app/tsconfig.base.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/trader/bin ./apps/trader/bin
RUN groupadd --system trader && useradd --system --gid trader --home-dir /data --shell /usr/sbin/nologin trader \
 && mkdir -p /data && chown trader:trader /data
USER trader
VOLUME ["/data"]
EXPOSE 8420
# Inside the container the trader listens on every interface so the published port reaches it; publish
# it on the host's loopback (-p 127.0.0.1:8420:8420), as the admin API must not face a network.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.TRADER_PORT||8420)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "apps/trader/bin/trader.js", "start"]
