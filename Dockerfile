# A small image running `omeka-twin serve` as a non-root user, with /data as the volume.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
 && npm ci --omit=dev --no-audit --no-fund \
 && rm -rf /var/lib/apt/lists/*

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
COPY migrations ./migrations
COPY seed ./seed
RUN mkdir /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["node", "--import", "tsx", "src/main.ts"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--data", "/data"]
