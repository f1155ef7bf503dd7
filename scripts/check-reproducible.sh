#!/usr/bin/env bash
# Builds every function jar twice from clean and fails unless both builds are byte-identical,
# so that a CDK asset hash (and the Lambda version it publishes) changes only when code changes.
set -euo pipefail
cd "$(dirname "$0")/.."

build() {
  mvn -B -q -f functions/pom.xml clean package -DskipTests >/dev/null
  find functions -path '*/target/function.jar' -print0 | sort -z | xargs -0 sha256sum
}

first=$(build)
sleep 2   # a later wall-clock second must not change a byte
second=$(build)
[ -n "$first" ] || { echo "no functions/*/target/function.jar was built" >&2; exit 1; }
if [ "$first" != "$second" ]; then
  echo "Function jars differ between two clean builds:" >&2
  diff <(echo "$first") <(echo "$second") >&2 || true
  exit 1
fi
echo "Reproducible: two clean builds gave identical function jars"
echo "$first" | while read -r sum path; do
  printf '  %s  %s  %s bytes\n' "$sum" "$path" "$(stat -c %s "$path")"
done
