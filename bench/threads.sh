#!/usr/bin/env bash
# The threading benchmarks of bench/threads/ (issue 4, "Performance"): fl's
# green threads and MVars against GHC's (and POSIX threads in C where that
# makes sense), on the host and in the VM.
#
#   bench/threads.sh [BUILD_DIR] [--runs N] [--c-runs N] [--no-vm] [NAME...]
#
# NAMEs (default: all): spawn pingpong ring blocked (bench/threads/README.md
# says what each one does). BUILD_DIR (default: build) holds bin/flc; the
# binaries, images and outputs go to BUILD_DIR/bench/threads/.
#
# What it does, per benchmark:
#  1. builds the fl program three ways: a host executable (`flc build
#     --target host -O2`), the same with `--stack 256K` to run under
#     qemu-x86_64 (see "qemu-user" below), and a VM image (`flc build -O2
#     --mem 512M`); the GHC version (`ghc -O2`, Debian's) and the C one
#     (`clang-19 -O2 -pthread`) if there is one;
#  2. runs each once and checks that it prints what the GHC version prints;
#  3. host: times fl and GHC in N interleaved rounds after one warm-up
#     round (bench/threads/timeall.py: medians of wall-clock and of CPU
#     time; interleaved because the machine is shared and its load drifts),
#     C on its own (--c-runs rounds, default 1, no warm-up: POSIX threads
#     take minutes here); max RSS of each (GNU time) and the largest
#     page-table size (VmPTE, bench/threads/peakmem.py);
#  4. VM: times, in the same rounds, the VM image under qemu-system-x86_64
#     and the host executable under qemu-x86_64 (user-mode emulation), so
#     that both go through QEMU's TCG, together with bench/threads/empty.fl
#     both ways: its median (the boot; qemu-x86_64's start) is subtracted.
#     The VM runs under TCG even where KVM works (FL_NO_KVM=1): the point
#     is the same emulator on both sides.
#  5. blocked also runs with N = 0 threads: memory per blocked thread is
#     (max RSS at 100,000 - max RSS at 0) / 100,000; in the VM the RSS of
#     the QEMU process (guest RAM is resident once the guest touched it,
#     its page tables included).
# and prints markdown tables on stdout (also BUILD_DIR/bench/threads/results.md).
#
# qemu-user: Debian 12's qemu-x86_64 (7.2) keeps a descriptor for every page
# of every guest mapping, even MAP_NORESERVE address space that is never
# touched; the host runtime reserves 64 MiB of addresses per thread stack
# (in 64 GiB arenas), so 100,000 threads make qemu-x86_64 allocate tens of
# GiB and get killed. With --stack 256K each arena still costs ~400 MB of
# QEMU's own memory but 100,000 threads fit.
set -euo pipefail

all=(spawn pingpong ring blocked)
root=$(cd "$(dirname "$0")/.." && pwd)
src=$root/bench/threads
timeout_s=${THREADS_BENCH_TIMEOUT:-900}   # for the one checking run of each program
blocked_n=100000                          # blocked.fl's default

usage() {
  echo "usage: $0 [BUILD_DIR] [--runs N] [--c-runs N] [--no-vm] [NAME...]   NAMEs: ${all[*]}" >&2
  exit 2
}

build=
runs=5
c_runs=1
vm=1
names=()
. "$root/bench/arguments.sh"
while [ $# -gt 0 ]; do
  case $1 in
    --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
    --runs=*) runs=${1#--runs=}; shift ;;
    --c-runs) [ $# -ge 2 ] || usage; c_runs=$2; shift 2 ;;
    --c-runs=*) c_runs=${1#--c-runs=}; shift ;;
    --no-vm) vm=0; shift ;;
    -h | --help) usage ;;
    -*) echo "$0: unknown option $1" >&2; usage ;;
    *) positional "$1"; shift ;;
  esac
done
for n in "$runs" "$c_runs"; do
  case $n in '' | *[!0-9]* | 0) echo "$0: --runs and --c-runs want a positive number" >&2; exit 2 ;; esac
