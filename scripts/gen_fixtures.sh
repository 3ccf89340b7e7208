#!/usr/bin/env bash
# Regenerates every committed fixture from real JAX: runs each
# scripts/fixtures/gen_*.py, in sorted order, with the pinned venv's python
# (created on first use by scripts/python-env.sh; set SWIFTJAX_VENV to reuse
# an existing one).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="$("$root/scripts/python-env.sh")"
cd "$root"
shopt -s nullglob
gens=(scripts/fixtures/gen_*.py)
if [ ${#gens[@]} -eq 0 ]; then
  echo "no generators in scripts/fixtures" >&2
  exit 1
fi
IFS=$'\n' sorted=($(printf '%s\n' "${gens[@]}" | LC_ALL=C sort))
unset IFS
for g in "${sorted[@]}"; do
  echo "== $g" >&2
  JAX_PLATFORMS=cpu "$python" "$g"
done
