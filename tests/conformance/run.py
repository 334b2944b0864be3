#!/usr/bin/env python3
"""Runs the conformance programs of ../shared/conformance on both targets.

Each NAME.fl is run with `flc run` (stderr merged into stdout) and checked
as the directory's README says: NAME.out exactly, NAME.status (0 when
absent), each line of NAME.err somewhere in the output, NAME.flags as extra
options. Programs listed in expected_failures.txt must fail; if one passes
it is reported, so the list only ever shrinks.

usage: run.py BUILD_DIR [--targets host,vm] [NAME...]
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The programs live beside the project, not in it; FL_CONFORMANCE_DIR points
# elsewhere when the checkout is not next to them.
CONFORMANCE = os.environ.get("FL_CONFORMANCE_DIR") or os.path.normpath(
    os.path.join(ROOT, "..", "shared", "conformance"))


def read(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


def expected_failures():
    entries = set()
    for line in read(os.path.join(HERE, "expected_failures.txt"), "").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.add(line)
    return entries


def run_one(flc, name, target):
    base = os.path.join(CONFORMANCE, name)
    flags = (read(base + ".flags", "") or "").split()
    timeout = 300 if target == "vm" else 120
    cmd = [flc, "run", "--target", target, "--timeout", str(timeout)] + flags + [name + ".fl"]
    try:
        proc = subprocess.run(cmd, cwd=CONFORMANCE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=timeout + 60)
        output, status = proc.stdout.decode("utf-8", "replace"), proc.returncode
    except subprocess.TimeoutExpired:
        return ["flc itself did not finish"], ""
    problems = []
    want_status = int((read(base + ".status", "0") or "0").strip() or 0)
    if status != want_status:
        problems.append(f"exit status {status}, expected {want_status}")
    want_out = read(base + ".out")
    if want_out is not None and output != want_out:
        problems.append("output differs from " + name + ".out")
    want_err = read(base + ".err")
    if want_err is not None:
        for line in want_err.splitlines():
            if line and line not in output:
                problems.append(f"output lacks {line!r}")
    return problems, output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--targets", default="host,vm")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()

    flc = os.path.join(os.path.abspath(args.build), "bin", "flc")
    if not os.path.isdir(CONFORMANCE):
        sys.exit(f"conformance: no programs at {CONFORMANCE} (set FL_CONFORMANCE_DIR)")
    names = args.names or sorted(f[:-3] for f in os.listdir(CONFORMANCE) if f.endswith(".fl"))
    xfail = expected_failures()
    jobs = [(n, t) for n in names for t in args.targets.split(",")]

    counts = {"passed": 0, "failed": 0, "xfail": 0, "xpass": 0}
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {pool.submit(run_one, flc, n, t): (n, t) for n, t in jobs}
        for future in concurrent.futures.as_completed(futures):
            name, target = futures[future]
            problems, output = future.result()
            expected_to_fail = name in xfail or f"{name}:{target}" in xfail
            label = f"{name} [{target}]"
            if problems and expected_to_fail:
                counts["xfail"] += 1
                if args.verbose:
                    print(f"XFAIL: {label}: {'; '.join(problems)}")
            elif problems:
                counts["failed"] += 1
                print(f"FAIL: {label}: {'; '.join(problems)}")
                print("  | " + "\n  | ".join(output.rstrip("\n").splitlines()[-20:]))
            elif expected_to_fail:
                counts["xpass"] += 1
                print(f"XPASS: {label}: passes but is listed in expected_failures.txt")
            else:
                counts["passed"] += 1
                if args.verbose:
                    print(f"PASS: {label}")

    print(f"conformance: {counts['passed']} passed, {counts['failed'] + counts['xpass']} failed, "
          f"{counts['xfail']} expected failures")
    sys.exit(1 if counts["failed"] or counts["xpass"] else 0)


if __name__ == "__main__":
    main()
