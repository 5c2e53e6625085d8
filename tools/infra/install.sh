#!/usr/bin/env bash
# Installs what the platform needs on this machine, idempotently: Debian packages (PostgreSQL, a JDK
# and Maven for the Kafka broker, kcat for partners' view of topics, Chromium and CJK fonts for the
# report screenshot test), the npm dependencies, the Kafka jars. Only package registries are contacted.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

debs=(postgresql postgresql-client kcat)
# Headless Chromium renders the HTML report in tests; without CJK fonts its Chinese would be tofu.
debs+=(chromium fonts-noto-cjk)
command -v java >/dev/null || debs+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || debs+=(maven)
apt_install "${debs[@]}"

# npm ci when node_modules is missing or older than the lockfile (npm keeps its own copy of the lock).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  CHECKPOINT_DISABLE=1 npm ci --no-audit --no-fund --loglevel=error
fi

bash tools/infra/kafka.sh fetch
