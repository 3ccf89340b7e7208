/* JAX's scalar semantics, written ONCE and used twice:
     - the eager kernels #include this file (through jx_internal.h), and
       instantiate the integer helpers for every integer type;
     - shared_text.c #embeds its bytes as `jx_scalar_source()`, which the
       jit compiler pastes into every generated C file's prelude
       (RuntimeHeader.swift), instantiating only the integer types a
       program uses.
   So integer division and remainder, shifts, wrapping arithmetic, integer
   powers, bit counts, NaN-propagating max/min and float -> int conversion
   are the same C text in eager and in jit.

   Rules for this file:
     - no #include, no include guard (the includer has one), no system
       names beyond what both includers provide: the fixed-width integer
       types and their INT8_MIN..UINT64_MAX limits, signbit, expf/exp, memcpy and
       JX_INLINE (the storage class: static inline, always inlined);
     - every name starts with jx_ or JX_. */

/* A value picked by a select keeps its bits, where XLA's max/min/sign
   (x86 maxps/minps and arithmetic) return a subnormal flushed to zero of
   its sign when subnormals are flushed (JAXConfig.flushDenormals, on by
   default, as XLA:CPU). Under DAZ a subnormal compares equal to zero, so
   this flushes exactly then; with IEEE subnormals it returns r unchanged.
   (copysign is bit arithmetic: it vectorises, and no compiler folds it
   away as it may fold r * 1.) */
JX_INLINE float jx_zero_flushf(float r) { return r == 0 ? __builtin_copysignf(0.0f, r) : r; }
JX_INLINE double jx_zero_flush(double r) { return r == 0 ? __builtin_copysign(0.0, r) : r; }

/* Float max/min as XLA computes them: NaN propagates (the first NaN
   operand is returned, so its payload survives), -0.0 < +0.0, and a
   subnormal result is flushed when subnormals are (see above). */
JX_INLINE float jx_maxf(float x, float y) {
  if (x != x) return x;
  if (y != y) return y;
  if (x == y) return jx_zero_flushf(signbit(x) ? y : x);
  return jx_zero_flushf(x > y ? x : y);
}
JX_INLINE float jx_minf(float x, float y) {
  if (x != x) return x;
  if (y != y) return y;
  if (x == y) return jx_zero_flushf(signbit(x) ? x : y);
  return jx_zero_flushf(x < y ? x : y);
}
JX_INLINE double jx_maxd(double x, double y) {
  if (x != x) return x;
  if (y != y) return y;
  if (x == y) return jx_zero_flush(signbit(x) ? y : x);
  return jx_zero_flush(x > y ? x : y);
}
JX_INLINE double jx_mind(double x, double y) {
  if (x != x) return x;
  if (y != y) return y;
  if (x == y) return jx_zero_flush(signbit(x) ? x : y);
  return jx_zero_flush(x < y ? x : y);
}

/* bfloat16 is stored as the top 16 bits of a float32 (uint16_t in C) and
   computed in float32, each operation rounding its result back, as XLA:CPU
   does. Both conversions are integer code, so they do not depend on the
   FPU's flush-to-zero/denormals-are-zero bits (XLA converts with integer
   code too: a float32 subnormal keeps its bfloat16 subnormal). Widening is
   exact. Narrowing rounds to nearest even; NaN becomes the quiet NaN
   0x7fc0 with the sign kept and the payload dropped, as XLA converts
   (ml_dtypes keeps the payload's top bits; JAX's arrays follow XLA). */
typedef uint16_t jx_bf16;
JX_INLINE float jx_bf16_to_f32(jx_bf16 h) {
  uint32_t u = (uint32_t)h << 16;
  float f;
  memcpy(&f, &u, 4);
  return f;
}
JX_INLINE jx_bf16 jx_f32_to_bf16(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  if ((u & 0x7fffffffu) > 0x7f800000u) return (jx_bf16)(((u >> 16) & 0x8000u) | 0x7fc0u);
  u += 0x7fffu + ((u >> 16) & 1u);
  return (jx_bf16)(u >> 16);
}
/* A float32 rounded to the nearest bfloat16 (the result of one operation). */
JX_INLINE float jx_round_bf16(float f) { return jx_bf16_to_f32(jx_f32_to_bf16(f)); }

/* Bool division as uint8 division normalised to 0/1: x / 0 is true, x % 0
   is x (XLA's integer rules), x / 1 is x and x % 1 is false. */
JX_INLINE uint8_t jx_div_bool(uint8_t x, uint8_t y) { return y == 0 ? 1 : x; }
JX_INLINE uint8_t jx_rem_bool(uint8_t x, uint8_t y) { return y == 0 ? x : 0; }

/* sign keeps NaN and the sign of zero; a subnormal is zero when
   subnormals are flushed, as in XLA. (logistic, which needs XLA's exp,
   is in jx_special_text.h.) */
JX_INLINE float jx_signf(float x) { return x > 0 ? 1.0f : (x < 0 ? -1.0f : jx_zero_flushf(x)); }
JX_INLINE double jx_sign(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : jx_zero_flush(x)); }

/* float ** n for a static integer n (jx_ipowf, jx_ipowd: one text for
   both types), by repeated squaring in the order XLA's expansion
   multiplies; a negative n takes the reciprocal last. As JAX's
   _integer_pow, the accumulator starts as the first power of x it needs,
   not as 1 (1 * x would flush a subnormal x under FTZ/DAZ, and x ** 1 is
   x itself in JAX). */
#define JX_FLOAT_IPOW(NAME, T)                                                   \
  JX_INLINE T NAME(T x, int64_t n) {                                            \
    uint64_t k = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;               \
    if (k == 0) return 1;                                                       \
    T acc = x, base = x;                                                        \
    int started = 0;                                                            \
    while (k) {                                                                 \
      if (k & 1) { acc = started ? acc * base : base; started = 1; }            \
      k >>= 1;                                                                  \
      if (k) base = base * base;                                                \
    }                                                                           \
    return n < 0 ? (T)1 / acc : acc;                                            \
  }
JX_FLOAT_IPOW(jx_ipowf, float)
JX_FLOAT_IPOW(jx_ipowd, double)
/* Integer x ** -k: 1 for x == 1, +-1 for x == -1, else 0. */
JX_INLINE int64_t jx_ipow_neg(int64_t x, int64_t n, int is_signed) {
  if (x == 1) return 1;
  if (is_signed && x == -1) return (((uint64_t)0 - (uint64_t)n) & 1) ? -1 : 1;
  return 0;
}

/* The integer helpers of one type: S is the suffix (i32), T the type, UT
   its unsigned and ST its signed twin, SIGNED 0 or 1. Arithmetic wraps
   (computed in the unsigned type: no C undefined behaviour). Division
   follows XLA: x / 0 == -1 (all ones), INT_MIN / -1 == INT_MIN,
   x % 0 == x, INT_MIN % -1 == 0. Shifts by the width or more give 0
   (arithmetic right: the sign). float -> int truncates, saturates at the
   bounds and maps NaN to 0. */
