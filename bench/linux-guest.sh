#!/usr/bin/env bash
# fl VM against a Linux guest under the same QEMU (issue 5, Performance):
#   frames/s into the guest and out of it through virtio-net: the fl program
#     of bench/net.sh (tests/lang/net/peer.fl) and the C program
#     bench/linux/frames.c (an AF_PACKET raw socket) against the same
#     host-side peer (tests/lang/net/Inputs/peer.py, -netdev dgram), N frames
#     each way, 60 to 1514 bytes;
#   9P write and read MiB/s of a MIB MiB file: the fl program of bench/9p.sh
#     (bench/9p/throughput.fl, File.write/File.read) and
#     bench/linux/files.c (open/write/read/close on a 9p mount with
#     trans=virtio,version=9p2000.L,msize=524288, no cache), both to QEMU's
#     9P server on a scratch directory, 3 uncounted rounds then ROUNDS;
#   boot: QEMU start to exit, fl's examples/hello.fl against a Linux init
#     (cloud kernel) that powers off at once, both on bench/boot.sh's QEMU
#     line; and with flc run's devices (balloon, net user, a share): fl's
#     hello against a Linux init (generic kernel, for 9P) that loads the
#     virtio modules, brings eth0 up and mounts the share first.
# fl and Linux runs alternate, RUNS times each; the table has the medians
# and the ratio fl / Linux (above 1: fl is faster; for boot, below 1 is).
# The Linux guest: Debian's linux-image-cloud-amd64 (for the frames and
# boot) and, because the cloud kernel has no 9P at all (CONFIG_NET_9P is not
# set), Debian's generic linux-image-amd64 of the same version for 9P; a
# busybox-static initramfs with the two C programs (static), an init script
# and the virtio modules they need (the kernels have virtio, virtio_pci,
# virtio_net and 9p as modules: insmod'ed in dependency order). Packages are
# fetched with `apt-get download` into ~/.cache/fl/linux-guest (or
# $XDG_CACHE_HOME/fl/linux-guest); the guest is booted by bench/linux/run.sh
# with the QEMU command line shape of `flc run` (software emulation: TCG).
#   bench/linux-guest.sh BUILD_DIR [N] [RUNS] [MIB] [ROUNDS]
#   defaults: 20000 frames, 3 runs, 16 MiB, 5 rounds
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [N] [RUNS] [MIB] [ROUNDS]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
n=${2:-20000}
runs=${3:-3}
mib=${4:-16}
rounds=${5:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
flc=$build/bin/flc
work=$build/bench/linux-guest
cache=${XDG_CACHE_HOME:-$HOME/.cache}/fl/linux-guest
mkdir -p "$work" "$cache/debs"
export FL_NO_KVM=1  # the Linux guest runs under TCG: so does fl

# --- the packages -----------------------------------------------------------
# The versioned package a meta-package (linux-image-cloud-amd64) points to.
resolve() { apt-cache depends "$1" 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -1; }
fetch() {  # fetch PACKAGE: the .deb's path, downloaded once
  local deb
  deb=$(ls "$cache/debs/$1"_*.deb 2>/dev/null | head -1 || true)
  if [ -z "$deb" ]; then
    (cd "$cache/debs" && apt-get download "$1" >&2)
    deb=$(ls "$cache/debs/$1"_*.deb | head -1)
  fi
  echo "$deb"
}
cloud_pkg=$(resolve linux-image-cloud-amd64)
generic_pkg=$(resolve linux-image-amd64)
if [ -z "$cloud_pkg" ] || [ -z "$generic_pkg" ]; then
  echo "linux-guest.sh: apt-cache knows no linux-image-cloud-amd64 / linux-image-amd64 (apt-get update?)" >&2
  exit 1
fi
busybox_deb=$(fetch busybox-static)
rm -rf "$work/busybox" && dpkg-deb -x "$busybox_deb" "$work/busybox"
busybox=$work/busybox/bin/busybox

# --- the guest programs -----------------------------------------------------
for p in frames files; do
  cc -static -O2 -Wall -Wextra -o "$work/$p" "$root/bench/linux/$p.c"
done

# --- one initramfs per kernel -------------------------------------------------
# module_order DIR NAME...: the modules' file names, each after those it
# depends on (the "depends=" of its .modinfo); names a kernel lacks are skipped.
module_order() {
  local dir=$1
  shift
  declare -A seen=()
  visit() {
    local name=$1 file dep
    [ -n "${seen[$name]:-}" ] && return
    seen[$name]=1
    file=$(find "$dir" -name "$name.ko" -o -name "${name//_/-}.ko" | head -1)
    [ -z "$file" ] && return
    for dep in $(readelf -p .modinfo "$file" | sed -n 's/.*depends=//p' | tr ',' ' '); do visit "$dep"; done
    echo "$file"
  }
  for m in "$@"; do visit "$m"; done
}

# make_guest NAME PACKAGE: $work/NAME/vmlinuz and $work/NAME/initramfs.gz
make_guest() {
  local name=$1 deb dir
  deb=$(fetch "$2")
  dir=$work/$name
  rm -rf "$dir" && mkdir -p "$dir/pkg" "$dir/root"/{bin,dev,proc,sys,mnt,modules}
  dpkg-deb -x "$deb" "$dir/pkg"
  cp "$dir"/pkg/boot/vmlinuz-* "$dir/vmlinuz"
  cp "$busybox" "$dir/root/bin/busybox"
  cp "$work/frames" "$work/files" "$dir/root/"
  local ko
  for ko in $(module_order "$dir/pkg/lib/modules" virtio_pci virtio_net 9pnet_virtio 9p); do
    cp "$ko" "$dir/root/modules/"
    basename "$ko" >>"$dir/root/modules/order"
  done
  cat >"$dir/root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
# The guest's clock (seconds since the kernel's clock started) at each step.
clock() { echo "clock $1 $(/bin/busybox cut -d' ' -f1 /proc/uptime)"; }
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
clock init
mount -t sysfs sysfs /sys
command=$1
shift
status=0
if [ "$command" != boot ]; then
  for m in $(cat /modules/order); do insmod /modules/$m || status=1; done
  clock modules
fi
share() { mount -t 9p -o trans=virtio,version=9p2000.L,msize=524288 share /mnt; }
case $command in
  boot) ;;
  devices) ip link set eth0 up && { [ ! -e /modules/9p.ko ] || share; } || status=1
    clock devices ;;
  frames) ip link set eth0 up && /frames eth0 "$1" || status=1
    grep virtio /proc/interrupts ;;
  files) share && grep ' 9p ' /proc/mounts && /files /mnt "$1" "$2" || status=1 ;;
  *) echo "init: unknown command $command"; status=2 ;;
