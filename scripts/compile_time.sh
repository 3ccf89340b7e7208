#!/bin/sh
# First-call (trace + optimise + render + clang + load) time of jitted
# chains of growing length (the test process uses a fresh compile cache), to check that
# compile time grows linearly with program size. Usage:
#   scripts/compile_time.sh [steps,steps,...]   (default 1000,3000,9000)
# Each step is ~3.5 primitives; pass -c release via SWIFT_TEST_FLAGS for
# release numbers. SWIFTJAX_JIT_PART_LINES=0 compiles each program as one
# C function (as before the entry point was split into parts).
set -e
cd "$(dirname "$0")/.."
export SWIFTJAX_COMPILE_TIME_STEPS="${1:-1000,3000,9000}"
swift test ${SWIFT_TEST_FLAGS} --filter JITLargeProgramTests/firstCallTimeOfLongChains 2>&1 | grep -E "compile-time:|passed|failed|error"
