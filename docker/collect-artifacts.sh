#!/usr/bin/env bash
# Gathers what the runtime images need after `mvn package -pl flink-job,cli -am`, run from the
# repository root in the same step as the build (cli/target/classpath.txt points into ~/.m2).
# STREAMNLP_BUILD_DIR names the modules' build directory when it is not target.
#   OUT/job/streamnlp-flink-job.jar   the shaded job jar
#   OUT/cli/lib/*.jar                 the CLI and every runtime jar it needs
set -euo pipefail
out="${1:?usage: collect-artifacts.sh OUT_DIR}"
build="${STREAMNLP_BUILD_DIR:-target}"
mkdir -p "$out/job" "$out/cli/lib"
shopt -s nullglob

# Exactly one file matching a module's build output pattern, or a clear failure.
one_jar() {
  local module="$1" pattern="$2" found=()
  for f in "$module/$build"/$pattern; do
    case "$f" in *-tests.jar | *-sources.jar | *-javadoc.jar | */original-*) ;; *) found+=("$f") ;; esac
  done
  if [ "${#found[@]}" -ne 1 ]; then
    echo "collect-artifacts: expected one $pattern in $module/$build, found: ${found[*]:-none}" >&2
    exit 1
  fi
  printf '%s\n' "${found[0]}"
}

# the shaded jar is attached with the classifier "job"
cp "$(one_jar flink-job 'streamnlp-flink-job-*-job.jar')" "$out/job/streamnlp-flink-job.jar"

add_to_cli_lib() {
  local dest="$out/cli/lib/$(basename "$1")"
  # two artifacts may share a file name (same artifactId in different groups)
  [ -e "$dest" ] && dest="$out/cli/lib/$(printf '%s' "$1" | md5sum | cut -c1-8)-$(basename "$1")"
  cp "$1" "$dest"
}

add_to_cli_lib "$(one_jar cli 'streamnlp-cli-*.jar')"
# the file has no final newline, which a plain read would report as a failure
IFS=: read -r -a entries <<<"$(cat "cli/$build/classpath.txt")"
for entry in "${entries[@]}"; do
  if [ -f "$entry" ]; then
    add_to_cli_lib "$entry"
  elif [ -d "$entry" ]; then
    # a reactor module resolved to its classes directory: package it
    module="$(basename "$(dirname "$(dirname "$entry")")")"
    jar cf "$out/cli/lib/streamnlp-$module.jar" -C "$entry" .
  else
    echo "collect-artifacts: class path entry $entry does not exist" >&2
    exit 1
  fi
done
echo "collect-artifacts: job jar and $(ls "$out/cli/lib" | wc -l) CLI jars in $out"