#define JX_INT_OPS(S, T, UT, ST, SIGNED)                                                   \
  JX_INLINE T jx_add_##S(T x, T y) { return (T)((UT)x + (UT)y); }                          \
  JX_INLINE T jx_sub_##S(T x, T y) { return (T)((UT)x - (UT)y); }                          \
  JX_INLINE T jx_mul_##S(T x, T y) { return (T)((UT)((uint64_t)x * (uint64_t)y)); }       \
  JX_INLINE T jx_neg_##S(T x) { return (T)(0 - (UT)x); }                                  \
  JX_INLINE T jx_abs_##S(T x) { return SIGNED && x < 0 ? (T)(0 - (UT)x) : x; }            \
  JX_INLINE T jx_div_##S(T x, T y) {                                                      \
    if (y == 0) return (T)-1;                                                             \
    if (SIGNED && y == (T)-1) return (T)(0 - (UT)x);                                      \
    return (T)(x / y); }                                                                  \
  JX_INLINE T jx_rem_##S(T x, T y) {                                                      \
    if (y == 0) return x;                                                                 \
    if (SIGNED && y == (T)-1) return 0;                                                   \
    return (T)(x % y); }                                                                  \
  JX_INLINE T jx_pow_##S(T x, T y) {                                                      \
    if (SIGNED && y < 0) { if (x == 1) return 1; if (x == (T)-1) return (y & 1) ? (T)-1 : (T)1; return 0; } \
    UT acc = 1, base = (UT)x, k = (UT)y;                                                  \
    while (k) { if (k & 1) acc = (UT)((uint64_t)acc * base); k >>= 1; base = (UT)((uint64_t)base * base); } \
    return (T)acc; }                                                                      \
  JX_INLINE T jx_ipow_##S(T x, uint64_t k) {                                              \
    UT acc = 1, base = (UT)x;                                                             \
    while (k) { if (k & 1) acc = (UT)((uint64_t)acc * base); k >>= 1; if (k) base = (UT)((uint64_t)base * base); } \
    return (T)acc; }                                                                      \
  JX_INLINE T jx_popcnt_##S(T x) { return (T)__builtin_popcountll((uint64_t)(UT)x); }     \
  JX_INLINE T jx_clz_##S(T x) {                                                           \
    return (T)(x == 0 ? (int)sizeof(T) * 8 : __builtin_clzll((uint64_t)(UT)x) - (64 - (int)sizeof(T) * 8)); } \
  JX_INLINE T jx_shl_##S(T x, T y) { return (UT)y >= sizeof(T) * 8 ? (T)0 : (T)((UT)x << (UT)y); } \
  JX_INLINE T jx_shrl_##S(T x, T y) { return (UT)y >= sizeof(T) * 8 ? (T)0 : (T)((UT)x >> (UT)y); } \
  JX_INLINE T jx_shra_##S(T x, T y) {                                                     \
    ST sx = (ST)x;                                                                        \
    if ((UT)y >= sizeof(T) * 8) return (T)(sx < 0 ? (ST)-1 : (ST)0);                      \
    return (T)(ST)(sx >> (UT)y); }                                                        \
  JX_INLINE T jx_f2i_##S(double x) {                                                      \
    if (x != x) return 0;                                                                 \
    if (x >= (double)JX_MAX_##S) return JX_MAX_##S;                                       \
    if (x <= (double)JX_MIN_##S) return JX_MIN_##S;                                       \
    return (T)x; }

/* One instantiation per integer type; the suffixes are DType.cSuffix. */
#define JX_INT_OPS_i8 JX_INT_OPS(i8, int8_t, uint8_t, int8_t, 1)
#define JX_INT_OPS_i16 JX_INT_OPS(i16, int16_t, uint16_t, int16_t, 1)
#define JX_INT_OPS_i32 JX_INT_OPS(i32, int32_t, uint32_t, int32_t, 1)
#define JX_INT_OPS_i64 JX_INT_OPS(i64, int64_t, uint64_t, int64_t, 1)
#define JX_INT_OPS_u8 JX_INT_OPS(u8, uint8_t, uint8_t, int8_t, 0)
#define JX_INT_OPS_u16 JX_INT_OPS(u16, uint16_t, uint16_t, int16_t, 0)
#define JX_INT_OPS_u32 JX_INT_OPS(u32, uint32_t, uint32_t, int32_t, 0)
#define JX_INT_OPS_u64 JX_INT_OPS(u64, uint64_t, uint64_t, int64_t, 0)

#define JX_MAX_i8 INT8_MAX
#define JX_MIN_i8 INT8_MIN
#define JX_MAX_i16 INT16_MAX
#define JX_MIN_i16 INT16_MIN
#define JX_MAX_i32 INT32_MAX
#define JX_MIN_i32 INT32_MIN
#define JX_MAX_i64 INT64_MAX
#define JX_MIN_i64 INT64_MIN
#define JX_MAX_u8 UINT8_MAX
#define JX_MIN_u8 0
#define JX_MAX_u16 UINT16_MAX
#define JX_MIN_u16 0
#define JX_MAX_u32 UINT32_MAX
#define JX_MIN_u32 0
#define JX_MAX_u64 UINT64_MAX
#define JX_MIN_u64 0

/* complex64 / complex128: C99 complex types used only as storage and for
   + - (componentwise); every other operation is written out here on the
   parts (__real__/__imag__, __builtin_complex), so eager and jit share
   one text and no Annex G library call (__mulsc3...) decides the bits.
   The formulas follow XLA's elemental emitter: textbook multiply, Smith's
   division with its special cases, |z| by hypot; sqrt is XLA's HLO
   expansion (log, which calls XLA's log/log1p, is in JX_COMPLEX_TRIG2).
   XLA:CPU's backend contracts each a * b + c whose product has no other
   use into an fma, so the multiply and division fuse where it does
   (checked bit for bit against JAX 0.10.2: 0 of 100000 differ). */
typedef float _Complex jx_c64;
typedef double _Complex jx_c128;
/* Constants of complex sqrt and log as XLA's expansions round them:
   sqrt 2, sqrt((1 + sqrt 2) / 2), 1 / sqrt 2, sqrt((sqrt 2 - 1) / 2), and
   Dekker's splitter 2^(p/2) + 1 of log's exact squares. llvm.maximum /
   minimum on non-negative operands (NaN propagates): jx_maxf/jx_minf. */
#define JX_SQRT2_c64 1.41421354f
#define JX_SQRT_C1_c64 1.09868407f
#define JX_RSQRT2_c64 0.707106769f
#define JX_SQRT_C2_c64 0.455089867f
#define JX_SPLIT_c64 4097.0f
#define JX_SQRT2_c128 1.4142135623730951
#define JX_SQRT_C1_c128 1.0986841134678098
#define JX_RSQRT2_c128 0.70710678118654757
#define JX_SQRT_C2_c128 0.45508986056222733
#define JX_SPLIT_c128 134217729.0
#define JX_CMAXR_c64(a, b) jx_maxf(a, b)
#define JX_CMINR_c64(a, b) jx_minf(a, b)
#define JX_CMAXR_c128(a, b) jx_maxd(a, b)
#define JX_CMINR_c128(a, b) jx_mind(a, b)
#define JX_COMPLEX_OPS(S, C, R, F)                                                          \
  JX_INLINE C jx_cmul_##S(C x, C y) {                                                       \
    R a = __real__ x, b = __imag__ x, c = __real__ y, d = __imag__ y;                       \
    return __builtin_complex(__builtin_fma##F(a, c, -(b * d)), __builtin_fma##F(b, c, a * d)); \
  }                                                                                         \
  /* The multiply op itself, with the sign of NaN XLA:CPU gives it (JAX    \
     0.10.2, checked on every mix of +NaN/-NaN/2/0 parts): any NaN part     \
     makes both parts NaN, and which operand NaN wins is an artefact of    \
     the x86 instruction order LLVM picks (x86 keeps the first NaN source), \
     not of the C text, so it is chosen here explicitly. x = a + bi,       \
     y = c + di. Elementwise (ew): real c > a > b > d, imag b > c > a > d.  \
     y a broadcast scalar (bs, e.g. z * 0.5): real c > a > d > b, imag      \
     d > a > c > b; x a broadcast scalar (sb): real a > c > b > d, imag     \
     b > c > a > d. */                                                      \
  JX_INLINE R jx_cnan4_##S(R p, R q, R r, R s) { return p != p ? p : q != q ? q : r != r ? r : s; } \
  JX_INLINE C jx_cmulew_##S(C x, C y) {                                                     \
    R a = __real__ x, b = __imag__ x, c = __real__ y, d = __imag__ y;                       \
    if (a == a && b == b && c == c && d == d) return jx_cmul_##S(x, y);                     \
    return __builtin_complex(jx_cnan4_##S(c, a, b, d), jx_cnan4_##S(b, c, a, d));           \
  }                                                                                         \
  JX_INLINE C jx_cmulbs_##S(C x, C y) {                                                     \
    R a = __real__ x, b = __imag__ x, c = __real__ y, d = __imag__ y;                       \
    if (a == a && b == b && c == c && d == d) return jx_cmul_##S(x, y);                     \
    return __builtin_complex(jx_cnan4_##S(c, a, d, b), jx_cnan4_##S(d, a, c, b));           \
  }                                                                                         \
  JX_INLINE C jx_cmulsb_##S(C x, C y) {                                                     \
    R a = __real__ x, b = __imag__ x, c = __real__ y, d = __imag__ y;                       \
    if (a == a && b == b && c == c && d == d) return jx_cmul_##S(x, y);                     \
    return __builtin_complex(jx_cnan4_##S(a, c, b, d), jx_cnan4_##S(b, c, a, d));           \
  }                                                                                         \
  JX_INLINE C jx_cdiv_##S(C x, C y) {                                                       \
    R a = __real__ x, b = __imag__ x, c = __real__ y, d = __imag__ y;                       \
    R re, im;                                                                               \
    if (__builtin_fabs##F(c) >= __builtin_fabs##F(d)) {                                     \
      R r = d / c, den = __builtin_fma##F(d, r, c);                                         \
      re = __builtin_fma##F(b, r, a) / den; im = __builtin_fma##F(-a, r, b) / den;          \
    } else {                                                                                \
      R r = c / d, den = __builtin_fma##F(c, r, d);                                         \
      re = __builtin_fma##F(a, r, b) / den; im = __builtin_fma##F(b, r, -a) / den;          \
    }                                                                                       \
    R inf = (R)__builtin_inff();                                                            \
    if (c == 0 && d == 0 && (a == a || b == b)) {                                           \
      re = __builtin_copysign##F(inf, c) * a; im = __builtin_copysign##F(inf, c) * b;       \
    } else if ((__builtin_isinf(a) || __builtin_isinf(b)) && __builtin_isfinite(c) &&      \
               __builtin_isfinite(d)) {                                                     \
      R ai = __builtin_copysign##F(__builtin_isinf(a) ? 1 : 0, a);                          \
      R bi = __builtin_copysign##F(__builtin_isinf(b) ? 1 : 0, b);                          \
      re = inf * (ai * c + bi * d); im = inf * (bi * c - ai * d);                           \
    } else if ((__builtin_isinf(c) || __builtin_isinf(d)) && __builtin_isfinite(a) &&      \
               __builtin_isfinite(b)) {                                                     \
      R ci = __builtin_copysign##F(__builtin_isinf(c) ? 1 : 0, c);                          \
      R di = __builtin_copysign##F(__builtin_isinf(d) ? 1 : 0, d);                          \
      re = (R)0 * (a * ci + b * di); im = (R)0 * (b * ci - a * di);                         \
    }                                                                                       \
    return __builtin_complex(re, im);                                                       \
  }                                                                                         \
  JX_INLINE R jx_cabs_##S(C x) { return hypot##F(__real__ x, __imag__ x); }                 \
  JX_INLINE R jx_carg_##S(C x) { return atan2##F(__imag__ x, __real__ x); }                 \
  JX_INLINE C jx_cconj_##S(C x) { return __builtin_complex((R)__real__ x, (R)-__imag__ x); } \
  JX_INLINE C jx_cneg_##S(C x) { return __builtin_complex((R)-__real__ x, (R)-__imag__ x); } \
  JX_INLINE C jx_cmake_##S(R re, R im) { return __builtin_complex(re, im); }                \
  JX_INLINE uint8_t jx_ceq_##S(C x, C y) {                                                  \
    return __real__ x == __real__ y && __imag__ x == __imag__ y;                            \
  }                                                                                         \
  /* sqrt as JAX 0.10.2 computes it: XLA expands complex sqrt at the HLO     \
     level (functional_algorithms' algorithm, then XLA's simplifier; checked \
     bit for bit on 200000 values with Inf/NaN/zero/subnormal parts). h is  \
     |z| from max and min; u = sqrt(|z|/2 + |x|/2); when u is 0 or inf,     \
     the parts come from sqrt|x|, sqrt|y| and the ratio p instead. */        \
  JX_INLINE R jx_csqrt_hypot_##S(R mx, R mn) {                                              \
    R r = mn / mx, r2 = r * r, s = __builtin_sqrt##F(r2 + (R)1);                            \
    R h = (s == 1 && r2 > 0) ? __builtin_fma##F(mx * r2, (R)0.5, mx) : mx * s;              \
    return mx == mn ? mx * JX_SQRT2_##S : h;                                                \
  }                                                                                         \
  JX_INLINE C jx_csqrt_##S(C z) {                                                           \
    R x = __real__ z, y = __imag__ z, ax = __builtin_fabs##F(x), ay = __builtin_fabs##F(y); \
    int eq = ax == ay, gt = ax > ay;                                                        \
    R p = eq ? (R)1 : (ax < ay ? ax / ay : ay / ax);                                        \
    R sx = __builtin_sqrt##F(ax), sy = __builtin_sqrt##F(ay);                               \
    R h = jx_csqrt_hypot_##S(JX_CMAXR_##S(ax, ay), JX_CMINR_##S(ax, ay));                   \
    R u = __builtin_sqrt##F(__builtin_fma##F(h, (R)0.5, ax * (R)0.5));                      \
    int edge = u == 0 || u == (R)__builtin_inff();                                          \
    R ap = __builtin_fabs##F(p), h1 = jx_csqrt_hypot_##S(JX_CMAXR_##S(ap, (R)1), JX_CMINR_##S(ap, (R)1)); \
    R s31 = __builtin_sqrt##F(h1 + (R)1), s27 = __builtin_sqrt##F(p + h1);                  \
    R big = gt ? sx * (s31 * JX_RSQRT2_##S) : sy * (s27 * JX_RSQRT2_##S);                   \
    R re = eq ? sx * JX_SQRT_C1_##S : (edge ? big : u);                                     \
    R q = eq ? (R)1 : (ax < ay ? sx / sy : sy / sx);                                        \
    R small = gt ? (sy * q) / (s31 * JX_SQRT2_##S) : sy / (s27 * JX_SQRT2_##S);             \
    R im = eq ? sy * JX_SQRT_C2_##S : (edge ? small : ay / (u * (R)2));                     \
    R rim = x < 0 ? (y < 0 ? -re : re) : (y < 0 ? -im : im);                                \
    return __builtin_complex(x >= 0 ? re : im, rim);                                        \
  }                                                                                         \
  JX_INLINE C jx_cipow_##S(C x, int64_t n) {                                                \
    uint64_t k = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;                           \
    if (k == 0) return __builtin_complex((R)1, (R)0);                                       \
    C acc = x, base = x;                                                                    \
    int started = 0;                                                                        \
    while (k) {                                                                             \
      if (k & 1) { acc = started ? jx_cmul_##S(acc, base) : base; started = 1; }            \
      k >>= 1;                                                                              \
      if (k) base = jx_cmul_##S(base, base);                                                \
    }                                                                                       \
    return n < 0 ? jx_cdiv_##S(__builtin_complex((R)1, (R)0), acc) : acc;                   \
  }                                                                                         \
  /* lax.max/min on complex (JAX's mlir._minmax_hlo): compare the real          \
     parts, the imaginary parts when the real parts are equal, and pick x      \
     only when that comparison holds (so a NaN part picks y). */              \
  JX_INLINE C jx_cmax_##S(C x, C y) {                                                       \
    R rx = __real__ x, ry = __real__ y;                                                     \
    int pick = rx == ry ? (__imag__ x > __imag__ y) : (rx > ry);                            \
    return pick ? x : y;                                                                    \
  }                                                                                         \
  JX_INLINE C jx_cmin_##S(C x, C y) {                                                       \
    R rx = __real__ x, ry = __real__ y;                                                     \
    int pick = rx == ry ? (__imag__ x < __imag__ y) : (rx < ry);                            \
    return pick ? x : y;                                                                    \
  }                                                                                         \
  /* lax.clamp on complex, as XLA's elemental emitter compares: lo when     \
     lo.re >= x.re (or equal real parts and lo.im >= x.im, which the first   \
     test already covers), then hi unless t.re <= hi.re; so mostly the real  \
     parts decide and a NaN real part of x gives hi. */                      \
  JX_INLINE C jx_cclamp_##S(C lo, C x, C hi) {                                              \
    R lr = __real__ lo, xr = __real__ x;                                                    \
    C t = (lr == xr && __imag__ lo >= __imag__ x) || lr >= xr ? lo : x;                     \
    R tr = __real__ t, hr = __real__ hi;                                                    \
    return (tr == hr && __imag__ t <= __imag__ hi) || tr <= hr ? t : hi;                    \
  }                                                                                         \
  JX_INLINE C jx_csign_##S(C x) {                                                           \
    R m = jx_cabs_##S(x);                                                                   \
    if (m == 0) return __builtin_complex((R)0, (R)0);                                       \
    return __builtin_complex((R)(__real__ x / m), (R)(__imag__ x / m));                     \
  }
