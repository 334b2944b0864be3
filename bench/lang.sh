#!/usr/bin/env bash
# The language benchmarks of bench/lang/: each program in fl, OCaml and C,
# built here, checked to print the same output, timed together with
# hyperfine, and summed up in a markdown table on stdout (also written to
# BUILD_DIR/bench/lang/results.md).
#
#   bench/lang.sh [BUILD_DIR] [--runs N] [NAME...]
#
# BUILD_DIR (default: build) holds bin/flc; the binaries go to
# BUILD_DIR/bench/lang/. N (default 10) is the number of timed runs per
# program, after one warm-up run; the table gives the median. NAMEs pick
# benchmarks (default: all of them, in the order below).
#
# A benchmark whose fl version does not compile, fails or prints something
# else is reported in its row and left out of the fl/OCaml mean: the
# compiler is still incomplete. OCaml and C disagreeing is a bug here, and
# makes the exit status 1.
set -euo pipefail

all=(fib nqueens binarytrees nbody spectralnorm rbtree deriv)
root=$(cd "$(dirname "$0")/.." && pwd)
src=$root/bench/lang
timeout_s=${LANG_BENCH_TIMEOUT:-600}   # for the one checking run of each program

usage() {
  echo "usage: $0 [BUILD_DIR] [--runs N] [NAME...]   NAMEs: ${all[*]}" >&2
  exit 2
}

build=
runs=10
names=()
. "$root/bench/arguments.sh"
while [ $# -gt 0 ]; do
  case $1 in
    --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
    --runs=*) runs=${1#--runs=}; shift ;;
    -h | --help) usage ;;
    -*) echo "$0: unknown option $1" >&2; usage ;;
    *) positional "$1"; shift ;;
  esac
