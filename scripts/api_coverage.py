#!/usr/bin/env python
"""API coverage of SwiftJAX against JAX 0.10.2's public callables.

Lists the public callables (functions and callable objects, not classes or
modules) of jax.numpy, jax.numpy.linalg, jax.lax, jax.random,
jax.scipy.linalg and jax.scipy.special in the
venv's JAX, maps each to the SwiftJAX name it would have (snake_case ->
camelCase in the matching Swift namespace, plus the explicit ALIASES
below), looks the Swift name up among the `public static func`s declared
in Sources/SwiftJAX, and prints the coverage per namespace.

    /work/venv-jax/bin/python scripts/api_coverage.py            # print
    /work/venv-jax/bin/python scripts/api_coverage.py --write    # also update the table

--write regenerates Tests/Fixtures/api_coverage.json: for every namespace
the covered JAX names with their Swift spelling and the missing ones. The
Swift test APICoverageTests reads that table and fails when a name listed
as covered is no longer declared, so coverage can only go down on purpose
(by regenerating the table).
"""
import json, os, re, sys, types

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TABLE = os.path.join(ROOT, "Tests", "Fixtures", "api_coverage.json")

# JAX namespace -> (module path, Swift namespace searched first, fallback)
NAMESPACES = {
    "jax.numpy": ("jax.numpy", "Numpy"),
    "jax.numpy.linalg": ("jax.numpy.linalg", "Linalg"),
    "jax.numpy.fft": ("jax.numpy.fft", "FFT"),
    "jax.lax": ("jax.lax", "Lax"),
    "jax.random": ("jax.random", "Random"),
    "jax.scipy.linalg": ("jax.scipy.linalg", "ScipyLinalg"),
    "jax.scipy.special": ("jax.scipy.special", "ScipySpecial"),
}

# JAX names that are aliases of, or spelled differently from, a SwiftJAX
# function: the value is the qualified Swift name ("" namespace = a free
# function). Only genuine equivalents belong here.
ALIASES = {
    "jax.numpy": {
        "amax": "Numpy.max", "amin": "Numpy.min", "acosh": "Numpy.arccosh", "asinh": "Numpy.arcsinh",
        "atanh": "Numpy.arctanh", "atan2": "Numpy.arctan2", "around": "Numpy.round", "concat": "Numpy.concatenate",
        "permute_dims": "Numpy.transpose", "pow": "Numpy.power", "bitwise_invert": "Numpy.bitwiseNot",
        "bitwise_left_shift": "Numpy.leftShift", "bitwise_right_shift": "Numpy.rightShift", "ix_": "Numpy.ix_",
    },
    "jax.lax": {
        "fori_loop": "Lax.forLoop", "bitwise_and": "Lax.and", "bitwise_or": "Lax.or", "bitwise_not": "Lax.not",
        "bitwise_xor": "Lax.xor", "cumsum": "Lax.cumulative", "cumprod": "Lax.cumulative", "cummax": "Lax.cumulative",
        "cummin": "Lax.cumulative", "cumlogsumexp": "Lax.cumulative", "stop_gradient": "stopGradient",
    },
    "jax.random": {"key_dtype": "Random.keyDType"},
}

# Deliberate omissions: JAX names SwiftJAX does not provide, with the
# reason. They are listed in the table (and printed with --verbose) so
# "missing" only ever means "not done yet".
PYTHON = "about Python objects, printing or files, which Swift code does not need"
OMITTED = {
    "jax.numpy": {
        **{n: PYTHON for n in ["array_repr", "array_str", "from_dlpack", "frombuffer", "fromfile", "fromiter", "frompyfunc",
                               "fromstring", "get_printoptions", "load", "printoptions", "save", "savez", "set_printoptions", "iterable"]},
        "einsum_path": "a Python-level contraction planner; Numpy.einsum plans internally",
    },
    "jax.lax": {
        **{n: "a Python type annotation or named tuple, not a function" for n in ["ConvGeneralDilatedDimensionNumbers", "DotDimensionNumbers", "PrecisionLike"]},
        **{n: "effect tokens: SwiftJAX orders effects by data dependence" for n in ["after_all", "create_token"]},
        **{n: "sharding and multi-device placement is the parallelism issue's (pmap/shardMap)"
           for n in ["pbroadcast", "pcast", "precv", "psend", "pshuffle", "pswapaxes", "ragged_all_to_all", "with_sharding_constraint"]},
        "composite": "an XLA-lowering decorator with no SwiftJAX equivalent",
        "dce_sink": "an XLA-lowering helper with no SwiftJAX equivalent",
        "stage": "a tracing-internal helper",
        "platform_dependent": "SwiftJAX has one platform (CPU)",
        "shape_as_value": "shapes are static Swift values already",
        "rng_bit_generator": "XLA's backend-specific RNG; not reproducible bit for bit; use Random",
        "rng_uniform": "XLA's stateful backend RNG; not reproducible; use Random.uniform",
        "scaled_dot": "low-precision (fp8/mx) scaled matmul; SwiftJAX has no such dtypes",
    },
}