JX_COMPLEX_OPS(c64, jx_c64, float, f)
JX_COMPLEX_OPS(c128, jx_c128, double, )

/* Complex exp, sin, cos, tan, tanh and expm1. sin and cos as JAX lowers them (lax.py's _sin_complex and
   _cos_complex, built from the real sin, cos and expm1 XLA:CPU computes):
   sinh and cosh of the imaginary part from expm1(b) and expm1(-b), so
   small |b| does not cancel, and a zero real part is special-cased so an
   overflowing cosh cannot make 0 * inf = NaN. Instantiated after the
   special functions it calls (elementwise.c; the jit prelude when used):
   EXP/SIN/COS/EXPM1 are jx_expf/jx_sinf/jx_cosf/jx_expm1f for complex64 and
   jx_exp/sin/cos/jx_expm1 for complex128, the real ops' own functions (RSQRT:
   jx_rsqrtf, XLA:CPU's rsqrtss estimate and Newton step, and jx_rsqrt = 1/sqrt); F is the
   libm suffix (f or empty) and P the cos(y)-1 polynomial (below). */
#define JX_COSM1_POLY_f(y2) __builtin_fmaf(__builtin_fmaf(__builtin_fmaf(__builtin_fmaf(__builtin_fmaf(          \
    __builtin_fmaf(0x1.aabd18p-45f, y2, -0x1.939324p-37f), y2, 0x1.1eed8cp-29f), y2, -0x1.27e4fcp-22f), y2,      \
    0x1.a01a02p-16f), y2, -0x1.6c16c2p-10f), y2, 0x1.555556p-5f)
