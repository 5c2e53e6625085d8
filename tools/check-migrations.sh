#!/usr/bin/env bash
# Fails when a service's Prisma schema and its committed migrations disagree (a model changed
# without `migrate dev`). Uses a temporary shadow database: the role needs CREATEDB.
set -euo pipefail
source "$(dirname "$0")/infra/lib.sh"
source "$(dirname "$0")/infra/services.sh"
cd "$ROOT"
status=0
for svc in "${SERVICES[@]}"; do
  upper=${svc^^}; var="${upper}_TEST_DATABASE_URL"
  url=${!var:-postgresql://$svc:$svc@127.0.0.1:5432/${svc}_test}
  out=$(cd "apps/$svc" && DATABASE_URL=$url node ../../libs/prisma-offline/bin/prisma.cjs migrate diff \
    --from-migrations prisma/migrations --to-schema prisma/schema --exit-code 2>&1) && continue
  code=$?
  if [ $code -eq 2 ]; then
    log "$svc: prisma/schema differs from its migrations; run: npx nx run $svc:migrate-dev -- --name <change>"
  else
    log "$svc: could not compare schema and migrations:"; echo "$out" >&2
  fi
  status=1
done
[ $status -eq 0 ] && log "every service's schema matches its migrations"
exit $status