def camel(name):
    parts = name.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def swift_functions():
    """{Swift type name: set of public static func names} over
    Sources/SwiftJAX; free `public func`s are under the name ""."""
    decl = re.compile(r"^(?:public\s+)?(?:extension|enum|struct|final class|class)\s+(\w+)")
    fn = re.compile(r"public\s+static\s+func\s+`?(\w+)`?")
    free = re.compile(r"^public\s+func\s+`?(\w+)`?")
    out = {}
    src = os.path.join(ROOT, "Sources", "SwiftJAX")
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".swift"):
                continue
            current = None
            for line in open(os.path.join(dirpath, f), encoding="utf-8"):
                m = decl.match(line)  # top-level declarations start in column 0
                if m:
                    current = m.group(1)
                    continue
                m = free.match(line)
                if m:
                    out.setdefault("", set()).add(m.group(1))
                    continue
                m = fn.search(line)
                if m and current:
                    out.setdefault(current, set()).add(m.group(1))
    return out


def declared(swift, qualified):
    ns, _, name = qualified.rpartition(".")
    return name in swift.get(ns, set())


def public_callables(module):
    names = []
    for n in sorted(dir(module)):
        if n.startswith("_"):
            continue
        obj = getattr(module, n)
        if callable(obj) and not isinstance(obj, (type, types.ModuleType)):
            names.append(n)
    return names


def main():
    import importlib
    import jax
    import jax.numpy as jnp

    swift = swift_functions()
    table = {"jax_version": jax.__version__, "namespaces": {}}
    for ns, (modname, swift_ns) in NAMESPACES.items():
        module = importlib.import_module(modname)
        covered, missing, omitted = {}, [], {}
        for n in public_callables(module):
            if n in OMITTED.get(ns, {}):
                omitted[n] = OMITTED[ns][n]
                continue
            q = ALIASES.get(ns, {}).get(n, f"{swift_ns}.{camel(n)}")
            if declared(swift, q):
                covered[n] = q
            # jnp.linalg re-exports some jnp functions unchanged (matmul,
            # outer, ...): those are covered by the Numpy function.
            elif ns == "jax.numpy.linalg" and getattr(jnp, n, None) is getattr(module, n) and declared(swift, f"Numpy.{camel(n)}"):
                covered[n] = f"Numpy.{camel(n)}"
            else:
                missing.append(n)
        total = len(covered) + len(missing) + len(omitted)
        table["namespaces"][ns] = {"total": total, "covered": covered, "missing": missing, "omitted": omitted}
        print(f"{ns:18s} {len(covered):4d} / {total:4d}  {100.0 * len(covered) / total:5.1f}%   "
              f"({len(omitted)} omitted on purpose, {len(missing)} not done)")
    if "--verbose" in sys.argv:
        for ns, t in table["namespaces"].items():
            print(f"\n{ns} missing ({len(t['missing'])}):\n  " + " ".join(t["missing"]))
            for n, why in sorted(t["omitted"].items()):
                print(f"  omitted {n}: {why}")
    if "--write" in sys.argv:
        with open(TABLE, "w") as fh:
            json.dump(table, fh, indent=1, sort_keys=True)
            fh.write("\n")
        print(f"wrote {os.path.relpath(TABLE, ROOT)}")


if __name__ == "__main__":
    main()
