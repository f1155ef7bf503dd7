#!/usr/bin/env bash
# The slow release checks, run by .ci/run after the test command (CONTRIBUTING.md):
#  1. the published modules built with -Prelease: sources, Javadoc (doclint errors fail; every public
#     type and member must have a comment) and SBOM jars, and the API compatibility check (japicmp)
#     against the last release (api-baseline.properties, built by scripts/api-baseline.sh);
#  2. deployed into the file repository target/stratus-repo (nothing goes to ~/.m2);
#  3. examples/ built and tested against that repository alone (scripts/build-example.sh).
#
# An incompatible change fails step 1 unless the reactor's version raised the major version, or
# (before 1.0) the minor version, over the baseline's.
#
# Usage: scripts/release-checks.sh [extra Maven arguments]  (not -o: Maven refuses to deploy offline,
# even to a file repository; every dependency is resolved from ~/.m2 when the test command ran first)
set -euo pipefail
cd "$(dirname "$0")/.."

# The BOM pins what the reactor builds and tests with: its version and the three CDK versions.
for prop in aws-cdk-lib.version constructs.version cdknag.version; do
  ours=$(sed -n "s#.*<$prop>\(.*\)</$prop>.*#\1#p" pom.xml | head -n 1)
  boms=$(sed -n "s#.*<$prop>\(.*\)</$prop>.*#\1#p" bom/pom.xml | head -n 1)
  if [ "$ours" != "$boms" ]; then
    echo "release-checks: bom/pom.xml pins $prop $boms, the build uses $ours: align bom/pom.xml" >&2
    exit 1
  fi
done
if [ "$(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -n 1)" != "$(sed -n 's#^  <version>\(.*\)</version>#\1#p' bom/pom.xml | head -n 1)" ]; then
  echo "release-checks: bom/pom.xml's version differs from the reactor's: scripts/set-version.sh" >&2
  exit 1
fi

scripts/api-baseline.sh "$@"

refused=$(cat target/api-baseline/refused)

log=target/release-checks.log
mkdir -p target
rm -rf target/stratus-repo
# the Javadoc plugin skips a module whose sources did not change since its last run, and its
# warnings with it: the count below needs every run
rm -f constructs/target/maven-javadoc-plugin-stale-data.txt test/target/maven-javadoc-plugin-stale-data.txt \
  local/target/maven-javadoc-plugin-stale-data.txt
if ! mvn -B deploy -Prelease -Dmaven.test.skip=true -pl bom,constructs,test,local -am \
    -Dapi.breaking.refused="$refused" \
    -DaltDeploymentRepository=stratus-local::file:"$PWD/target/stratus-repo" "$@" >"$log" 2>&1; then
  grep -E '^\[ERROR\]|japicmp|incompatib' "$log" | head -80 >&2
  echo "release-checks: the release build failed (above; whole log in $log)" >&2
  exit 1
fi
grep -E 'japicmp|Incompatib' "$log" | grep -v 'Downloading\|Downloaded' | head -20 || true

# Javadoc: doclint's errors failed the build above; a public type or member without a comment
# fails here ("no @param"/"no @return" on documented members are counted, not failed).
missing=$(grep -c 'warning: no comment' "$log" || true)
tags=$(grep -c -E 'warning: no @(param|return|throws)' "$log" || true)
echo "release-checks: Javadoc: $missing public types or members without a comment, $tags missing @param/@return tags"
if [ "$missing" -gt 0 ]; then
  grep -A1 'warning: no comment' "$log" | grep -v '^--' >&2
  echo "release-checks: document every public type and member (above)" >&2
  exit 1
fi

for f in target/stratus-repo/dev/stratus/*/*/*; do
  case "$f" in *.jar|*.pom|*.json) printf '  %-80s %8s bytes\n' "${f#target/stratus-repo/}" "$(stat -c %s "$f")";; esac
done

scripts/build-example.sh "$@"