done
[ ${#names[@]} -gt 0 ] || names=("${all[@]}")
build=${build:-$root/build}
mkdir -p "$build/bench/threads"
build=$(cd "$build" && pwd)
work=$build/bench/threads
flc=$build/bin/flc
[ -x "$flc" ] || { echo "threads.sh: no $flc (build first)" >&2; exit 1; }
export FL_NO_KVM=1

# --- what we need besides the project's own dependencies
# (scripts/install-deps.sh: clang, QEMU's system emulator): GHC, QEMU's
# user-mode emulator and GNU time.
"$root/bench/install-packages.sh" threads.sh ghc qemu-user time
for tool in ghc qemu-x86_64 qemu-system-x86_64 timeout python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "threads.sh: $tool not found" >&2; exit 1; }
done

if command -v clang-19 >/dev/null; then cc=clang-19; else cc=gcc; fi
flhost=(--target host -O2)
fluser=(--target host -O2 --stack 256K)
flvm=(-O2 --mem 512M)
ghcflags=(-O2)

fl_commit=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)
ghc_version=$(ghc --numeric-version)
qemu_version=$(qemu-system-x86_64 --version | head -1 | awk '{print $4}')
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)

ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
# KiB per thread between two runs' KiB figures.
per_thread() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.2f", (a - b) / n }'; }

fail() { echo "threads.sh: $*" >&2; exit 1; }

# The QEMU command `flc run` would use for an image (one line, no quoting:
# the paths here have no spaces).
vm_command() { "$flc" build "${flvm[@]}" --print-qemu "$1" -o "$2"; }

# run_checked LABEL EXPECTED_STATUS OUT COMMAND...: the checking run.
run_checked() {
  local label=$1 want=$2 out=$3 st=0
  shift 3
  timeout "$timeout_s" "$@" >"$out" 2>"$out.err" </dev/null || st=$?
  [ "$st" -eq "$want" ] || fail "$label exited with status $st (stderr: $(head -c 300 "$out.err"))"
}

# Medians from timeall.py's CSV (name,wall,cpu): wall[NAME] and cpu[NAME]
# in seconds.
declare -A wall cpu
read_medians() {
  wall=()
  cpu=()
  while IFS=, read -r name w c; do
    [ "$name" = name ] && continue
    wall[$name]=$w
    cpu[$name]=$c
  done <"$1"
}

# --- the empty program, for the emulated timings
if [ $vm -eq 1 ]; then
  "$flc" build "${fluser[@]}" "$src/empty.fl" -o "$work/empty.user.exe"
  "$flc" build "${flvm[@]}" "$src/empty.fl" -o "$work/empty.img"
  vm_empty=$(vm_command "$src/empty.fl" "$work/empty.img")
fi

