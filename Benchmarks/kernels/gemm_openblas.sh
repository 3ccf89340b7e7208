#!/bin/sh
# Usage: Benchmarks/kernels/gemm_openblas.sh [n [runs]]
# Compiles gemm.c with Package.swift's C flags and gemm_openblas.c, links
# the OpenBLAS that NumPy ships in the pinned venv (scripts/python-env.sh;
# SWIFTJAX_VENV overrides its path), and runs the harness.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
K=$HERE/../../Sources/CSwiftJAXKernels
VENV=${SWIFTJAX_VENV:-$HERE/../../.venv-jax}
LIBDIR=$(ls -d "$VENV"/lib/python3*/site-packages/numpy.libs | head -n 1)
LIB=$(cd "$LIBDIR" && ls libscipy_openblas64_*.so | head -n 1)
F="-O3 -ffp-contract=off -fno-fast-math -fno-math-errno -I$K -I$K/include"
T=$(mktemp -d)
clang $F -c "$K/gemm.c" -o "$T/gemm.o"
clang $F "$HERE/gemm_openblas.c" "$T/gemm.o" -o "$T/gemm_openblas" -L"$LIBDIR" -l:"$LIB" -Wl,-rpath,"$LIBDIR" -lm -lpthread
"$T/gemm_openblas" "$@"
rm -rf "$T"
