#!/usr/bin/env bash
# Raw Ethernet frames through virtio-net, each way: the program of
# tests/lang/net/peer.fl against the host-side peer tests/lang/net/Inputs/
# peer.py on a QEMU -netdev dgram back-end (one UDP datagram per frame,
# sizes 60 to 1514 bytes, 787 on average). It reports
#   echo   round trips per second (a frame in and one out; two threads and
#          a Chan in the VM; at most 32 frames in flight)
#   sink   frames per second into the VM (acknowledged every 16th)
#   burst  frames per second out of the VM, sent as fast as it can
# Median of ROUNDS runs of N frames each. Software emulation unless KVM is
# usable and FL_NO_KVM is unset; the peer and QEMU share the host's cores.
#   bench/net.sh BUILD_DIR [N] [ROUNDS]      defaults: 20000 frames, 3 rounds
# bench/linux-guest.sh compares it with a Linux guest doing the same (a
# busybox initramfs with an AF_PACKET socket under the same QEMU).
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [N] [ROUNDS]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
n=${2:-20000}
rounds=${3:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$build/bench/net
mkdir -p "$work"

echo "virtio-net raw frames, $n frames each way, median of $rounds runs ($(qemu-system-x86_64 --version | head -1))"
for ((r = 0; r < rounds; r++)); do
  python3 "$root/tests/lang/net/Inputs/peer.py" "$n" "$build/bin/flc" run --timeout 600 \
    "$root/tests/lang/net/peer.fl" >"$work/run$r.out"
done
python3 - "$work" "$rounds" <<'PY'
import re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
rates = {"echo": [], "sink": [], "burst": []}
for r in range(rounds):
    for line in open("%s/run%d.out" % (work, r)):
        m = re.match(r"peer: (echo|sink|burst) of \d+ frames ok \((\d+) ", line)
        if m:
            rates[m.group(1)].append(int(m.group(2)))
for kind, what in (("echo", "round trips/s (one frame each way)"), ("sink", "frames/s into the VM"),
                   ("burst", "frames/s out of the VM")):
    if len(rates[kind]) != rounds:
        sys.exit("net.sh: a run failed; see " + work)
    print("  %-6s %8d %s" % (kind, statistics.median(rates[kind]), what))
PY
