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

# Each service's migrations carry a copy of the outbox trigger's function (libs/messaging/sql/
# messaging-tables.sql, the relay's side of its protocol): the migrated function must be the library's.
# The function's body as PostgreSQL keeps it (between the $$), blank lines and trailing spaces aside.
body() { sed 's/[[:space:]]*$//' | sed '/^$/d'; }
lib_body=$(awk '/^CREATE FUNCTION pgov_outbox_notify\(\)/{on=1} on{print} on&&/^END \$\$;/{exit}' libs/messaging/sql/messaging-tables.sql | sed -n '/\$\$$/,$p' | sed '1d;s/\$\$;$//' | body)
for svc in "${SERVICES[@]}"; do
  upper=${svc^^}; var="${upper}_TEST_DATABASE_URL"
  url=${!var:-postgresql://$svc:$svc@127.0.0.1:5432/${svc}_test}
  db_body=$(psql "$url" -qAt -c "SELECT prosrc FROM pg_proc WHERE proname = 'pgov_outbox_notify'" | body)
  if [ "$db_body" != "$lib_body" ]; then
    log "$svc: its migrated pgov_outbox_notify() differs from libs/messaging/sql/messaging-tables.sql; add a migration with the library's"
    status=1
  fi
done
[ $status -eq 0 ] && log "every service's schema matches its migrations, and its outbox trigger the library's"
exit $status
