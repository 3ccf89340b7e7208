#!/usr/bin/env bash
# Creates (once) the project's Python venv with pinned JAX, used by the fixture
# generator and the peer benchmarks (optax for the training-step peer). Prints the venv's python path on stdout.
# The tests never need it: fixtures are committed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${SWIFTJAX_VENV:-$root/.venv-jax}"
stamp="$venv/.swiftjax-pins"
pins="jax==0.10.2 jaxlib==0.10.2 numpy==2.4.6 optax==0.2.6"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$pins" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --upgrade pip >&2
  "$venv/bin/pip" install --quiet $pins >&2
  echo "$pins" > "$stamp"
fi
echo "$venv/bin/python"
