"""Runs every SwiftJAX benchmark and its JAX/NumPy peers side by side and
prints a markdown table of medians and ratios (SwiftJAX time / peer time;
below 1 means SwiftJAX is faster), headed by the date, CPU and core count.

Usage (from the repository root; scripts/bench.sh is the one-line form):
  python3 Benchmarks/compare.py [--case NAME]... [--rounds N]
                                [--markdown FILE] [--chart PREFIX]
Creates the pinned JAX venv (scripts/python-env.sh) on first use and builds
`bench` in release mode. The cases are discovered, not listed here: every
case `bench --list` prints, and every peer Benchmarks/peers/jax_bench.py
--list prints (peers live in Benchmarks/peers/jax_cases_*.py; the
parallel ones, jax_cases_parallel.py, get 2 host devices: jax_bench.py sets
XLA_FLAGS=--xla_force_host_platform_device_count=2 before importing jax
when an `ensemble_*` case runs). A case with no peer is reported as such. Within a round each case runs in SwiftJAX and
then in its peer (the order flips every round, so a slow drift of the
shared machine's load does not favour either side); the table reports, per
case and implementation, the median over rounds of each run's median.
--markdown also writes the table to FILE; --chart draws the ratios as
PREFIX.svg and PREFIX.png with the project's own plotting (`bench --chart`).
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = ("jax", "numpy")
PEER_NAMES = {"jax": "JAX", "numpy": "NumPy"}


def run(cmd, env=None):
    return subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True, env=env).stdout


def json_rows(out):
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def cpu_model():
    """The CPU's name and widest vector ISA: the same VM name ("AMD EPYC")
    has been backed by AVX-512 and by AVX2-only hosts, and every kernel
    (SwiftJAX's -march=native code, XLA's, OpenBLAS's) changes with it."""
    name, flags = None, set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and name is None:
                    name = line.split(":", 1)[1].strip()
                elif line.startswith("flags") and not flags:
                    flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    name = name or platform.processor() or platform.machine()
    isa = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else None
    return f"{name} ({isa})" if isa else name


def fmt_time(s):
    if s != s:
        return "-"
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


def fmt_ratio(r):
    return "-" if r != r else f"{r:.2f}"


class Runner:
    """Builds and locates both sides, and runs one case on one side."""

    def __init__(self):
        self.py = run(["bash", "scripts/python-env.sh"]).strip()
        print("building bench (release)...", file=sys.stderr, flush=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "bench"], cwd=ROOT, check=True,
                       stdout=sys.stderr)
        bin_dir = run(["swift", "build", "-c", "release", "--show-bin-path"]).strip()
        self.bench = os.path.join(bin_dir, "bench")
        # NumPy runs single-threaded BLAS, the peer of the one-thread cases
        # (sgemm_1024_1t); XLA keeps its own thread pool (every core).
        self.peer_env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
        self.peer_script = os.path.join("Benchmarks", "peers", "jax_bench.py")

    def swift_cases(self):
        """(name, summary) of every `bench` case, in its order."""
        return [tuple(line.split("\t", 1)) for line in run([self.bench, "--list"]).splitlines() if line]

    def peer_cases(self):
        return set(run([self.py, self.peer_script, "--list"], env=self.peer_env).split())

    def swift(self, case):
        return json_rows(run([self.bench, "--json", "--case", case]))

    def peer(self, case):
        return json_rows(run([self.py, self.peer_script, "--case", case], env=self.peer_env))

    def versions(self):
        swift = run(["swift", "--version"]).splitlines()[0]
        jax = run([self.py, "-c", "import jax, numpy; print(jax.__version__, numpy.__version__)"]).split()
        return swift, jax[0], jax[1]


def measure(runner, cases, peered, rounds):
    """results[(case, impl)] = the per-round medians."""
    results = {}
    for r in range(rounds):
        for i, case in enumerate(cases):
            print(f"round {r + 1}/{rounds}: {case} ({i + 1}/{len(cases)})", file=sys.stderr, flush=True)
            sides = [runner.swift] + ([runner.peer] if case in peered else [])
            if r % 2 == 1:
                sides.reverse()
            for side in sides:
                for row in side(case):
                    results.setdefault((row["case"], row["impl"]), []).append(row["median_s"])
    return results


def table(cases, summaries, results, header):
    med = {k: statistics.median(v) for k, v in results.items()}
    nan = float("nan")
    lines = header + ["", "| case | what it measures | SwiftJAX | JAX | ratio vs JAX | NumPy | ratio vs NumPy |",
                      "|---|---|---:|---:|---:|---:|---:|"]
    ratios = {p: [] for p in PEERS}
    for c in cases:
        s = med.get((c, "swiftjax"), nan)
        what = summaries[c].replace("|", "\\|").replace("*", "\\*")
        cells = [f"`{c}`", what, fmt_time(s)]
        for p in PEERS:
            t = med.get((c, p), nan)
            ratios[p].append(s / t if t == t and s == s else None)
            cells += [fmt_time(t), fmt_ratio(s / t if t == t else nan)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines, ratios


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", action="append", default=[])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--chart", help="write the ratio bar chart to PREFIX.svg and PREFIX.png")
    args = ap.parse_args()
    runner = Runner()
    listed = runner.swift_cases()
    summaries = dict(listed)
    unknown = [c for c in args.case if c not in summaries]
    if unknown:
        sys.exit(f"unknown case(s) {unknown}; `bench --list` has {sorted(summaries)}")
    cases = args.case or [name for name, _ in listed]
    peered = runner.peer_cases()
    results = measure(runner, cases, peered, args.rounds)

    swift_v, jax_v, numpy_v = runner.versions()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    header = [
        f"Measured {now} on {cpu_model()}, {os.cpu_count()} cores (load average {load:.1f} at the end: "
        "the machine is shared, so treat ratios within about 20% as equal); "
        f"{swift_v}; JAX {jax_v} and NumPy {numpy_v} on CPU, BLAS single-threaded. "
        f"Each cell is the median over {args.rounds} interleaved rounds of each run's median; "
        "ratio = SwiftJAX time / peer time (below 1: SwiftJAX is faster).",
    ]
    missing = [c for c in cases if c not in peered]
    if missing:
        header.append("")
        header.append("No peer: " + ", ".join(f"`{c}`" for c in missing) + ".")
    lines, ratios = table(cases, summaries, results, header)
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        with open(os.path.join(ROOT, args.markdown), "w") as f:
            f.write(text + "\n")
    if args.chart:
        series = [{"peer": PEER_NAMES[p], "ratios": ratios[p]} for p in PEERS if any(r is not None for r in ratios[p])]
        title = f"SwiftJAX vs peers, {cpu_model()}, {os.cpu_count()} cores, {now[:10]}"
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"title": title, "cases": cases, "series": series}, f)
        try:
            print(run([runner.bench, "--chart", f.name, "--output", args.chart]), end="", file=sys.stderr)
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    sys.exit(main())
