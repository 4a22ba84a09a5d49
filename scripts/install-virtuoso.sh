#!/usr/bin/env bash
# Installs Virtuoso Open Source from Debian (used by the remote-store tests and benchmarks).
# Its system service is not started: tests run a private instance on loopback.
set -euo pipefail
if command -v virtuoso-t >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "virtuoso-t is not installed and this is not root: run 'sudo apt-get install virtuoso-opensource'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null
command -v virtuoso-t
