#!/usr/bin/env bash
# Builds the published jars of the last release (api-baseline.properties: its commit) into
# target/api-baseline/jars/<artifactId>.jar, which the release profile's japicmp check compares the
# build against. The commit, not the tag, is built: a clone of main need not carry tags. The jars are
# kept (target/api-baseline/jars/COMMIT names their commit) until the baseline moves.
#
# Usage: scripts/api-baseline.sh [extra Maven arguments, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/.."
commit=$(sed -n 's/^commit=//p' api-baseline.properties)
tag=$(sed -n 's/^tag=//p' api-baseline.properties)
out=target/api-baseline

# May this build break the API? Only when the reactor's version (the root pom's first <version>:
# it has no parent) raised the major, or before 1.0 the minor, over the baseline's. The release
# profile reads the answer as -Dapi.breaking.refused=$(cat target/api-baseline/refused).
current=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -n 1)
baseline=$(sed -n 's/^version=//p' api-baseline.properties)
IFS=. read -r cmaj cmin _ <<<"${current%%-*}"
IFS=. read -r bmaj bmin _ <<<"$baseline"
refused=true
if [ "$cmaj" -gt "$bmaj" ] || { [ "$cmaj" -eq 0 ] && [ "$bmaj" -eq 0 ] && [ "$cmin" -gt "$bmin" ]; }; then
  refused=false
fi
echo "api-baseline: $current against $baseline ($tag): incompatible API changes $([ $refused = true ] && echo refused || echo allowed)"

if [ -f "$out/jars/COMMIT" ] && [ "$(cat "$out/jars/COMMIT")" = "$commit" ]; then
  echo "$refused" >"$out/refused"
  echo "api-baseline: $tag ($commit) already built in $out/jars"
  exit 0
fi
if ! git cat-file -e "$commit^{commit}" 2>/dev/null && [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
  # a shallow clone (CI systems often make one): try to fetch the history once before giving up
  git fetch --quiet --unshallow >/dev/null 2>&1 || true
fi
if ! git cat-file -e "$commit^{commit}" 2>/dev/null; then
  echo "api-baseline: commit $commit ($tag) is not in this clone; fetch the history (git fetch --unshallow)" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out/jars"
src="$out/src"
git worktree add --detach --force "$src" "$commit" >/dev/null 2>&1
trap 'git worktree remove --force "$src" >/dev/null 2>&1 || true' EXIT
log="$out/build.log"
# -am builds what test/'s test scope names too; its tests are not compiled (maven.test.skip).
if ! (cd "$src" && mvn -B package -Dmaven.test.skip=true -pl constructs,test,local -am "$@") >"$log" 2>&1; then
  tail -50 "$log" >&2
  echo "api-baseline: building $tag ($commit) failed (Maven output above, whole log in $log)" >&2
  exit 1
fi
for module in constructs test local; do
  jar=$(ls "$src/$module"/target/stratus-"$module"-*.jar | grep -v -e sources -e javadoc | head -n 1)
  cp "$jar" "$out/jars/stratus-$module.jar"
done
echo "$commit" >"$out/jars/COMMIT"
echo "$refused" >"$out/refused"
echo "api-baseline: built $tag ($commit) into $out/jars"
