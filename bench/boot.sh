#!/usr/bin/env bash
# Boot time of an fl VM image against the floor: the median wall time from
# starting QEMU to its exit, for
#   (a) examples/hello.fl built by flc (or, before flc exists, the smoke
#       test program of tests/vm, which prints a few lines the same way), and
#   (b) bench/boot/exit_at_once.S, an image whose first instruction ends
#       the VM: what QEMU and the firmware cost before the kernel runs,
# both with the QEMU command line of kernel/README.md (software emulation).
#   bench/boot.sh BUILD_DIR [RUNS]      RUNS defaults to 10
# BOOT_MACHINE overrides the machine options, to compare machines:
#   BOOT_MACHINE="-M q35" bench/boot.sh build
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [RUNS]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
runs=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$build/bench/boot
mkdir -p "$work"

read -r -a machine <<<"${BOOT_MACHINE:--M pc -bios qboot.rom}"
qemu=(qemu-system-x86_64 "${machine[@]}" -nodefaults -no-user-config -display none -no-reboot
  -serial stdio -device "isa-debug-exit,iobase=0xf4,iosize=0x04" -accel tcg -m 128M)

# (b) the floor
clang-19 --target=x86_64-unknown-none-elf -c "$root/bench/boot/exit_at_once.S" -o "$work/exit_at_once.o"
ld.lld-19 -static -nostdlib -T "$root/bench/boot/exit_at_once.ld" -o "$work/exit_at_once.img" "$work/exit_at_once.o"

# (a) hello
hello=$work/hello.img
if [ -x "$build/bin/flc" ] && "$build/bin/flc" build "$root/examples/hello.fl" -o "$hello" 2>"$work/flc.err"; then
  hello_source=examples/hello.fl
else
  [ -x "$build/bin/flc" ] && echo "flc build failed ($(head -1 "$work/flc.err")); using the smoke test" >&2
  "$root/tests/vm/build_image.sh" "$build" "$root/tests/vm/smoke_main.cpp" "$hello"
  hello_source=tests/vm/smoke_main.cpp
fi

# Both images end with status 0, which isa-debug-exit reports as 1: any
# other status means the boot did not get there, and the timing is void.
check_boot() {
  local status=0
  "${qemu[@]}" -kernel "$1" >/dev/null 2>"$work/qemu.err" </dev/null || status=$?
  if [ "$status" -ne 1 ]; then
    echo "boot.sh: $1 exited with status $status, not 1: $(head -1 "$work/qemu.err")" >&2
    exit 1
  fi
}

# median_ms IMAGE: the median of $runs boots, in milliseconds.
median_ms() {
  local image=$1
  check_boot "$image"  # also the warm-up run
  if command -v hyperfine >/dev/null; then
    hyperfine --runs "$runs" --shell=none -i --export-json "$work/hyperfine.json" \
      "${qemu[*]} -kernel $image" >/dev/null
    python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' \
      "$work/hyperfine.json"
  else
    local times=() start end
    for ((i = 0; i < runs; i++)); do
      start=$(date +%s%N)
      "${qemu[@]}" -kernel "$image" >/dev/null 2>&1 </dev/null || true
      end=$(date +%s%N)
      times+=($((end - start)))
    done
    printf '%s\n' "${times[@]}" | sort -n |
      awk '{ t[NR] = $1 } END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.1f\n", m / 1e6 }'
  fi
}

hello_ms=$(median_ms "$hello")
floor_ms=$(median_ms "$work/exit_at_once.img")
size=$(stat -c %s "$hello")

echo "QEMU: ${qemu[*]} -kernel IMAGE"
echo "median of $runs boots, QEMU start to exit:"
printf '  %-34s %8s ms\n' "hello ($hello_source)" "$hello_ms" "exit at first instruction" "$floor_ms"
awk -v h="$hello_ms" -v f="$floor_ms" 'BEGIN { printf "  %-34s %8.2f\n", "ratio hello / floor", h / f }'
echo "  hello image size: $size bytes"
