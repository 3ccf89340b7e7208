// Data-movement and conversion kernels: strided N-d copy (every shape op
// goes through it), fill, iota, select_n, clamp, convert_element_type and
// the scatter combiner.
#include "jx_internal.h"

// ---- strided N-d iteration -----------------------------------------------

enum { JX_MAX_RANK = 64 };

// Iterates idx over shape[0..rank-2] (the innermost dimension is left to
// INNER), keeping `s` and `d` (char pointers) at src/dst of that row.
#define ND_ITER(INNER)                                                        \
  {                                                                           \
    for (int32_t k = 0; k < rank; k++)                                        \
      if (shape[k] == 0) return 0;                                            \
    ptrdiff_t idx[JX_MAX_RANK] = {0};                                         \
    const char *s = (const char *)src;                                        \
    char *d = (char *)dst;                                                    \
    const ptrdiff_t n = shape[rank - 1];                                      \
    const ptrdiff_t ss = sstr[rank - 1], ds = dstr[rank - 1];                 \
    for (;;) {                                                                \
      INNER                                                                   \
      int32_t k = rank - 2;                                                   \
      for (; k >= 0; k--) {                                                   \
        idx[k]++;                                                             \
        s += sstr[k] * esize;                                                 \
        d += dstr[k] * esize;                                                 \
        if (idx[k] < shape[k]) break;                                         \
        s -= sstr[k] * shape[k] * esize;                                      \
        d -= dstr[k] * shape[k] * esize;                                      \
        idx[k] = 0;                                                           \
      }                                                                       \
      if (k < 0) break;                                                       \
    }                                                                         \
    return 0;                                                                 \
  }

#define ROW_COPY(T)                                                           \
  {                                                                           \
    const T *sp = (const T *)s; T *dp = (T *)d;                               \
    if (ds == 1) for (ptrdiff_t i = 0; i < n; i++) dp[i] = sp[i * ss];        \
    else for (ptrdiff_t i = 0; i < n; i++) dp[i * ds] = sp[i * ss];           \
  }

static int copy_strided(ptrdiff_t esize, int32_t rank, const ptrdiff_t *shape, const void *src,
                        const ptrdiff_t *sstr, void *dst, const ptrdiff_t *dstr) {
  ND_ITER(
    if (ss == 1 && ds == 1) {
      memcpy(d, s, (size_t)(n * esize));
    } else {
      switch (esize) {
      case 1: ROW_COPY(uint8_t) break;
      case 2: ROW_COPY(uint16_t) break;
      case 4: ROW_COPY(uint32_t) break;
      case 8: ROW_COPY(uint64_t) break;
      default:
        for (ptrdiff_t i = 0; i < n; i++) memcpy(d + i * ds * esize, s + i * ss * esize, (size_t)esize);
      }
    })
}

// A transpose of the two innermost dimensions reads one side with a large
// stride; copying 32x32 tiles keeps both sides in cache.
#define TILE 32
#define TILE2D(T)                                                                   \
  {                                                                                 \
    const T *sp = (const T *)s; T *dp = (T *)d;                                     \
    for (ptrdiff_t i0 = 0; i0 < n0; i0 += TILE)                                     \
      for (ptrdiff_t i1 = 0; i1 < n1; i1 += TILE) {                                 \
        ptrdiff_t e0 = i0 + TILE < n0 ? i0 + TILE : n0, e1 = i1 + TILE < n1 ? i1 + TILE : n1; \
        for (ptrdiff_t a = i0; a < e0; a++)                                         \
          for (ptrdiff_t b = i1; b < e1; b++) dp[a * ds0 + b * ds1] = sp[a * ss0 + b * ss1]; \
      }                                                                             \
  }

static void copy_tiled(ptrdiff_t esize, int32_t rank, const ptrdiff_t *shape, const void *src,
                       const ptrdiff_t *sstr, void *dst, const ptrdiff_t *dstr) {
  const ptrdiff_t n0 = shape[rank - 2], n1 = shape[rank - 1];
  const ptrdiff_t ss0 = sstr[rank - 2], ss1 = sstr[rank - 1], ds0 = dstr[rank - 2], ds1 = dstr[rank - 1];
  const int32_t outer = rank - 2;
  ptrdiff_t idx[JX_MAX_RANK] = {0};
  const char *s = (const char *)src;
  char *d = (char *)dst;
  for (;;) {
    switch (esize) {
    case 1: TILE2D(uint8_t) break;
    case 2: TILE2D(uint16_t) break;
    case 4: TILE2D(uint32_t) break;
    default: TILE2D(uint64_t) break;
    }
    int32_t k = outer - 1;
    for (; k >= 0; k--) {
      idx[k]++;
      s += sstr[k] * esize;
      d += dstr[k] * esize;
      if (idx[k] < shape[k]) break;
      s -= sstr[k] * shape[k] * esize;
      d -= dstr[k] * shape[k] * esize;
      idx[k] = 0;
    }
    if (k < 0) break;
  }
}

