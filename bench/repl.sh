#!/usr/bin/env bash
# The REPL's responsiveness, next to OCaml's toplevel (Debian's ocaml-nox):
#   - answer: the time from pressing return to the answer for one-line
#     phrases, typed at a real prompt (a pseudo-terminal), median and worst;
#   - start: the time until the first prompt;
#   - load: `:load` of a generated 500-line file (types, functions, values;
#     the same text is OCaml), against `#use` in ocaml;
#   - the language benchmarks (bench/lang/*.fl) loaded at the prompt: the
#     time their code runs (flc repl --time-passes splits compiling from
#     running) against the same program built by `flc build --target host`.
# Prints a markdown table on stdout.
#
#   bench/repl.sh [BUILD_DIR] [--phrases N]
#
# BUILD_DIR (default: build) holds bin/flc. N (default 50) phrases are
# timed per REPL. Wall-clock times: run it on a quiet machine.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
phrases=50
while [ $# -gt 0 ]; do
  case $1 in
    --phrases) phrases=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) build=$(cd "$1" && pwd); shift ;;
  esac
done
flc=$build/bin/flc
[ -x "$flc" ] || { echo "repl.sh: no $flc (build first)" >&2; exit 2; }
command -v ocaml > /dev/null || { echo "repl.sh: ocaml is not installed (ocaml-nox)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 500 lines, valid fl and valid OCaml.
for i in $(seq 1 100); do
  cat <<EOF
type shape$i = Circle$i of float | Rect$i of float * float
let area$i = function Circle$i r -> 3.14 *. r *. r | Rect$i (w, h) -> w *. h
let rec fib$i n = if n < 2 then n else fib$i (n - 1) + fib$i (n - 2)
let sum$i l = List.fold_left (fun a b -> a + b) 0 (List.map fib$i l)
let v$i = (sum$i [1; 2; 3; 4; 5; 6; 7; 8], area$i (Rect$i (2., float_of_int $i)))
EOF
done > "$work/big.fl"
cp "$work/big.fl" "$work/big.ml"

python3 - "$flc" "$phrases" "$work" "$root/bench/lang" <<'EOF'
import glob, os, pty, re, select, statistics, subprocess, sys, time

flc, count, work, lang = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


class Prompt:
    """A REPL on a pseudo-terminal."""

    def __init__(self, argv, prompt):
        self.prompt = prompt
        start = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["HOME"] = work
            os.execvp(argv[0], argv)
        self.out = b""
        self.read_until(prompt)
        self.start_s = time.perf_counter() - start

    def read_until(self, pattern, timeout=120):
        end = time.time() + timeout
        while pattern not in self.out:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, end - time.time()))
            if not ready:
                raise RuntimeError(f"timeout waiting for {pattern!r}: {self.out[-300:]!r}")
            self.out += os.read(self.fd, 65536)
        index = self.out.index(pattern) + len(pattern)
        self.out = self.out[index:]

    def answer_time(self, line, answer):
        self.read_until(b"")
        os.write(self.fd, line.encode())
        # Let the terminal echo the text, then time the return alone.
        time.sleep(0.02)
        self.out = b""
        start = time.perf_counter()
        os.write(self.fd, b"\r")
        self.read_until(answer.encode())
        elapsed = time.perf_counter() - start
        self.read_until(self.prompt)
        return elapsed

    def close(self):
        os.write(self.fd, b"\x04")
        os.waitpid(self.pid, 0)


def answers(argv, prompt, terminator):
    repl = Prompt(argv, prompt)
    times = [repl.answer_time(f"let x{i} = {i} * 2 + 1{terminator}", f"val x{i} : int = {i * 2 + 1}")
             for i in range(count)]
    times += [repl.answer_time(f"List.map (fun x -> x + {i}) [1; 2; 3]{terminator}", "- : int list")
              for i in range(count // 5)]
    repl.close()
    return repl.start_s, times


def load_time(command, stdin):
    start = time.perf_counter()
    subprocess.run(command, input=stdin.encode(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


fl_start, fl = answers([flc, "repl"], b"# ", "")
ml_start, ml = answers(["ocaml"], b"# ", ";;")
fl_empty = min(load_time([flc, "repl"], "") for _ in range(3))
ml_empty = min(load_time(["ocaml"], "") for _ in range(3))
fl_load = min(load_time([flc, "repl"], f":load {work}/big.fl\n") for _ in range(3)) - fl_empty
ml_load = min(load_time(["ocaml"], f'#use "{work}/big.ml";;\n') for _ in range(3)) - ml_empty

def loaded_run(source):
    """Seconds the loaded program's code runs at the prompt, and those it took to compile."""
    out = subprocess.run([flc, "repl", "--time-passes"], input=f":load {source}\n", capture_output=True,
                         text=True, check=True).stderr
    m = re.search(r"optimise ([0-9.]+) ms, compile and link ([0-9.]+) ms, run ([0-9.]+) ms", out)
    return float(m.group(3)) / 1000, (float(m.group(1)) + float(m.group(2))) / 1000


def compiled_run(source):
    exe = os.path.join(work, os.path.basename(source) + ".exe")
    subprocess.run([flc, "build", "--target", "host", source, "-o", exe], check=True)
    return min(load_time([exe], "") for _ in range(3))


benchmarks = []
for source in sorted(glob.glob(os.path.join(lang, "*.fl"))):
    runs = [loaded_run(source) for _ in range(3)]
    run, compile_s = min(r for r, _ in runs), min(c for _, c in runs)
    benchmarks.append((os.path.basename(source)[:-3], run, compile_s, compiled_run(source)))

ms = lambda s: f"{s * 1000:.1f} ms"
print("| | flc repl | ocaml |")
print("| --- | --- | --- |")
print(f"| start (to the first prompt) | {ms(fl_start)} | {ms(ml_start)} |")
print(f"| return → answer, median of {len(fl)} one-line phrases | {ms(statistics.median(fl))} | {ms(statistics.median(ml))} |")
print(f"| return → answer, worst | {ms(max(fl))} | {ms(max(ml))} |")
print(f"| load a 500-line file (:load / #use) | {ms(fl_load)} | {ms(ml_load)} |")
print()
print("| loaded at the prompt | runs | compiles (optimise + code generation) | `flc build --target host` | ratio |")
print("| --- | --- | --- | --- | --- |")
for name, run, compile_s, compiled in benchmarks:
    print(f"| {name} | {ms(run)} | {ms(compile_s)} | {ms(compiled)} | {run / compiled:.2f} |")
EOF
