#!/usr/bin/env bash
# Installs Debian's Apache Jena and a Java runtime, for the check of the DCAT feed by a validator
# that is not ours (test/validation/jena-catalog-union.test.ts, scripts/jena-shacl.sh), when they
# are missing and we may install packages (root). Otherwise that test is skipped and says why.
set -euo pipefail
if [ -f /usr/share/java/jena-shacl.jar ] && command -v java >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Apache Jena is missing and this is not root: the Jena SHACL check will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends libapache-jena-java default-jre-headless unzip >/dev/null
java -version 2>&1 | head -1
