#!/usr/bin/env bash
# Builds and tests examples/orders-app as a consumer would: dev.stratus artifacts come only from the
# file repository target/stratus-repo (what scripts/release-checks.sh deployed), never from ~/.m2,
# which may hold stale Stratus snapshots. Third-party artifacts come from ~/.m2 (or Maven Central).
#
# How: a local repository of its own, target/example-m2, that links every folder of ~/.m2/repository
# except dev/stratus, and a settings file that adds target/stratus-repo as a repository. Afterwards
# the script checks where every dev.stratus artifact came from, and prints how many jars the
# example's test class path has and how many stratus-test alone brings.
#
# Usage: scripts/build-example.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
repo="$root/target/stratus-repo"
if [ ! -d "$repo/dev/stratus/stratus-bom" ]; then
  echo "build-example: $repo has no stratus-bom: run scripts/release-checks.sh first" >&2
  exit 1
fi
version=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -n 1)
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
local_repo="$root/target/example-m2"
rm -rf "$local_repo"
mkdir -p "$local_repo/dev"
for d in "$m2"/*; do
  [ "$(basename "$d")" = dev ] || ln -s "$d" "$local_repo/$(basename "$d")"
done
if [ -d "$m2/dev" ]; then
  for d in "$m2"/dev/*; do
    [ "$(basename "$d")" = stratus ] || ln -s "$d" "$local_repo/dev/$(basename "$d")"
  done
fi
settings="$root/target/example-settings.xml"
cat >"$settings" <<XML
<settings>
  <profiles>
    <profile>
      <id>stratus-under-test</id>
      <repositories>
        <repository>
          <id>stratus-local</id>
          <url>file://$repo</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>stratus-under-test</activeProfile></activeProfiles>
</settings>
XML
mvn_example() {
  mvn -B -s "$settings" -Dmaven.repo.local="$local_repo" -Dstratus.version="$version" "$@"
}
log="$root/target/example-build.log"
start=$(date +%s)
if ! mvn_example -f examples/orders-app/pom.xml clean verify dependency:list -DincludeScope=test \
    -DoutputFile="$root/target/example-classpath.txt" "${@}" >"$log" 2>&1; then
  grep -E 'Tests run|FAIL|ERROR' "$log" | head -60 >&2
  echo "build-example: examples/orders-app failed against Stratus $version (whole log: $log)" >&2
  exit 1
fi
grep -E 'Tests run:' "$log" | tail -n 1

# Every dev.stratus artifact the example used was resolved from stratus-local.
bad=0
for f in "$local_repo"/dev/stratus/*/*/_remote.repositories; do
  if grep -v '^#' "$f" | grep -q -v '>stratus-local=$'; then
    echo "build-example: not from target/stratus-repo: $f" >&2; bad=1
  fi
done
used=$(ls -d "$local_repo"/dev/stratus/*/* 2>/dev/null | wc -l)
if [ "$bad" -ne 0 ] || [ "$used" -eq 0 ]; then
  echo "build-example: dev.stratus was not resolved from target/stratus-repo alone" >&2
  exit 1
fi
echo "build-example: $used dev.stratus artifacts, all from target/stratus-repo"

jars=$(grep -c ':jar:' "$root/target/example-classpath.txt" || true)
echo "build-example: examples/orders-app test class path: $jars jars"

# What one published artifact alone puts on a consumer's class path (its transitive jars).
for artifact in stratus-test stratus-local stratus-constructs; do
  dir="$root/target/consumer-of-$artifact"
  mkdir -p "$dir"
  cat >"$dir/pom.xml" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId><artifactId>consumer-of-$artifact</artifactId><version>1</version>
  <dependencyManagement><dependencies><dependency>
    <groupId>dev.stratus</groupId><artifactId>stratus-bom</artifactId><version>$version</version><type>pom</type><scope>import</scope>
  </dependency></dependencies></dependencyManagement>
  <dependencies><dependency><groupId>dev.stratus</groupId><artifactId>$artifact</artifactId></dependency></dependencies>
  <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin></plugins></build>
</project>
XML
  if ! mvn_example -q -f "$dir/pom.xml" dependency:list -DoutputFile="$dir/list.txt" >"$dir/log" 2>&1; then
    cat "$dir/log" >&2; exit 1
  fi
  heavy=$(grep -c -E 'org\.elasticmq|org\.gaul|org\.eclipse\.jetty|io\.netty|pekko|akka|scala-lang' "$dir/list.txt" || true)
  echo "build-example: $artifact brings $(grep -c ':jar:' "$dir/list.txt") jars (itself included), $heavy of a local server's tree"
  if [ "$heavy" -gt 0 ]; then
    grep -E 'org\.elasticmq|org\.gaul|org\.eclipse\.jetty|io\.netty|pekko|akka|scala-lang' "$dir/list.txt" | head >&2
    echo "build-example: $artifact would put a local server's tree on every consumer's class path: make it optional or split it" >&2
    exit 1
  fi
done
echo "build-example: took $(( $(date +%s) - start )) s"
