#!/usr/bin/env bash
# Builds the publishable artifacts into target/release/ in Maven repository layout, ready for a
# Maven Central bundle: for stratus-parent, stratus-bom, stratus-constructs, stratus-test and
# stratus-local their pom, and for the three jars their sources and Javadoc jars and CycloneDX SBOM;
# each file with .md5, .sha1 and .sha256, and target/release/SHA256SUMS over all of them. The build
# includes the API compatibility check against api-baseline.properties. Reproducible: two runs give
# the same bytes (--check-reproducible builds twice and compares).
#
# Signing: with STRATUS_GPG_KEY set (a key id in the local gpg keyring; gpg-agent supplies the
# passphrase) every artifact gets an armored detached signature (.asc), which Central requires.
# Without it signing is skipped, and said so: such a folder is for inspection, not for Central.
#
# Usage: scripts/release.sh [--check-reproducible] [extra Maven arguments]  (not -o: the CycloneDX
# plugin skips the SBOM offline, and the release then stops at the missing file)
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
if [ "${1:-}" = --check-reproducible ]; then check=true; shift; fi

modules=(bom constructs test local)

build() {   # build OUT [maven args]: a clean build of the published modules, collected into OUT
  local out=$1; shift
  rm -rf "$out" "${modules[@]/%//target}"
  scripts/api-baseline.sh "$@" >/dev/null
  local log=target/release-build.log
  if ! mvn -B verify -Prelease -Dmaven.test.skip=true -pl "$(IFS=,; echo "${modules[*]}")" -am \
      -Dapi.breaking.refused="$(cat target/api-baseline/refused)" "$@" >"$log" 2>&1; then
    grep -E '^\[ERROR\]' "$log" | head -40 >&2
    echo "release: the build failed (whole log in $log)" >&2
    return 1
  fi
  local version
  version=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -n 1)
  collect "$out" stratus-parent "$version" pom.xml ""
  collect "$out" stratus-bom "$version" bom/pom.xml ""
  for m in constructs test local; do
    collect "$out" "stratus-$m" "$version" "$m/pom.xml" "$m/target"
  done
  (cd "$out" && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)
}

collect() {   # collect OUT ARTIFACT VERSION POM TARGET
  local out=$1 a=$2 v=$3 pom=$4 target=$5
  local dir="$out/dev/stratus/$a/$v"
  mkdir -p "$dir"
  cp "$pom" "$dir/$a-$v.pom"
  if [ -n "$target" ]; then
    for suffix in .jar -sources.jar -javadoc.jar -cyclonedx.json; do
      if [ ! -s "$target/$a-$v$suffix" ]; then
        echo "release: $target/$a-$v$suffix was not built" >&2
        return 1
      fi
      cp "$target/$a-$v$suffix" "$dir/"
    done
  fi
  for f in "$dir"/*; do
    if [ -n "${STRATUS_GPG_KEY:-}" ]; then
      gpg --batch --yes --local-user "$STRATUS_GPG_KEY" --armor --detach-sign --output "$f.asc" "$f"
    fi
    md5sum "$f" | cut -d' ' -f1 | tr -d '\n' >"$f.md5"
    sha1sum "$f" | cut -d' ' -f1 | tr -d '\n' >"$f.sha1"
    sha256sum "$f" | cut -d' ' -f1 | tr -d '\n' >"$f.sha256"
  done
}

if [ -z "${STRATUS_GPG_KEY:-}" ]; then
  echo "release: STRATUS_GPG_KEY is not set: signing skipped (no .asc files; Maven Central needs them)"
fi
build target/release "$@"
if $check; then
  sleep 2   # a later wall-clock second must not change a byte
  build target/release-again "$@"
  if ! diff target/release/SHA256SUMS target/release-again/SHA256SUMS; then
    echo "release: two builds differ (above)" >&2
    exit 1
  fi
  rm -rf target/release-again
  echo "release: reproducible: two clean builds gave identical files ($(wc -l <target/release/SHA256SUMS) files)"
fi
echo "release: target/release/"
(cd target/release && find . -type f \( -name '*.jar' -o -name '*.pom' -o -name '*.json' \) | LC_ALL=C sort | while read -r f; do
  printf '  %-72s %9s bytes\n' "${f#./}" "$(stat -c %s "$f")"
done)
