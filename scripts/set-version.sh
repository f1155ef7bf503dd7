#!/usr/bin/env bash
# Sets the version of every module, the BOM and the example app's default: scripts/set-version.sh 0.2.0-SNAPSHOT
set -euo pipefail
cd "$(dirname "$0")/.."
new=${1:?usage: scripts/set-version.sh VERSION}
old=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -n 1)
grep -rl --include=pom.xml "<version>$old</version>" . --exclude-dir=target --exclude-dir=node_modules --exclude-dir=examples \
  | xargs sed -i "s#<version>$old</version>#<version>$new</version>#g"
sed -i "s#<version>$old</version>#<version>$new</version>#" README.md   # the "Use it in your app" snippet
sed -i "s#<stratus.version>$old</stratus.version>#<stratus.version>$new</stratus.version>#" examples/orders-app/pom.xml
echo "set-version: $old -> $new"
