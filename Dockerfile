# One image for every service group; SERVICES picks the groups a container runs.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY ui/package.json ui/package-lock.json ./ui/
COPY scripts/ui.ts ./scripts/
RUN npm ci --omit=dev --no-audit --no-fund || npm ci --no-audit --no-fund
COPY . .
RUN node --import tsx scripts/ui.ts build --force
ENV HOST=0.0.0.0 LOG_FORMAT=json
EXPOSE 3000
CMD ["sh", "-c", "node --import tsx scripts/start-node.ts $SERVICES"]
