"""Peer benchmarks: the same cases as `swift run -c release bench`, run in
real JAX 0.10.2 (and NumPy where it is a meaningful peer).

Prints one JSON object per line:
  {"case": NAME, "impl": "jax"|"numpy", "median_s": ..., "min_s": ..., "reps": ...}
Usage: python jax_bench.py [--case NAME]...
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("JAX_PLATFORMS", "cpu")


def _requested_cases(argv):
    return [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--case"]


# The parallel peers (jax_cases_parallel.py, the `ensemble_*` cases) need 2
# host devices, and XLA reads the device count when jax starts: the flag is
# set here, before the import, when such a case is run (or every case is;
# --list needs no devices). Other cases keep JAX's default single device.
_cases = _requested_cases(sys.argv)
if "--list" not in sys.argv and (not _cases or any(c.startswith("ensemble_") for c in _cases)):
    if "xla_force_host_platform_device_count" not in os.environ.get("XLA_FLAGS", ""):
        os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_force_host_platform_device_count=2").strip()
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from timing import time_per_op  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))




def eager_add4():
    res = {}
    inner = 2000
    x = jnp.array([0, 1, 2, 3], dtype=jnp.float32)

    def body():
        nonlocal x
        for _ in range(inner):
            x = x + 1.0
        x.block_until_ready()

    res["jax"] = time_per_op(body, 15, inner)
    xn = np.array([0, 1, 2, 3], dtype=np.float32)

    def body_np():
        nonlocal xn
        for _ in range(inner * 10):
            xn = xn + np.float32(1.0)

    res["numpy"] = time_per_op(body_np, 15, inner * 10)
    return res


def eager_dot4():
    res = {}
    inner = 2000
    a = jnp.array([1, 2, 3, 4], dtype=jnp.int32)
    b = jnp.array([5, 6, 7, 8], dtype=jnp.int32)

    def body():
        r = None
        for _ in range(inner):
            r = jnp.dot(a, b)
        r.block_until_ready()

    res["jax"] = time_per_op(body, 15, inner)
    an, bn = np.asarray(a), np.asarray(b)

    def body_np():
        for _ in range(inner * 10):
            np.dot(an, bn)

    res["numpy"] = time_per_op(body_np, 15, inner * 10)
    return res


CASES = {"eager_add4": eager_add4, "eager_dot4": eager_dot4}

# Later issues register more cases in sibling modules jax_cases_*.py, each
# exposing a CASES dict of the same shape.
for fname in sorted(os.listdir(os.path.dirname(os.path.abspath(__file__)))):
    if fname.startswith("jax_cases_") and fname.endswith(".py"):
        mod = __import__(fname[:-3])
        CASES.update(getattr(mod, "CASES", {}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", action="append", default=[])
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    if args.list:
        print("\n".join(CASES))
        return
    for name in args.case or list(CASES):
        if name not in CASES:
            sys.exit(f"unknown case {name}")
        for impl, times in CASES[name]().items():
            print(json.dumps({"case": name, "impl": impl, "median_s": float(np.median(times)),
                              "min_s": float(min(times)), "reps": len(times)}), flush=True)


if __name__ == "__main__":
    main()
