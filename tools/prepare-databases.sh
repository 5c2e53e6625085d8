#!/usr/bin/env bash
# Generates each service's Prisma client and applies its committed migrations (offline: the schema
# engine runs as WebAssembly through libs/prisma-offline).
#   bash tools/prepare-databases.sh dev|test
# dev uses <SERVICE>_DATABASE_URL or the local <service> database; test the local <service>_test one
# (or <SERVICE>_TEST_DATABASE_URL).
set -euo pipefail
source "$(dirname "$0")/infra/lib.sh"
source "$(dirname "$0")/infra/services.sh"
cd "$ROOT"
mode=${1:-dev}

for svc in "${SERVICES[@]}"; do
  [ -f "apps/$svc/prisma.config.ts" ] || continue
  upper=${svc^^}
  if [ "$mode" = test ]; then
    var="${upper}_TEST_DATABASE_URL"; url=${!var:-postgresql://$svc:$svc@127.0.0.1:5432/${svc}_test}
  else
    var="${upper}_DATABASE_URL"; url=${!var:-postgresql://$svc:$svc@127.0.0.1:5432/$svc}
  fi
  DATABASE_URL=$url node libs/prisma-offline/bin/prisma.cjs generate --config "apps/$svc/prisma.config.ts" >"$LOG_DIR/prisma-$svc.log" 2>&1 \
    || { cat "$LOG_DIR/prisma-$svc.log" >&2; die "prisma generate failed for $svc"; }
  DATABASE_URL=$url node libs/prisma-offline/bin/prisma.cjs migrate deploy --config "apps/$svc/prisma.config.ts" >>"$LOG_DIR/prisma-$svc.log" 2>&1 \
    || { cat "$LOG_DIR/prisma-$svc.log" >&2; die "prisma migrate deploy failed for $svc"; }
  log "$svc: client generated, migrations applied ($mode)"
done
