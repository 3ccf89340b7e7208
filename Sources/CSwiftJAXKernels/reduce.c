// Reductions, arg-reductions and cumulative reductions over the middle axis
// of a row-major [outer, n, inner] array: callers move the reduced axes
// there (often without copying: any contiguous block of axes fits).
// float16 accumulates in float32. (XLA folds a reduced row sequentially and
// rounds float16 every step; these kernels keep 8 partial accumulators for
// speed, so sums that overflow or cancel can differ: EdgeFuzzFixtureTests
// lists them as known issues.)
#include "jx_internal.h"
#include <stdlib.h>

#define PLUS(a, b) ((a) + (b))
#define TIMES(a, b) ((a) * (b))
// jx_at is the accumulator type typedef'd inside REDUCE/CUM.
#define UPLUS(a, b) ((jx_at)((uint64_t)(a) + (uint64_t)(b)))
#define UTIMES(a, b) ((jx_at)((uint64_t)(a) * (uint64_t)(b)))
#define IMAX(a, b) ((a) > (b) ? (a) : (b))
#define IMIN(a, b) ((a) < (b) ? (a) : (b))
#define BAND(a, b) ((a) & (b))
#define BOR(a, b) ((a) | (b))
#define BXOR(a, b) ((a) ^ (b))

// T: element type; AT: accumulator type; OP: combiner; INIT: identity.
#define REDUCE(T, AT, OP, INIT)                                                    \
  {                                                                                \
    typedef AT jx_at;                                                              \
    const T *X = (const T *)x; T *O = (T *)out;                                    \
    if (inner == 1) {                                                              \
      for (ptrdiff_t a = 0; a < outer; a++) {                                      \
        const T *row = X + a * n;                                                  \
        AT acc[8];                                                                 \
        for (int l = 0; l < 8; l++) acc[l] = (AT)(INIT);                           \
        ptrdiff_t i = 0;                                                           \
        for (; i + 8 <= n; i += 8)                                                 \
          for (int l = 0; l < 8; l++) acc[l] = OP(acc[l], (AT)row[i + l]);         \
        for (; i < n; i++) acc[0] = OP(acc[0], (AT)row[i]);                        \
        for (int w = 4; w > 0; w >>= 1)                                            \
          for (int l = 0; l < w; l++) acc[l] = OP(acc[l], acc[l + w]);             \
        O[a] = (T)acc[0];                                                          \
      }                                                                            \
    } else {                                                                       \
      AT stackbuf[256];                                                            \
      AT *acc = inner <= 256 ? stackbuf : (AT *)malloc(sizeof(AT) * (size_t)inner); \
      if (!acc) return -2;                                                         \
      for (ptrdiff_t a = 0; a < outer; a++) {                                      \
        const T *blk = X + a * n * inner;                                          \
        for (ptrdiff_t k = 0; k < inner; k++) acc[k] = (AT)(INIT);                 \
        for (ptrdiff_t i = 0; i < n; i++) {                                        \
          const T *row = blk + i * inner;                                          \
          for (ptrdiff_t k = 0; k < inner; k++) acc[k] = OP(acc[k], (AT)row[k]);   \
        }                                                                          \
        T *orow = O + a * inner;                                                   \
        for (ptrdiff_t k = 0; k < inner; k++) orow[k] = (T)acc[k];                 \
      }                                                                            \
      if (acc != stackbuf) free(acc);                                              \
    }                                                                              \
    return 0;                                                                      \
  }

#define REDUCE_FLOAT(T, AT, MAX, MIN)                                 \
  switch (op) {                                                       \
  case JX_RSUM: REDUCE(T, AT, PLUS, 0)                                \
  case JX_RPROD: REDUCE(T, AT, TIMES, 1)                              \
  case JX_RMAX: REDUCE(T, AT, MAX, -INFINITY)                         \
  case JX_RMIN: REDUCE(T, AT, MIN, INFINITY)                          \
  default: return -1;                                                 \
  }

#define IS_SIGNED(T) ((T)-1 < (T)0)
#define TMAX(T, UT) (IS_SIGNED(T) ? (T)((UT)-1 >> 1) : (T)-1)
#define TMIN(T, UT) (IS_SIGNED(T) ? (T)~((UT)-1 >> 1) : (T)0)
#define REDUCE_INT(T, UT)                                             \
  switch (op) {                                                       \
  case JX_RSUM: REDUCE(T, UT, UPLUS, 0)                               \
  case JX_RPROD: REDUCE(T, UT, UTIMES, 1)                             \
  case JX_RMAX: REDUCE(T, T, IMAX, TMIN(T, UT))                       \
  case JX_RMIN: REDUCE(T, T, IMIN, TMAX(T, UT))                       \
  case JX_RAND: REDUCE(T, T, BAND, (T)-1)                             \
  case JX_ROR: REDUCE(T, T, BOR, 0)                                   \
  case JX_RXOR: REDUCE(T, T, BXOR, 0)                                 \
  default: return -1;                                                 \
  }

