"""Runs the SwiftJAX benchmarks and the JAX/NumPy peers side by side and
prints a table of medians and ratios (SwiftJAX time / peer time; below 1
means SwiftJAX is faster).

Usage (from the repository root):
  python3 Benchmarks/compare.py [--case NAME]... [--rounds N]
Builds `bench` in release mode and creates the pinned JAX venv on first use.
Cases are interleaved (SwiftJAX, peer, SwiftJAX, ...) for `--rounds` rounds
and the median over rounds is reported, since the machine is shared.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_lines(cmd, env=None):
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True, env=env).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", action="append", default=[])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    py = subprocess.run(["bash", "scripts/python-env.sh"], cwd=ROOT, check=True,
                        capture_output=True, text=True).stdout.strip()
    subprocess.run(["swift", "build", "-c", "release", "--product", "bench"], cwd=ROOT, check=True)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                              check=True, capture_output=True, text=True).stdout.strip()
    case_args = sum((["--case", c] for c in args.case), [])
    results = {}  # (case, impl) -> [median per round]
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    for _ in range(args.rounds):
        for row in run_lines([os.path.join(bin_path, "bench"), "--json"] + case_args):
            results.setdefault((row["case"], "swiftjax"), []).append(row["median_s"])
        for row in run_lines([py, "Benchmarks/peers/jax_bench.py"] + case_args, env=env):
            results.setdefault((row["case"], row["impl"]), []).append(row["median_s"])
    cases = sorted({c for c, _ in results}, key=lambda c: [k for k, _ in results].index(c))
    print(f"{'case':28} {'SwiftJAX':>12} {'JAX':>12} {'ratio':>7} {'NumPy':>12} {'ratio':>7}")
    for c in cases:
        s = results.get((c, "swiftjax"))
        j = results.get((c, "jax"))
        n = results.get((c, "numpy"))
        sm = statistics.median(s) if s else float("nan")
        jm = statistics.median(j) if j else float("nan")
        nm = statistics.median(n) if n else float("nan")
        fmt = lambda v: f"{v:12.3e}" if v == v else f"{'-':>12}"
        rat = lambda a, b: f"{a / b:7.3f}" if a == a and b == b else f"{'-':>7}"
        print(f"{c:28} {fmt(sm)} {fmt(jm)} {rat(sm, jm)} {fmt(nm)} {rat(sm, nm)}")


if __name__ == "__main__":
    sys.exit(main())
