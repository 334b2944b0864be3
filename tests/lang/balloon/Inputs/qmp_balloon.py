#!/usr/bin/env python3
"""The host operator's side of a VM's virtio-balloon, for tests/lang/balloon:
runs `FLC_RUN... -- --qemu "-qmp unix:SOCKET,server=on,wait=off" ...
PROGRAM.fl -- SECONDS` and, through QMP while the program runs:
  1. sets the balloon to TARGET MiB (`balloon`) and polls `query-balloon`
     until `actual` is exactly that (fails after BOUND seconds); with
     --short, TARGET is more than the VM can give: `actual` must come down
     and stop above it;
  2. asks for the VM's statistics every second (qom-set
     guest-stats-polling-interval) and waits for a fresh report whose
     total memory is below the target (the balloon's pages are not the
     VM's any more) and whose free memory is below the total;
  3. sets the balloon back to the VM's whole RAM and polls until `actual`
     is that again.
Prints "qmp: ..." lines, then the VM's output; exits with the VM's status,
or 1 when a check failed.
  usage: qmp_balloon.py --seconds N --target-mib M [--stats] [--short] -- FLC RUN ARGS... PROGRAM.fl
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

BOUND = 60  # seconds for the balloon to reach a target under emulation
MIB = 1 << 20


class Qmp:
    def __init__(self, path, deadline):
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.time() > deadline:
                    raise RuntimeError("no QMP socket at " + path)
                time.sleep(0.05)
        self.file = self.sock.makefile("rw")
        self.read()  # the greeting
        self.execute("qmp_capabilities")

    def read(self):
        while True:
            line = self.file.readline()
            if not line:
                raise RuntimeError("QMP closed")
            message = json.loads(line)
            if "event" not in message:
                return message

    def execute(self, command, **arguments):
        request = {"execute": command}
        if arguments:
            request["arguments"] = arguments
        self.file.write(json.dumps(request) + "\n")
        self.file.flush()
        answer = self.read()
        if "error" in answer:
            raise RuntimeError(f"{command}: {answer['error']}")
        return answer["return"]


def wait_for_actual(qmp, target, what):
    start = time.time()
    actual = None
    while time.time() - start < BOUND:
        actual = qmp.execute("query-balloon")["actual"]
        if actual == target:
            print(f"qmp: {what} to {target // MIB} MiB", flush=True)
            print(f"qmp: ({what} in {time.time() - start:.2f} s)", file=sys.stderr, flush=True)
            return True
        time.sleep(0.1)
    print(f"qmp: FAIL: actual {actual} after {BOUND} s, wanted {target}", flush=True)
    return False


def wait_for_stop(qmp, target, whole):
    """For a target below what the VM can give: `actual` must come down
    and then stay put (for 2 s) above the target."""
    start = time.time()
    last, since = None, time.time()
    while time.time() - start < BOUND:
        actual = qmp.execute("query-balloon")["actual"]
        if actual != last:
            last, since = actual, time.time()
        elif actual < whole and time.time() - since >= 2:
            if actual > target:
                print("qmp: inflated as far as the VM can, above the target", flush=True)
                print(f"qmp: (stopped at {actual // MIB} MiB)", file=sys.stderr, flush=True)
                return True
            break
        time.sleep(0.1)
    print(f"qmp: FAIL: actual {last}, wanted it to stop above {target}", flush=True)
    return False


def check_stats(qmp, target):
    qmp.execute("qom-set", path="/machine/peripheral/balloon0", property="guest-stats-polling-interval", value=1)
    start = time.time()
    first = None
    stats = None
    while time.time() - start < BOUND:
        answer = qmp.execute("qom-get", path="/machine/peripheral/balloon0", property="guest-stats")
        stats = answer["stats"]
        if first is None:
            first = answer["last-update"]
        # A report newer than the first seen: the VM answered a request.
        if answer["last-update"] > first and 0 < stats["stat-free-memory"] < stats["stat-total-memory"] <= target:
            print("qmp: statistics: total below the target, free below the total", flush=True)
            qmp.execute("qom-set", path="/machine/peripheral/balloon0", property="guest-stats-polling-interval",
                        value=0)
            return True
        time.sleep(0.2)
    print(f"qmp: FAIL: statistics {stats}", flush=True)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--target-mib", type=int, required=True)
    parser.add_argument("--stats", action="store_true")
    parser.add_argument("--short", action="store_true", help="the target is below what the VM can give")
    parser.add_argument("run", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    run = args.run[1:] if args.run and args.run[0] == "--" else args.run
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "qmp")
        command = run[:-1] + ["--qemu", f"-qmp unix:{path},server=on,wait=off", run[-1], "--", str(args.seconds)]
        vm = subprocess.Popen(command, stdout=subprocess.PIPE)
        ok = True
        try:
            qmp = Qmp(path, time.time() + BOUND)
            whole = qmp.execute("query-balloon")["actual"]
            qmp.execute("balloon", value=args.target_mib * MIB)
            if args.short:
                ok = wait_for_stop(qmp, args.target_mib * MIB, whole)
            else:
                ok = wait_for_actual(qmp, args.target_mib * MIB, "inflated")
            if ok and args.stats:
                ok = check_stats(qmp, args.target_mib * MIB)
            qmp.execute("balloon", value=whole)
            ok = wait_for_actual(qmp, whole, "deflated") and ok
        except (RuntimeError, OSError) as e:
            print(f"qmp: FAIL: {e}", flush=True)
            ok = False
        output, _ = vm.communicate()
        sys.stdout.write(output.decode(errors="replace"))
        return vm.returncode if ok else 1


sys.exit(main())
