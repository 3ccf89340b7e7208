#!/usr/bin/env bash
# Multi-process test of SwiftJAX's collectives over MPI (issue 19): runs the
# `distributed` executable under `mpirun -np 2` on loopback and checks
#   1. every collective, in eager code and inside jit, and a jitted
#      data-parallel SGD step equal to a one-process full-batch run;
#      the digits demo `train --data-parallel` against a one-process run;
#   2. that a rank which dies, or hangs, makes the job fail in bounded time;
#   3. that without a launcher the program is a one-process group.
# Installs Open MPI from Debian (openmpi-bin, libopenmpi-dev) when missing.
# Every wait is bounded: `timeout` around each run, SWIFTJAX_COLLECTIVE_TIMEOUT
# inside. Usage: scripts/mpi-test.sh [debug|release]   (default debug)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
config="${1:-debug}"

if ! command -v mpirun >/dev/null 2>&1 || ! ldconfig -p | grep -q 'libmpi\.so'; then
  echo "== installing Open MPI (openmpi-bin libopenmpi-dev)" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openmpi-bin libopenmpi-dev >/dev/null
fi

echo "== building distributed ($config)" >&2
swift build -c "$config" --product distributed >/dev/null
swift build -c "$config" --product train >/dev/null
exe="$root/.build/$config/distributed"
train="$root/.build/$config/train"

# Open MPI refuses to run as root without both variables; loopback only, and
# --oversubscribe so 2 ranks run on a machine with fewer free slots.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl=self,vader,tcp OMPI_MCA_btl_tcp_if_include=lo OMPI_MCA_oob_tcp_if_include=lo
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
export SWIFTJAX_COLLECTIVE_TIMEOUT=60
mpirun_args=(-np 2 --oversubscribe --bind-to none)

start=$(date +%s)
echo "== mpirun -np 2 distributed check" >&2
timeout 300 mpirun "${mpirun_args[@]}" "$exe" check

echo "== mpirun -np 2 distributed ensemble: halves of a Lorenz ensemble, allGather == one process" >&2
timeout 300 mpirun "${mpirun_args[@]}" "$exe" ensemble 512 1000

echo "== train --data-parallel 2 epochs under mpirun -np 2 == one process on full batches" >&2
one=$(timeout 300 "$train" --epochs 2 --output "${TMPDIR:-/tmp}/swiftjax-mpi-test" | sed -n 's/^parameter checksum (sum of |p|): //p')
two=$(timeout 300 mpirun "${mpirun_args[@]}" "$train" --data-parallel --epochs 2 --output "${TMPDIR:-/tmp}/swiftjax-mpi-test" | sed -n 's/^parameter checksum (sum of |p|): //p')
echo "   checksum one process $one, two processes $two" >&2
python3 - "$one" "$two" <<'PY'
import sys
a, b = float(sys.argv[1]), float(sys.argv[2])
if abs(a - b) > 1e-5 * abs(a):
    sys.exit(f"FAIL: data-parallel parameters differ: {a} vs {b}")
PY

echo "== mpirun -np 2 distributed die 1 (must fail, quickly)" >&2
t0=$(date +%s)
set +e
SWIFTJAX_COLLECTIVE_TIMEOUT=10 timeout 120 mpirun "${mpirun_args[@]}" "$exe" die 1 >/tmp/swiftjax-mpi-die.log 2>&1
status=$?
set -e
t1=$(date +%s)
if [ "$status" = 0 ]; then
  cat /tmp/swiftjax-mpi-die.log >&2
  echo "FAIL: the job succeeded although rank 1 died" >&2
  exit 1
fi
if [ "$status" = 124 ]; then
  cat /tmp/swiftjax-mpi-die.log >&2
  echo "FAIL: the job hung after rank 1 died (killed by timeout)" >&2
  exit 1
fi
echo "   failed as expected (status $status) in $((t1 - t0)) s" >&2

echo "== mpirun -np 2 distributed hang 1 (rank 1 never arrives: the watchdog aborts after 5 s)" >&2
t0=$(date +%s)
set +e
SWIFTJAX_COLLECTIVE_TIMEOUT=5 timeout 120 mpirun "${mpirun_args[@]}" "$exe" hang 1 >/tmp/swiftjax-mpi-hang.log 2>&1
status=$?
set -e
t1=$(date +%s)
if [ "$status" = 0 ] || [ "$status" = 124 ] || ! grep -q "did not complete within" /tmp/swiftjax-mpi-hang.log; then
  cat /tmp/swiftjax-mpi-hang.log >&2
  echo "FAIL: expected the collective watchdog to abort the job (status $status)" >&2
  exit 1
fi
echo "   aborted by the watchdog as expected (status $status) in $((t1 - t0)) s" >&2

echo "== distributed check without a launcher (one-process group)" >&2
env -u OMPI_COMM_WORLD_RANK -u OMPI_COMM_WORLD_SIZE timeout 120 "$exe" check

echo "== mpi-test passed in $(( $(date +%s) - start )) s (after the build)" >&2
