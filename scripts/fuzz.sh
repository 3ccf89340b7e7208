#!/bin/sh
# Runs the differential fuzzer (Tests/SwiftJAXTests/Fuzz) on more programs
# than CI does: jit vs eager, vmap vs loop and jit(vmap) vs vmap on random
# programs with fixed seeds. Usage:
#   scripts/fuzz.sh [count] [first-seed] [steps-per-program]
# e.g. scripts/fuzz.sh 2000 1 12. Failures print the program's text and
# seed; rerun one with scripts/fuzz.sh 1 <seed>. SWIFTJAX_STRICT_NAN=1 also
# compares NaN payloads bit for bit. The comparison against JAX on edge
# inputs (EdgeFuzzFixtureTests, fixtures from scripts/fixtures/
# gen_fuzz_edges.py and gen_fuzz_programs.py) runs in every `swift test`.
set -e
cd "$(dirname "$0")/.."
export SWIFTJAX_FUZZ_COUNT="${1:-1000}"
export SWIFTJAX_FUZZ_SEED="${2:-1}"
export SWIFTJAX_FUZZ_STEPS="${3:-12}"
swift test --filter DifferentialFuzzTests
