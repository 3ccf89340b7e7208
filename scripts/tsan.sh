#!/usr/bin/env bash
# Runs the concurrency tests (and the jit tests, whose caches and thread
# pool they stress, and the buffer cache's) under ThreadSanitizer, in a
# separate build folder.
# Any data race fails the run. Usage: bash scripts/tsan.sh [extra filter]
set -euo pipefail
cd "$(dirname "$0")/.."
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
filter="${1:-ConcurrencyTests|CompositionCompileTests|JITBasicTests|BufferCacheTests}"
SWIFTJAX_STRESS_CALLS="${SWIFTJAX_STRESS_CALLS:-2000}" \
  swift test --sanitize=thread --scratch-path .build-tsan --filter "$filter"
