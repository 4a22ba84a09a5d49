#!/usr/bin/env bash
# Validates RDF data with Apache Jena's SHACL engine (a validator that is not ours), from Debian's
# packages: `apt-get install libapache-jena-java default-jre-headless`.
#   scripts/jena-shacl.sh SHAPES.ttl[,MORE.ttl] DATA.ttl   → Jena's report (Turtle) on stdout
# Debian's jena-core moves Jena's copy of Xerces to the package `xerces` but leaves its message
# files under org/apache/jena/ext/xerces, so Jena fails at start ("internal error" in
# XSSimpleTypeDecl); the message files are copied once to where the moved classes look for them.
set -euo pipefail
shapes_arg="$1"
data="$2"
jars=/usr/share/java
if [ ! -f "$jars/jena-shacl.jar" ] || ! command -v java >/dev/null; then
  echo "Jena SHACL is not installed: apt-get install libapache-jena-java default-jre-headless" >&2
  exit 3
fi
cache="${XDG_CACHE_HOME:-$HOME/.cache}/maillage/jena-xerces-messages"
if [ ! -d "$cache/xerces/impl/msg" ]; then
  work="$(mktemp -d)"
  (cd "$work" && unzip -q -o "$jars/jena-core.jar" 'org/apache/jena/ext/xerces/*')
  mkdir -p "$cache/xerces/impl/xpath"
  cp -r "$work/org/apache/jena/ext/xerces/impl/msg" "$cache/xerces/impl/"
  cp -r "$work/org/apache/jena/ext/xerces/impl/xpath/regex" "$cache/xerces/impl/xpath/"
  rm -rf "$work"
fi
# Jena's jars and their dependencies, with one SLF4J binding (slf4j-simple, quiet).
classpath="$cache"
for package in libapache-jena-java libcommons-cli-java libcommons-codec-java libcommons-compress-java libcommons-csv-java libcommons-io-java libcommons-lang3-java \
  libdexx-java libgoogle-gson-java libguava-java libhttpclient-java libhttpcore-java libjackson2-core-java libjackson2-databind-java libjackson2-annotations-java \
  libjsonld-java libjsonp2-java libprotobuf-java libslf4j-java libthrift-java libtitanium-json-ld-java libcaffeine-java libcommons-logging-java; do
  for jar in $(dpkg -L "$package" 2>/dev/null | grep -E "^$jars/[^/]*\.jar$" | grep -v -E 'log4j|jcl-over|jul-to|slf4j-(jdk|nop|migrator|ext|android|jcl)|osgi|-[0-9.]+\.jar$' || true); do
    classpath="$classpath:$jar"
  done
done
# Several shape files are merged into one (the command reads one shapes graph).
shapes="$(mktemp --suffix=.ttl)"
trap 'rm -f "$shapes"' EXIT
IFS=',' read -ra files <<< "$shapes_arg"
for file in "${files[@]}"; do java -cp "$classpath" riotcmd.riot --quiet --output=ntriples "$file" >> "$shapes"; done
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" shacl.shacl validate --shapes "$shapes" --data "$data"
