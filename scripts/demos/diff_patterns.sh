#!/usr/bin/env bash
# Runs the patterns demo and its Python twin (real JAX) and diffs the outputs.
# Usage: bash scripts/demos/diff_patterns.sh [path/to/python-with-jax]
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="${1:-.venv-jax/bin/python}"
swift build -c release --product patterns >/dev/null
.build/release/patterns > /tmp/patterns.swift.txt
JAX_PLATFORMS=cpu "$PY" scripts/demos/patterns_twin.py > /tmp/patterns.jax.txt
diff -u /tmp/patterns.jax.txt /tmp/patterns.swift.txt && echo "patterns: SwiftJAX prints what JAX prints"
