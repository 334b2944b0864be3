#!/usr/bin/env python3
"""The host side of a VM's network device, for tests/lang/net/peer.fl and
bench/net.sh: runs `flc run ... PROGRAM.fl -- N` with the VM's virtio-net
device on a QEMU `-netdev dgram` back-end whose other end is this script's
UDP socket (one datagram per Ethernet frame), then
  echo:  sends N frames (at most WINDOW unanswered) and checks that each
         comes back in order with its addresses swapped;
  sink:  sends N frames (at most WINDOW unacknowledged; the VM
         acknowledges every 16th) which the VM checks;
  burst: receives the N frames the VM sends on its own and checks them.
Before the echo, the VM sends one hello frame (EtherType 0x88b6) to say
that its driver is up, and the peer sends two malformed frames (5 and 2000
bytes) that the VM must drop and count.
Prints "peer: ..." lines, then the VM's output; exits with the VM's status,
or 1 when a check failed.
  usage: peer.py N FLC_RUN_ARGS... PROGRAM.fl
"""
import os
import signal
import socket
import subprocess
import sys
import time

# Frames in flight towards the VM: few enough for QEMU's socket buffer
# (212 KiB by default) while QEMU is slow to read it, and far below the
# VM's 256 receive buffers; so nothing can be dropped on the way.
WINDOW = 32
VM_MAC = bytes([0x02, 0, 0, 0, 0, 0x02])
PEER_MAC = bytes([0x02, 0, 0, 0, 0, 0x01])
BROADCAST = b"\xff" * 6
TIMEOUT = 60


def frame(dst, src, seq):
    """The frame peer.fl's make_frame builds."""
    length = 60 + seq * 37 % 1455
    body = bytes((seq + i) & 255 for i in range(18, length))
    return dst + src + b"\x88\xb5" + seq.to_bytes(4, "big") + body


def free_udp_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def fail(vm, message):
    print("peer: " + message, flush=True)
    os.killpg(vm.pid, signal.SIGKILL)  # flc and its QEMU
    out, _ = vm.communicate()
    sys.stdout.write(out)
    sys.exit(1)


def exchange(vm, sock, qemu, requests, check):
    """Sends the requests, at most WINDOW beyond those the VM confirmed:
    check(reply, confirmed, sent) returns the new count of confirmed
    requests, or what is wrong. Returns the seconds it took."""
    sent = confirmed = 0
    start = time.monotonic()
    while confirmed < len(requests):
        while sent < len(requests) and sent - confirmed < WINDOW:
            sock.sendto(requests[sent], qemu)
            sent += 1
        try:
            got = sock.recv(2048)
        except socket.timeout:
            fail(vm, "no answer after %d confirmed frames within %d s" % (confirmed, TIMEOUT))
        result = check(got, confirmed, sent)
        if isinstance(result, str):
            fail(vm, result)
        confirmed = result
    return time.monotonic() - start


def main():
    n = int(sys.argv[1])
    run, program = sys.argv[2:-1], sys.argv[-1]
    # Every frame computed before the VM starts: this script must keep up.
    requests = [frame(VM_MAC, PEER_MAC, seq) for seq in range(n)]
    answers = [frame(PEER_MAC, VM_MAC, seq) for seq in range(n)]
    expected = [frame(BROADCAST, VM_MAC, seq) for seq in range(n)]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # The burst arrives faster than this script may be scheduled on a busy
    # host: a receive buffer for all of it (each datagram costs the kernel
    # ~2 KiB or more). Above net.core.rmem_max only with SO_RCVBUFFORCE,
    # which needs CAP_NET_ADMIN (root, as CI runs); else as much as allowed.
    try:
        sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 64 << 20)  # Linux's number
    except OSError:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 20)
    sock.bind(("127.0.0.1", 0))
    qemu_port = free_udp_port()
    qemu = ("127.0.0.1", qemu_port)
    netdev = ("-netdev dgram,id=peer,local.type=inet,local.host=127.0.0.1,local.port=%d,"
              "remote.type=inet,remote.host=127.0.0.1,remote.port=%d" % (qemu_port, sock.getsockname()[1]))
    device = "-device virtio-net-pci,netdev=peer,disable-legacy=on,mac=02:00:00:00:00:02"
    vm = subprocess.Popen(run + ["--net", "none", "--qemu", netdev, "--qemu", device, program, "--", str(n)],
                          stdout=subprocess.PIPE, text=True, start_new_session=True)
    sock.settimeout(TIMEOUT)

    # The VM says when its driver is up: frames sent earlier could be lost.
    try:
        hello = sock.recv(2048)
    except socket.timeout:
        fail(vm, "no hello frame from the VM within %d s" % TIMEOUT)
    if hello[6:14] != VM_MAC + b"\x88\xb6":
        fail(vm, "the first frame is no hello: %s" % hello[:24].hex())

    # Two frames the VM must drop and count (Net.errors): shorter than an
    # Ethernet header, and longer than 1514 bytes (yet within a receive
    # buffer, so that QEMU delivers it).
    sock.sendto(b"short", qemu)
    sock.sendto(bytes(2000), qemu)

    # Echo: each answer is the request with its addresses swapped.
    def echoed(got, answered, sent):
        if got != answers[answered]:
            return "echo: answer %d is wrong (%d bytes: %s...)" % (answered, len(got), got[:24].hex())
        return answered + 1
    seconds = exchange(vm, sock, qemu, requests, echoed)
    print("peer: echo of %d frames ok (%.0f round trips/s)" % (n, n / seconds), flush=True)

    # Sink: the VM acknowledges every 16th frame (EtherType 0x88b7, with
    # the count in the sequence number's place).
    def acknowledged(got, acked, sent):
        count = int.from_bytes(got[14:18], "big") if len(got) >= 18 else -1
        if got[12:14] != b"\x88\xb7" or count <= acked or count > sent:
            return "sink: a wrong acknowledgement (%s...) after %d" % (got[:24].hex(), acked)
        return count
    seconds = exchange(vm, sock, qemu, requests, acknowledged)
    print("peer: sink of %d frames ok (%.0f frames/s)" % (n, n / seconds), flush=True)

    # Burst: received first, checked after, so that the socket's buffer
    # never overflows while this script computes.
    received = []
    start = None
    while len(received) < n:
        try:
            received.append(sock.recv(2048))
        except socket.timeout:
            fail(vm, "burst: %d frames came, then none for %d s" % (len(received), TIMEOUT))
        if start is None:
            start = time.monotonic()
    burst_seconds = max(time.monotonic() - start, 1e-9)
    for seq, got in enumerate(received):
        if got != expected[seq]:
            want = int.from_bytes(got[14:18], "big") if len(got) >= 18 else -1
            fail(vm, "burst: frame %d is wrong (%d bytes, sequence number %d)" % (seq, len(got), want))
    print("peer: burst of %d frames ok (%.0f frames/s)" % (n, (n - 1) / burst_seconds), flush=True)

    out, _ = vm.communicate(timeout=TIMEOUT)
    sys.stdout.write(out)
    sys.exit(vm.returncode)


if __name__ == "__main__":
    main()
