#!/bin/sh
# Checks the fl standard modules by running them as OCaml (see ../README.md).
#
#   stdlib/check/run.sh            lint, build and run the tests
#   KEEP=1 stdlib/check/run.sh     keep the generated sources, print where
#
# 1. lint.ml rejects OCaml-only syntax in the .fl files; flc, if built,
#    parses them.
# 2. The .fl files become one OCaml unit, flstd.ml: prelude.fl as module
#    Prelude (then opened), every other FILE.fl as `module File = struct
#    ... end`, in dependency order. It is compiled with -nopervasives
#    -open Flb, so the only names it can use are fl's builtins (flb.ml),
#    Prim (prim.ml, the compiler's primitives, checked) and the stdlib's own;
#    non-exhaustive matches and unused cases are errors, as in fl.
# 3. test.ml checks the signatures and the behaviour, and runs with a 1 MiB
#    stack, so that any recursion as deep as a long list overflows.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
stdlib=$(dirname "$here")
# Dependency order: each file uses only the ones before it.
modules="prelude char list string int float array option result map hashtbl buffer"

if ! command -v ocamlopt >/dev/null 2>&1; then
  echo "run.sh: needs the OCaml native compiler: apt-get install ocaml-nox" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fl-stdlib-check.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then echo "run.sh: sources in $work"; else trap 'rm -rf "$work"' EXIT; fi

files=""
for m in $modules; do files="$files $stdlib/$m.fl"; done
# shellcheck disable=SC2086
ocaml "$here/lint.ml" $files

# The fl parser, when a built flc is at hand (FLC=path, or build/bin/flc):
# only its syntax errors count, since the stdlib does not type-check on its
# own (Prim is reserved to the stdlib build).
flc=${FLC:-$stdlib/../build/bin/flc}
if [ -x "$flc" ]; then
  for f in $files; do
    if "$flc" check "$f" 2>&1 | grep -q "syntax error"; then
      "$flc" check "$f" 2>&1 | grep -A4 "syntax error"
      exit 1
    fi
  done
  echo "run.sh: $flc parses every file"
else
  echo "run.sh: no flc at $flc (set FLC=...): fl syntax checked by lint.ml only"
fi

{
  for m in $modules; do
    name=$(echo "$m" | sed 's/^./\U&/')
    echo "module $name = struct"
    echo "# 1 \"$stdlib/$m.fl\""
    cat "$stdlib/$m.fl"
    echo
    echo "end"
    if [ "$m" = prelude ]; then echo "open Prelude"; fi
  done
} > "$work/flstd.ml"
cp "$here/prim.ml" "$here/flb.ml" "$here/test.ml" "$work/"

cd "$work"
ocamlopt -g -c prim.ml
ocamlopt -g -c flb.ml
ocamlopt -g -nopervasives -open Flb -w +A-4-9-40-41-42-44-45-70 -warn-error +8+11+12+26+27 -c flstd.ml
ocamlopt -g -w +A-4-9-40-41-42-44-45-70 -warn-error +8+11+12 -c test.ml
ocamlopt -g -o check prim.cmx flb.cmx flstd.cmx test.cmx
(ulimit -s 1024 && OCAMLRUNPARAM=b ./check)