done
case $runs in '' | *[!0-9]* | 0) echo "$0: --runs wants a positive number" >&2; exit 2 ;; esac
[ ${#names[@]} -gt 0 ] || names=("${all[@]}")
build=${build:-$root/build}
mkdir -p "$build/bench/lang"
build=$(cd "$build" && pwd)
work=$build/bench/lang
flc=$build/bin/flc

# --- what we need: OCaml's native compiler and hyperfine; the C compiler
# comes with the project's own dependencies (scripts/install-deps.sh).
"$root/bench/install-packages.sh" lang.sh ocaml-nox hyperfine
for tool in ocamlopt hyperfine timeout; do
  command -v "$tool" >/dev/null || { echo "lang.sh: $tool not found" >&2; exit 1; }
done

# --- compilers and flags
# OCaml: the flags of the Benchmarks Game's OCaml entries. -unsafe drops
# array bounds checks (only nbody and spectralnorm index arrays). With an
# flambda compiler -O3 turns on its most aggressive inlining and
# specialisation. Debian 12's ocaml-nox (4.13.1) is built without flambda
# (`ocamlopt -config-var flambda` says false), where -O3 does nothing, so
# there we raise the closure inliner's threshold with -inline 100 instead.
# ocamlfind is used when present (the programs need no libraries).
ocamlopt=(ocamlopt)
command -v ocamlfind >/dev/null && ocamlopt=(ocamlfind ocamlopt)
if [ "$(ocamlopt -config-var flambda 2>/dev/null)" = true ]; then
  ocamlflags=(-O3 -unsafe)
else
  ocamlflags=(-unsafe -inline 100)
fi
# C: plain -O2 for the baseline x86-64 (no -march=native, no fast-math: the
# float programs must round exactly as the others do).
if command -v clang-19 >/dev/null; then cc=clang-19; else cc=gcc; fi
cflags=(-O2)
flflags=(--target host -O2)

ocaml_version=$(ocamlopt -version)
hyperfine_version=$(hyperfine --version | awk '{print $2}')
cc_version=$($cc --version | head -1)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
fl_commit=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)

status=0
declare -A cell_fl cell_ml cell_c cell_rml cell_rc note
ratios=()   # fl/OCaml of every benchmark whose fl version ran correctly

run_one() { # LANG: one run of $b's program in LANG; returns its status
  local st=0
  timeout "$timeout_s" "$work/$b.$1.exe" >"$work/$b.$1.out" 2>"$work/$b.$1.run.err" </dev/null || st=$?
  return $st
}

ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", a / b }'; }

for b in "${names[@]}"; do
  echo "lang.sh: $b" >&2
  rm -f "$work/$b".{ml,c,fl}.{exe,out,err,run.err} "$work/$b".{csv,hyperfine.txt}

  # OCaml compiles in its own folder: ocamlopt writes .cmi/.cmx/.o beside
  # the source.
  mkdir -p "$work/ocaml"
  cp "$src/$b.ml" "$work/ocaml/$b.ml"
  if ! (cd "$work/ocaml" && "${ocamlopt[@]}" "${ocamlflags[@]}" "$b.ml" -o "$work/$b.ml.exe") \
      >"$work/$b.ml.err" 2>&1; then
    echo "lang.sh: $b.ml does not compile:" >&2
    cat "$work/$b.ml.err" >&2
    exit 1
  fi
  if ! $cc "${cflags[@]}" "$src/$b.c" -o "$work/$b.c.exe" -lm >"$work/$b.c.err" 2>&1; then
    echo "lang.sh: $b.c does not compile:" >&2
    cat "$work/$b.c.err" >&2
    exit 1
  fi
  fl_ok=0
  if [ ! -x "$flc" ]; then
    cell_fl[$b]="no flc"
    note[$b]="no $flc"
  elif ! "$flc" build "${flflags[@]}" "$src/$b.fl" -o "$work/$b.fl.exe" >"$work/$b.fl.err" 2>&1; then
    cell_fl[$b]="does not compile yet"
    note[$b]=$(grep -m1 -o 'error: .*' "$work/$b.fl.err" || head -1 "$work/$b.fl.err")
  else
    fl_ok=1
  fi

  # One checking run of each: OCaml's output is the reference.
  st=0; run_one ml || st=$?
  if [ $st -ne 0 ]; then
    cell_ml[$b]="failed ($st)"; cell_c[$b]="–"; cell_fl[$b]=${cell_fl[$b]:-"–"}
    note[$b]="$b.ml exited with status $st"; status=1
    continue
  fi
  st=0; run_one c || st=$?
  if [ $st -ne 0 ] || ! cmp -s "$work/$b.ml.out" "$work/$b.c.out"; then
    cell_ml[$b]="–"; cell_c[$b]=$([ $st -ne 0 ] && echo "failed ($st)" || echo "differs from OCaml")
    cell_fl[$b]=${cell_fl[$b]:-"–"}
    note[$b]="C and OCaml disagree: see $work/$b.{ml,c}.out"; status=1
    continue
  fi
  if [ $fl_ok -eq 1 ]; then
    st=0; run_one fl || st=$?
    if [ $st -eq 124 ]; then
      fl_ok=0; cell_fl[$b]="timed out"; note[$b]="fl version ran over ${timeout_s}s"
    elif [ $st -ne 0 ]; then
      fl_ok=0; cell_fl[$b]="failed ($st)"
      note[$b]=$(head -1 "$work/$b.fl.run.err")
    elif ! cmp -s "$work/$b.ml.out" "$work/$b.fl.out"; then
      fl_ok=0; cell_fl[$b]="wrong output"
      note[$b]="prints $(diff "$work/$b.ml.out" "$work/$b.fl.out" | grep -m1 '^>' | cut -c3- | head -c 80 || true)"
      note[$b]+=" where OCaml prints $(diff "$work/$b.ml.out" "$work/$b.fl.out" | grep -m1 '^<' | cut -c3- | head -c 80 || true)"
      note[$b]+=" (diff $work/$b.ml.out $work/$b.fl.out)"
    fi
  fi

  # Timing: all of a benchmark's programs in one hyperfine run, no shell.
  cmds=()
  [ $fl_ok -eq 1 ] && cmds+=(-n fl "$work/$b.fl.exe")
  cmds+=(-n ocaml "$work/$b.ml.exe" -n c "$work/$b.c.exe")
  hyperfine -N --style basic --warmup 1 --runs "$runs" --export-csv "$work/$b.csv" \
    "${cmds[@]}" >"$work/$b.hyperfine.txt" 2>&1 || {
      echo "lang.sh: hyperfine failed on $b:" >&2; cat "$work/$b.hyperfine.txt" >&2; exit 1; }
  declare -A median=()
  # CSV columns: command,mean,stddev,median,user,system,min,max
  while IFS=, read -r name _ _ secs _; do
    [ "$name" = command ] || median[$name]=$secs
  done <"$work/$b.csv"
  cell_ml[$b]=$(ms "${median[ocaml]}")
  cell_c[$b]=$(ms "${median[c]}")
  if [ $fl_ok -eq 1 ]; then
    cell_fl[$b]=$(ms "${median[fl]}")
    r_ml=$(ratio "${median[fl]}" "${median[ocaml]}")
    r_c=$(ratio "${median[fl]}" "${median[c]}")
    ratios+=("$r_ml")
    cell_rml[$b]=$(printf '%.2f' "$r_ml")
    cell_rc[$b]=$(printf '%.2f' "$r_c")
  fi
  unset median
done

{
  echo "Language benchmarks (\`bench/lang.sh\`), median of $runs runs after 1 warm-up, $(date -u +%Y-%m-%d)."
  echo "fl $fl_commit: \`flc build ${flflags[*]}\`; OCaml $ocaml_version: \`${ocamlopt[*]} ${ocamlflags[*]}\`;"
  echo "C: \`$cc ${cflags[*]}\` ($cc_version); hyperfine $hyperfine_version; $cpu."
  echo
  echo "| benchmark | fl ms | OCaml ms | C ms | fl/OCaml | fl/C |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for b in "${names[@]}"; do
    echo "| $b | ${cell_fl[$b]:-–} | ${cell_ml[$b]:-–} | ${cell_c[$b]:-–} | ${cell_rml[$b]:-–} | ${cell_rc[$b]:-–} |"
  done
  echo
  if [ ${#ratios[@]} -gt 0 ]; then
    printf 'Geometric mean of fl/OCaml over the %d benchmark(s) that ran: %s\n' "${#ratios[@]}" \
      "$(printf '%s\n' "${ratios[@]}" | awk '{ s += log($1) } END { printf "%.2f", exp(s / NR) }')"
  else
    echo "Geometric mean of fl/OCaml: no fl benchmark ran."
  fi
  first=1
  for b in "${names[@]}"; do
    [ -n "${note[$b]:-}" ] || continue
    [ $first -eq 1 ] && { echo; echo "Notes:"; first=0; }
    echo "- $b: ${note[$b]}"
  done
} | tee "$work/results.md"
exit $status