void jx_copy_strided(ptrdiff_t esize, int32_t rank, const ptrdiff_t *shape, const void *src,
                     const ptrdiff_t *sstr, void *dst, const ptrdiff_t *dstr) {
  if (rank == 0) {
    memcpy(dst, src, (size_t)esize);
    return;
  }
  for (int32_t k = 0; k < rank; k++)
    if (shape[k] == 0) return;
  if (rank >= 2 && (esize == 1 || esize == 2 || esize == 4 || esize == 8) &&
      shape[rank - 1] >= TILE && shape[rank - 2] >= TILE &&
      sstr[rank - 1] != 1 && (sstr[rank - 2] == 1 || sstr[rank - 2] == -1)) {
    copy_tiled(esize, rank, shape, src, sstr, dst, dstr);
    return;
  }
  copy_strided(esize, rank, shape, src, sstr, dst, dstr);
}

void jx_fill(ptrdiff_t esize, const void *value, void *out, ptrdiff_t n) {
  switch (esize) {
  case 1: memset(out, *(const uint8_t *)value, (size_t)n); return;
  case 2: { uint16_t v; memcpy(&v, value, 2); uint16_t *o = out; for (ptrdiff_t i = 0; i < n; i++) o[i] = v; return; }
  case 4: { uint32_t v; memcpy(&v, value, 4); uint32_t *o = out; for (ptrdiff_t i = 0; i < n; i++) o[i] = v; return; }
  case 8: { uint64_t v; memcpy(&v, value, 8); uint64_t *o = out; for (ptrdiff_t i = 0; i < n; i++) o[i] = v; return; }
  default: for (ptrdiff_t i = 0; i < n; i++) memcpy((char *)out + i * esize, value, (size_t)esize);
  }
}

// ---- scatter combine -----------------------------------------------------

#define SC_ROW(T, EXPR)                                                       \
  {                                                                           \
    const T *up = (const T *)s; T *op_ = (T *)d;                              \
    for (ptrdiff_t i = 0; i < n; i++) {                                       \
      T x = op_[i * ds], y = up[i * ss];                                      \
      op_[i * ds] = (T)(EXPR);                                                \
    }                                                                         \
  }

static inline jx_f16 h_add(jx_f16 a, jx_f16 b) { return (jx_f16)((float)a + (float)b); }
static inline jx_f16 h_mul(jx_f16 a, jx_f16 b) { return (jx_f16)((float)a * (float)b); }
static inline jx_f16 h_max(jx_f16 a, jx_f16 b) { return (jx_f16)jx_maxf(a, b); }
static inline jx_f16 h_min(jx_f16 a, jx_f16 b) { return (jx_f16)jx_minf(a, b); }
static inline jx_bf16 b_add(jx_bf16 a, jx_bf16 b) { return jx_f32_to_bf16(jx_bf16_to_f32(a) + jx_bf16_to_f32(b)); }
static inline jx_bf16 b_mul(jx_bf16 a, jx_bf16 b) { return jx_f32_to_bf16(jx_bf16_to_f32(a) * jx_bf16_to_f32(b)); }
static inline jx_bf16 b_max(jx_bf16 a, jx_bf16 b) { return jx_f32_to_bf16(jx_maxf(jx_bf16_to_f32(a), jx_bf16_to_f32(b))); }
static inline jx_bf16 b_min(jx_bf16 a, jx_bf16 b) { return jx_f32_to_bf16(jx_minf(jx_bf16_to_f32(a), jx_bf16_to_f32(b))); }

#define SC_FLOAT(T, ADD, MUL, MAX, MIN)                   \
  switch (op) {                                           \
  case JX_SCATTER_SET: ND_ITER(SC_ROW(T, y))              \
  case JX_SCATTER_ADD: ND_ITER(SC_ROW(T, ADD(x, y)))      \
  case JX_SCATTER_MUL: ND_ITER(SC_ROW(T, MUL(x, y)))      \
  case JX_SCATTER_MIN: ND_ITER(SC_ROW(T, MIN(x, y)))      \
  case JX_SCATTER_MAX: ND_ITER(SC_ROW(T, MAX(x, y)))      \
  default: return -1;                                     \
  }