#define CTIMES64(a, b) jx_cmul_c64(a, b)
#define CTIMES128(a, b) jx_cmul_c128(a, b)

int jx_reduce(int32_t op, int32_t dtype, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner, void *out) {
  switch (dtype) {
  // Complex: sum, product and JAX's lexicographic max/min (jx_cmax/jx_cmin,
  // from JAX's identity -inf + 0i / inf + 0i); the shape rule rejects the rest.
  case JX_C64:
    switch (op) {
    case JX_RSUM: REDUCE(jx_c64, jx_c64, PLUS, 0)
    case JX_RPROD: REDUCE(jx_c64, jx_c64, CTIMES64, 1)
    case JX_RMAX: REDUCE(jx_c64, jx_c64, jx_cmax_c64, -INFINITY)
    case JX_RMIN: REDUCE(jx_c64, jx_c64, jx_cmin_c64, INFINITY)
    default: return -1;
    }
  case JX_C128:
    switch (op) {
    case JX_RSUM: REDUCE(jx_c128, jx_c128, PLUS, 0)
    case JX_RPROD: REDUCE(jx_c128, jx_c128, CTIMES128, 1)
    case JX_RMAX: REDUCE(jx_c128, jx_c128, jx_cmax_c128, -INFINITY)
    case JX_RMIN: REDUCE(jx_c128, jx_c128, jx_cmin_c128, INFINITY)
    default: return -1;
    }
  case JX_F16: REDUCE_FLOAT(jx_f16, float, jx_maxf, jx_minf)
  case JX_BF16: return jx_reduce_bf16(op, x, outer, n, inner, out);
  case JX_F32: REDUCE_FLOAT(float, float, jx_maxf, jx_minf)
  case JX_F64: REDUCE_FLOAT(double, double, jx_maxd, jx_mind)
  case JX_BOOL:
    // Bool: sum/max/or are "any", prod/min/and are "all", xor is parity.
    switch (op) {
    case JX_RSUM: case JX_RMAX: case JX_ROR: REDUCE(uint8_t, uint8_t, BOR, 0)
    case JX_RPROD: case JX_RMIN: case JX_RAND: REDUCE(uint8_t, uint8_t, BAND, 1)
    case JX_RXOR: REDUCE(uint8_t, uint8_t, BXOR, 0)
    default: return -1;
    }
  JX_INT_CASES(dtype, REDUCE_INT)
  default: return -1;
  }
  return -1;
}

// ---- argmax / argmin ---------------------------------------------------------

static void store_index(int32_t dt, void *out, ptrdiff_t i, int64_t v) {
  switch (dt) {
  case JX_I8: case JX_U8: ((uint8_t *)out)[i] = (uint8_t)v; break;
  case JX_I16: case JX_U16: ((uint16_t *)out)[i] = (uint16_t)v; break;
  case JX_I32: case JX_U32: ((uint32_t *)out)[i] = (uint32_t)v; break;
  default: ((uint64_t *)out)[i] = (uint64_t)v; break;
  }
}

// NaN counts as the extreme value (the first NaN wins), as in JAX.
#define ARGRED(T, CT, BETTER)                                                  \
  {                                                                            \
    const T *X = (const T *)x;                                                 \
    for (ptrdiff_t a = 0; a < outer; a++)                                      \
      for (ptrdiff_t k = 0; k < inner; k++) {                                  \
        const T *p = X + a * n * inner + k;                                    \
        CT best = (CT)p[0];                                                    \
        int64_t bi = 0;                                                        \
        if (best == best) {                                                    \
          for (ptrdiff_t i = 1; i < n; i++) {                                  \
            CT v = (CT)p[i * inner];                                           \
            if (v != v) { bi = i; break; }                                     \
            if (BETTER) { best = v; bi = i; }                                  \
          }                                                                    \
        }                                                                      \
        store_index(out_dtype, out, a * inner + k, bi);                        \
      }                                                                        \
    return 0;                                                                  \
  }
#define ARGRED_T(T, CT) \
  if (op == JX_ARGMAX) ARGRED(T, CT, v > best) else ARGRED(T, CT, v < best)
#define ARGRED_INT(T, UT) ARGRED_T(T, T)

