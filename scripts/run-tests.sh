#!/usr/bin/env bash
# The whole test suite: unit tests, the lit suite on both targets, the VM
# device tests and the conformance programs. Each part prints its own
# summary; the last line adds them up.
#   usage: run-tests.sh BUILD_DIR [unit|lit|vm|conformance|docs]...
set -uo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
shift || true
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(unit lit vm conformance docs)

lit=/usr/lib/llvm-19/build/utils/lit/lit.py
failed_parts=()
passed_parts=()

run_part() {
  local name=$1; shift
  echo "=== $name"
  if "$@"; then passed_parts+=("$name"); else failed_parts+=("$name"); fi
}

for part in "${parts[@]}"; do
  case $part in
    unit) run_part unit "$build/bin/fl-unit-tests" --gtest_brief=1 ;;
    lit)
      for target in host vm; do
        run_part "lit ($target)" python3 "$lit" -sv --param target=$target --param build="$build" tests/lang
      done ;;
    vm) run_part "vm devices" tests/vm/run_vm_tests.sh "$build" ;;
    conformance) run_part conformance python3 tests/conformance/run.py "$build" ;;
    docs) run_part "docs examples" python3 tests/docs/check_examples.py "$build" ;;
    *) echo "run-tests: unknown part $part" >&2; exit 2 ;;
  esac
done

echo
echo "test suites: ${#passed_parts[@]} passed, ${#failed_parts[@]} failed"
for p in "${failed_parts[@]}"; do echo "  failed: $p"; done
[ ${#failed_parts[@]} -eq 0 ]