esac
echo "guest-exit $status"
reboot -f
INIT
  chmod +x "$dir/root/init"
  (cd "$dir/root" && find . | "$busybox" cpio -o -H newc 2>/dev/null | gzip -1 >"$dir/initramfs.gz")
  echo "$name: $2, modules: $(tr '\n' ' ' <"$dir/root/modules/order")" >&2
}
make_guest cloud "$cloud_pkg"
make_guest generic "$generic_pkg"
cloud=("$work/cloud/vmlinuz" "$work/cloud/initramfs.gz")
generic=("$work/generic/vmlinuz" "$work/generic/initramfs.gz")

# --- the fl programs ----------------------------------------------------------
"$flc" build "$root/examples/hello.fl" -o "$work/hello.img"

# --- measurements -------------------------------------------------------------
peer=$root/tests/lang/net/Inputs/peer.py
results=$work/results.txt
: >"$results"
# boot KIND WHO COMMAND...: lines for the results, the wall time from
# QEMU's start to its exit and the CPU time it used (user + system), in ms
# (the CPU time moves less with the machine's load), and the Linux init
# script's "clock" lines (the guest's clock at each step, in ms).
boot() {
  local kind=$1 who=$2 t
  shift 2
  t=$( { TIMEFORMAT='%R %U %S'; time "$@" >"$work/boot.out" 2>&1 </dev/null; } 2>&1 || true)
  awk -v k="$kind" -v w="$who" '{ printf "%s %s %d\n%s-cpu %s %d\n", k, w, $1 * 1000, k, w, ($2 + $3) * 1000 }' <<<"$t"
  tr -d '\r' <"$work/boot.out" | awk -v k="$kind" '$1 == "clock" { printf "%s-clock-%s linux %d\n", k, $2, $3 * 1000 }'
}
base=(qemu-system-x86_64 -M pc -bios qboot.rom -nodefaults -no-user-config -display none -no-reboot
  -serial stdio -device "isa-debug-exit,iobase=0xf4,iosize=0x04" -m 128M -accel tcg)
mkdir -p "$work/share-fl" "$work/share-linux" "$work/share-boot"
devices=(-device virtio-balloon-pci,id=balloon0,disable-legacy=on -netdev user,id=net0 -device virtio-net-pci,netdev=net0,disable-legacy=on
  -fsdev "local,id=share0,security_model=none,path=$work/share-boot"
  -device virtio-9p-pci,fsdev=share0,mount_tag=share,disable-legacy=on)