int jx_argreduce(int32_t op, int32_t dtype, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner,
                 int32_t out_dtype, void *out) {
  switch (dtype) {
  case JX_F16: ARGRED_T(jx_f16, float)
  case JX_BF16: return jx_argreduce_bf16(op, x, outer, n, inner, out_dtype, out);
  case JX_F32: ARGRED_T(float, float)
  case JX_F64: ARGRED_T(double, double)
  case JX_BOOL: ARGRED_T(uint8_t, uint8_t)
  JX_INT_CASES(dtype, ARGRED_INT)
  default: return -1;
  }
  return -1;
}

// ---- cumulative ----------------------------------------------------------------

// JAX lowers cumulative reductions on CPU to a reduce_window of size n
// padded with the identity: output i folds init, the padding, then its
// window in increasing index order, rounding every step to the dtype
// (XLA computes float16 arithmetic in float and rounds each result).
// Forward, window i is x[0...i]: a running accumulation. Reverse, window i
// is x[i...n-1], still folded from x[i] upwards, so for float sums,
// products and logsumexp (where order matters) each output has its own
// fold, O(n^2) as in XLA; integer and max/min folds are order-free and run
// backwards in O(n).

#define CUM(T, AT, OP, INIT)                                                       \
  {                                                                                \
    typedef AT jx_at;                                                              \
    const T *X = (const T *)x; T *O = (T *)out;                                    \
    AT stackbuf[256];                                                              \
    AT *acc = inner <= 256 ? stackbuf : (AT *)malloc(sizeof(AT) * (size_t)inner);  \
    if (!acc) return -2;                                                           \
    for (ptrdiff_t a = 0; a < outer; a++) {                                        \
      for (ptrdiff_t k = 0; k < inner; k++) acc[k] = (AT)(INIT);                   \
      for (ptrdiff_t j = 0; j < n; j++) {                                          \
        ptrdiff_t i = reverse ? n - 1 - j : j;                                     \
        const T *row = X + (a * n + i) * inner;                                    \
        T *orow = O + (a * n + i) * inner;                                         \
        for (ptrdiff_t k = 0; k < inner; k++) {                                    \
          acc[k] = (AT)(T)OP(acc[k], (AT)row[k]);                                  \
          orow[k] = (T)acc[k];                                                     \
        }                                                                          \
      }                                                                            \
    }                                                                              \
    if (acc != stackbuf) free(acc);                                                \
    return 0;                                                                      \
  }

// Reverse float folds in XLA's order: out[i] = (((init op x[i]) op x[i+1]) ...).
#define CUM_REV_WINDOW(T, AT, OP, INIT)                                            \
  {                                                                                \
    const T *X = (const T *)x; T *O = (T *)out;                                    \
    for (ptrdiff_t a = 0; a < outer; a++)                                          \
      for (ptrdiff_t i = 0; i < n; i++)                                            \
        for (ptrdiff_t k = 0; k < inner; k++) {                                    \
          AT acc = (AT)(INIT);                                                     \
          for (ptrdiff_t j = i; j < n; j++)                                        \
            acc = (AT)(T)OP(acc, (AT)X[(a * n + j) * inner + k]);                  \
          O[(a * n + i) * inner + k] = (T)acc;                                     \
        }                                                                          \
    return 0;                                                                      \
  }

#define CUM_FLOAT(T, AT, MAX, MIN, LAE)                     \
  switch (op) {                                             \
  case JX_CSUM:                                             \
    if (reverse) CUM_REV_WINDOW(T, AT, PLUS, 0)             \
    CUM(T, AT, PLUS, 0)                                     \
  case JX_CPROD:                                            \
    if (reverse) CUM_REV_WINDOW(T, AT, TIMES, 1)            \
    CUM(T, AT, TIMES, 1)                                    \
  case JX_CMAX: CUM(T, AT, MAX, -INFINITY)                  \
  case JX_CMIN: CUM(T, AT, MIN, INFINITY)                   \
  case JX_CLOGSUMEXP:                                       \
    if (reverse) CUM_REV_WINDOW(T, AT, LAE, -INFINITY)      \
    CUM(T, AT, LAE, -INFINITY)                              \
  default: return -1;                                       \
  }
#define CUM_INT(T, UT)                                      \
  switch (op) {                                             \
  case JX_CSUM: CUM(T, UT, UPLUS, 0)                        \
  case JX_CPROD: CUM(T, UT, UTIMES, 1)                      \
  case JX_CMAX: CUM(T, T, IMAX, TMIN(T, UT))                \
  case JX_CMIN: CUM(T, T, IMIN, TMAX(T, UT))                \
  default: return -1;                                       \
  }

