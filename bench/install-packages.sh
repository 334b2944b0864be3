#!/usr/bin/env bash
# Installs the Debian packages a benchmark script needs beyond the
# project's own dependencies (scripts/install-deps.sh), as root through
# apt-get, only those dpkg does not report as installed.
#
#   bench/install-packages.sh CALLER PACKAGE...
#
# CALLER (e.g. lang.sh) prefixes the messages. Exits 1 when packages are
# missing and it can neither run as root nor use sudo without a password.
set -euo pipefail

who=$1
shift
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "$who: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo -n)
  else
    echo "$who: missing packages (${missing[*]}) and not root" >&2
    exit 1
  fi
fi
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