#define PLUS(a, b) ((a) + (b))
#define TIMES(a, b) ((a) * (b))
#define UPLUS(a, b) ((uint64_t)(a) + (uint64_t)(b))
#define UTIMES(a, b) ((uint64_t)(a) * (uint64_t)(b))
#define IMAX(a, b) ((a) > (b) ? (a) : (b))
#define IMIN(a, b) ((a) < (b) ? (a) : (b))
// Complex: + componentwise, * and the lexicographic max/min by the helpers
// of jx_scalar_text.h, as jit's scatter loop computes them.
#define CPLUS(a, b) ((a) + (b))
#define SC_COMPLEX(S, C) SC_FLOAT(C, CPLUS, jx_cmul_##S, jx_cmax_##S, jx_cmin_##S)
#define SC_INT(T, UT) SC_FLOAT(T, UPLUS, UTIMES, IMAX, IMIN)
#define BOR(a, b) ((a) | (b))
#define BAND(a, b) ((a) & (b))

static int scatter_combine(int32_t op, int32_t dtype, ptrdiff_t esize, int32_t rank, const ptrdiff_t *shape,
                           const void *src, const ptrdiff_t *sstr, void *dst, const ptrdiff_t *dstr) {
  switch (dtype) {
  case JX_F16: SC_FLOAT(jx_f16, h_add, h_mul, h_max, h_min)
  case JX_BF16: SC_FLOAT(jx_bf16, b_add, b_mul, b_max, b_min)
  case JX_F32: SC_FLOAT(float, PLUS, TIMES, jx_maxf, jx_minf)
  case JX_F64: SC_FLOAT(double, PLUS, TIMES, jx_maxd, jx_mind)
  case JX_C64: SC_COMPLEX(c64, jx_c64)
  case JX_C128: SC_COMPLEX(c128, jx_c128)
  case JX_BOOL: SC_FLOAT(uint8_t, BOR, BAND, BOR, BAND)
  JX_INT_CASES(dtype, SC_INT)
  default: return -1;
  }
  return -1;
}

int jx_scatter_combine(int32_t op, int32_t dtype, int32_t rank, const ptrdiff_t *shape,
                       const void *upd, const ptrdiff_t *ustr, void *out, const ptrdiff_t *ostr) {
  static const ptrdiff_t sizes[15] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8, 8, 16, 2};
  if (dtype < 0 || dtype > JX_BF16) return -1;
  if (rank == 0) {
    // A single element: treat it as a rank-1 row of length 1.
    const ptrdiff_t one = 1, zero = 0;
    return scatter_combine(op, dtype, sizes[dtype], 1, &one, upd, &zero, out, &zero);
  }
  return scatter_combine(op, dtype, sizes[dtype], rank, shape, upd, ustr, out, ostr);
}

// ---- iota ------------------------------------------------------------------

#define IOTA(T)                                                       \
  {                                                                   \
    T *o = (T *)out;                                                  \
    for (ptrdiff_t a = 0; a < outer; a++)                             \
      for (ptrdiff_t i = 0; i < n; i++) {                             \
        T v = (T)i;                                                   \
        T *row = o + (a * n + i) * inner;                             \
        for (ptrdiff_t k = 0; k < inner; k++) row[k] = v;             \
      }                                                               \
    return 0;                                                         \
  }
#define IOTA_INT(T, UT) IOTA(T)

int jx_iota(int32_t dtype, void *out, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner) {
  switch (dtype) {
  case JX_BOOL: IOTA(uint8_t)  // only 0 and 1 are representable; i != 0
  case JX_F16: IOTA(jx_f16)
  case JX_BF16: return jx_iota_bf16(out, outer, n, inner);
  case JX_F32: IOTA(float)
  case JX_F64: IOTA(double)
  JX_INT_CASES(dtype, IOTA_INT)
  default: return -1;
  }
  return -1;
}

// ---- select_n --------------------------------------------------------------