// Complex: sum and product as floats are (+ componentwise, the product by
// jx_cmul); max/min are JAX's lexicographic ones, whose NaN handling (a NaN
// part loses to whatever follows) depends on the fold order, so reverse
// max/min fold each window from x[i] upwards too. Identities as XLA's:
// -inf+0i / +inf+0i for max/min (and -inf+0i for logsumexp, whose complex
// combiner is JAX's complex logaddexp, jx_clogaddexp in jx_scalar_text.h).
#define CCPLUS(a, b) ((a) + (b))
#define CUM_COMPLEX(S, C, R)                                                   \
  switch (op) {                                                               \
  case JX_CSUM:                                                               \
    if (reverse) CUM_REV_WINDOW(C, C, CCPLUS, 0)                              \
    CUM(C, C, CCPLUS, 0)                                                      \
  case JX_CPROD:                                                              \
    if (reverse) CUM_REV_WINDOW(C, C, jx_cmul_##S, 1)                         \
    CUM(C, C, jx_cmul_##S, 1)                                                 \
  case JX_CMAX:                                                               \
    if (reverse) CUM_REV_WINDOW(C, C, jx_cmax_##S, jx_cmake_##S(-(R)INFINITY, 0)) \
    CUM(C, C, jx_cmax_##S, jx_cmake_##S(-(R)INFINITY, 0))                     \
  case JX_CMIN:                                                               \
    if (reverse) CUM_REV_WINDOW(C, C, jx_cmin_##S, jx_cmake_##S((R)INFINITY, 0)) \
    CUM(C, C, jx_cmin_##S, jx_cmake_##S((R)INFINITY, 0))                      \
  case JX_CLOGSUMEXP:                                                         \
    if (reverse) CUM_REV_WINDOW(C, C, jx_clogaddexp_##S##_fn, jx_cmake_##S(-(R)INFINITY, 0)) \
    CUM(C, C, jx_clogaddexp_##S##_fn, jx_cmake_##S(-(R)INFINITY, 0))          \
  default: return -1;                                                         \
  }

// bfloat16: the float32 folds on widened values, each step rounded to
// bfloat16 (max/min are exact).
#define BF_PLUS(a, b) jx_round_bf16((a) + (b))
#define BF_TIMES(a, b) jx_round_bf16((a) * (b))
#define BF_LAE(a, b) jx_round_bf16(jx_logaddexpf(a, b))
static int cumulative_bf16_f32(int32_t op, const float *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner,
                               int32_t reverse, float *out) {
  switch (op) {
  case JX_CSUM:
    if (reverse) CUM_REV_WINDOW(float, float, BF_PLUS, 0)
    CUM(float, float, BF_PLUS, 0)
  case JX_CPROD:
    if (reverse) CUM_REV_WINDOW(float, float, BF_TIMES, 1)
    CUM(float, float, BF_TIMES, 1)
  case JX_CMAX: CUM(float, float, jx_maxf, -INFINITY)
  case JX_CMIN: CUM(float, float, jx_minf, INFINITY)
  case JX_CLOGSUMEXP:
    if (reverse) CUM_REV_WINDOW(float, float, BF_LAE, -INFINITY)
    CUM(float, float, BF_LAE, -INFINITY)
  default: return -1;
  }
}

static int cumulative_bf16(int32_t op, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner, int32_t reverse,
                           void *out) {
  ptrdiff_t total = outer * n * inner;
  float *f = jx_bf16_widen(x, total);
  if (!f) return -2;
  int rc = cumulative_bf16_f32(op, f, outer, n, inner, reverse, f);
  if (rc == 0) jx_bf16_narrow(f, out, total);
  free(f);
  return rc;
}

int jx_cumulative(int32_t op, int32_t dtype, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner,
                  int32_t reverse, void *out) {
  switch (dtype) {
  case JX_F16: CUM_FLOAT(jx_f16, float, jx_maxf, jx_minf, jx_logaddexpf)
  case JX_BF16: return cumulative_bf16(op, x, outer, n, inner, reverse, out);
  case JX_F32: CUM_FLOAT(float, float, jx_maxf, jx_minf, jx_logaddexpf)
  case JX_F64: CUM_FLOAT(double, double, jx_maxd, jx_mind, jx_logaddexp)
  case JX_C64: CUM_COMPLEX(c64, jx_c64, float)
  case JX_C128: CUM_COMPLEX(c128, jx_c128, double)
  case JX_BOOL:
    switch (op) {
    case JX_CSUM: case JX_CMAX: CUM(uint8_t, uint8_t, BOR, 0)
    case JX_CPROD: case JX_CMIN: CUM(uint8_t, uint8_t, BAND, 1)
    default: return -1;
    }
  JX_INT_CASES(dtype, CUM_INT)
  default: return -1;
  }
  return -1;
}
