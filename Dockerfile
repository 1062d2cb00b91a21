# omeka-twin serve as a non-root user, data in /data, configured by OMEKA_TWIN_* (README "Docker").
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# Production dependencies only (no TypeScript, no tsx, no test tools) for the runtime stage.
RUN npm run build && npm prune --omit=dev && rm -rf node_modules/tsx node_modules/typescript

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    OMEKA_TWIN_HOST=0.0.0.0 \
    OMEKA_TWIN_PORT=8080 \
    OMEKA_TWIN_DATA=/data \
    OMEKA_TWIN_LOG_LEVEL=info
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json LICENSE README.md ./
COPY bin ./bin
COPY migrations ./migrations
COPY migrations-s ./migrations-s
COPY seed ./seed
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["node", "dist/main.js", "healthcheck"]
# Configuration comes from the environment (docker run -e OMEKA_TWIN_FLAVOR=s ...); flags after the image name win.
ENTRYPOINT ["node", "dist/main.js"]
CMD ["serve"]