#define JX_COSM1_POLY_(y2) __builtin_fma(__builtin_fma(__builtin_fma(__builtin_fma(__builtin_fma(                \
    __builtin_fma(0x1.aabd1874df32fp-45, y2, -0x1.9393241eb1e86p-37), y2, 0x1.1eed8c90cb3cap-29), y2,             \
    -0x1.27e4fb75eb8cap-22), y2, 0x1.a01a01a018ccap-16), y2, -0x1.6c16c16c16c0fp-10), y2, 0x1.5555555555555p-5)
#define JX_COMPLEX_TRIG(S, C, R, F, EXP, SIN, COS, EXPM1, RSQRT)                            \
  /* exp(a + ib) as JAX lowers it: e^a cos b, e^a sin b, through e^(a/2)     \
     twice where e^a overflows, and a +0 imaginary part for b = 0. */        \
  JX_INLINE C jx_cexp_##S(C x) {                                                            \
    R a = __real__ x, b = __imag__ x;                                                       \
    R e = EXP(a), h = EXP(a * (R)0.5), c = COS(b), s = SIN(b);                              \
    int big = e == (R)INFINITY;                                                             \
    R re = big ? (R)((h * c) * h) : (R)(e * c);                                             \
    R im = big ? (R)((h * s) * h) : (R)(e * s);                                             \
    return __builtin_complex(re, b == 0 ? (R)0 : im);                                       \
  }                                                                                         \
  JX_INLINE void jx_csinhcosh_##S(R b, R *snh, R *csh) {                                    \
    R e1m = EXPM1(b), e2m = EXPM1(-b);                                                      \
    *snh = (e1m - e2m) / (R)2;                                                              \
    *csh = ((e1m + e2m) + (R)2) / (R)2;                                                     \
  }                                                                                         \
  JX_INLINE C jx_csin_##S(C x) {                                                            \
    R a = __real__ x, snh, csh;                                                             \
    jx_csinhcosh_##S(__imag__ x, &snh, &csh);                                               \
    R im = COS(a) * snh;                                                                    \
    return __builtin_complex(a == 0 ? (R)0 : (R)(SIN(a) * csh), im);                        \
  }                                                                                         \
  JX_INLINE C jx_ccos_##S(C x) {                                                            \
    R a = __real__ x, snh, csh;                                                             \
    jx_csinhcosh_##S(__imag__ x, &snh, &csh);                                               \
    R re = COS(a) * csh;                                                                    \
    return __builtin_complex(re, a == 0 ? (R)0 : (R)(-SIN(a) * snh));                       \
  }                                                                                         \
  /* tanh(x + iy) as XLA:CPU's elemental emitter computes it (read from its     \
     LLVM IR): expm1(±2x), then sin/cos of y, with its Inf/NaN fix-ups. */     \
  JX_INLINE C jx_ctanh_xy_##S(R x, R y) {                                                   \
    R t = x + x;                                                                            \
    R et = EXPM1(t), eu = EXPM1(-t);                                                        \
    R c = COS(y), s = SIN(y);                                                               \
    R c4 = (c * c) * (R)4, cs4 = (c * s) * (R)4;                                            \
    R sum = et + eu, den = sum + c4;                                                        \
    R re = sum == (R)INFINITY ? (R)__builtin_copysign(-1.0, (double)x) : (R)((et - eu) / den); \
    int xinf = __builtin_fabs((double)x) == (double)INFINITY, bad = cs4 != cs4;             \
    if (bad && !xinf) re = (R)__builtin_nan("");                                            \
    R im = (y == 0 || (xinf && bad)) ? (R)0 : (R)(cs4 / den);                               \
    return __builtin_complex(re, im);                                                       \
  }                                                                                         \
  JX_INLINE C jx_ctanh_##S(C z) { return jx_ctanh_xy_##S(__real__ z, __imag__ z); }         \
  /* tan(z) = -i tanh(iz), as XLA computes it. */                               \
  JX_INLINE C jx_ctan_##S(C z) {                                                            \
    C p = jx_ctanh_xy_##S(-__imag__ z, __real__ z);                                         \
    return __builtin_complex((R)__imag__ p, (R)-__real__ p);                                \
  }                                                                                         \
  /* expm1(a + ib) as XLA's elemental emitter: expm1(a) and cos(b) - 1 (a     \
     polynomial below |b|^2 = 0.61685, so it does not cancel), then          \
     re = expm1(a) * cos(b) + (cos(b) - 1), im = exp(a) * sin(b). XLA:CPU's   \
     backend fuses each a * b + c into an fma; so do these two sums. */      \
  JX_INLINE C jx_cexpm1_##S(C z) {                                                          \
    R a = __real__ z, b = __imag__ z;                                                       \
    R em1 = EXPM1(a), ea = em1 + (R)1, s = SIN(b), c = COS(b);                              \
    R b2 = b * b, b4 = b2 * b2;                                                             \
    R small = __builtin_fma##F(b4, (R)JX_COSM1_POLY_##F(b2), b2 * (R)-0.5);                 \
    R cm1 = b2 >= (R)0.61685 ? (R)(c + (R)-1) : small;                                      \
    R re = __builtin_fma##F(em1, cm1 + (R)1, cm1);                                          \
    return __builtin_complex(re, b == 0 ? (R)0 : (R)(ea * s));                              \
  }                                                                                         \
  /* rsqrt(a + ib) as XLA's elemental emitter: modulus |z|^-1/2 from        \
     rsqrt(max) * sqrt(rsqrt(1 + (min/max)^2)) (1 + r*r fused, as the        \
     backend does), argument -atan2(b, a)/2, and its Inf/NaN/zero cases. */  \
  JX_INLINE C jx_crsqrt_##S(C z) {                                                          \
    R a = __real__ z, b = __imag__ z, ax = __builtin_fabs##F(a), ay = __builtin_fabs##F(b); \
    R mx = ax != ax || ay != ay ? (R)__builtin_nan("") : ax > ay ? ax : ay;                 \
    R mn = ax != ax || ay != ay ? (R)__builtin_nan("") : ax < ay ? ax : ay;                 \
    R r = mn / mx, q = RSQRT(__builtin_fma##F(r, r, (R)1));                                 \
    R m = RSQRT(mx) * __builtin_sqrt##F(q);                                                 \
    if (m != m) m = RSQRT(mn);                                                              \
    R th = atan2##F(b, a) * (R)-0.5;                                                        \
    R re = m * COS(th), im = m * SIN(th);                                                   \
    if ((ay == (R)INFINITY && a != a) || ax == (R)INFINITY) {                               \
      re = __builtin_copysign##F((R)0, a);                                                  \
      im = __builtin_copysign##F((R)0, b) * (R)-1;                                          \
    }                                                                                       \
    if (a == 0 && b == 0) return __builtin_complex((R)INFINITY, (R)__builtin_nan(""));      \
    return __builtin_complex(re, im);                                                       \
  }

