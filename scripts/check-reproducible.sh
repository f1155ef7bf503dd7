#!/usr/bin/env bash
# Builds every function jar twice from clean and fails unless both builds are byte-identical,
# so that a CDK asset hash (and the Lambda version it publishes) changes only when code changes.
#
# Usage: scripts/check-reproducible.sh [extra Maven arguments, e.g. -o]
# Fails when a build fails (printing Maven's output), when a build does not produce exactly one
# target/function.jar per function module, or when the two builds differ.
set -euo pipefail
cd "$(dirname "$0")/.."

# The function modules are those that shade a deployment jar (see functions/pom.xml).
modules=()
for pom in functions/*/pom.xml; do
  if grep -q '<artifactId>maven-shade-plugin</artifactId>' "$pom"; then
    modules+=("$(dirname "$pom")")
  fi
done
expected=${#modules[@]}
if [ "$expected" -eq 0 ]; then
  echo "no function module found (functions/*/pom.xml with maven-shade-plugin)" >&2
  exit 1
fi
module_list=$(IFS=,; echo "${modules[*]}")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# build NAME: one clean build of the function modules through the root reactor (their test-scope
# dependencies, such as local/, are modules of the root), then the sums of their jars in NAME.sums.
build() {
  local name=$1 log="$work/$1.log"
  if ! mvn -B clean package -DskipTests -pl "$module_list" -am "${@:2}" >"$log" 2>&1; then
    cat "$log" >&2
    echo "check-reproducible: the $name build failed (Maven output above)" >&2
    return 1
  fi
  local jars=()
  for module in "${modules[@]}"; do
    if [ -s "$module/target/function.jar" ]; then
      jars+=("$module/target/function.jar")
    else
      echo "check-reproducible: the $name build did not produce $module/target/function.jar" >&2
    fi
  done
  if [ "${#jars[@]}" -ne "$expected" ]; then
    echo "check-reproducible: the $name build produced ${#jars[@]} of $expected function jars" >&2
    return 1
  fi
  sha256sum "${jars[@]}" >"$work/$name.sums"
}

build first "$@"
sleep 2   # a later wall-clock second must not change a byte
build second "$@"

if ! diff "$work/first.sums" "$work/second.sums" >"$work/diff"; then
  echo "Function jars differ between two clean builds:" >&2
  cat "$work/diff" >&2
  exit 1
fi
echo "Reproducible: two clean builds gave identical function jars ($expected of $expected)"
while read -r sum path; do
  printf '  %s  %s  %s bytes\n' "$sum" "$path" "$(stat -c %s "$path")"
done <"$work/second.sums"
