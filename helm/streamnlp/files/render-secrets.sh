#!/bin/sh
# Writes the credentials found in the environment as Java properties into $1 (readable by the
# owner only), for the StreamNLP applications to read with a second --config.
set -eu
out="${1:?usage: render-secrets.sh OUT_FILE}"
umask 077
: > "$out"

# Java properties read a backslash as an escape character.
prop_escape() { printf '%s' "$1" | sed 's/\\/\\\\/g'; }
# A JAAS option value in double quotes, with its own backslash escapes.
jaas_quote() { printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"; }
line() { printf '%s=%s\n' "$1" "$(prop_escape "$2")" >> "$out"; }

if [ "${KAFKA_SASL_ENABLED:-false}" = "true" ]; then
  if [ -z "${KAFKA_SASL_USERNAME:-}" ] || [ -z "${KAFKA_SASL_PASSWORD:-}" ]; then
    echo "render-secrets: kafka.sasl.enabled needs kafka-sasl-username and kafka-sasl-password in the credentials Secret" >&2
    exit 1
  fi
  case "${KAFKA_SASL_MECHANISM:-}" in
    PLAIN) module=org.apache.kafka.common.security.plain.PlainLoginModule ;;
    SCRAM-SHA-256 | SCRAM-SHA-512) module=org.apache.kafka.common.security.scram.ScramLoginModule ;;
    *) echo "render-secrets: unsupported SASL mechanism '${KAFKA_SASL_MECHANISM:-}'" >&2; exit 1 ;;
  esac
  line kafka.properties.sasl.jaas.config \
    "$module required username=$(jaas_quote "$KAFKA_SASL_USERNAME") password=$(jaas_quote "$KAFKA_SASL_PASSWORD");"
fi
if [ -n "${SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO:-}" ]; then
  line registry.basic-auth-user-info "$SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO"
fi
if [ -n "${SCHEMA_REGISTRY_BEARER_TOKEN:-}" ]; then
  line registry.bearer-token "$SCHEMA_REGISTRY_BEARER_TOKEN"
fi
if [ -n "${MODEL_REGISTRY_TOKEN:-}" ]; then
  line model.registry.token "$MODEL_REGISTRY_TOKEN"
fi
echo "render-secrets: wrote $(wc -l < "$out") credential properties"
