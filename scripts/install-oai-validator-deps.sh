#!/usr/bin/env bash
# Installs the Debian Perl libraries that the openarchives.org OAI-PMH validator needs
# (../shared/data/oai-pmh/zimeon-oaipmh-validator, listed in its SOURCE.txt); the OAI tests run it.
set -euo pipefail
modules=(LWP::UserAgent Date::Manip Data::UUID XML::DOM JSON Try::Tiny Class::Accessor CGI)
if perl $(printf ' -M%s' "${modules[@]}") -e 1 2>/dev/null; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Perl modules for the OAI-PMH validator are missing and this is not root: see scripts/install-oai-validator-deps.sh" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends libwww-perl libdate-manip-perl libdata-uuid-perl libxml-dom-perl libjson-perl \
  libtry-tiny-perl libclass-accessor-perl libcgi-pm-perl liblwp-protocol-https-perl >/dev/null