echo "fl VM against a Linux guest ($cloud_pkg; $generic_pkg for 9P), $(qemu-system-x86_64 --version | head -1), TCG"
echo "frames: $n each way; 9P: $mib MiB, median of $rounds rounds after 3; $runs runs each, alternating"
for ((r = 0; r < runs; r++)); do
  # boot, no devices
  boot boot-bare fl "${base[@]}" -kernel "$work/hello.img" >>"$results"
  boot boot-bare linux "${base[@]}" -kernel "${cloud[0]}" -initrd "${cloud[1]}" \
    -append "console=ttyS0 quiet ipv6.disable=1 -- boot" >>"$results"
  # boot with net user and a share (Linux: modules loaded, eth0 up, share mounted)
  boot boot-devices fl "${base[@]}" -kernel "$work/hello.img" "${devices[@]}" >>"$results"
  boot boot-devices linux "$root/bench/linux/run.sh" "${generic[@]}" --share "$work/share-boot" devices >>"$results"
  # frames
  python3 "$peer" "$n" "$flc" run --timeout 600 "$root/tests/lang/net/peer.fl" >"$work/frames-fl-$r.out" ||
    echo "linux-guest.sh: the fl frame run $r failed (see $work/frames-fl-$r.out)" >&2
  python3 "$peer" "$n" "$root/bench/linux/run.sh" "${cloud[@]}" frames >"$work/frames-linux-$r.out" ||
    echo "linux-guest.sh: the Linux frame run $r failed (see $work/frames-linux-$r.out)" >&2
  for who in fl linux; do
    sed -n 's/^peer: \(echo\|sink\|burst\) of [0-9]* frames ok (\([0-9]*\) .*/\1 '$who' \2/p' "$work/frames-$who-$r.out" >>"$results"
  done
  # 9P
  "$flc" run --mem 512M --share "$work/share-fl" --timeout 600 "$root/bench/9p/throughput.fl" -- "$mib" "$rounds" \
    >"$work/9p-fl-$r.out" || echo "linux-guest.sh: the fl 9P run $r failed" >&2
  "$root/bench/linux/run.sh" "${generic[@]}" --mem 512M --share "$work/share-linux" files "$mib" "$rounds" \
    >"$work/9p-linux-$r.out" || echo "linux-guest.sh: the Linux 9P run $r failed (see $work/9p-linux-$r.out)" >&2
  for who in fl linux; do
    sed -n 's/.* MiB: write \([0-9.]*\) MiB\/s.*, read \([0-9.]*\) MiB\/s.*/write '$who' \1\nread '$who' \2/p' \
      "$work/9p-$who-$r.out" >>"$results"
  done
done

python3 - "$results" <<'PY'
import statistics, sys
values = {}
for line in open(sys.argv[1]):
    kind, who, value = line.split()
    values.setdefault((kind, who), []).append(float(value))
def med(kind, who):
    v = values.get((kind, who))
    return statistics.median(v) if v else None
rows = (("echo", "echo round trips/s (a frame each way)", False), ("sink", "frames/s into the guest", False), ("burst", "frames/s out of the guest", False),
        ("write", "9P write, MiB/s", False), ("read", "9P read, MiB/s", False),
        ("boot-bare", "boot to exit, no devices: wall ms", True),
        ("boot-bare-cpu", "boot to exit, no devices: QEMU CPU ms", True),
        ("boot-devices", "boot to exit with net + 9P up: wall ms", True),
        ("boot-devices-cpu", "boot to exit with net + 9P up: QEMU CPU ms", True))
print()
print("| measure | fl VM | Linux guest | fl / Linux |")
print("| --- | ---: | ---: | ---: |")
for kind, what, _ in rows:
    f, l = med(kind, "fl"), med(kind, "linux")
    show = lambda x: "failed" if x is None else ("%.0f" % x if x >= 100 else "%.1f" % x)
    ratio = "%.2f" % (f / l) if f is not None and l else "-"
    print("| %s | %s | %s | %s |" % (what, show(f), show(l), ratio))
clocks = sorted((k, v) for (k, w), v in values.items() if "-clock-" in k)
if clocks:
    print()
    print("Linux guest's clock (ms since the kernel's clock started; median):",
          ", ".join("%s %.0f" % (k, statistics.median(v)) for k, v in clocks))
print()
print("runs:", ", ".join("%s %s %s" % (k, w, "/".join("%g" % x for x in v)) for (k, w), v in sorted(values.items())))
PY
