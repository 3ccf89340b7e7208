#!/usr/bin/env bash
# The benchmark command: installs the pinned peer environment (JAX, NumPy,
# Optax; scripts/python-env.sh), builds `bench` in release mode, runs every
# `bench` case and its JAX/NumPy peer interleaved for 5 rounds, prints the
# markdown table of medians and ratios, and writes it to docs/benchmarks.md
# with the ratio bar chart in docs/images/benchmarks.{svg,png}.
# Extra arguments go to Benchmarks/compare.py (e.g. --rounds 7, --case NAME).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 Benchmarks/compare.py --rounds 5 --markdown docs/benchmarks.md --chart docs/images/benchmarks "$@"
