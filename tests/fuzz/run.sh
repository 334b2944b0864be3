#!/usr/bin/env bash
# Builds the front-end fuzzer in its own build directory and runs it.
#   usage: tests/fuzz/run.sh [SECONDS] [libFuzzer options...]
# SECONDS (default 300) is the total run time. The build directory is
# build-fuzz/ (FL_FUZZ_BUILD to change it), never build/: the sanitizers
# and coverage would replace the ordinary compiler there.
#
# In the build directory, fuzz/ holds:
#   seeds/      the seed corpus, rebuilt from the sources on every run:
#               tests/lang/**/*.fl, ../shared/conformance/*.fl
#               (FL_CONFORMANCE_DIR), stdlib/*.fl, tests/fuzz/crashes/*
#   corpus/     what the fuzzer found interesting, kept from run to run
#   artifacts/  crash-*, timeout-*, leak-*, oom-* inputs
# Findings go, minimised (see README.md), to tests/fuzz/crashes/.
# FL_FUZZ_JOBS=N runs N fuzzing processes in parallel (default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

seconds=${1:-300}
shift || true
build=${FL_FUZZ_BUILD:-build-fuzz}
case $(realpath -m "$build") in
  "$root/build") echo "run.sh: will not use build/, the main build directory" >&2; exit 2 ;;
esac
jobs=${FL_FUZZ_JOBS:-1}

./scripts/install-deps.sh
if [ ! -f "$build/build.ninja" ]; then
  # Debug: assertions on (a failed assert is a finding too), at -O1.
  cmake -S . -B "$build" -G Ninja -DFL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_FLAGS_DEBUG="-O1 -g" -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19
fi
cmake --build "$build" --target fl-fuzz-frontend

work=$build/fuzz
rm -rf "$work/seeds"
mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts"
conformance=${FL_CONFORMANCE_DIR:-$root/../shared/conformance}
# Known hangs would stop the fuzzer before it starts: leave out the inputs
# of crashes/open.txt (still failing).
skip=" "
if [ -f tests/fuzz/crashes/open.txt ]; then
  while read -r name _; do
    case $name in ''|'#'*) ;; *) skip+="tests/fuzz/crashes/$name " ;; esac
  done < tests/fuzz/crashes/open.txt
fi
shopt -s nullglob globstar
for f in tests/lang/**/*.fl "$conformance"/*.fl stdlib/*.fl tests/fuzz/crashes/*.fl; do
  [ -f "$f" ] || continue
  case $skip in *" $f "*) continue ;; esac
  # One flat directory: the path, made into a file name.
  name=$(realpath --relative-to="$root" -m "$f" | tr '/' '_')
  cp "$f" "$work/seeds/$name"
done
echo "run.sh: $(ls "$work/seeds" | wc -l) seeds, fuzzing for $seconds s"

# -timeout: an input that takes more than 10 s is a hang. -rss_limit_mb:
# ASan's quarantine and shadow memory add to the front end's own; 2 GB, the
# default, is reached by big inputs without any bug.
args=(
  -max_total_time="$seconds"
  -timeout=10
  -rss_limit_mb=4096
  -dict=tests/fuzz/fl.dict
  -artifact_prefix="$work/artifacts/"
  -print_final_stats=1
  -detect_leaks=0  # ANTLR's prediction cache grows by design
)
# No allocation stacks in ASan's reports: recording one per allocation is a
# fifth of the run time. Run a finding again without this to see them.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}
if [ "$jobs" -gt 1 ]; then
  args+=(-fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
exec "$build/bin/fl-fuzz-frontend" "${args[@]}" "$@" "$work/corpus" "$work/seeds"
