#!/usr/bin/env bash
# Boots the Linux guest of bench/linux-guest.sh (a kernel and the busybox
# initramfs that script builds) with the QEMU command line `flc run` gives an
# fl image (compiler/driver/qemu.cpp: -M pc with qboot, -nodefaults, the
# serial port on stdio, isa-debug-exit, TCG, virtio devices modern only,
# a balloon, which the guest leaves alone: its module is not loaded), and
# takes the same options as `flc run` where the benchmarks use them, so
# that tests/lang/net/Inputs/peer.py can start it in place of flc:
#   bench/linux/run.sh KERNEL INITRD [--mem SIZE] [--share DIR] [--net none]
#       [--timeout S] [--qemu ARG]... COMMAND [-- ARGS...]
# COMMAND is one of the init script's: boot (power off at once), devices
# (load the virtio modules, bring eth0 up, mount the share, power off),
# frames N, files MIB ROUNDS. Prints what the guest's programs print and
# exits with their status (the init script's "guest-exit N" line).
set -euo pipefail

kernel=$1 initrd=$2
shift 2
mem=128M share="" net=user timeout=600 qemu_args=()
while [ $# -gt 0 ]; do
  case $1 in
    --mem) mem=$2; shift 2 ;;
    --share) share=$(cd "$2" && pwd); shift 2 ;;
    --net) net=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --qemu) read -r -a words <<<"$2"; qemu_args+=("${words[@]}"); shift 2 ;;
    *) break ;;
  esac
done
command=$1
shift
[ "${1:-}" = "--" ] && shift

qemu=(qemu-system-x86_64 -M pc -bios qboot.rom -nodefaults -no-user-config -display none -no-reboot
  -serial stdio -device "isa-debug-exit,iobase=0xf4,iosize=0x04" -m "$mem" -kernel "$kernel" -initrd "$initrd"
  -accel tcg -device virtio-balloon-pci,id=balloon0,disable-legacy=on)
if [ "$net" = user ]; then
  qemu+=(-netdev user,id=net0 -device virtio-net-pci,netdev=net0,disable-legacy=on)
fi
if [ -n "$share" ]; then
  qemu+=(-fsdev "local,id=share0,security_model=none,path=${share//,/,,}"
    -device virtio-9p-pci,fsdev=share0,mount_tag=share,disable-legacy=on)
fi
qemu+=(-append "console=ttyS0 quiet ipv6.disable=1 -- $command $*" "${qemu_args[@]}")

out=$(mktemp) && trap 'rm -f "$out"' EXIT
timeout --foreground "$timeout" "${qemu[@]}" </dev/null 2>&1 | tr -d '\r' >"$out" || true
status=$(sed -n 's/^guest-exit \([0-9]*\)$/\1/p' "$out" | tail -1)
grep -v '^guest-exit ' "$out" || true
if [ -z "$status" ]; then
  echo "run.sh: the guest did not finish: ${qemu[*]}" >&2
  exit 1
fi
exit "$status"
