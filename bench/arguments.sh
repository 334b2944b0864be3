# Sourced by bench/lang.sh and bench/threads.sh: their positional
# arguments, a build folder first, then names of benchmarks (those in the
# script's `all`). Sets `build` and appends to `names`.

is_bench() {
  local b
  for b in "${all[@]}"; do [ "$b" = "$1" ] && return 0; done
  return 1
}
positional() {
  if is_bench "$1"; then
    names+=("$1")
  elif [ -z "$build" ] && [ ${#names[@]} -eq 0 ] && [ -d "$1" ]; then
    build=$1
  else
    echo "$0: $1 is neither a build folder nor a benchmark" >&2
    usage
  fi
}
