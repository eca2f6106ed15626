/**
 * The devops role, offline: a container image, Compose, CI and the configuration files. The
 * settings (PORT, HOST, DATA_DIR) are the ones src/server.js reads; the README documents them.
 */
import type { Plan } from "../plan";
import type { GeneratedFile } from "./layout";
import { DEVOPS_FILES } from "./layout";
import { renderReadme } from "./readme";

function dockerfile(): string {
  return `# syntax=docker/dockerfile:1
FROM node:22-alpine

ENV NODE_ENV=production \\
    HOST=0.0.0.0 \\
    PORT=3000 \\
    DATA_DIR=/app/data

WORKDIR /app
# The app has no npm dependencies, so there is nothing to install. If you add some, copy the
# lockfile too and run "npm ci --omit=dev" here, before copying the sources, to keep the cache.
COPY package.json ./
COPY src ./src
COPY public ./public

# The data folder belongs to the unprivileged "node" user the image already has.
RUN mkdir -p /app/data && chown node:node /app/data
USER node

EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s \\
  CMD wget -qO- "http://127.0.0.1:\${PORT}/health" > /dev/null || exit 1
CMD ["node", "src/server.js"]
`;
}

const DOCKERIGNORE = `node_modules
npm-debug.log
.env
.env.*
!.env.example
data
.git
.github
test
Dockerfile
docker-compose.yml
`;

function compose(plan: Plan): string {
  return `services:
  app:
    build: .
    image: ${plan.slug}
    # A real init as PID 1 forwards SIGTERM, so "docker compose down" stops the server cleanly.
    init: true
    ports:
      - "\${PORT:-3000}:3000"
    environment:
      PORT: "3000"
      HOST: 0.0.0.0
      DATA_DIR: /app/data
    volumes:
      - data:/app/data
    restart: unless-stopped

volumes:
  data:
`;
}

function ci(plan: Plan): string {
  return `name: CI

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - run: npm install --no-audit --no-fund
      - run: npm test

  docker:
    runs-on: ubuntu-latest
    needs: test
    steps:
      - uses: actions/checkout@v4
      - run: docker build -t ${plan.slug}:ci .
`;
}

function envExample(plan: Plan): string {
  const es = plan.language === "es";
  return [
    es
      ? "# Copia este archivo a .env; las variables ya definidas en el entorno tienen prioridad."
      : "# Copy this file to .env; variables already set in the environment win.",
    es ? "# Puerto HTTP" : "# HTTP port",
    "PORT=3000",
    es
      ? "# Interfaz de escucha (0.0.0.0 para aceptar conexiones de otras máquinas)"
      : "# Interface to listen on (0.0.0.0 to accept connections from other machines)",
    "HOST=127.0.0.1",
    es ? "# Carpeta donde se guarda data.json; vacía = solo en memoria" : "# Folder where data.json is saved; empty = memory only",
    "DATA_DIR=./data",
    "",
  ].join("\n");
}

const GITIGNORE = `node_modules/
data/
.env
.env.*
!.env.example
*.log
`;

export function devopsFiles(plan: Plan): GeneratedFile[] {
  return [
    { path: DEVOPS_FILES.dockerfile.path, content: dockerfile() },
    { path: DEVOPS_FILES.dockerignore.path, content: DOCKERIGNORE },
    { path: DEVOPS_FILES.compose.path, content: compose(plan) },
    { path: DEVOPS_FILES.ci.path, content: ci(plan) },
    { path: DEVOPS_FILES.env.path, content: envExample(plan) },
    { path: DEVOPS_FILES.gitignore.path, content: GITIGNORE },
    { path: DEVOPS_FILES.readme.path, content: renderReadme(plan) },
  ];
}
