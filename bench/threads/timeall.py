#!/usr/bin/env python3
"""Times several commands in interleaved rounds and prints, per command,
the median wall-clock time and the median CPU time (user + system of the
command and its children) in seconds, as CSV: name,wall,cpu.

   timeall.py [--warmup N] ROUNDS NAME=COMMAND [NAME=COMMAND...]

COMMAND is split into words as a shell would (shlex) and run without a
shell. N warm-up rounds (default 1) come first and are not counted. Each
round runs every command once, in turn: on a machine shared with other
jobs the load changes from minute to minute, and interleaving spreads
those changes over all the commands alike, where timing one command's
runs after the other's (hyperfine) gives whichever ran in a quiet minute
an edge. Output goes to /dev/null; exit statuses are not checked (the
caller checked the outputs once).
"""
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run(argv):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    args = sys.argv[1:]
    warmup = 1
    if len(args) >= 2 and args[0] == "--warmup":
        warmup = int(args[1])
        args = args[2:]
    if len(args) < 2:
        sys.exit("usage: timeall.py [--warmup N] ROUNDS NAME=COMMAND [NAME=COMMAND...]")
    rounds = int(args[0])
    commands = []
    for spec in args[1:]:
        name, _, command = spec.partition("=")
        commands.append((name, shlex.split(command)))
    walls = {name: [] for name, _ in commands}
    cpus = {name: [] for name, _ in commands}
    for r in range(warmup + rounds):
        for name, argv in commands:
            wall, cpu = run(argv)
            if r >= warmup:
                walls[name].append(wall)
                cpus[name].append(cpu)
    print("name,wall,cpu")
    for name, _ in commands:
        print(f"{name},{statistics.median(walls[name]):.6f},{statistics.median(cpus[name]):.6f}")


if __name__ == "__main__":
    main()