declare -A t_fl t_hs t_c r_hs rc_hs rc_vm rss_fl rss_hs rss_c pte_fl t_vm t_user r_vm boot user_start
for b in "${names[@]}"; do
  echo "threads.sh: $b" >&2
  # --- build
  "$flc" build "${flhost[@]}" "$src/$b.fl" -o "$work/$b.fl.exe"
  mkdir -p "$work/ghc/$b"
  ghc "${ghcflags[@]}" -v0 -outputdir "$work/ghc/$b" "$src/$b.hs" -o "$work/$b.hs.exe"
  has_c=0
  if [ -f "$src/$b.c" ]; then
    $cc -O2 -pthread "$src/$b.c" -o "$work/$b.c.exe"
    has_c=1
  fi
  if [ $vm -eq 1 ]; then
    "$flc" build "${fluser[@]}" "$src/$b.fl" -o "$work/$b.user.exe"
    "$flc" build "${flvm[@]}" "$src/$b.fl" -o "$work/$b.img"
    vm_cmd=$(vm_command "$src/$b.fl" "$work/$b.img")
  fi

  # --- check: GHC's output is the reference. QEMU exits with 1 when the
  # program's status is 0 (isa-debug-exit: status * 2 + 1).
  run_checked "$b.hs" 0 "$work/$b.hs.out" "$work/$b.hs.exe"
  run_checked "$b.fl" 0 "$work/$b.fl.out" "$work/$b.fl.exe"
  variants=(fl)
  [ $has_c -eq 1 ] && { run_checked "$b.c" 0 "$work/$b.c.out" "$work/$b.c.exe"; variants+=(c); }
  if [ $vm -eq 1 ]; then
    run_checked "$b.fl under qemu-x86_64" 0 "$work/$b.user.out" qemu-x86_64 "$work/$b.user.exe"
    # shellcheck disable=SC2086 # the QEMU command is a list of words
    run_checked "$b.fl in the VM" 1 "$work/$b.vm.out" $vm_cmd
    variants+=(user vm)
  fi
  for v in "${variants[@]}"; do
    cmp -s "$work/$b.hs.out" "$work/$b.$v.out" ||
      fail "$b: $v prints $(head -c 80 "$work/$b.$v.out") where GHC prints $(head -c 80 "$work/$b.hs.out")"
  done

  # --- host times: fl and GHC in the same rounds; C on its own
  python3 "$src/timeall.py" "$runs" fl="$work/$b.fl.exe" ghc="$work/$b.hs.exe" >"$work/$b.host.csv"
  read_medians "$work/$b.host.csv"
  t_fl[$b]=${wall[fl]}
  t_hs[$b]=${wall[ghc]}
  r_hs[$b]=$(ratio "${wall[fl]}" "${wall[ghc]}")
  rc_hs[$b]=$(ratio "${cpu[fl]}" "${cpu[ghc]}")
  if [ $has_c -eq 1 ]; then
    python3 "$src/timeall.py" --warmup 0 "$c_runs" c="$work/$b.c.exe" >"$work/$b.c.csv"
    read_medians "$work/$b.c.csv"
    t_c[$b]=${wall[c]}
  fi

  # --- host memory: max RSS and page tables
  read -r rss_fl[$b] pte_fl[$b] _ < <(python3 "$src/peakmem.py" /dev/null "$work/$b.fl.exe")
  read -r rss_hs[$b] _ _ < <(python3 "$src/peakmem.py" /dev/null "$work/$b.hs.exe")
  [ $has_c -eq 1 ] && read -r rss_c[$b] _ _ < <(python3 "$src/peakmem.py" /dev/null "$work/$b.c.exe")

  # --- emulated: the VM and qemu-x86_64, with the empty program both ways
  if [ $vm -eq 1 ]; then
    python3 "$src/timeall.py" "$runs" vm="$vm_cmd" boot="$vm_empty" \
      user="qemu-x86_64 $work/$b.user.exe" user-start="qemu-x86_64 $work/empty.user.exe" >"$work/$b.vm.csv"
    read_medians "$work/$b.vm.csv"
    t_vm[$b]=$(awk -v a="${wall[vm]}" -v b="${wall[boot]}" 'BEGIN { print a - b }')
    t_user[$b]=$(awk -v a="${wall[user]}" -v b="${wall[user-start]}" 'BEGIN { print a - b }')
    r_vm[$b]=$(ratio "${t_vm[$b]}" "${t_user[$b]}")
    rc_vm[$b]=$(ratio "$(awk -v a="${cpu[vm]}" -v b="${cpu[boot]}" 'BEGIN { print a - b }')" \
      "$(awk -v a="${cpu[user]}" -v b="${cpu[user-start]}" 'BEGIN { print a - b }')")
    boot[$b]=${wall[boot]}
    user_start[$b]=${wall[user-start]}
  fi
done

