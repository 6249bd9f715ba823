#!/usr/bin/env bash
# Checks the deployment files offline with the tools that own their formats, where they are installed:
#   Docker Compose     `config -q` on docker-compose.yml, alone and with docker-compose.gpu.yml (needs no engine)
#   promtool           `check config` on the Prometheus configuration
#   dockerfile-utils   `lint` on every ops/docker/*.Dockerfile
#   jq or python3      every Grafana dashboard parses as JSON
# Install: apt-get install -y --no-install-recommends docker-compose prometheus; npm install -g dockerfile-utils
# Cross-checks between the files and the code (ports, mounts, metric names) are ops' JUnit tests
# (io.fer.ops.deploy), which `mvn verify` runs.
#
# Usage: ops/scripts/validate-deploy.sh [--strict]    --strict: a missing tool is a failure, not a notice
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
strict=false
[ "${1:-}" = "--strict" ] && strict=true

failures=0
missing=0
ok() { echo "ok       $*"; }
absent() { echo "MISSING  $*"; missing=$((missing + 1)); }
# check LABEL COMMAND...: runs the command; prints ok, or FAILED with the command's output.
check() {
  local label="$1" out
  shift
  if out="$("$@" 2>&1)"; then
    ok "$label"
  else
    echo "FAILED   $label"
    printf '%s\n' "$out" | sed 's/^/         /'
    failures=$((failures + 1))
  fi
}
has() { command -v "$1" > /dev/null 2>&1; }

compose=()
if docker compose version > /dev/null 2>&1; then compose=(docker compose)
elif has docker-compose; then compose=(docker-compose)
fi
if [ ${#compose[@]} -gt 0 ]; then
  check "${compose[*]} config: docker-compose.yml" "${compose[@]}" -f docker-compose.yml config -q
  check "${compose[*]} config: docker-compose.yml + docker-compose.gpu.yml" \
    "${compose[@]}" -f docker-compose.yml -f docker-compose.gpu.yml config -q
else
  absent "Docker Compose (docker compose or docker-compose): compose files not checked"
fi

prometheus_config=ops/monitoring/prometheus/prometheus.yml
if has promtool; then check "promtool check config: $prometheus_config" promtool check config "$prometheus_config"
else absent "promtool: $prometheus_config not checked"; fi

for dockerfile in ops/docker/*.Dockerfile; do
  if has dockerfile-utils; then check "dockerfile-utils lint: $dockerfile" dockerfile-utils lint "$dockerfile"
  else absent "dockerfile-utils: $dockerfile not checked"; fi
done

for dashboard in ops/monitoring/grafana/dashboards/*.json; do
  if has jq; then check "JSON: $dashboard" jq empty "$dashboard"
  elif has python3; then check "JSON: $dashboard" python3 -m json.tool "$dashboard"
  else absent "jq and python3: $dashboard not checked"; fi
done

echo "validate-deploy: $failures failed, $missing missing tools"
[ "$failures" -eq 0 ] || exit 1
if [ "$missing" -gt 0 ] && $strict; then exit 1; fi
exit 0
