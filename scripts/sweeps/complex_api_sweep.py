"""Lists the jax.numpy and jax.lax functions JAX 0.10.2 accepts with
complex64 input (issue 16's sweep): each public callable is tried with one
complex vector (unary), two (binary) or a few common argument shapes; what
runs without raising and returns an array is printed, one name a line, as
`module.name arity`. Compare the list with SwiftJAX's complex support by
hand (the report of session 12 lists what SwiftJAX still refuses).

Run: SWIFTJAX_VENV=/work/venv-jax $SWIFTJAX_VENV/bin/python scripts/sweeps/complex_api_sweep.py
"""

import inspect
import warnings

import numpy as np
import jax
import jax.numpy as jnp
from jax import lax

Z = jnp.asarray(np.asarray([0.3 - 0.7j, -1.2 + 0.4j, 0.9 + 1.1j, -0.25 - 0.5j], np.complex64))
M = Z.reshape(2, 2)
# Functions that need arguments a vector cannot give, or that never touch
# the values (shape utilities, constructors, dtype queries, printing).
SKIP = {"array", "asarray", "zeros", "ones", "empty", "full", "arange", "linspace", "logspace", "geomspace", "eye",
        "identity", "iinfo", "finfo", "dtype", "result_type", "promote_types", "can_cast", "printoptions",
        "set_printoptions", "get_printoptions", "load", "save", "savez", "fromfile", "fromstring", "frombuffer",
        "fromfunction", "fromiter", "from_dlpack", "vectorize", "frompyfunc", "broadcast_shapes", "issubdtype",
        "isdtype", "dtype", "ndim", "shape", "size", "iscomplexobj", "isrealobj", "isscalar", "mask_indices",
        "tril_indices", "triu_indices", "indices", "diag_indices", "unravel_index", "ravel_multi_index"}


def tries(f):
    """(arity, result) for the first argument list f accepts, or None."""
    for args in ((Z,), (Z, Z), (M,), (M, M), (Z, Z, Z)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out = f(*args)
            leaves = jax.tree_util.tree_leaves(out)
            if leaves and all(hasattr(x, "dtype") for x in leaves):
                return len(args), out
        except Exception:  # noqa: BLE001 (any refusal counts as "not accepted")
            continue
    return None


def sweep(module, prefix):
    for name in sorted(dir(module)):
        f = getattr(module, name)
        if name.startswith("_") or name in SKIP or not callable(f) or inspect.isclass(f) or inspect.ismodule(f):
            continue
        r = tries(f)
        if r is not None:
            print(f"{prefix}.{name} {r[0]}")


if __name__ == "__main__":
    sweep(jnp, "jnp")
    sweep(lax, "lax")
