// Times the packed float32 GEMM (jx_sgemm_ex, one thread) against
// OpenBLAS's single-thread cblas_sgemm on the same operands, alternating
// the two in one process so that the shared machine's slow spells hit
// both alike: medians and minimums of R runs of an n x n x n product, and
// the ratio. `sgemm_1024_1t` in Benchmarks/compare.py measures the same
// product in separate processes, which moves by up to 20% on a busy host.
// Build and run with gemm_openblas.sh, which links NumPy's OpenBLAS.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
void jx_sgemm_ex(int, int, int64_t, int64_t, int64_t, const float *, int64_t, const float *, int64_t, float *,
                 int64_t);
/* NumPy's bundled OpenBLAS: 64-bit integers, symbols prefixed scipy_ and suffixed 64_. */
void scipy_cblas_sgemm64_(int, int, int, int64_t, int64_t, int64_t, float, const float *, int64_t, const float *,
                          int64_t, float, float *, int64_t);
void scipy_openblas_set_num_threads64_(int);
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmpd(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }
int main(int argc, char **argv) {
  const int64_t n = argc > 1 ? atol(argv[1]) : 1024;
  const int R = argc > 2 ? atoi(argv[2]) : 21;
  scipy_openblas_set_num_threads64_(1);
  float *a = malloc(4 * n * n), *b = malloc(4 * n * n), *c = malloc(4 * n * n);
  double *t[2] = {malloc(R * sizeof(double)), malloc(R * sizeof(double))};
  for (int64_t i = 0; i < n * n; i++) { a[i] = (float)(i % 7) * 0.25f; b[i] = (float)(i % 5) * 0.5f; }
  for (int r = 0; r < R; r++) {
    double s = now();
    jx_sgemm_ex(0, 0, n, n, n, a, n, b, n, c, n);
    t[0][r] = now() - s;
    s = now();
    scipy_cblas_sgemm64_(101 /* row-major */, 111, 111, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
    t[1][r] = now() - s;
  }
  const char *name[2] = {"SwiftJAX jx_sgemm_ex", "OpenBLAS cblas_sgemm"};
  for (int v = 0; v < 2; v++) {
    qsort(t[v], R, sizeof(double), cmpd);
    printf("%-21s %lldx%lldx%lld: median %.2f ms (%.1f GFLOP/s), min %.2f ms\n", name[v], (long long)n, (long long)n,
           (long long)n, t[v][R / 2] * 1e3, 2.0 * n * n * n / t[v][R / 2] * 1e-9, t[v][0] * 1e3);
  }
  printf("ratio SwiftJAX / OpenBLAS: %.3f (medians), %.3f (minimums)\n", t[0][R / 2] / t[1][R / 2], t[0][0] / t[1][0]);
  return 0;
}
