#!/usr/bin/env python3
"""Drives `flc repl` on a pseudo-terminal, as a user would: prompts, line
editing, history, completion, Ctrl-C and Ctrl-D. Prints one line per step,
which interactive.fl checks; on a failure, the transcript of that step."""
import os
import pty
import select
import shutil
import sys
import time

flc, home = sys.argv[1], sys.argv[2]
shutil.rmtree(home, ignore_errors=True)
os.makedirs(home)
pid, fd = pty.fork()
if pid == 0:
    os.environ["HOME"] = home
    os.environ["TERM"] = "xterm"
    os.execv(flc, [flc, "repl"])

seen = b""


def wait_for(pattern, timeout=30):
    """Reads until `pattern` appears; returns the output so far."""
    global seen
    end = time.time() + timeout
    while pattern not in seen:
        left = end - time.time()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                data = os.read(fd, 4096)
            except OSError:
                return None
            if not data:
                return None
            seen += data
    return seen


def step(name, keys, expect, pause=0.0):
    """Sends `keys` and waits for `expect`."""
    global seen
    if keys:
        seen = b""  # what came before is not the answer
    for chunk in keys if isinstance(keys, list) else [keys]:
        os.write(fd, chunk)
        time.sleep(pause)
    if wait_for(expect) is None:
        print(f"{name}: FAILED, expected {expect!r} in {seen!r}")
        finish(1)
    # What comes next is looked for after the answer only.
    seen = seen[seen.index(expect) + len(expect):]
    print(f"{name}: ok")


def settle():
    """Waits for the next prompt after an answer; libedit then reads."""
    if wait_for(b"# ") is None:
        print(f"no prompt after the answer: {seen!r}")
        finish(1)
    time.sleep(0.05)


def finish(status):
    """Ends the REPL if it is still there (a test that fails must not hang)."""
    for _ in range(100):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    sys.exit(status)


step("banner", b"", b"(:help for help)")
step("prompt", b"", b"# ")
step("phrase", b"let x = 41 + 1\r", b"val x : int = 42")
settle()
step("continuation", b"let y = (x +\r", b"\r\n  ")
step("continued", b"1)\r", b"val y : int = 43")
settle()
# Line editing: Ctrl-A goes to the start of the line.
step("editing", [b"2 + 21", b"\x01", b"1\r"], b"- : int = 33", pause=0.05)
settle()
# History: the up arrow brings the last line back.
step("history", [b"\x1b[A", b"\r"], b"- : int = 33", pause=0.1)
settle()
# Completion: List.le<TAB> becomes List.length.
step("completion", [b"List.le", b"\t", b"[1; 2; 3]\r"], b"- : int = 3", pause=0.2)
settle()
# Ctrl-C interrupts a running phrase: recursion, then a loop.
step("define spin", b"let rec spin n = if n < 0 then n else spin (n + 1)\r", b"val spin")
settle()
step("interrupt recursion", [b"spin 0\r", b"\x03"], b"Interrupted.", pause=0.5)
settle()
step("interrupt loop", [b"while true do () done\r", b"\x03"], b"Interrupted.", pause=0.5)
settle()
step("interrupt read_line", [b"read_line ()\r", b"\x03"], b"Interrupted.", pause=0.5)
settle()
# With a green thread spinning beside it, Ctrl-C still stops the phrase.
step("interrupt with a thread",
     [b"let _ = Thread.spawn (fun () -> while true do () done) in while true do () done\r", b"\x03"],
     b"Interrupted.", pause=0.5)
settle()
step("after interrupt", b"x + y\r", b"- : int = 85")
settle()
# Ctrl-C at the prompt drops what was typed.
step("drop input", [b"let dropped = (1 +\r", b"\x03"], b"\r\n# ", pause=0.3)
step("dropped", b"2\r", b"- : int = 2")
settle()
step("exception", b"List.hd []\r", b'Exception: Failure "hd".')
settle()
# Ctrl-D leaves.
os.write(fd, b"\x04")
for _ in range(300):
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print(f"exit status: {os.waitstatus_to_exitcode(status)}")
        break
    time.sleep(0.1)
else:
    print(f"Ctrl-D did not end the REPL: {seen!r}")
    finish(1)
with open(os.path.join(home, ".fl_history")) as history:
    text = history.read()
print("history kept:", "12\\040+\\04021" in text or "12 + 21" in text)
