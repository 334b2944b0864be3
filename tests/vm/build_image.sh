#!/usr/bin/env bash
# Builds a VM image from one C++ file that defines fl_main, the way flc
# will: compile to an object, then link it with the exact ld.lld command
# line flc uses (see kernel/README.md).
#   build_image.sh BUILD_DIR SOURCE.cpp OUT.img [extra clang flags...]
set -euo pipefail
build=$1 source=$2 out=$3
shift 3
root=$(cd "$(dirname "$0")/../.." && pwd)
lib=$build/lib/fl
object=${out%.img}.o

# Generated code is freestanding x86-64 with SSE and no red zone; it may be
# PIC, so the test programs are by default (pass -fno-pic to vary it).
clang++-19 --target=x86_64-unknown-none-elf -std=c++20 -O2 -ffreestanding -nostdlibinc \
  -fno-exceptions -fno-rtti -fno-math-errno -fno-stack-protector -mno-red-zone -fPIC -fno-omit-frame-pointer \
  -I"$root/rts/include" -I"$root/kernel/include" "$@" -c "$source" -o "$object"
ld.lld-19 -static -nostdlib -T "$lib/kernel.ld" -o "$out" "$object" \
  --start-group "$lib/libfl_rts_vm.a" "$lib/libfl_kernel.a" --end-group