# --- memory per blocked thread: blocked with 100,000 threads and with none
blocked_row=
vm_blocked_row=
if is_bench blocked && printf '%s\n' "${names[@]}" | grep -qx blocked; then
  read -r fl0 pte0 _ < <(python3 "$src/peakmem.py" /dev/null "$work/blocked.fl.exe" 0)
  read -r hs0 _ _ < <(python3 "$src/peakmem.py" /dev/null "$work/blocked.hs.exe" 0)
  fl_kib=$(per_thread "${rss_fl[blocked]}" "$fl0" $blocked_n)
  fl_pte_kib=$(per_thread "${pte_fl[blocked]}" "$pte0" $blocked_n)
  hs_kib=$(per_thread "${rss_hs[blocked]}" "$hs0" $blocked_n)
  blocked_row="| memory per blocked thread (max RSS) | $fl_kib KiB | $hs_kib KiB | $(ratio "$fl_kib" "$hs_kib") | page tables: fl +$fl_pte_kib KiB |"
  if [ $vm -eq 1 ]; then
    vm_blocked=$(vm_command "$src/blocked.fl" "$work/blocked.img")
    # shellcheck disable=SC2086
    read -r vm_n _ st < <(python3 "$src/peakmem.py" "$work/blocked.vm.out" $vm_blocked)
    # shellcheck disable=SC2086
    read -r vm_0 _ st0 < <(python3 "$src/peakmem.py" "$work/blocked0.vm.out" $vm_blocked -append "-- 0")
    { [ "$st" -eq 1 ] && [ "$st0" -eq 1 ] && [ "$(cat "$work/blocked0.vm.out")" = 0 ]; } ||
      fail "blocked in the VM for the memory runs: status $st and $st0"
    vm_blocked_row="Memory per blocked thread in the VM (QEMU's max RSS, 100,000 threads against none): **$(per_thread "$vm_n" "$vm_0" $blocked_n) KiB** ($(mib "$vm_n") MiB against $(mib "$vm_0") MiB)."
  fi
fi

{
  echo "Threads (\`bench/threads.sh\`), $(date -u +%Y-%m-%d), fl $fl_commit (\`flc build ${flhost[*]}\`),"
  echo "GHC $ghc_version (\`ghc ${ghcflags[*]}\`, non-threaded RTS), C \`$cc -O2 -pthread\`; medians of $runs interleaved rounds"
  echo "after 1 warm-up round (C: $c_runs, no warm-up); wall-clock ms, and the fl/GHC ratio of CPU time (user + system) too; $cpu_model."
  echo
  echo "| benchmark | fl ms | GHC ms | C ms | fl/GHC | fl/GHC CPU | fl max RSS MiB | GHC max RSS MiB | C max RSS MiB |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for b in "${names[@]}"; do
    c_ms=–; [ -n "${t_c[$b]:-}" ] && c_ms=$(ms "${t_c[$b]}")
    c_rss=–; [ -n "${rss_c[$b]:-}" ] && c_rss=$(mib "${rss_c[$b]}")
    echo "| $b | $(ms "${t_fl[$b]}") | $(ms "${t_hs[$b]}") | $c_ms | ${r_hs[$b]} | ${rc_hs[$b]} | $(mib "${rss_fl[$b]}") | $(mib "${rss_hs[$b]}") | $c_rss |"
  done
  if [ -n "$blocked_row" ]; then
    echo
    echo "| | fl | GHC | fl/GHC | |"
    echo "| --- | ---: | ---: | ---: | --- |"
    echo "$blocked_row"
  fi
  if [ $vm -eq 1 ]; then
    echo
    echo "Emulated (QEMU $qemu_version, TCG): the VM image (\`flc build ${flvm[*]}\`, \`flc run\`'s QEMU command) against"
    echo "the host executable (\`flc build ${fluser[*]}\`) under qemu-x86_64; medians of $runs interleaved rounds"
    echo "after 1 warm-up round, minus the median of empty.fl run the same way (the boot; qemu-x86_64's start) in the same rounds."
    echo
    echo "| benchmark | VM ms | qemu-x86_64 ms | VM/qemu-x86_64 | same, CPU time | boot ms | qemu-x86_64 start ms |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for b in "${names[@]}"; do
      echo "| $b | $(ms "${t_vm[$b]}") | $(ms "${t_user[$b]}") | ${r_vm[$b]} | ${rc_vm[$b]} | $(ms "${boot[$b]}") | $(ms "${user_start[$b]}") |"
    done
    [ -n "$vm_blocked_row" ] && { echo; echo "$vm_blocked_row"; }
  fi
} | tee "$work/results.md"
