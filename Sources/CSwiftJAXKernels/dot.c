// Batched matrix multiply for dot_general (callers bring operands to
// [batch, m, k] x [batch, k, n] row-major). float32/float64 use the packed
// GEMM from gemm.c when it is present; the simple loop below keeps the
// i-k-j order so the innermost loop is unit-stride and vectorises.
#include "jx_internal.h"
#include "jx_clones.h"
#include <stdlib.h>
#if __has_include("jx_gemm.h")
#include "jx_gemm.h"
#define JX_HAVE_GEMM 1
#endif

#define MATMUL(T, AT, MADD, ZERO)                                              \
  {                                                                            \
    const T *A = (const T *)a; const T *B = (const T *)b; T *C = (T *)c;       \
    for (ptrdiff_t q = 0; q < batch; q++) {                                    \
      const T *Aq = A + q * m * k; const T *Bq = B + q * k * n;                \
      T *Cq = C + q * m * n;                                                   \
      for (ptrdiff_t i = 0; i < m; i++) {                                      \
        T *crow = Cq + i * n;                                                  \
        for (ptrdiff_t j = 0; j < n; j++) crow[j] = ZERO;                      \
        for (ptrdiff_t p = 0; p < k; p++) {                                    \
          AT av = (AT)Aq[i * k + p];                                           \
          const T *brow = Bq + p * n;                                          \
          for (ptrdiff_t j = 0; j < n; j++) crow[j] = (T)MADD(crow[j], av, brow[j]); \
        }                                                                      \
      }                                                                        \
    }                                                                          \
    return 0;                                                                  \
  }

#define FMADD(acc, x, y) ((acc) + (x) * (y))
// Integer products wrap: multiply and add in uint64, truncate to T.
#define UMADD(acc, x, y) ((uint64_t)(acc) + (uint64_t)(x) * (uint64_t)(y))
#define BMADD(acc, x, y) ((acc) | ((x) & (y)))
#define MATMUL_INT(T, UT) MATMUL(T, T, UMADD, 0)

// The pool a product may be split over (see jx_sgemm_batched).
typedef struct {
  int32_t threads;
  jx_pfor_fn pfor;
  void *pool;
} jx_par;

static int matmul_f32(ptrdiff_t batch, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                      const float *a, const float *b, float *c, jx_par par) {
#ifdef JX_HAVE_GEMM
  jx_sgemm_batched(0, 0, batch, m, n, k, a, k, m * k, b, n, k * n, c, n, m * n, par.threads, par.pfor, par.pool);
  return 0;
#else
  (void)par;
  MATMUL(float, float, FMADD, 0.0f)
#endif
}

static int matmul_f64(ptrdiff_t batch, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                      const double *a, const double *b, double *c, jx_par par) {
#ifdef JX_HAVE_GEMM
  jx_dgemm_batched(0, 0, batch, m, n, k, a, k, m * k, b, n, k * n, c, n, m * n, par.threads, par.pfor, par.pool);
  return 0;
#else
  (void)par;
  MATMUL(double, double, FMADD, 0.0)
#endif
}

// Complex products: the simple loop, each term by jx_cmul (XLA's textbook
// product), accumulated from 0 in k order.
#define CMADD64(acc, x, y) ((acc) + jx_cmul_c64(x, y))
#define CMADD128(acc, x, y) ((acc) + jx_cmul_c128(x, y))

// Cloned for x86-64-v3 (jx_clones.h) so jx_cmul's fma is an instruction, not
// a libm call (the kernels are built without -mfma); the same bits.
JX_CLONES static int matmul_c64(ptrdiff_t batch, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const void *a, const void *b,
                                void *c) MATMUL(jx_c64, jx_c64, CMADD64, 0)
JX_CLONES static int matmul_c128(ptrdiff_t batch, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const void *a, const void *b,
                                 void *c) MATMUL(jx_c128, jx_c128, CMADD128, 0)

int jx_batched_matmul(int32_t dtype, ptrdiff_t batch, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                      const void *a, const void *b, void *c, int32_t threads, jx_pfor_fn pfor, void *pool) {
  const jx_par par = {threads, pfor, pool};
  switch (dtype) {
  case JX_C64: return matmul_c64(batch, m, n, k, a, b, c);
  case JX_C128: return matmul_c128(batch, m, n, k, a, b, c);
  case JX_F32: return matmul_f32(batch, m, n, k, (const float *)a, (const float *)b, (float *)c, par);
  case JX_F64: return matmul_f64(batch, m, n, k, (const double *)a, (const double *)b, (double *)c, par);
  case JX_BF16: return jx_batched_matmul_bf16(batch, m, n, k, a, b, c, threads, pfor, pool);
  case JX_F16: {
    // Accumulate in float32 and round once at the end.
    ptrdiff_t na = batch * m * k, nb = batch * k * n, nc = batch * m * n;
    float *buf = (float *)malloc(sizeof(float) * (size_t)(na + nb + nc + 1));
    if (!buf) return -2;
    float *fa = buf, *fb = buf + na, *fc = buf + na + nb;
    for (ptrdiff_t i = 0; i < na; i++) fa[i] = (float)((const jx_f16 *)a)[i];
    for (ptrdiff_t i = 0; i < nb; i++) fb[i] = (float)((const jx_f16 *)b)[i];
    matmul_f32(batch, m, n, k, fa, fb, fc, par);
    for (ptrdiff_t i = 0; i < nc; i++) ((jx_f16 *)c)[i] = (jx_f16)fc[i];
    free(buf);
    return 0;
  }
  case JX_BOOL: MATMUL(uint8_t, uint8_t, BMADD, 0)
  JX_INT_CASES(dtype, MATMUL_INT)
  default: return -1;
  }
  return -1;
}
