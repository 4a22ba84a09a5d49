#!/usr/bin/env bash
# Installs Debian's Chromium for the web catalogue's browser tests (test/web/), when it is missing
# and we may install packages (root). Otherwise those tests are skipped and say why.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium is missing and this is not root: the browser tests will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
chromium --version
