#!/usr/bin/env bash
# Fetches the source of Boehm's collector (bdwgc) from Debian's `libgc`
# source package and unpacks it, for the freestanding build in the VM
# runtime (rts/gc). Called by CMake; the result lives in the build tree and
# is never committed.
#   fetch-bdwgc.sh OUT_DIR
# leaves OUT_DIR/src (the unpacked package, extra/gc.c included) and
# OUT_DIR/VERSION. A second call does nothing unless the wanted version
# changed, so rebuilds never go to the network.
#
# apt does the work, with a sources list and state of its own under
# OUT_DIR/apt: the machine's apt configuration (its lists, sources and
# cache) is left alone and root is not needed. The `deb-src` line uses the
# Debian mirror the machine's own sources name (deb.debian.org when none is
# found), the suite of this release, and Debian's archive keyring, so the
# package is checked like any other apt download.
# The version is that of the installed libgc-dev (the host runtime's
# collector) when the mirror still has it, else the release's current one.
#
# Offline: FL_BDWGC_SOURCE=DIR uses an unpacked bdwgc tree (or a directory
# holding the libgc .dsc and its files) instead of the network.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
out=$(mkdir -p "$1" && cd "$1" && pwd)
src=$out/src
say() { echo "fetch-bdwgc: $*" >&2; }
die() {
  say "$*"
  exit 1
}

unpack_dsc() {  # unpack_dsc FILE.dsc: the package into $src
  local dsc=$1 tmp=$out/unpack.tmp
  rm -rf "$tmp" "$src"
  if command -v dpkg-source >/dev/null; then
    dpkg-source --no-check --no-copy -x "$dsc" "$tmp" >&2 || die "dpkg-source could not unpack $dsc"
  else
    # Without dpkg-dev: the upstream tarball, then Debian's patches in order.
    local dir
    dir=$(dirname "$dsc")
    mkdir -p "$tmp"
    tar -xf "$(ls "$dir"/libgc_*.orig.tar.* | head -1)" -C "$tmp" --strip-components=1
    if ls "$dir"/libgc_*.debian.tar.* >/dev/null 2>&1; then
      tar -xf "$(ls "$dir"/libgc_*.debian.tar.* | head -1)" -C "$tmp"
      if [ -f "$tmp/debian/patches/series" ]; then
        { grep -v '^\s*\(#\|$\)' "$tmp/debian/patches/series" || true; } | while read -r patch _; do
          (cd "$tmp" && patch -p1 -s <"debian/patches/$patch") || die "patch $patch failed"
        done
      fi
    fi
  fi
  mv "$tmp" "$src"
}

# --- Offline source.
if [ -n "${FL_BDWGC_SOURCE:-}" ]; then
  if [ -f "$FL_BDWGC_SOURCE/extra/gc.c" ]; then
    version="local $(cd "$FL_BDWGC_SOURCE" && pwd)"
    if [ "$(cat "$out/VERSION" 2>/dev/null)" != "$version" ] || [ ! -f "$src/extra/gc.c" ]; then
      rm -rf "$src"
      cp -a "$FL_BDWGC_SOURCE" "$src"
    fi
  else
    dsc=$(ls "$FL_BDWGC_SOURCE"/libgc_*.dsc 2>/dev/null | head -1)
    [ -n "$dsc" ] || die "FL_BDWGC_SOURCE=$FL_BDWGC_SOURCE holds neither extra/gc.c nor a libgc .dsc"
    version="local $(basename "$dsc")"
    if [ "$(cat "$out/VERSION" 2>/dev/null)" != "$version" ] || [ ! -f "$src/extra/gc.c" ]; then
      unpack_dsc "$dsc"
    fi
  fi
  echo "$version" >"$out/VERSION"
  rm -f "$out/REQUESTED"
  say "using $version"
  exit 0
fi

# --- The version to fetch.
wanted=$(dpkg-query -W -f='${source:Version}' libgc-dev 2>/dev/null || true)
# Up to date when fetched for the same host version (REQUESTED), even if
# the mirror had another one, or for none when there is no host package.
if [ -f "$out/VERSION" ] && [ -f "$src/extra/gc.c" ] && [ -f "$out/REQUESTED" ] &&
  [ "$(cat "$out/REQUESTED")" = "$wanted" ]; then
  exit 0
fi

# Fetched before, but the tree is gone (a `clean` removes extra/gc.c):
# unpack the downloaded package again.
apt=$out/apt
if [ -f "$out/REQUESTED" ] && [ "$(cat "$out/REQUESTED")" = "$wanted" ] &&
  dsc=$(ls "$apt/download"/libgc_*.dsc 2>/dev/null | head -1) && [ -n "$dsc" ]; then
  unpack_dsc "$dsc"
  say "bdwgc unpacked again from $(basename "$dsc")"
  exit 0
fi

# --- A private apt: sources list, lists, cache and archives under $out/apt.
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
mirror=""
for f in /etc/apt/sources.list.d/*.sources; do  # deb822 (Debian 12's default)
  [ -f "$f" ] || continue
  mirror=$(awk -v suite="$codename" '
    BEGIN { RS = ""; FS = "\n" }
    {
      uris = ""; suites = ""; types = ""; enabled = "yes"
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^URIs:/) uris = substr($i, 6)
        else if ($i ~ /^Suites:/) suites = " " substr($i, 8) " "
        else if ($i ~ /^Types:/) types = " " substr($i, 7) " "
        else if ($i ~ /^Enabled:/) enabled = substr($i, 9)
      }
      if (enabled ~ /no/ || types !~ / deb /) next
      if (suites ~ (" " suite " ") && uris ~ /debian\/?( |$)/) { split(uris, u, " "); print u[1]; exit }
    }' "$f")
  [ -n "$mirror" ] && break
done
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then  # one-line format
  mirror=$(sed 's/\[[^]]*\]//' /etc/apt/sources.list |
    awk -v suite="$codename" '$1 == "deb" && $3 == suite && $2 ~ /debian\/?$/ { print $2; exit }')
fi
mirror=${mirror:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || die "no $keyring (package debian-archive-keyring)"

mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/download"
echo "deb-src [signed-by=$keyring] $mirror $codename main" >"$apt/sources.list"
apt_options=(
  -o "Dir::Etc::SourceList=$apt/sources.list"
  -o "Dir::Etc::SourceParts=$apt/no-parts"
  -o "Dir::State::Lists=$apt/lists"
  -o "Dir::Cache=$apt/cache"
  -o "Debug::NoLocking=true"
  -o "APT::Sandbox::User=$(id -un)"
  -o "Acquire::Languages=none"
)
say "fetching Debian's libgc source package (${wanted:-current version}) from $mirror $codename"
apt-get "${apt_options[@]}" -qq update >&2 || die "apt-get update of the private deb-src list failed"

package=libgc
if [ -n "$wanted" ] && apt-cache "${apt_options[@]}" showsrc "libgc" 2>/dev/null |
  grep -qx "Version: $wanted"; then
  package="libgc=$wanted"
fi
rm -f "$apt/download"/*
(cd "$apt/download" && apt-get "${apt_options[@]}" -qq source --download-only "$package" >&2) ||
  die "apt-get source --download-only $package failed"
rm -rf "$apt/lists" "$apt/cache"  # 20 MB of package lists, needed no more
dsc=$(ls "$apt/download"/libgc_*.dsc | head -1)
version=$(awk '/^Version:/ { print $2; exit }' "$dsc")
unpack_dsc "$dsc"
echo "$version" >"$out/VERSION"
echo "$wanted" >"$out/REQUESTED"
say "bdwgc from libgc $version in $src"
