#!/usr/bin/env bash
# 9P throughput of the File module: File.write and File.read of a 16 MiB
# file (bench/9p/throughput.fl, median of 5 rounds each), in the VM through
# virtio-9p to QEMU's 9P server (flc run --share), and on the host target
# (the file system directly) for reference. Software emulation unless KVM
# is usable and FL_NO_KVM is unset.
#   bench/9p.sh BUILD_DIR [MIB] [ROUNDS]     defaults: 16 MiB, 5 rounds
# bench/linux-guest.sh compares it with a Linux guest under the same QEMU.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [MIB] [ROUNDS]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
mib=${2:-16}
rounds=${3:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$build/bench/9p
rm -rf "$work"
mkdir -p "$work/share-vm" "$work/share-host"
flc=$build/bin/flc

"$flc" build "$root/bench/9p/throughput.fl" -o "$work/throughput.img"
"$flc" build --target host "$root/bench/9p/throughput.fl" -o "$work/throughput"

echo "9P throughput, $mib MiB file, median of $rounds rounds ($(qemu-system-x86_64 --version | head -1))"
"$flc" run --mem 512M --share "$work/share-vm" --timeout 600 "$root/bench/9p/throughput.fl" -- "$mib" "$rounds"
(cd "$work/share-host" && "$work/throughput" "$mib" "$rounds")