#define SELECT(T)                                                                  \
  {                                                                                \
    T *o = (T *)out;                                                               \
    const T *c0 = (const T *)cases[0];                                             \
    if (which_dtype == JX_BOOL) {                                                  \
      const uint8_t *w = (const uint8_t *)which;                                   \
      const T *c1 = (const T *)cases[ncases > 1 ? 1 : 0];                          \
      if (which_scalar) {                                                          \
        const T *c = w[0] ? c1 : c0;                                               \
        for (ptrdiff_t i = 0; i < n; i++) o[i] = c[i];                             \
      } else {                                                                     \
        for (ptrdiff_t i = 0; i < n; i++) o[i] = w[i] ? c1[i] : c0[i];             \
      }                                                                            \
    } else {                                                                       \
      const int32_t *w = (const int32_t *)which;                                   \
      for (ptrdiff_t i = 0; i < n; i++) {                                          \
        int32_t k = w[which_scalar ? 0 : i];                                       \
        k = k < 0 ? 0 : (k >= ncases ? (int32_t)ncases - 1 : k);                   \
        o[i] = ((const T *)cases[k])[i];                                           \
      }                                                                            \
    }                                                                              \
    return 0;                                                                      \
  }

// Out-of-range int32 selectors clamp to the first/last case, matching
// XLA's lowering of select_n to a tree of binary selects.
int jx_select_n(ptrdiff_t esize, int32_t which_dtype, const void *which, int32_t which_scalar,
                ptrdiff_t ncases, const void *const *cases, void *out, ptrdiff_t n) {
  switch (esize) {
  case 1: SELECT(uint8_t)
  case 2: SELECT(uint16_t)
  case 4: SELECT(uint32_t)
  case 8: SELECT(uint64_t)
  case 16: { typedef struct { uint64_t lo, hi; } jx_u128; SELECT(jx_u128) }  // complex128
  default: return -1;
  }
}

// ---- clamp -------------------------------------------------------------------

#define CLAMP(T, CT, MAX, MIN)                                                  \
  {                                                                             \
    const T *L = (const T *)lo, *X = (const T *)x, *H = (const T *)hi;          \
    T *o = (T *)out;                                                            \
    for (ptrdiff_t i = 0; i < n; i++) {                                         \
      CT l = (CT)L[lo_scalar ? 0 : i], h = (CT)H[hi_scalar ? 0 : i], v = (CT)X[i]; \
      o[i] = (T)MIN(MAX(v, l), h);                                              \
    }                                                                           \
    return 0;                                                                   \
  }
#define CLAMP_INT(T, UT) CLAMP(T, T, IMAX, IMIN)
// Complex: XLA's clamp order (jx_cclamp in jx_scalar_text.h).
#define CLAMP_COMPLEX(S, C)                                                     \
  {                                                                             \
    const C *L = (const C *)lo, *X = (const C *)x, *H = (const C *)hi;          \
    C *o = (C *)out;                                                            \
    for (ptrdiff_t i = 0; i < n; i++)                                           \
      o[i] = jx_cclamp_##S(L[lo_scalar ? 0 : i], X[i], H[hi_scalar ? 0 : i]);   \
    return 0;                                                                   \
  }

int jx_clamp(int32_t dtype, const void *lo, int32_t lo_scalar, const void *x,
             const void *hi, int32_t hi_scalar, void *out, ptrdiff_t n) {
  switch (dtype) {
  case JX_F16: CLAMP(jx_f16, float, jx_maxf, jx_minf)
  case JX_BF16: return jx_clamp_bf16(lo, lo_scalar, x, hi, hi_scalar, out, n);
  case JX_F32: CLAMP(float, float, jx_maxf, jx_minf)
  case JX_F64: CLAMP(double, double, jx_maxd, jx_mind)
  case JX_C64: CLAMP_COMPLEX(c64, jx_c64)
  case JX_C128: CLAMP_COMPLEX(c128, jx_c128)
  case JX_BOOL: CLAMP(uint8_t, uint8_t, IMAX, IMIN)
  JX_INT_CASES(dtype, CLAMP_INT)
  default: return -1;
  }
  return -1;
}

// ---- convert_element_type ------------------------------------------------------

// float -> int saturates at the type's bounds and maps NaN to 0, as XLA:
// jx_f2i_* of jx_scalar_text.h, the text generated code uses too.
#define CONV(TI, TO, EXPR)                                            \
  {                                                                   \
    const TI *in = (const TI *)x; TO *out = (TO *)y;                  \
    for (ptrdiff_t i = 0; i < n; i++) { TI v = in[i]; out[i] = (TO)(EXPR); } \
    return 0;                                                         \
  }

