// bfloat16 eager kernels. bfloat16 is computed in float32 and every
// operation rounds its result back to bfloat16 (XLA:CPU upcasts bfloat16
// elementwise ops the same way; JAX's jit keeps the per-op rounding, so jit
// and eager agree). Each kernel here widens its operands to a float32
// buffer (exact), runs the float32 kernel, and narrows the result with the
// integer rounding of jx_scalar_text.h (nearest even, canonical quiet NaN),
// so the conversions do not depend on the FPU's flush-to-zero mode.
// Reductions accumulate in float32 and round once, as the float16 kernels
// do; cumulative folds round every step (XLA's reduce_window lowering).
#include "jx_internal.h"
#include <stdlib.h>

float *jx_bf16_widen(const void *x, ptrdiff_t n) {
  float *f = (float *)malloc(sizeof(float) * (size_t)(n > 0 ? n : 1));
  if (!f) return NULL;
  const jx_bf16 *h = (const jx_bf16 *)x;
  for (ptrdiff_t i = 0; i < n; i++) f[i] = jx_bf16_to_f32(h[i]);
  return f;
}

void jx_bf16_narrow(const float *f, void *y, ptrdiff_t n) {
  jx_bf16 *h = (jx_bf16 *)y;
  for (ptrdiff_t i = 0; i < n; i++) h[i] = jx_f32_to_bf16(f[i]);
}

// Narrows `f` into `y` when the float32 kernel succeeded; frees `f`.
static int finish(int rc, float *f, void *y, ptrdiff_t n) {
  if (rc == 0) jx_bf16_narrow(f, y, n);
  free(f);
  return rc;
}

int jx_unary_bf16(int32_t op, const void *x, void *y, ptrdiff_t n) {
  float *f = jx_bf16_widen(x, n);
  if (!f) return -2;
  if (op == JX_IS_FINITE) {  // writes bool
    int rc = jx_unary(op, JX_F32, f, y, n);
    free(f);
    return rc;
  }
  return finish(jx_unary(op, JX_F32, f, f, n), f, y, n);
}

int jx_integer_pow_bf16(const void *x, void *y, ptrdiff_t count, int64_t n) {
  float *f = jx_bf16_widen(x, count);
  if (!f) return -2;
  return finish(jx_integer_pow(JX_F32, f, f, count, n), f, y, count);
}

// nextafter steps in bfloat16 itself: the next representable bfloat16.
static jx_bf16 nextafter1(jx_bf16 hx, jx_bf16 hy) {
  float x = jx_bf16_to_f32(hx), y = jx_bf16_to_f32(hy);
  if (x != x || y != y) return jx_f32_to_bf16(x + y);
  if (x == y) return hy;
  if ((hx & 0x7fff) == 0) return y > x ? 0x0001 : 0x8001;  // smallest subnormal towards y
  return (x < y) == (x > 0) ? (jx_bf16)(hx + 1) : (jx_bf16)(hx - 1);
}

// Widens a binary operand: one element when it is the broadcast scalar.
static float *widen_operand(const void *p, ptrdiff_t n, int scalar) { return jx_bf16_widen(p, scalar ? 1 : n); }

int jx_binary_bf16(int32_t op, const void *a, const void *b, void *out, ptrdiff_t n, int32_t mode) {
  if (op == JX_NEXTAFTER) {
    const jx_bf16 *A = (const jx_bf16 *)a, *B = (const jx_bf16 *)b;
    jx_bf16 *O = (jx_bf16 *)out;
    for (ptrdiff_t i = 0; i < n; i++) O[i] = nextafter1(A[mode == 1 ? 0 : i], B[mode == 2 ? 0 : i]);
    return 0;
  }
  if (op == JX_COMPLEX) return -1;
  float *fa = widen_operand(a, n, mode == 1), *fb = widen_operand(b, n, mode == 2);
  float *fo = (float *)malloc(sizeof(float) * (size_t)(n > 0 ? n : 1));
  int rc = fa && fb && fo ? jx_binary(op, JX_F32, fa, fb, fo, n, mode) : -2;
  free(fa);
  free(fb);
  if (!fo) return -2;
  return finish(rc, fo, out, n);
}

