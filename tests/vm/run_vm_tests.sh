#!/usr/bin/env bash
# VM device tests: boots small C++ stand-ins for compiled fl programs
# (smoke_main.cpp, fault_main.cpp, memory_main.cpp, devices_main.cpp,
# stacks_main.cpp) under QEMU with software
# emulation, and checks their console output and QEMU's exit status.
#   run_vm_tests.sh BUILD_DIR
# Needs BUILD_DIR/lib/fl/{kernel.ld,libfl_kernel.a,libfl_rts_vm.a}.
# Ends with one "N passed, N failed" line; exits 1 if anything failed.
set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
if ! build=$(cd "$1" 2>/dev/null && pwd); then
  echo "FAIL setup: no build directory $1"
  echo "0 passed, 1 failed"
  exit 1
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$build/tests/vm
mkdir -p "$work"

# The command line of kernel/README.md, without -kernel. isa-debug-exit
# turns the program's status s into QEMU's (s << 1) | 1.
machine=(-M pc -bios qboot.rom)
common=(-nodefaults -no-user-config -display none -no-reboot -serial stdio -accel tcg -m 128M)
debug_exit=(-device "isa-debug-exit,iobase=0xf4,iosize=0x04")
timeout_seconds=${FL_VM_TEST_TIMEOUT:-60}

passed=0
failed=0
pass() {
  echo "PASS $1"
  passed=$((passed + 1))
}
fail() {
  echo "FAIL $1: $2"
  [ -s "$work/$1.out" ] && sed 's/^/    | /' "$work/$1.out" | head -20
  [ -s "$work/$1.err" ] && sed 's/^/    ! /' "$work/$1.err" | head -5
  failed=$((failed + 1))
}

image() {  # image NAME [clang flags...]: builds $work/NAME.img from NAME_main.cpp
  local name=$1
  shift
  "$here/build_image.sh" "$build" "$here/${name}_main.cpp" "$work/$name.img" "$@" 2>"$work/build_$name.err"
}

# boot TEST IMAGE [qemu args...]: runs QEMU; sets $status, output in $work/TEST.out.
boot() {
  local test=$1 img=$2
  shift 2
  timeout "$timeout_seconds" qemu-system-x86_64 "$@" -kernel "$work/$img.img" \
    >"$work/$test.out" 2>"$work/$test.err" </dev/null
  status=$?
}

# expect TEST STATUS [PATTERN...]: QEMU status and extended regexps that
# must each match a line of the output.
expect() {
  local test=$1 want=$2
  shift 2
  if [ "$status" -eq 124 ]; then
    fail "$test" "timed out after ${timeout_seconds}s"
    return
  fi
  if [ "$status" -ne "$want" ]; then
    fail "$test" "QEMU exited with $status, expected $want"
    return
  fi
  for pattern in "$@"; do
    if ! grep -Eq -- "$pattern" "$work/$test.out"; then
      fail "$test" "no line matches: $pattern"
      return
    fi
  done
  pass "$test"
}

for lib in kernel.ld libfl_kernel.a libfl_rts_vm.a; do
  if [ ! -f "$build/lib/fl/$lib" ]; then
    echo "FAIL setup: missing $build/lib/fl/$lib"
    echo "0 passed, 1 failed"
    exit 1
  fi
done

built=()
# Generated code may be PIC or not: the smoke test is PIC, the fault test not.
for spec in "smoke" "fault -fno-pic" "memory -I$root/kernel" "devices -I$root/kernel" "stacks -I$root/kernel"; do
  # shellcheck disable=SC2086
  if image $spec; then built+=("${spec%% *}"); else fail "build_${spec%% *}" "$(head -3 "$work/build_${spec%% *}.err")"; fi
done
has() { [[ " ${built[*]} " == *" $1 "* ]]; }

# --- The image format: what QEMU, other PVH loaders and GRUB look for.
if has smoke; then
  if python3 - "$work/smoke.img" <<'PY'; then pass image_headers; else fail image_headers "see above"; fi
