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
# Buildah assembles the programs' OCI images without a container engine (tools/image/build-image.ts).
debs+=(buildah)
command -v java >/dev/null || debs+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || debs+=(maven)
apt_install "${debs[@]}"

# npm ci when node_modules is missing or older than the lockfile (npm keeps its own copy of the lock).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  CHECKPOINT_DISABLE=1 npm ci --no-audit --no-fund --loglevel=error
fi

bash tools/infra/kafka.sh fetch

# Kubernetes manifests (infra/k8s) are rendered and checked offline by infra/test/manifests.spec.ts:
# Kustomize, kubernetes-validate (PyPI; it bundles the Kubernetes JSON schemas) and the CRD schemas
# of the Strimzi operator the manifests target (generated from its Maven Central jars).
K8S_TOOLS="$CACHE_DIR/k8s"
KUBERNETES_VALIDATE_VERSION=1.37.0
KUSTOMIZE_VERSION=v5.5.0

# kubectl has Kustomize built in (this machine image's kubectl 1.32 carries v5.5.0), but it comes from
# no registry we reach: where it is missing, the same Kustomize is built from the Go module proxy.
kubectl_version=$(kubectl version --client 2>/dev/null || true)
if [[ $kubectl_version != *"Kustomize Version: v5."* ]] && [ ! -x "$K8S_TOOLS/bin/kustomize" ]; then
  command -v go >/dev/null || die "no kubectl with Kustomize v5 and no Go (>= 1.22) to build Kustomize $KUSTOMIZE_VERSION"
  log "building Kustomize $KUSTOMIZE_VERSION from the Go module proxy into $K8S_TOOLS/bin"
  GOBIN="$K8S_TOOLS/bin" GOFLAGS=-mod=mod go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
fi

if [ "$("$K8S_TOOLS/venv/bin/kubernetes-validate" --version 2>/dev/null)" != "$KUBERNETES_VALIDATE_VERSION" ]; then
  python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
  log "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION into $K8S_TOOLS/venv"
  rm -rf "$K8S_TOOLS/venv"
  python3 -m venv "$K8S_TOOLS/venv"
  "$K8S_TOOLS/venv/bin/pip" install -q --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
fi

# Strimzi's CRDs as JSON in .cache/strimzi/crds, regenerated when infra/strimzi/pom.xml changes.
strimzi_crds() {
  local dir="$CACHE_DIR/strimzi" pom="$ROOT/infra/strimzi/pom.xml" want crds model
  crds="$dir/crds"
  want=$(sha256sum "$pom" | cut -d' ' -f1)
  if [ "$(cat "$dir/.pom.sha256" 2>/dev/null)" = "$want" ] && [ -f "$crds/kafkauser.json" ]; then return 0; fi
  log "generating Strimzi's CRD schemas from Maven Central's io.strimzi jars into $crds"
  rm -rf "$dir/libs" "$crds" && mkdir -p "$dir/libs" "$crds"
  mvn -q -B -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/libs" \
    >"$LOG_DIR/strimzi-fetch.log" 2>&1 || { cat "$LOG_DIR/strimzi-fetch.log" >&2; die "Maven could not fetch the Strimzi jars"; }
  model=io.strimzi.api.kafka.model
  # The same options as Strimzi's own build (api/pom.xml), without --yaml: JSON for the spec.
  java -cp "$dir/libs/*" io.strimzi.crdgenerator.CrdGenerator \
    --crd-api-version v1 --api-versions v1beta2 --storage-version v1beta2 \
    "$model.kafka.Kafka=$crds/kafka.json" \
    "$model.nodepool.KafkaNodePool=$crds/kafkanodepool.json" \
    "$model.topic.KafkaTopic=$crds/kafkatopic.json" \
    "$model.user.KafkaUser=$crds/kafkauser.json" \
    >"$LOG_DIR/strimzi-crds.log" 2>&1 || { cat "$LOG_DIR/strimzi-crds.log" >&2; die "Strimzi's CRD generator failed"; }
  echo "$want" >"$dir/.pom.sha256"
}
strimzi_crds
