// Times the eager complex64 kernels whose jx_cmul/jx_cdiv fma the
// target clones (jx_clones.h) turn into instructions: a 1e6-element
// multiply and divide (jx_binary) and a 256x256 matmul (jx_batched_matmul),
// medians of 21 / 11 runs, and a hash of each result's bits (identical
// before and after a change that must keep the bits). Build and run with
// complex_fma.sh, which compiles the kernel sources with the package's flags.
#include "jx_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmpd(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }
int main(void) {
  ptrdiff_t n = 1000000; jx_c64 *a = malloc(n * 8), *b = malloc(n * 8), *o = malloc(n * 8);
  for (ptrdiff_t i = 0; i < n; i++) { a[i] = __builtin_complex((float)(i % 97) * 0.01f, (float)(i % 13) - 6); b[i] = __builtin_complex(0.5f + (i % 7), (float)(i % 5) * 0.3f); }
  double t[21];
  for (int r = 0; r < 21; r++) { double s = now(); jx_binary(JX_MUL, JX_C64, a, b, o, n, 0); t[r] = now() - s; }
  qsort(t, 21, sizeof(double), cmpd); printf("cmul c64 1e6: median %.3f ms (min %.3f)\n", t[10] * 1e3, t[0] * 1e3);
  unsigned h = 0; for (ptrdiff_t i = 0; i < n; i++) { unsigned u; memcpy(&u, (float *)&o[i], 4); h = h * 31 + u; memcpy(&u, (float *)&o[i] + 1, 4); h = h * 31 + u; }
  printf("cmul hash %08x\n", h);
  for (int r = 0; r < 21; r++) { double s = now(); jx_binary(JX_DIV, JX_C64, a, b, o, n, 0); t[r] = now() - s; }
  qsort(t, 21, sizeof(double), cmpd); printf("cdiv c64 1e6: median %.3f ms\n", t[10] * 1e3);
  h = 0; for (ptrdiff_t i = 0; i < n; i++) { unsigned u; memcpy(&u, (float *)&o[i], 4); h = h * 31 + u; memcpy(&u, (float *)&o[i] + 1, 4); h = h * 31 + u; }
  printf("cdiv hash %08x\n", h);
  ptrdiff_t m = 256; jx_c64 *c = malloc(m * m * 8);
  for (int r = 0; r < 11; r++) { double s = now(); jx_batched_matmul(JX_C64, 1, m, m, m, a, b, c, 1, 0, 0); t[r] = now() - s; }
  qsort(t, 11, sizeof(double), cmpd); printf("matmul c64 256: median %.3f ms\n", t[5] * 1e3);
  h = 0; for (ptrdiff_t i = 0; i < m * m; i++) { unsigned u; memcpy(&u, (float *)&c[i], 4); h = h * 31 + u; memcpy(&u, (float *)&c[i] + 1, 4); h = h * 31 + u; }
  printf("matmul hash %08x\n", h);
  return 0;
}
