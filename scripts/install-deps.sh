#!/usr/bin/env bash
# Installs the Debian 12 packages the build and the tests need.
# Idempotent and quick when everything is present: apt is only called for
# packages that dpkg does not already report as installed.
set -euo pipefail

packages=(
  cmake ninja-build make python3
  llvm-19-dev llvm-19-tools clang-19 lld-19 libzstd-dev zlib1g-dev libxml2-dev
  libclang-rt-19-dev  # libFuzzer and the sanitizers, for tests/fuzz
  antlr4 libantlr4-runtime-dev
  libgc-dev libedit-dev libz3-dev
  dpkg-dev debian-archive-keyring  # apt-get source libgc: bdwgc for the VM (scripts/fetch-bdwgc.sh)
  googletest libgtest-dev
  qemu-system-x86
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo -n "$0" "$@"
  fi
  echo "install-deps: missing packages (${missing[*]}) and not root" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
