# lit configuration of the language tests. Every .fl test runs on one target
# per lit run; scripts/run-tests.sh runs the suite once per target:
#   lit.py --param target=host tests/lang
#   lit.py --param target=vm   tests/lang
# so one source is tested on both. In a test:
#   %run     flc run --target <target> with a timeout
#   %flc     the compiler itself (for `check`, `build --emit`, errors)
#   %target  "host" or "vm"
import os
import lit.formats

config.name = "fl"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".fl"]
config.test_source_root = os.path.dirname(__file__)

build = lit_config.params.get("build", os.path.join(os.path.dirname(__file__), "..", "..", "build"))
build = os.path.abspath(build)
target = lit_config.params.get("target", "host")
if target not in ("host", "vm"):
    lit_config.fatal("target must be host or vm, not " + target)
config.name = "fl-" + target
config.test_exec_root = os.path.join(build, "tests", "lang", target)

flc = os.path.join(build, "bin", "flc")
timeout = "120" if target == "vm" else "60"
config.substitutions.append(("%run", f"{flc} run --target {target} --timeout {timeout}"))
config.substitutions.append(("%flc", flc))
config.substitutions.append(("%target", target))
config.available_features.add("target-" + target)

# FileCheck and not from LLVM 19.
llvm_bin = "/usr/lib/llvm-19/bin"
config.environment["PATH"] = os.pathsep.join([llvm_bin, config.environment.get("PATH", os.environ.get("PATH", ""))])
for var in ("HOME", "TMPDIR", "FL_NO_KVM"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