#define FROM_INT(TI)                                  \
  switch (to) {                                       \
  case JX_BOOL: CONV(TI, uint8_t, v != 0)             \
  case JX_I8: CONV(TI, int8_t, v)                     \
  case JX_I16: CONV(TI, int16_t, v)                   \
  case JX_I32: CONV(TI, int32_t, v)                   \
  case JX_I64: CONV(TI, int64_t, v)                   \
  case JX_U8: CONV(TI, uint8_t, v)                    \
  case JX_U16: CONV(TI, uint16_t, v)                  \
  case JX_U32: CONV(TI, uint32_t, v)                  \
  case JX_U64: CONV(TI, uint64_t, v)                  \
  case JX_F16: CONV(TI, jx_f16, v)                    \
  case JX_F32: CONV(TI, float, v)                     \
  case JX_F64: CONV(TI, double, v)                    \
  case JX_C64: CONV(TI, jx_c64, v)                    \
  case JX_C128: CONV(TI, jx_c128, v)                  \
  default: return -1;                                 \
  }
#define FROM_INT2(TI, UT) FROM_INT(TI)

// Into float16 through float32, as XLA (its __truncdfhf2 rounds twice:
// float64 1 + 2^-11 + 2^-40 becomes 1, where one rounding gives 1.001).
#define FROM_FLOAT(TI)                                \
  switch (to) {                                       \
  case JX_BOOL: CONV(TI, uint8_t, v != 0)             \
  case JX_I8: CONV(TI, int8_t, jx_f2i_i8(v))             \
  case JX_I16: CONV(TI, int16_t, jx_f2i_i16(v))          \
  case JX_I32: CONV(TI, int32_t, jx_f2i_i32(v))          \
  case JX_I64: CONV(TI, int64_t, jx_f2i_i64(v))          \
  case JX_U8: CONV(TI, uint8_t, jx_f2i_u8(v))            \
  case JX_U16: CONV(TI, uint16_t, jx_f2i_u16(v))         \
  case JX_U32: CONV(TI, uint32_t, jx_f2i_u32(v))         \
  case JX_U64: CONV(TI, uint64_t, jx_f2i_u64(v))         \
  case JX_F16: CONV(TI, jx_f16, (float)v)             \
  case JX_F32: CONV(TI, float, v)                     \
  case JX_F64: CONV(TI, double, v)                    \
  case JX_C64: CONV(TI, jx_c64, v)                    \
  case JX_C128: CONV(TI, jx_c128, v)                  \
  default: return -1;                                 \
  }

// complex -> real keeps the real part (JAX's convert_element_type);
// complex -> bool is true when either part is nonzero.
#define FROM_COMPLEX(TI)                                         \
  switch (to) {                                                  \
  case JX_BOOL: CONV(TI, uint8_t, __real__ v != 0 || __imag__ v != 0) \
  case JX_I8: CONV(TI, int8_t, jx_f2i_i8(__real__ v))            \
  case JX_I16: CONV(TI, int16_t, jx_f2i_i16(__real__ v))         \
  case JX_I32: CONV(TI, int32_t, jx_f2i_i32(__real__ v))         \
  case JX_I64: CONV(TI, int64_t, jx_f2i_i64(__real__ v))         \
  case JX_U8: CONV(TI, uint8_t, jx_f2i_u8(__real__ v))           \
  case JX_U16: CONV(TI, uint16_t, jx_f2i_u16(__real__ v))        \
  case JX_U32: CONV(TI, uint32_t, jx_f2i_u32(__real__ v))        \
  case JX_U64: CONV(TI, uint64_t, jx_f2i_u64(__real__ v))        \
  case JX_F16: CONV(TI, jx_f16, (float)__real__ v)               \
  case JX_F32: CONV(TI, float, __real__ v)                       \
  case JX_F64: CONV(TI, double, __real__ v)                      \
  case JX_C64: CONV(TI, jx_c64, v)                               \
  case JX_C128: CONV(TI, jx_c128, v)                             \
  default: return -1;                                            \
  }

int jx_convert(int32_t from, int32_t to, const void *x, void *y, ptrdiff_t n) {
  if (from == JX_BF16 || to == JX_BF16) return jx_convert_bf16(from, to, x, y, n);
  switch (from) {
  case JX_BOOL: FROM_INT(uint8_t)
  JX_INT_CASES(from, FROM_INT2)
  case JX_F16: FROM_FLOAT(jx_f16)
  case JX_F32: FROM_FLOAT(float)
  case JX_F64: FROM_FLOAT(double)
  case JX_C64: FROM_COMPLEX(jx_c64)
  case JX_C128: FROM_COMPLEX(jx_c128)
  default: return -1;
  }
  return -1;
}
