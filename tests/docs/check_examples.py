#!/usr/bin/env python3
"""Runs every example of the user's guide, so that the docs never lie.

In docs/*.md, a fenced block tagged `fl` is a complete program. When the
block right after it is tagged `output`, the program must print exactly
that; otherwise it must compile (`flc check`). Each program runs on both
targets. A program that uses `File` runs with `--share` of a fresh empty
directory (its working directory on the host, "/" in the VM). A block
tagged `repl` is typed into `flc repl` (its input, as with
`flc repl < file`); the `output` block after it is what the REPL must
answer.

usage: check_examples.py BUILD_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(os.path.dirname(os.path.dirname(HERE)), "docs")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.M | re.S)


def examples():
    for name in sorted(os.listdir(DOCS)):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(DOCS, name), encoding="utf-8").read()
        blocks = [(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(text)]
        for i, (lang, body, line) in enumerate(blocks):
            if lang not in ("fl", "repl"):
                continue
            expected = blocks[i + 1][1] if i + 1 < len(blocks) and blocks[i + 1][0] == "output" else None
            yield f"{name}:{line}", lang, body, expected


def main():
    flc = os.path.join(os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build"), "bin", "flc")
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for where, lang, program, expected in examples():
            path = os.path.join(tmp, "example.fl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(program)
            if lang == "repl":
                runs = [[flc, "repl"]]
            elif expected is None:
                runs = [[flc, "check", path]]
            else:
                runs = [[flc, "run", "--target", t, "--timeout", "120", path] for t in ("host", "vm")]
            for cmd in runs:
                if cmd[1] == "run" and "File." in program:
                    cmd = cmd[:2] + ["--share", tempfile.mkdtemp(dir=tmp)] + cmd[2:]
                stdin = open(path, "rb") if lang == "repl" else subprocess.DEVNULL
                proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=stdin, timeout=300)
                out = proc.stdout.decode("utf-8", "replace")
                ok = proc.returncode == 0 and (expected is None or out == expected)
                if ok:
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL: {where} ({' '.join(cmd[1:4])}): status {proc.returncode}")
                    print("  | " + "\n  | ".join(out.splitlines()[-15:]))
    print(f"docs examples: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