import struct, subprocess, sys
data = open(sys.argv[1], "rb").read()
# Multiboot2: 8-aligned in the first 32 KiB, magic + arch + length + checksum == 0 (mod 2^32).
found = any(
    struct.unpack_from("<I", data, off)[0] == 0xE85250D6
    and sum(struct.unpack_from("<4I", data, off)) % 2**32 == 0
    for off in range(0, min(len(data), 32768) - 16, 8))
# No Multiboot v1 header (it would make QEMU refuse the ELF64 image).
v1 = any(struct.unpack_from("<I", data, off)[0] == 0x1BADB002 for off in range(0, min(len(data), 8192) - 4, 4))
notes = subprocess.run(["llvm-readelf-19", "--notes", sys.argv[1]], capture_output=True, text=True).stdout
pvh = "Xen" in notes and "0x00000012" in notes
print("multiboot2 header:", found, " multiboot v1 header:", v1, " PVH note:", pvh)
sys.exit(0 if found and pvh and not v1 else 1)
PY
fi

# --- Output, status and command line.
if has smoke; then
  boot smoke smoke "${machine[@]}" "${common[@]}" "${debug_exit[@]}"
  if [ "$status" -eq 1 ] && diff -u "$here/smoke.out" "$work/smoke.out" >"$work/smoke.diff"; then
    pass smoke
  else
    fail smoke "status $status (expected 1) or output differs from smoke.out: $(head -20 "$work/smoke.diff")"
  fi
  boot smoke_cmdline smoke "${machine[@]}" "${common[@]}" "${debug_exit[@]}" -append "-- a b"
  expect smoke_cmdline 1 '^cmdline \[-- a b\]$'
  # Without isa-debug-exit the VM powers off through ACPI: QEMU's status 0.
  boot smoke_acpi_off smoke "${machine[@]}" "${common[@]}"
  expect smoke_acpi_off 0 '^hello from fl_main$' '^to stderr$'
  # Other machines and firmware the kernel must boot on too.
  boot smoke_pc_seabios smoke -M pc "${common[@]}" "${debug_exit[@]}"
  expect smoke_pc_seabios 1 '^heap ok$'
  boot smoke_q35 smoke -M q35 "${common[@]}" "${debug_exit[@]}"
  expect smoke_q35 1 '^heap ok$'
  boot smoke_microvm smoke -M microvm "${common[@]}" "${debug_exit[@]}"
  expect smoke_microvm 1 '^heap ok$'
fi

# --- Faults: each must print "panic: ..." and end with status 3 (QEMU 7).
fault() {  # fault ARGUMENT STATUS PATTERN... (runs with -append "-- ARGUMENT")
  local argument=$1 want=$2
  shift 2
  boot "fault_$argument" fault "${machine[@]}" "${common[@]}" "${debug_exit[@]}" -append "-- $argument"
  expect "fault_$argument" "$want" "$@"
}
hex='0x[0-9a-f]+'
if has fault; then
  fault null 7 "^panic: page fault \(vector 14\) error code 0x2 at RIP $hex CR2 0x0$" 'null pointer' '^backtrace:$'
  fault unmapped 7 "^panic: page fault \(vector 14\) error code 0x0 at RIP $hex CR2 0x10000000000$"
  fault noncanonical 7 "^panic: general protection fault \(vector 13\) error code 0x0 at RIP $hex$"
  fault ud2 7 "^panic: invalid opcode \(vector 6\) error code 0x0 at RIP $hex$"
  fault int3 7 "^panic: breakpoint \(vector 3\) error code 0x0 at RIP $hex$"
  fault divide 7 "^panic: divide error \(vector 0\) error code 0x0 at RIP $hex$"
  fault overflow 7 "^panic: page fault \(vector 14\) error code 0x2 at RIP $hex CR2 $hex$" 'stack overflow' 'more times$'
  fault badstack 7 "^panic: double fault \(vector 8\) error code 0x0 at RIP $hex$"
  fault panic 7 '^panic: deliberate kernel_panic$' '^backtrace:$'
  fault exit42 85
  boot fault_oom fault "${machine[@]}" "${common[@]}" "${debug_exit[@]}" -m 32M -append "-- oom"
  expect fault_oom 7 '^panic: out of memory$'
