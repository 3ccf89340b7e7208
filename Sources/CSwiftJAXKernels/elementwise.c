// Unary, binary and comparison kernels. The switch on (dtype, op) happens
// once per call; each case is a plain loop the compiler can vectorise.
// float16 is computed in float32 and rounded once, as XLA does. exp, tanh,
// logistic, float32 sin/cos/erf/log/log1p use XLA's CPU approximations
// (jx_special_text.h, compiled in special.c) to match JAX bits.
#include "jx_internal.h"
#include "jx_clones.h"

// Complex exp/sin/cos/tan/tanh/expm1/rsqrt call the special functions declared in jx_internal.h.
JX_COMPLEX_TRIG(c64, jx_c64, float, f, jx_expf, jx_sinf, jx_cosf, jx_expm1f, jx_rsqrtf)
JX_COMPLEX_TRIG(c128, jx_c128, double, , jx_exp, sin, cos, jx_expm1, jx_rsqrt)
JX_COMPLEX_TRIG2(c64, jx_c64, float, f, jx_expf, jx_sinf, jx_cosf, jx_logf, jx_log1pf)
JX_COMPLEX_TRIG2(c128, jx_c128, double, , jx_exp, sin, cos, jx_log, jx_log1p)

// For the cumulative kernels (reduce.c), which do not instantiate the macros.
jx_c64 jx_clogaddexp_c64_fn(jx_c64 x, jx_c64 y) { return jx_clogaddexp_c64(x, y); }
jx_c128 jx_clogaddexp_c128_fn(jx_c128 x, jx_c128 y) { return jx_clogaddexp_c128(x, y); }

// ---- unary ---------------------------------------------------------------

#define UN_LOOP(EXPR)                              \
  for (ptrdiff_t i = 0; i < n; i++) {              \
    jx_ct x = (jx_ct)in[i];                        \
    out[i] = (jx_t)(EXPR);                         \
  }                                                \
  return 0;

