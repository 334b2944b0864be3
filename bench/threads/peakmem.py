#!/usr/bin/env python3
"""Peak memory of a command: runs it under `/usr/bin/time -f %M` (stdout to
OUT_FILE, stderr inherited) and prints "MAXRSS_KIB PTE_KIB STATUS": its
maximum resident set size as GNU time reports it, and the largest VmPTE
(its page tables, which max RSS leaves out) seen while polling
/proc/PID/status every millisecond (0 for a program that ends before the
first look; the programs measured for it run for a good fraction of a
second).

   peakmem.py OUT_FILE COMMAND [ARG...]

Page tables matter here: a green thread's stack is an address-space
reservation of its own, and on Linux a thread whose one stack page lies
alone in its 2 MiB of address space costs a page-table page (4 KiB)
besides that page. (GNU time measures max RSS rather than this script's
own wait4: a child forked from Python would inherit Python's resident
set in ru_maxrss.)
"""
import os
import subprocess
import sys
import tempfile
import time


def pte_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key == "VmPTE":
                    return int(rest.split()[0])
    except (FileNotFoundError, ProcessLookupError, ValueError):
        pass
    return 0


def child_of(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = f.read().split()
    except FileNotFoundError:
        return None
    return int(children[0]) if children else None


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: peakmem.py OUT_FILE COMMAND [ARG...]")
    with tempfile.NamedTemporaryFile("r") as rss, open(sys.argv[1], "wb") as out:
        timer = subprocess.Popen(["/usr/bin/time", "-q", "-f", "%M", "-o", rss.name] + sys.argv[2:],
                                 stdout=out, stdin=subprocess.DEVNULL)
        pte = 0
        program = None
        while timer.poll() is None:
            program = program or child_of(timer.pid)
            if program is not None:
                pte = max(pte, pte_kib(program))
            time.sleep(0.001)
        max_rss = rss.read().split()[-1]
    print(max_rss, pte, timer.returncode)


if __name__ == "__main__":
    main()