int jx_compare_bf16(int32_t op, const void *a, const void *b, void *out, ptrdiff_t n, int32_t mode) {
  float *fa = widen_operand(a, n, mode == 1), *fb = widen_operand(b, n, mode == 2);
  int rc = fa && fb ? jx_compare(op, JX_F32, fa, fb, out, n, mode) : -2;
  free(fa);
  free(fb);
  return rc;
}

int jx_clamp_bf16(const void *lo, int32_t lo_scalar, const void *x, const void *hi, int32_t hi_scalar, void *out,
                  ptrdiff_t n) {
  float *fl = widen_operand(lo, n, lo_scalar), *fx = jx_bf16_widen(x, n), *fh = widen_operand(hi, n, hi_scalar);
  int rc = fl && fx && fh ? jx_clamp(JX_F32, fl, lo_scalar, fx, fh, hi_scalar, fx, n) : -2;
  free(fl);
  free(fh);
  if (!fx) return -2;
  return finish(rc, fx, out, n);
}

// Conversions go through float32, as XLA converts: bfloat16 -> T widens
// exactly and converts float32 -> T; T -> bfloat16 converts T -> float32
// and rounds again (so float64 and 64-bit integers round twice, as in JAX,
// where ml_dtypes' NumPy casts round once).
int jx_convert_bf16(int32_t from, int32_t to, const void *x, void *y, ptrdiff_t n) {
  if (from == JX_BF16 && to == JX_BF16) {
    memcpy(y, x, (size_t)n * 2);
    return 0;
  }
  if (from == JX_BF16 && to == JX_BOOL) {
    // Nonzero bits (either sign of zero aside), as XLA tests: a subnormal
    // is true even under denormals-are-zero.
    const jx_bf16 *h = (const jx_bf16 *)x;
    for (ptrdiff_t i = 0; i < n; i++) ((uint8_t *)y)[i] = (h[i] & 0x7fff) != 0;
    return 0;
  }
  if (from == JX_BF16) {
    float *f = jx_bf16_widen(x, n);
    if (!f) return -2;
    int rc = jx_convert(JX_F32, to, f, y, n);
    free(f);
    return rc;
  }
  float *f = (float *)malloc(sizeof(float) * (size_t)(n > 0 ? n : 1));
  if (!f) return -2;
  return finish(jx_convert(from, JX_F32, x, f, n), f, y, n);
}

int jx_iota_bf16(void *out, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner) {
  ptrdiff_t total = outer * n * inner;
  float *f = (float *)malloc(sizeof(float) * (size_t)(total > 0 ? total : 1));
  if (!f) return -2;
  return finish(jx_iota(JX_F32, f, outer, n, inner), f, out, total);
}

int jx_reduce_bf16(int32_t op, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner, void *out) {
  float *f = jx_bf16_widen(x, outer * n * inner);
  float *o = (float *)malloc(sizeof(float) * (size_t)(outer * inner > 0 ? outer * inner : 1));
  int rc = f && o ? jx_reduce(op, JX_F32, f, outer, n, inner, o) : -2;
  free(f);
  if (!o) return -2;
  return finish(rc, o, out, outer * inner);
}

int jx_argreduce_bf16(int32_t op, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner, int32_t out_dtype,
                      void *out) {
  float *f = jx_bf16_widen(x, outer * n * inner);
  if (!f) return -2;
  int rc = jx_argreduce(op, JX_F32, f, outer, n, inner, out_dtype, out);
  free(f);
  return rc;
}

int jx_batched_matmul_bf16(ptrdiff_t batch, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const void *a, const void *b,
                           void *c, int32_t threads, jx_pfor_fn pfor, void *pool) {
  // Accumulates in float32 and rounds once (preferred_element_type=f32
  // then a convert, which is what XLA:CPU does with a bfloat16 dot).
  float *fa = jx_bf16_widen(a, batch * m * k), *fb = jx_bf16_widen(b, batch * k * n);
  float *fc = (float *)malloc(sizeof(float) * (size_t)(batch * m * n > 0 ? batch * m * n : 1));
  int rc = fa && fb && fc ? jx_batched_matmul(JX_F32, batch, m, n, k, fa, fb, fc, threads, pfor, pool) : -2;
  free(fa);
  free(fb);
  if (!fc) return -2;
  return finish(rc, fc, c, batch * m * n);
}
