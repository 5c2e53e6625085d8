#!/usr/bin/env bash
# Runs the whole test suite on the real parts. Works first on a fresh machine: installs what is
# missing (npm ci, Debian packages, the Kafka jars), starts PostgreSQL and Kafka if they are not
# running, prepares the test databases, runs every Jest project, then stops what it started.
#   bash tools/test.sh [jest args...]        results: .run/jest-results.json
#   AFFECTED_BASE=origin/main bash tools/test.sh   only the projects a change touches (nx affected):
#                                                  for branches; main runs everything
set -euo pipefail
source "$(dirname "$0")/infra/lib.sh"
cd "$ROOT"

bash tools/infra/install.sh

started=()
cleanup() {
  local i
  # Reverse order of starting.
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do bash "tools/infra/${started[i]}.sh" stop || true; done
}
trap cleanup EXIT

bash tools/infra/postgres.sh status >/dev/null 2>&1 || { bash tools/infra/postgres.sh start; started+=(postgres); }
bash tools/infra/kafka.sh status >/dev/null 2>&1 || { bash tools/infra/kafka.sh start; started+=(kafka); }
bash tools/infra/postgres.sh databases _test
bash tools/prepare-databases.sh test

# Static checks first: module boundaries (lint), types, and generated files that must be current.
selected=()
if [ -n "${AFFECTED_BASE:-}" ]; then
  npx nx affected -t lint typecheck --base="$AFFECTED_BASE" --output-style=static
  # Jest projects are named as the Nx projects (displayName).
  mapfile -t affected < <(npx nx show projects --affected --base="$AFFECTED_BASE")
  echo "affected since $AFFECTED_BASE: ${affected[*]:-(none)}"
  selected=(--passWithNoTests --selectProjects "${affected[@]:-none}")
else
  npx nx run-many -t lint typecheck --output-style=static
fi
# The tools (benchmarks, demo traffic, seeds' drivers) belong to no project: typecheck them too.
npx tsc -p tools/tsconfig.json
node --import tsx tools/compose-supergraph.ts --check
node --import tsx tools/write-topics.ts --check
# The configuration tables in apps/*/README.md are generated from the programs' config schemas.
node --import tsx tools/config-reference.ts --check
bash tools/check-migrations.sh

export NODE_ENV=test CHECKPOINT_DISABLE=1 APOLLO_TELEMETRY_DISABLED=true KAFKAJS_NO_PARTITIONER_WARNING=1
rm -f "$RUN_DIR/jest-results.json"
set +e
# One worker at a time: the suites share the test databases and the two cores. A worker process
# (not --runInBand) so that Jest can replace it when a suite leaves it big: in one process the
# ~100 suites' module registries and clients outgrew the 4 GB heap.
# KAFKA_BROKERS only for Jest: exported here, it would make the infra scripts treat our own broker as external.
# A secure broker (KAFKA_SECURITY=scram, the default): Jest is its admin (super user); the specs make
# their namespaced topics, and the security spec grants the declared ACLs there.
admin_credentials="${KAFKA_CREDENTIALS_DIR:-${KAFKA_RUN_DIR:-$RUN_DIR/kafka}/credentials}/admin.env"
if [ -z "${KAFKA_SASL_USERNAME:-}" ] && [ -f "$admin_credentials" ]; then set -a; source "$admin_credentials"; set +a; fi
KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092} npx jest --maxWorkers=1 --workerIdleMemoryLimit=1536MB --json --outputFile="$RUN_DIR/jest-results.json" "${selected[@]}" "$@"
status=$?
set -e
exit $status