fi

# --- Kernel memory internals; 3712M puts 640 MiB of RAM above 4 GiB on pc.
if has memory; then
  boot memory memory "${machine[@]}" "${common[@]}" "${debug_exit[@]}" -m 3712M
  expect memory 1 '^string functions ok$' '^identity map ok$' '^balloon pages ok$' '^high memory ok at 0x100000000$'
fi

# --- Thread stacks: growth, guard, release; the cost of a blocked thread.
if has stacks; then
  boot stacks stacks "${machine[@]}" "${common[@]}" "${debug_exit[@]}"
  expect stacks 1 '^stack cost: [0-9]+ bytes per blocked thread$' '^many stacks ok$' '^growth ok$' '^release ok$'
fi

# --- Devices: PCI on both chipsets, virtio-net with MSI-X and with INTx
# through the I/O APIC (vectors=0), and no device at all. Each VM with the
# device sends an ARP request to QEMU's user-networking gateway and must
# receive its answer.
if has devices; then
  user_net=(-netdev user,id=n0)
  virtio_net=virtio-net-pci,netdev=n0,disable-legacy=on
  pci_line='^pci 00:0[0-9a-f]\.0 1af4:1041 class 0200'
  arp_ok=('^net: mac 52:54:00:12:34:56$' '^net: send 0$' '^net: oversized -3$' '^net: received 64 bytes$')
  boot devices_absent devices "${machine[@]}" "${common[@]}" "${debug_exit[@]}"
  expect devices_absent 1 '^pci: 4 functions, configuration through ports$' '^pci 00:01.3 8086:7113' '^net: absent$' \
    '^interrupts: unexpected \+1 spurious \+1$' '^balloon: absent$'
  if grep -q 'did not fail' "$work/devices_absent.out"; then fail devices_absent_errors "a call without a device did not fail"; fi
  boot devices_pc_msix devices "${machine[@]}" "${common[@]}" "${debug_exit[@]}" "${user_net[@]}" -device "$virtio_net" \
    -device virtio-balloon-pci,disable-legacy=on
  expect devices_pc_msix 1 'configuration through ports$' "$pci_line" '^  bar 4 mem64 size 0x4000' \
    '^balloon: intx$' '^net: interrupts msix$' "${arp_ok[@]}"
  boot devices_pc_intx devices "${machine[@]}" "${common[@]}" "${debug_exit[@]}" "${user_net[@]}" -device "$virtio_net,vectors=0" \
    -device virtio-balloon-pci,disable-legacy=on
  # QEMU's balloon has no MSI-X: it shares its INTx line (IRQ 11) with net here.
  expect devices_pc_intx 1 '^pci 00:03.0 1af4:1045 class 00ff irq 11' '^balloon: intx$' '^net: interrupts intx$' \
    "${arp_ok[@]}"
  for t in devices_pc_msix devices_pc_intx; do
    if grep -q 'holds pages unasked' "$work/$t.out"; then fail "${t}_balloon" "the balloon took pages with no target"; fi
  done
  boot devices_q35 devices -M q35 "${common[@]}" "${debug_exit[@]}" "${user_net[@]}" -device "$virtio_net"
  expect devices_q35 1 'configuration through ECAM$' "$pci_line" '^pci 00:1f.0 8086:2918' '^net: interrupts msix$' "${arp_ok[@]}"
  # q35: SeaBIOS routes the PCI lines to ISA IRQs, which the I/O APIC sees.
  boot devices_q35_intx devices -M q35 "${common[@]}" "${debug_exit[@]}" "${user_net[@]}" -device "$virtio_net,vectors=0"
  expect devices_q35_intx 1 'configuration through ECAM$' '^net: interrupts intx$' "${arp_ok[@]}"
  boot devices_transitional devices "${machine[@]}" "${common[@]}" "${debug_exit[@]}" "${user_net[@]}" \
    -device virtio-net-pci,netdev=n0
  expect devices_transitional 1 '^pci 00:0[0-9a-f]\.0 1af4:1000 class 0200' "${arp_ok[@]}"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