// T: storage type; CT: compute type; S: libm suffix (f or empty); H: the
// suffix of the helpers with a float16 form (_f16: rounds as XLA does); SG/LG/...
// pick the float or double helper.
#define UNARY_FLOAT(NAME, T, CT, S, H, SIGN, LOGISTIC, ERFINV, LGAMMA, DIGAMMA, LOG, LOG1P, I0E, I1E, EXP, TANH, ERF, SIN, COS) \
  static int NAME(int32_t op, const T *in, T *out, ptrdiff_t n) {          \
    typedef T jx_t;                                                        \
    typedef CT jx_ct;                                                      \
    switch (op) {                                                          \
    case JX_NEG: UN_LOOP(-x)                                               \
    case JX_ABS: UN_LOOP(fabs##S(x))                                       \
    case JX_SIGN: UN_LOOP(SIGN(x))                                         \
    case JX_FLOOR: UN_LOOP(floor##S(x))                                    \
    case JX_CEIL: UN_LOOP(ceil##S(x))                                      \
    case JX_ROUND: UN_LOOP(round##S(x))                                    \
    case JX_ROUND_EVEN: UN_LOOP(rint##S(x))                                \
    case JX_EXP: UN_LOOP(EXP(x))                                           \
    case JX_EXP2: UN_LOOP(jx_exp2##H(x))                                   \
    case JX_LOG: UN_LOOP(LOG(x))                                           \
    case JX_LOG1P: UN_LOOP(LOG1P(x))                                       \
    case JX_EXPM1: UN_LOOP(jx_expm1##H(x))                                 \
    case JX_SQRT: UN_LOOP(sqrt##S(x))                                      \
    case JX_RSQRT: UN_LOOP(jx_rsqrt##S(x))                                 \
    case JX_CBRT: UN_LOOP(cbrt##S(x))                                      \
    case JX_SIN: UN_LOOP(SIN(x))                                           \
    case JX_COS: UN_LOOP(COS(x))                                           \
    case JX_TAN: UN_LOOP(tan##S(x))                                        \
    case JX_ASIN: UN_LOOP(jx_asin##H(x))                                   \
    case JX_ACOS: UN_LOOP(jx_acos##H(x))                                   \
    case JX_ATAN: UN_LOOP(atan##S(x))                                      \
    case JX_SINH: UN_LOOP(jx_sinh##S(x))                                   \
    case JX_COSH: UN_LOOP(jx_cosh##S(x))                                   \
    case JX_TANH: UN_LOOP(TANH(x))                                         \
    case JX_ASINH: UN_LOOP(jx_asinh##H(x))                                 \
    case JX_ACOSH: UN_LOOP(jx_acosh##H(x))                                 \
    case JX_ATANH: UN_LOOP(jx_atanh##H(x))                                 \
    case JX_LOGISTIC: UN_LOOP(LOGISTIC(x))                                 \
    case JX_ERF: UN_LOOP(ERF(x))                                           \
    case JX_ERFC: UN_LOOP(jx_erfc##S(x))                                   \
    case JX_ERF_INV: UN_LOOP(ERFINV(x))                                    \
    case JX_LGAMMA: UN_LOOP(LGAMMA(x))                                     \
    case JX_DIGAMMA: UN_LOOP(DIGAMMA(x))                                   \
    case JX_BESSEL_I0E: UN_LOOP(I0E(x))                                    \
    case JX_BESSEL_I1E: UN_LOOP(I1E(x))                                    \
    case JX_COPY: case JX_REAL: UN_LOOP(x)                                 \
    case JX_SQUARE: UN_LOOP(x * x)                                         \
    case JX_IS_FINITE: {                                                   \
      uint8_t *o = (uint8_t *)out;                                         \
      for (ptrdiff_t i = 0; i < n; i++) o[i] = isfinite((CT)in[i]);        \
      return 0;                                                            \
    }                                                                      \
    default: return -1;                                                    \
    }                                                                      \
  }

UNARY_FLOAT(unary_f16, jx_f16, float, f, _f16, jx_signf, jx_logistic_f16, jx_erfinvf, jx_lgammaf, jx_digammaf, jx_logf, jx_log1pf, jx_bessel_i0ef, jx_bessel_i1ef, jx_expf, jx_tanhf, jx_erff, jx_sinf, jx_cosf)
UNARY_FLOAT(unary_f32, float, float, f, f, jx_signf, jx_logisticf, jx_erfinvf, jx_lgammaf, jx_digammaf, jx_logf, jx_log1pf, jx_bessel_i0ef, jx_bessel_i1ef, jx_expf, jx_tanhf, jx_erff, jx_sinf, jx_cosf)
UNARY_FLOAT(unary_f64, double, double, , , jx_sign, jx_logistic, jx_erfinv, jx_lgamma, jx_digamma, jx_log, jx_log1p, jx_bessel_i0e, jx_bessel_i1e, jx_exp, jx_tanh, erf, sin, cos)

// Integer unary ops: the helpers of jx_scalar_text.h (wrapping neg/abs/
// square of the minimum value, bit counts).
#define UNARY_INT(S, T, UT)                                                     \
  {                                                                             \
    const T *in = (const T *)x; T *out = (T *)y;                                \
    typedef T jx_t; typedef T jx_ct;                                            \
    switch (op) {                                                               \
    case JX_NEG: UN_LOOP(jx_neg_##S(x))                                    \
    case JX_ABS: UN_LOOP(jx_abs_##S(x))                                    \
    case JX_SIGN: UN_LOOP((T)((x > 0) - (x < 0)))                               \
    case JX_NOT: UN_LOOP((T)~x)                                                 \
    case JX_COPY: case JX_REAL: UN_LOOP(x)                                      \
    case JX_SQUARE: UN_LOOP(jx_mul_##S(x, x))                                   \
    case JX_POPULATION_COUNT: UN_LOOP(jx_popcnt_##S(x))                    \
    case JX_CLZ: UN_LOOP(jx_clz_##S(x))                                    \
    default: return -1;                                                         \
    }                                                                           \
  }

// Complex unary ops: the helpers of jx_scalar_text.h. abs, real and imag
// write the real component type; the others keep the complex type.
#define UN_COMPLEX(C, R, EXPR)                                    \
  {                                                               \
    const C *in = (const C *)x; R *out = (R *)y;                  \
    for (ptrdiff_t i = 0; i < n; i++) { C v = in[i]; out[i] = (R)(EXPR); } \
    return 0;                                                     \
  }
#define UNARY_COMPLEX(S, C, R)                                    \
  switch (op) {                                                   \
  case JX_NEG: UN_COMPLEX(C, C, jx_cneg_##S(v))                   \
  case JX_ABS: UN_COMPLEX(C, R, jx_cabs_##S(v))                   \
  case JX_SIGN: UN_COMPLEX(C, C, jx_csign_##S(v))                 \
  case JX_EXP: UN_COMPLEX(C, C, jx_cexp_##S(v))                   \
  case JX_LOG: UN_COMPLEX(C, C, jx_clog_##S(v))                   \
  case JX_SQRT: UN_COMPLEX(C, C, jx_csqrt_##S(v))                 \
  case JX_SIN: UN_COMPLEX(C, C, jx_csin_##S(v))                   \
  case JX_COS: UN_COMPLEX(C, C, jx_ccos_##S(v))                   \
  case JX_TAN: UN_COMPLEX(C, C, jx_ctan_##S(v))                   \
  case JX_TANH: UN_COMPLEX(C, C, jx_ctanh_##S(v))                 \
  case JX_EXPM1: UN_COMPLEX(C, C, jx_cexpm1_##S(v))               \
  case JX_RSQRT: UN_COMPLEX(C, C, jx_crsqrt_##S(v))               \
  case JX_SINH: UN_COMPLEX(C, C, jx_csinh_##S(v))                 \
  case JX_COSH: UN_COMPLEX(C, C, jx_ccosh_##S(v))                 \
  case JX_EXP2: UN_COMPLEX(C, C, jx_cexp2_##S(v))                 \
  case JX_LOGISTIC: UN_COMPLEX(C, C, jx_clogistic_##S(v))         \
  case JX_LOG1P: UN_COMPLEX(C, C, jx_clog1p_##S(v))               \
  case JX_ATANH: UN_COMPLEX(C, C, jx_catanh_##S(v))               \
  case JX_ATAN: UN_COMPLEX(C, C, jx_catan_##S(v))                 \
  case JX_ASIN: UN_COMPLEX(C, C, jx_casin_##S(v))                 \
  case JX_ACOS: UN_COMPLEX(C, C, jx_cacos_##S(v))                 \
  case JX_ASINH: UN_COMPLEX(C, C, jx_casinh_##S(v))               \
  case JX_ACOSH: UN_COMPLEX(C, C, jx_cacosh_##S(v))               \
  case JX_COPY: UN_COMPLEX(C, C, v)                               \
  case JX_SQUARE: UN_COMPLEX(C, C, jx_cmul_##S(v, v))             \
  case JX_REAL: UN_COMPLEX(C, R, __real__ v)                      \
  case JX_IMAG: UN_COMPLEX(C, R, __imag__ v)                      \
  case JX_CONJ: UN_COMPLEX(C, C, jx_cconj_##S(v))                 \
  default: return -1;                                             \
  }

// The float32/float64 ops of jx_special_text.h run through the vectorised
// loops of special_loops.c (the same functions inlined, so the same bits):
// a loop calling special.c's external function per element stays scalar.
// Returns whether (op, dtype) is one of them.
static int unary_special(int32_t op, int32_t dtype, const void *x, void *y, ptrdiff_t n) {
#define JX_RUN(F, T) F((const T *)x, (T *)y, n); return 1;
  if (dtype == JX_F32) {
    switch (op) {
    case JX_EXP: JX_RUN(jx_expf_n, float)
    case JX_LOG: JX_RUN(jx_logf_n, float)
    case JX_LOG1P: JX_RUN(jx_log1pf_n, float)
    case JX_TANH: JX_RUN(jx_tanhf_n, float)
    case JX_LOGISTIC: JX_RUN(jx_logisticf_n, float)
    case JX_ERF: JX_RUN(jx_erff_n, float)
    case JX_ERF_INV: JX_RUN(jx_erfinvf_n, float)
    case JX_SIN: JX_RUN(jx_sinf_n, float)
    case JX_COS: JX_RUN(jx_cosf_n, float)
    default: return 0;
    }
  }
  if (dtype == JX_F64) {
    switch (op) {
    case JX_EXP: JX_RUN(jx_exp_n, double)
    case JX_TANH: JX_RUN(jx_tanh_n, double)
    case JX_LOGISTIC: JX_RUN(jx_logistic_n, double)
    default: return 0;
    }
  }
#undef JX_RUN
  return 0;
}

int jx_unary(int32_t op, int32_t dtype, const void *x, void *y, ptrdiff_t n) {
  if (unary_special(op, dtype, x, y, n)) return 0;
  switch (dtype) {
  case JX_C64: UNARY_COMPLEX(c64, jx_c64, float)
  case JX_C128: UNARY_COMPLEX(c128, jx_c128, double)
  case JX_F16: return unary_f16(op, (const jx_f16 *)x, (jx_f16 *)y, n);
  case JX_BF16: return jx_unary_bf16(op, x, y, n);
  case JX_F32: return unary_f32(op, (const float *)x, (float *)y, n);
  case JX_F64: return unary_f64(op, (const double *)x, (double *)y, n);
  case JX_BOOL: {
    const uint8_t *in = (const uint8_t *)x; uint8_t *out = (uint8_t *)y;
    typedef uint8_t jx_t; typedef uint8_t jx_ct;
    switch (op) {
    case JX_NOT: UN_LOOP(x ^ 1)
    case JX_COPY: case JX_REAL: UN_LOOP(x)
    default: return -1;
    }
  }
  JX_INT_CASES_S(dtype, UNARY_INT)
  default: return -1;
  }
  return -1;
}

// ---- integer_pow ---------------------------------------------------------

// x ** n by repeated squaring, in the order XLA's expansion multiplies
// (jx_ipowf/jx_ipowd/jx_ipow_* of jx_scalar_text.h).
#define IPOW_FLOAT(T, F)                                       \
  {                                                            \
    const T *in = (const T *)x; T *out = (T *)y;               \
    for (ptrdiff_t i = 0; i < count; i++) out[i] = (T)F(in[i], n); \
    return 0;                                                  \
  }

#define IPOW_INT(S, T, UT)                                     \
  {                                                            \
    const T *in = (const T *)x; T *out = (T *)y;               \
    for (ptrdiff_t i = 0; i < count; i++) out[i] = jx_ipow_##S(in[i], (uint64_t)n); \
    return 0;                                                  \
  }

int jx_integer_pow(int32_t dtype, const void *x, void *y, ptrdiff_t count, int64_t n) {
  switch (dtype) {
  case JX_F16: IPOW_FLOAT(jx_f16, jx_ipowf)
  case JX_BF16: return jx_integer_pow_bf16(x, y, count, n);
  case JX_F32: IPOW_FLOAT(float, jx_ipowf)
  case JX_F64: IPOW_FLOAT(double, jx_ipowd)
  case JX_C64: IPOW_FLOAT(jx_c64, jx_cipow_c64)
  case JX_C128: IPOW_FLOAT(jx_c128, jx_cipow_c128)
  case JX_I8: case JX_I16: case JX_I32: case JX_I64:
  case JX_U8: case JX_U16: case JX_U32: case JX_U64:
    // The shape rule only admits negative exponents for floats in JAX;
    // for integers we follow XLA's integer pow (see int_pow below).
    if (n < 0) break;
    switch (dtype) { JX_INT_CASES_S(dtype, IPOW_INT) }
    return -1;
  default: return -1;
  }
  // Negative integer exponent: x**-k is 1 for x == 1, +-1 for x == -1, else 0.
  {
    ptrdiff_t es = dtype == JX_I8 || dtype == JX_U8 ? 1 : dtype == JX_I16 || dtype == JX_U16 ? 2
                 : dtype == JX_I32 || dtype == JX_U32 ? 4 : 8;
    int is_signed = dtype >= JX_I8 && dtype <= JX_I64;
    for (ptrdiff_t i = 0; i < count; i++) {
      int64_t v = 0;
      switch (es) {
      case 1: v = is_signed ? (int64_t)((const int8_t *)x)[i] : (int64_t)((const uint8_t *)x)[i]; break;
      case 2: v = is_signed ? (int64_t)((const int16_t *)x)[i] : (int64_t)((const uint16_t *)x)[i]; break;
      case 4: v = is_signed ? (int64_t)((const int32_t *)x)[i] : (int64_t)((const uint32_t *)x)[i]; break;
      default: v = ((const int64_t *)x)[i]; break;
      }
      int64_t r = jx_ipow_neg(v, n, is_signed);
      switch (es) {
      case 1: ((int8_t *)y)[i] = (int8_t)r; break;
      case 2: ((int16_t *)y)[i] = (int16_t)r; break;
      case 4: ((int32_t *)y)[i] = (int32_t)r; break;
      default: ((int64_t *)y)[i] = r; break;
      }
    }
  }
  return 0;
}

// ---- binary --------------------------------------------------------------

// Three loops (both arrays, scalar lhs, scalar rhs) so each one is a plain
// unit-stride loop; `x`/`y` are the compute-typed operands.
#define BIN_LOOPS(TI, CT, TO, EXPR)                                              \
  {                                                                              \
    const TI *A = (const TI *)a; const TI *B = (const TI *)b; TO *O = (TO *)out; \
    if (mode == 0) {                                                             \
      for (ptrdiff_t i = 0; i < n; i++) { CT x = (CT)A[i], y = (CT)B[i]; O[i] = (TO)(EXPR); } \
    } else if (mode == 1) {                                                      \
      CT x = (CT)A[0];                                                           \
      for (ptrdiff_t i = 0; i < n; i++) { CT y = (CT)B[i]; O[i] = (TO)(EXPR); }  \
    } else {                                                                     \
      CT y = (CT)B[0];                                                           \
      for (ptrdiff_t i = 0; i < n; i++) { CT x = (CT)A[i]; O[i] = (TO)(EXPR); }  \
    }                                                                            \
    return 0;                                                                    \
  }

#define BINARY_FLOAT(T, CT, S, MAX, MIN)                         \
  switch (op) {                                                  \
  case JX_ADD: BIN_LOOPS(T, CT, T, x + y)                        \
  case JX_SUB: BIN_LOOPS(T, CT, T, x - y)                        \
  case JX_MUL: BIN_LOOPS(T, CT, T, x * y)                        \
  case JX_DIV: BIN_LOOPS(T, CT, T, x / y)                        \
  case JX_REM: BIN_LOOPS(T, CT, T, fmod##S(x, y))                \
  case JX_POW: BIN_LOOPS(T, CT, T, pow##S(x, y))                 \
  case JX_MAX: BIN_LOOPS(T, CT, T, MAX(x, y))                    \
  case JX_MIN: BIN_LOOPS(T, CT, T, MIN(x, y))                    \
  case JX_ATAN2: BIN_LOOPS(T, CT, T, atan2##S(x, y))             \
  default: return -1;                                            \
  }

// Integer arithmetic: the helpers of jx_scalar_text.h (wrapping, XLA's
// division by zero and INT_MIN / -1, shifts of the width or more).
#define BINARY_INT(S, T, UT)                                                          \
  switch (op) {                                                                       \
  case JX_ADD: BIN_LOOPS(T, T, T, jx_add_##S(x, y))                                   \
  case JX_SUB: BIN_LOOPS(T, T, T, jx_sub_##S(x, y))                                   \
  case JX_MUL: BIN_LOOPS(T, T, T, jx_mul_##S(x, y))                                   \
  case JX_DIV: BIN_LOOPS(T, T, T, jx_div_##S(x, y))                                   \
  case JX_REM: BIN_LOOPS(T, T, T, jx_rem_##S(x, y))                                   \
  case JX_POW: BIN_LOOPS(T, T, T, jx_pow_##S(x, y))                                   \
  case JX_MAX: BIN_LOOPS(T, T, T, x > y ? x : y)                                      \
  case JX_MIN: BIN_LOOPS(T, T, T, x < y ? x : y)                                      \
  case JX_AND: BIN_LOOPS(T, T, T, x & y)                                              \
  case JX_OR: BIN_LOOPS(T, T, T, x | y)                                               \
  case JX_XOR: BIN_LOOPS(T, T, T, x ^ y)                                              \
  case JX_SHIFT_LEFT: BIN_LOOPS(T, T, T, jx_shl_##S(x, y))                            \
  case JX_SHIFT_RIGHT_LOGICAL: BIN_LOOPS(T, T, T, jx_shrl_##S(x, y))                  \
  case JX_SHIFT_RIGHT_ARITHMETIC: BIN_LOOPS(T, T, T, jx_shra_##S(x, y))               \
  default: return -1;                                                                 \
  }

static int nextafter_f16(const jx_f16 *a, const jx_f16 *b, jx_f16 *out, ptrdiff_t n, int32_t mode) {
  for (ptrdiff_t i = 0; i < n; i++) {
    jx_f16 x = a[mode == 1 ? 0 : i], y = b[mode == 2 ? 0 : i];
    out[i] = jx_nextafter_f16(x, y);
  }
  return 0;
}

// Complex multiply and divide loops, cloned for x86-64-v3 (jx_clones.h):
// the kernels are built without -mfma, so in the baseline clone each
// __builtin_fma of jx_cmul/jx_cdiv is a libm fmaf call; the v3 clone makes it
// the vfmadd instruction. fma is correctly rounded either way: same bits.
#define COMPLEX_FMA_LOOP(NAME, C, EXPR)                                            \
  JX_CLONES static int NAME(const void *a, const void *b, void *out, ptrdiff_t n, \
                            int32_t mode) BIN_LOOPS(C, C, C, EXPR)
// The multiply picks its NaN's sign as XLA does for the operand layout:
// elementwise, or one side a broadcast scalar (n > 1; see jx_cmulew).
#define CMUL_PICK(S) (mode == 0 || n == 1 ? jx_cmulew_##S(x, y) : mode == 1 ? jx_cmulsb_##S(x, y) : jx_cmulbs_##S(x, y))
COMPLEX_FMA_LOOP(cmul_loop_c64, jx_c64, CMUL_PICK(c64))
COMPLEX_FMA_LOOP(cmul_loop_c128, jx_c128, CMUL_PICK(c128))
COMPLEX_FMA_LOOP(cdiv_loop_c64, jx_c64, jx_cdiv_c64(x, y))
COMPLEX_FMA_LOOP(cdiv_loop_c128, jx_c128, jx_cdiv_c128(x, y))

// Complex arithmetic: + and - componentwise, * and / (and the lexicographic
// max/min) by the helpers of jx_scalar_text.h (the same text generated code
// uses).
#define BINARY_COMPLEX(S, C)                                     \
  switch (op) {                                                  \
  case JX_ADD: BIN_LOOPS(C, C, C, x + y)                         \
  case JX_SUB: BIN_LOOPS(C, C, C, x - y)                         \
  case JX_MUL: return cmul_loop_##S(a, b, out, n, mode);         \
  case JX_DIV: return cdiv_loop_##S(a, b, out, n, mode);         \
  case JX_MAX: BIN_LOOPS(C, C, C, jx_cmax_##S(x, y))             \
  case JX_MIN: BIN_LOOPS(C, C, C, jx_cmin_##S(x, y))             \
  case JX_POW: BIN_LOOPS(C, C, C, jx_cpow_##S(x, y))             \
  case JX_ATAN2: BIN_LOOPS(C, C, C, jx_catan2_##S(x, y))         \
  default: return -1;                                            \
  }

int jx_binary(int32_t op, int32_t dtype, const void *a, const void *b, void *out, ptrdiff_t n, int32_t mode) {
  switch (dtype) {
  case JX_C64: BINARY_COMPLEX(c64, jx_c64)
  case JX_C128: BINARY_COMPLEX(c128, jx_c128)
  case JX_BF16: return jx_binary_bf16(op, a, b, out, n, mode);
  case JX_F16:
    if (op == JX_NEXTAFTER) return nextafter_f16((const jx_f16 *)a, (const jx_f16 *)b, (jx_f16 *)out, n, mode);
    BINARY_FLOAT(jx_f16, float, f, jx_maxf, jx_minf)
  case JX_F32:
    if (op == JX_NEXTAFTER) BIN_LOOPS(float, float, float, nextafterf(x, y))
    if (op == JX_COMPLEX) BIN_LOOPS(float, float, jx_c64, __builtin_complex(x, y))
    BINARY_FLOAT(float, float, f, jx_maxf, jx_minf)
  case JX_F64:
    if (op == JX_NEXTAFTER) BIN_LOOPS(double, double, double, nextafter(x, y))
    if (op == JX_COMPLEX) BIN_LOOPS(double, double, jx_c128, __builtin_complex(x, y))
    BINARY_FLOAT(double, double, , jx_maxd, jx_mind)
  case JX_BOOL:
    // Bool arithmetic is uint8 arithmetic normalised to 0/1: add/max are
    // or, mul/min are and, sub is xor, x / 0 is true and x % 0 is x.
    switch (op) {
    case JX_ADD: case JX_MAX: case JX_OR: BIN_LOOPS(uint8_t, uint8_t, uint8_t, x | y)
    case JX_MUL: case JX_MIN: case JX_AND: BIN_LOOPS(uint8_t, uint8_t, uint8_t, x & y)
    case JX_SUB: case JX_XOR: BIN_LOOPS(uint8_t, uint8_t, uint8_t, x ^ y)
    case JX_DIV: BIN_LOOPS(uint8_t, uint8_t, uint8_t, jx_div_bool(x, y))
    case JX_REM: BIN_LOOPS(uint8_t, uint8_t, uint8_t, jx_rem_bool(x, y))
    default: return -1;
    }
  case JX_I8: BINARY_INT(i8, int8_t, uint8_t)
  case JX_I16: BINARY_INT(i16, int16_t, uint16_t)
  case JX_I32: BINARY_INT(i32, int32_t, uint32_t)
  case JX_I64: BINARY_INT(i64, int64_t, uint64_t)
  case JX_U8: BINARY_INT(u8, uint8_t, uint8_t)
  case JX_U16: BINARY_INT(u16, uint16_t, uint16_t)
  case JX_U32: BINARY_INT(u32, uint32_t, uint32_t)
  case JX_U64: BINARY_INT(u64, uint64_t, uint64_t)
  default: return -1;
  }
}

// ---- compare -------------------------------------------------------------

#define COMPARE(T, CT)                                   \
  switch (op) {                                          \
  case JX_EQ: BIN_LOOPS(T, CT, uint8_t, x == y)          \
  case JX_NE: BIN_LOOPS(T, CT, uint8_t, x != y)          \
  case JX_LT: BIN_LOOPS(T, CT, uint8_t, x < y)           \
  case JX_LE: BIN_LOOPS(T, CT, uint8_t, x <= y)          \
  case JX_GT: BIN_LOOPS(T, CT, uint8_t, x > y)           \
  case JX_GE: BIN_LOOPS(T, CT, uint8_t, x >= y)          \
  default: return -1;                                    \
  }
#define COMPARE_INT(T, UT) COMPARE(T, T)

int jx_compare(int32_t op, int32_t dtype, const void *a, const void *b, void *out, ptrdiff_t n, int32_t mode) {
  switch (dtype) {
  case JX_F16: COMPARE(jx_f16, float)
  case JX_BF16: return jx_compare_bf16(op, a, b, out, n, mode);
  case JX_F32: COMPARE(float, float)
  case JX_F64: COMPARE(double, double)
  // Complex numbers have no order: the shape rule admits eq and ne only.
  case JX_C64:
    switch (op) {
    case JX_EQ: BIN_LOOPS(jx_c64, jx_c64, uint8_t, jx_ceq_c64(x, y))
    case JX_NE: BIN_LOOPS(jx_c64, jx_c64, uint8_t, !jx_ceq_c64(x, y))
    default: return -1;
    }
  case JX_C128:
    switch (op) {
    case JX_EQ: BIN_LOOPS(jx_c128, jx_c128, uint8_t, jx_ceq_c128(x, y))
    case JX_NE: BIN_LOOPS(jx_c128, jx_c128, uint8_t, !jx_ceq_c128(x, y))
    default: return -1;
    }
  case JX_BOOL: COMPARE(uint8_t, uint8_t)
  JX_INT_CASES(dtype, COMPARE_INT)
  default: return -1;
  }
  return -1;
}