/* Complex sinh, cosh, exp2, logistic, log1p, asin, acos, atan, asinh, acosh, atanh and pow (JX_COMPLEX_TRIG2, instantiated right after
   JX_COMPLEX_TRIG, whose jx_cexp they call). The first four are the
   compositions JAX's lowering produces (checked bit for bit against JAX
   0.10.2 by scripts/fixtures/gen_complex_more.py):
   sinh/cosh: chlo's complex legalisation, e^(z - ln 2) -/+ e^(-z - ln 2);
   exp2: exp((ln 2 + 0i) * z) (a complex multiply, so an infinite imaginary
   part meets 0 * inf = NaN as in JAX); logistic: 1 / (1 + exp(-z)).
   log1p is the functional_algorithms expansion XLA uses (Dekker squares
   and 2Sum so that |1 + z| - 1 does not cancel near z = 0 or on the circle
   |1 + z| = 1); pow is XLA's elemental complex power, bit for bit. LOG and LOG1P are
   jx_logf/jx_log1pf (complex64) and jx_log/jx_log1p (complex128). */
#define JX_LN2_CONST 0.693147180559945309417232121458176568
#define JX_COMPLEX_TRIG2(S, C, R, F, EXP, SIN, COS, LOG, LOG1P)                            \
  JX_INLINE void jx_cexp_pm_##S(C z, C *p, C *m) {                                          \
    R l = (R)JX_LN2_CONST, a = __real__ z, b = __imag__ z;                                  \
    *p = jx_cexp_##S(__builtin_complex((R)(a - l), (R)(b - (R)0)));                         \
    *m = jx_cexp_##S(__builtin_complex((R)(-a - l), (R)(-b - (R)0)));                       \
  }                                                                                         \
  JX_INLINE C jx_csinh_##S(C z) {                                                           \
    C p, m;                                                                                 \
    jx_cexp_pm_##S(z, &p, &m);                                                              \
    return __builtin_complex((R)(__real__ p - __real__ m), (R)(__imag__ p - __imag__ m));   \
  }                                                                                         \
  JX_INLINE C jx_ccosh_##S(C z) {                                                           \
    C p, m;                                                                                 \
    jx_cexp_pm_##S(z, &p, &m);                                                              \
    return __builtin_complex((R)(__real__ p + __real__ m), (R)(__imag__ p + __imag__ m));   \
  }                                                                                         \
  JX_INLINE C jx_cexp2_##S(C z) {                                                           \
    return jx_cexp_##S(jx_cmul_##S(__builtin_complex((R)JX_LN2_CONST, (R)0), z));           \
  }                                                                                         \
  JX_INLINE C jx_clogistic_##S(C z) {                                                       \
    C e = jx_cexp_##S(jx_cneg_##S(z));                                                      \
    C den = __builtin_complex((R)((R)1 + __real__ e), (R)((R)0 + __imag__ e));              \
    return jx_cdiv_##S(__builtin_complex((R)1, (R)0), den);                                 \
  }                                                                                         \
  /* XLA's Max/Min propagate NaN. */                                                        \
  JX_INLINE R jx_cfmaxnan_##S(R x, R y) { return x != x || y != y ? x + y : x > y ? x : y; } \
  JX_INLINE R jx_cfminnan_##S(R x, R y) { return x != x || y != y ? x + y : x < y ? x : y; } \
  /* Dekker's exact square x*x = hi + lo (Veltkamp split by SPLIT). */                      \
  JX_INLINE R jx_csqlo_##S(R x, R hi) {                                                     \
    R split = sizeof(R) == 8 ? (R)134217729 : (R)4097;                                      \
    R cx = split * x, xh = cx + (x - cx), xl = x - xh, hl = xh * xl;                        \
    return __builtin_fma##F(xl, xl, (__builtin_fma##F(xh, xh, -hi) + hl) + hl);             \
  }                                                                                         \
  /* Knuth's 2Sum: the rounding error of s = a + b. */                                      \
  JX_INLINE R jx_c2sumlo_##S(R a, R b, R s) {                                               \
    R t = s - a;                                                                            \
    return (a - (s - t)) + (b - t);                                                         \
  }                                                                                         \
  JX_INLINE R jx_clog1p_re_##S(R x, R y) {                                                  \
    R ax = __builtin_fabs##F(x), ay = __builtin_fabs##F(y);                                 \
    R mx = jx_cfmaxnan_##S(ax, ay), mn = jx_cfminnan_##S(ax, ay), r = mn / mx;              \
    R xp1 = x + (R)1, yy = y * y, x2 = x + x, xx = x * x;                                   \
    R s2 = x2 + yy, s1 = s2 + xx, ylo = jx_csqlo_##S(y, yy), s0 = s1 + ylo;                 \
    R xlo = jx_csqlo_##S(x, xx), hi = s0 + xlo;                                             \
    R lo = ((jx_c2sumlo_##S(x2, yy, s2) + jx_c2sumlo_##S(s2, xx, s1)) +                     \
            jx_c2sumlo_##S(s1, ylo, s0)) + jx_c2sumlo_##S(s0, xlo, hi);                     \
    R big = sizeof(R) == 8 ? (R)(__builtin_sqrt(__DBL_MAX__) * 0.01) : (R)(__builtin_sqrtf(__FLT_MAX__) * 0.01); \
    if (mx > big) return LOG(mx) + (R)0.5 * LOG1P(mn == mx ? (R)1 : r * r);                 \
    if (__builtin_fabs##F(xp1) + ay < (R)0.2) return (R)0.5 * LOG(__builtin_fma##F(xp1, xp1, yy)); \
    return (R)0.5 * LOG1P(hi + lo);                                                         \
  }                                                                                         \
  JX_INLINE C jx_clog1p_##S(C z) {                                                          \
    R x = __real__ z, y = __imag__ z;                                                       \
    return __builtin_complex(jx_clog1p_re_##S(x, y), atan2##F(y, x + (R)1));                \
  }                                                                                         \
  /* atanh as functional_algorithms' expansion (chlo.atanh for complex):      \
     re = sign(x) log1p(4 t) / 4 with t = |x| / ((1 - |x|)^2 + y^2) inside the \
     safe region, im = atan2(2y, (1 - |x|)(1 + |x|) - y^2) / 2 (+-pi/2 beyond). */ \
  JX_INLINE C jx_catanh_##S(C z) {                                                          \
    R x = __real__ z, y = __imag__ z, ax = __builtin_fabs##F(x), ay = __builtin_fabs##F(y); \
    R inv = sizeof(R) == 8 ? (R)9007199254740994.0 : (R)16777218.0, smax = inv * inv;       \
    int safe = ax < smax && ay < smax;                                                      \
    R naxm1 = (R)1 - ax, y2 = y * y;                                                        \
    R t = safe ? ax / __builtin_fma##F(naxm1, naxm1, y2)                                    \
        : ay * inv < ax ? (R)1 / ax                                                         \
        : __builtin_isinf(x) || __builtin_isinf(y) ? (R)0                                   \
        : ((R)1 / (ax / y + y / ax)) / y;                                                   \
    R re = ((x >= 0 ? (R)1 : (R)-1) * LOG1P((R)4 * t)) * (R)0.25;                           \
    R im = safe ? atan2##F(y + y, __builtin_fma##F(naxm1, (R)1 + ax, -y2))                   \
                : (y >= 0 ? (R)1 : (R)-1) * (R)3.14159265358979323846;                      \
    return __builtin_complex(re, (R)(im * (R)0.5));                                         \
  }                                                                                         \
  /* atan(z) = -i atanh(iz), as chlo.atan expands for complex. */                           \
  JX_INLINE C jx_catan_##S(C z) {                                                           \
    C w = jx_catanh_##S(__builtin_complex((R)-__imag__ z, (R)__real__ z));                  \
    return __builtin_complex((R)__imag__ w, (R)-__real__ w);                                \
  }                                                                                         \
  /* hypot(m, n) for m = max, n = min as functional_algorithms writes it. */               \
  JX_INLINE R jx_cfa_hypot_##S(R mx, R mn) {                                                \
    R r = (mn / mx) * (mn / mx), sqa = __builtin_sqrt##F((R)1 + r);                         \
    if (mx == mn) return (R)1.41421356237309504880 * mx;                                    \
    if (sqa == (R)1 && r > 0) return mx + (mx * r) / (R)2;                                  \
    return mx * sqa;                                                                        \
  }                                                                                         \
  /* The kernel of functional_algorithms' asin/acos/asinh/acosh (chlo's      \
     complex expansions): for x = |re z|, y = |im z|, *den is the second      \
     atan2 argument of the real part and the result the imaginary part's      \
     magnitude, with its overflow-safe and small-y branches. */               \
  JX_INLINE R jx_casin_kernel_##S(R sx, R sy, R *den) {                                     \
    R x = __builtin_fabs##F(sx), y = __builtin_fabs##F(sy), one = 1, half = (R)0.5;         \
    R safe_max = sizeof(R) == 8 ? __builtin_sqrt(__DBL_MAX__) / 8 : __builtin_sqrtf(__FLT_MAX__) / 8; \
    R xp1 = x + one, axp1 = __builtin_fabs##F(xp1), xm1 = x - one, axm1 = __builtin_fabs##F(xm1); \
    R r = jx_cfa_hypot_##S(jx_cfmaxnan_##S(axp1, y), jx_cfminnan_##S(axp1, y));             \
    R s = jx_cfa_hypot_##S(jx_cfmaxnan_##S(axm1, y), jx_cfminnan_##S(axm1, y));             \
    R a = half * (r + s), half_apx = half * (a + x), yy = y * y;                            \
    R rpxp1 = r + xp1, smxm1 = s - xm1, spxm1 = s + xm1;                                    \
    *den = jx_cfmaxnan_##S(x, y) >= safe_max ? y                                            \
         : x <= one ? __builtin_sqrt##F(half_apx * (yy / rpxp1 + smxm1))                    \
         : y * __builtin_sqrt##F(half_apx / rpxp1 + half_apx / spxm1);                      \
    R opt = x < (R)((double)safe_max * 1e12) ? (R)((double)safe_max * 1e-6) : (R)((double)safe_max * 100.0); \
    int ybig = y >= opt;                                                                    \
    R mx1 = ybig ? y : x, xoy = ybig && y != (R)INFINITY ? x / y : (R)0;                    \
    R safe_min4 = sizeof(R) == 8 ? __builtin_sqrt(__DBL_MIN__) * 4 : __builtin_sqrtf(__FLT_MIN__) * 4; \
    int tiny = y < safe_min4 && x < one;                                                    \
    R ap1 = a + one, half_yy = half * yy, d1 = half_yy / rpxp1;                             \
    R ge1 = x >= one ? __builtin_fma##F(half, spxm1, d1) : a <= (R)1.5 ? d1 + half_yy / smxm1 : a - one; \
    R am1 = tiny ? -((xp1 * xm1) / ap1) : ge1, sq = __builtin_sqrt##F(am1 * ap1);           \
    if (mx1 >= (ybig ? opt : safe_max))                                                     \
      return __builtin_fma##F(half, LOG1P(xoy * xoy), (R)0.69314718055994530942 + LOG(mx1)); \
    return tiny ? y / sq : LOG1P(am1 + sq);                                                 \
  }                                                                                         \
  JX_INLINE C jx_casin_##S(C z) {                                                           \
    R den, im = jx_casin_kernel_##S(__real__ z, __imag__ z, &den);                          \
    return __builtin_complex(atan2##F(__real__ z, den), __imag__ z < 0 ? -im : im);          \
  }                                                                                         \
  JX_INLINE C jx_cacos_##S(C z) {                                                           \
    R den, im = jx_casin_kernel_##S(__real__ z, __imag__ z, &den);                          \
    return __builtin_complex(atan2##F(den, __real__ z), __imag__ z < 0 ? im : -im);          \
  }                                                                                         \
  /* asinh(z) = -i asin(iz). */                                                             \
  JX_INLINE C jx_casinh_##S(C z) {                                                          \
    C w = jx_casin_##S(__builtin_complex((R)-__imag__ z, (R)__real__ z));                   \
    return __builtin_complex((R)__imag__ w, (R)-__real__ w);                                \
  }                                                                                         \
  /* acosh(z) = i acos(z) with the sign making the real part >= 0. */                       \
  JX_INLINE C jx_cacosh_##S(C z) {                                                          \
    R den, im = jx_casin_kernel_##S(__real__ z, __imag__ z, &den);                          \
    R t = atan2##F(den, __real__ z);                                                        \
    return __builtin_complex(im, __imag__ z < 0 ? -t : t);                                  \
  }                                                                                         \
  /* x^w as XLA's elemental emitter computes it (JAX 0.10.2 keeps            \
     stablehlo.power on complex): |x|^c e^(-d arg x) (cos q + i sin q),       \
     q = c arg x + d log|x|, with |x| = M sqrt(1 + (m/M)^2) (NaN: m), libm's  \
     pow/atan2/cos/sin and XLA's exp/log; then 0^w = 1 for w = 0, 0 for real \
     w > 0; x^0 = 1; 1^w = 1; inf^c = inf (c > 0) or 0 (c < 0) for real c.   \
     cos/sin: the C library's (XLA:CPU calls sincosf here). */          \
  JX_INLINE C jx_cpow_##S(C x, C w) {                                                       \
    R a = __real__ x, b = __imag__ x, c = __real__ w, d = __imag__ w;                       \
    R aa = __builtin_fabs##F(a), ab = __builtin_fabs##F(b);                                 \
    R mx = JX_CMAXR_##S(aa, ab), mn = JX_CMINR_##S(aa, ab), r = mn / mx;                    \
    R m = mx * __builtin_sqrt##F(__builtin_fma##F(r, r, (R)1));                             \
    if (m != m) m = mn;                                                                     \
    R arg = atan2##F(b, a), coeff = pow##F(m, c) * EXP(-d * arg);                           \
    R q = __builtin_fma##F(c, arg, d * LOG(m));                                             \
    C out = __builtin_complex((R)(coeff * cos##F(q)), (R)(coeff * sin##F(q)));             \
    if (m == 0 && d == 0 && (R)0 <= c) out = __builtin_complex(c == 0 ? (R)1 : (R)0, (R)0); \
    if (c == 0 && d == 0) out = __builtin_complex((R)1, (R)0);                              \
    if (a == 1 && b == 0) out = __builtin_complex((R)1, (R)0);                              \
    if (a == (R)__builtin_inff() && b == 0 && d == 0 && c > 0) out = __builtin_complex((R)__builtin_inff(), (R)0); \
    if (a == (R)__builtin_inff() && b == 0 && d == 0 && c < 0) out = __builtin_complex((R)0, (R)0); \
    return out;                                                                             \
  }                                                                                         \
  /* Complex atan2(y, x) as XLA's elemental emitter expands it (JAX 0.10.2     \
     keeps stablehlo.atan2 on complex): -i log((x + iy) / sqrt(x^2 + y^2)),    \
     with XLA's own complex sqrt (polar: sqrt|s| = sqrt(M) (1 + (m/M)^2)^(1/4), \
     half the angle through libm's atan2/cos/sin), Smith's division (whose    \
     special cases apply only when both parts are NaN) and |q| by M sqrt(1 +  \
     (m/M)^2). The squares are not fused (XLA:CPU vectorises them through     \
     shuffles, which stops the fma contraction). */                           \
  JX_INLINE C jx_catan2_sqrt_##S(R re, R im) {                                              \
    R ar = __builtin_fabs##F(re), ai = __builtin_fabs##F(im), inf = (R)__builtin_inff();    \
    R mx = JX_CMAXR_##S(ar, ai), mn = JX_CMINR_##S(ar, ai), r = mn / mx;                    \
    R mag = __builtin_sqrt##F(mx) * pow##F(__builtin_fma##F(r, r, (R)1), (R)0.25);          \
    if (mag != mag) mag = mn;                                                               \
    R th = atan2##F(im, re) * (R)0.5, c = cos##F(th), s = sin##F(th);                       \
    R sre = mag * c, sim = s == 0 ? (R)0 : mag * s;                                         \
    if (re == -inf && ai == ai && ai != inf) sre = 0;                                       \
    if (ai == inf || re == inf) sre = inf;                                                  \
    if (mag != mag) sim = (R)__builtin_nanf("");                                            \
    if (ai == inf || re == -inf) sim = __builtin_copysign##F(inf, im);                      \
    if (mag == 0) { sre = 0; sim = 0; }                                                     \
    return __builtin_complex(sre, sim);                                                     \
  }                                                                                         \
  /* XLA's EmitComplexDivide: both Smith branches, the special cases only    \
     where the chosen branch gives NaN in both parts. */                       \
  JX_INLINE C jx_cdiv_xla_##S(R a, R b, R c, R d) {                                         \
    R inf = (R)__builtin_inff(), ac = __builtin_fabs##F(c), ad = __builtin_fabs##F(d);      \
    R re, im;                                                                               \
    if (ac < ad) {                                                                          \
      R r = c / d, den = __builtin_fma##F(r, c, d);                                         \
      re = __builtin_fma##F(a, r, b) / den; im = __builtin_fma##F(b, r, -a) / den;          \
    } else {                                                                                \
      R r = d / c, den = __builtin_fma##F(r, d, c);                                         \
      re = __builtin_fma##F(b, r, a) / den; im = __builtin_fma##F(-a, r, b) / den;          \
    }                                                                                       \
    if (!(re != re && im != im)) return __builtin_complex(re, im);                          \
    int na = __builtin_isinf(a), nb = __builtin_isinf(b), nc = ac == inf, nd = ad == inf;   \
    if (ac == 0 && ad == 0 && (a == a || b == b))                                           \
      return __builtin_complex(__builtin_copysign##F(inf, c) * a, __builtin_copysign##F(inf, c) * b); \
    if ((na || nb) && ac == ac && ad == ad && ac != inf && ad != inf) {                     \
      R ai = __builtin_copysign##F(na ? 1 : 0, a), bi = __builtin_copysign##F(nb ? 1 : 0, b); \
      return __builtin_complex((ai * c + bi * d) * inf, (bi * c - ai * d) * inf);           \
    }                                                                                       \
    if ((nc || nd) && !na && !nb && a == a && b == b) {                                     \
      R ci = __builtin_copysign##F(nc ? 1 : 0, c), di = __builtin_copysign##F(nd ? 1 : 0, d); \
      return __builtin_complex((a * ci + b * di) * (R)0, (b * ci - a * di) * (R)0);         \
    }                                                                                       \
    return __builtin_complex(re, im);                                                       \
  }                                                                                         \
  JX_INLINE C jx_catan2_##S(C y, C x) {                                                     \
    R xr = __real__ x, xi = __imag__ x, yr = __real__ y, yi = __imag__ y;                   \
    R xp = xi * xr, yp = yi * yr;                                                           \
    R sre = __builtin_fma##F(xr, xr, -(xi * xi)) + __builtin_fma##F(yr, yr, -(yi * yi));    \
    R sim = (xp + xp) + (yp + yp);                                                          \
    C s = jx_catan2_sqrt_##S(sre, sim);                                                     \
    R nre = xr + (yr * (R)0 - yi), nim = xi + (yr + yi * (R)0);                             \
    C q = jx_cdiv_xla_##S(nre, nim, __real__ s, __imag__ s);                                \
    R qa = __builtin_fabs##F(__real__ q), qb = __builtin_fabs##F(__imag__ q);               \
    R mx = JX_CMAXR_##S(qa, qb), mn = JX_CMINR_##S(qa, qb), r = mn / mx;                    \
    R m = mx * __builtin_sqrt##F(__builtin_fma##F(r, r, (R)1));                             \
    if (m != m) m = mn;                                                                     \
    R l = LOG(m), t = atan2##F(__imag__ q, __real__ q);                                     \
    return __builtin_complex((R)(l * (R)0 - t * (R)-1), (R)(l * (R)-1 + t * (R)0));         \
  } \
  /* JAX's complex logaddexp (lax.logaddexp; the combiner of cumlogsumexp's \
     reduce_window): m = max(x, y) (lexicographic), m + log1p(exp(x + y -    \
     2m)), the imaginary part wrapped into [-pi, pi) by fmod as               \
     _wrap_between does; no NaN select, unlike the real form. */              \
  JX_INLINE C jx_clogaddexp_##S(C x, C y) {                                                 \
    C m = jx_cmax_##S(x, y), two = __builtin_complex((R)2, (R)0);                           \
    C r = m + jx_clog1p_##S(jx_cexp_##S((x + y) - jx_cmul_##S(m, two)));                    \
    R pi = (R)3.14159265358979323846, rem = fmod##F(__imag__ r + pi, (R)2 * pi);            \
    if (rem < 0) rem = rem + (R)2 * pi;                                                     \
    return __builtin_complex((R)__real__ r, (R)(rem - pi));                                 \
  } \
  /* log as JAX 0.10.2 computes it (XLA's HLO expansion, functional_algorithms, \
     after XLA's simplifier): r = x^2 + y^2 - 1 from Dekker's exact squares \
     and a compensated sum; log1p(r) / 2 when |r| < 1/2, else log M +       \
     log1p((m/M)^2) / 2 (M, m: max and min of |x|, |y|); atan2(y, x). */    \
  JX_INLINE R jx_csqerr_##S(R y, R yy) {                                                    \
    R ys = y * JX_SPLIT_##S, yd = y - ys, yh = ys + yd, yl = y - yh, p = yh * yl;           \
    R e = __builtin_fma##F(yh, yh, -yy) + p;                                                \
    return __builtin_fma##F(yl, yl, e + p);                                                 \
  }                                                                                         \
  JX_INLINE C jx_clog_##S(C z) {                                                            \
    R x = __real__ z, y = __imag__ z, yy = y * y, xx = x * x;                               \
    int gt = yy > xx;                                                                       \
    R mx = gt ? yy : xx, mn = gt ? xx : yy, mxm1 = mx + (R)-1, s1 = mxm1 + mn;              \
    R ey = jx_csqerr_##S(y, yy), ex = jx_csqerr_##S(x, xx), s2 = s1 + ey, s3 = s2 + ex;    \
    R c = ((mx - mx) + (mn - (s1 - mxm1))) + (ey - (s2 - s1));                              \
    R r = s3 + (c + (ex - (s3 - s2))), re;                                                  \
    if (__builtin_fabs##F(r) < (R)0.5) {                                                    \
      re = LOG1P(r) * (R)0.5;                                                               \
    } else {                                                                                \
      R ax = __builtin_fabs##F(x), ay = __builtin_fabs##F(y);                               \
      R big = JX_CMAXR_##S(ax, ay), small = JX_CMINR_##S(ax, ay);                           \
      R q = small == big ? (R)1 : small / big;                                              \
      re = __builtin_fma##F(LOG1P(q * q), (R)0.5, LOG(big));                                \
    }                                                                                       \
    return __builtin_complex(re, atan2##F(y, x));                                           \
  }
