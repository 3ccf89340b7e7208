#!/bin/sh
# Usage: Benchmarks/kernels/complex_fma.sh [kernel-source-dir]
# Compiles CSwiftJAXKernels (default: this checkout's) with Package.swift's C
# flags plus the harness, in a temporary directory, and runs it.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
K=${1:-$HERE/../../Sources/CSwiftJAXKernels}
F="-O3 -ffp-contract=off -fno-fast-math -fno-math-errno -I$K -I$K/include"
T=$(mktemp -d)
for f in "$K"/*.c; do
  case $(basename "$f") in fft.c|shared_text.c) continue ;; esac
  clang $F -c "$f" -o "$T/$(basename "$f" .c).o"
done
clang $F "$HERE/complex_fma.c" "$T"/*.o -o "$T/complex_fma" -lm -lpthread
"$T/complex_fma"
rm -rf "$T"
