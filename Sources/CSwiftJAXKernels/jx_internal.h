// Shared helpers of the eager kernels (not part of the public C API).
#ifndef JX_INTERNAL_H
#define JX_INTERNAL_H
#include "CSwiftJAXKernels.h"
#include <math.h>
#include <string.h>
#include <stdbool.h>

typedef _Float16 jx_f16;

// JAX's scalar semantics (max/min, sign, integer division, shifts, bit
// counts, conversions): the same text the jit compiler pastes into
// generated code (see jx_scalar_text.h), instantiated for every type.
#define JX_INLINE static inline __attribute__((always_inline))
#include "jx_scalar_text.h"
JX_INT_OPS_i8
JX_INT_OPS_i16
JX_INT_OPS_i32
JX_INT_OPS_i64
JX_INT_OPS_u8
JX_INT_OPS_u16
JX_INT_OPS_u32
JX_INT_OPS_u64

// Special functions ported from XLA so eager results match JAX on CPU.
float jx_expf(float x);
float jx_rsqrtf(float x);
double jx_rsqrt(double x);
double jx_exp(double x);
float jx_tanhf(float x);
double jx_tanh(double x);
float jx_erff(float x);
float jx_sinf(float x);
float jx_cosf(float x);
float jx_logisticf(float x);
double jx_logistic(double x);
float jx_expm1f(float x);
double jx_expm1(double x);
float jx_exp2f(float x);
/* float16 forms (arguments and results are floats holding float16 values) */
float jx_exp2_f16(float x);
float jx_expm1_f16(float x);
float jx_logistic_f16(float x);
float jx_asin_f16(float x);
float jx_acos_f16(float x);
float jx_asinh_f16(float x);
float jx_acosh_f16(float x);
float jx_atanh_f16(float x);
double jx_exp2(double x);
float jx_sinhf(float x);
double jx_sinh(double x);
float jx_coshf(float x);
double jx_cosh(double x);
float jx_asinf(float x);
double jx_asin(double x);
float jx_acosf(float x);
double jx_acos(double x);
float jx_asinhf(float x);
double jx_asinh(double x);
float jx_acoshf(float x);
double jx_acosh(double x);
float jx_atanhf(float x);
double jx_atanh(double x);
float jx_erfcf(float x);
double jx_erfc(double x);
double jx_log1p(double x);
float jx_logf(float x);
double jx_log(double x);
float jx_log1pf(float x);
float jx_erfinvf(float x);
double jx_erfinv(double x);
// Vectorised loops over the functions above (special_loops.c).
void jx_expf_n(const float *in, float *out, ptrdiff_t n);
void jx_logf_n(const float *in, float *out, ptrdiff_t n);
void jx_log1pf_n(const float *in, float *out, ptrdiff_t n);
void jx_tanhf_n(const float *in, float *out, ptrdiff_t n);
void jx_logisticf_n(const float *in, float *out, ptrdiff_t n);
void jx_erff_n(const float *in, float *out, ptrdiff_t n);
void jx_erfinvf_n(const float *in, float *out, ptrdiff_t n);
void jx_sinf_n(const float *in, float *out, ptrdiff_t n);
void jx_cosf_n(const float *in, float *out, ptrdiff_t n);
void jx_exp_n(const double *in, double *out, ptrdiff_t n);
void jx_tanh_n(const double *in, double *out, ptrdiff_t n);
void jx_logistic_n(const double *in, double *out, ptrdiff_t n);
float jx_logaddexpf(float a, float b);
double jx_logaddexp(double a, double b);
jx_c64 jx_clogaddexp_c64_fn(jx_c64 x, jx_c64 y);   // elementwise.c
jx_c128 jx_clogaddexp_c128_fn(jx_c128 x, jx_c128 y);
float jx_lgammaf(float x);
double jx_lgamma(double x);
float jx_digammaf(float x);
double jx_digamma(double x);
jx_f16 jx_nextafter_f16(jx_f16 x, jx_f16 y);
float jx_bessel_i0ef(float x);
double jx_bessel_i0e(double x);
float jx_bessel_i1ef(float x);
double jx_bessel_i1e(double x);

// bfloat16 kernels (bfloat16.c): float32 compute, rounded per operation.
float *jx_bf16_widen(const void *x, ptrdiff_t n);
void jx_bf16_narrow(const float *f, void *y, ptrdiff_t n);
int jx_unary_bf16(int32_t op, const void *x, void *y, ptrdiff_t n);
int jx_integer_pow_bf16(const void *x, void *y, ptrdiff_t count, int64_t n);
int jx_binary_bf16(int32_t op, const void *a, const void *b, void *out, ptrdiff_t n, int32_t mode);
int jx_compare_bf16(int32_t op, const void *a, const void *b, void *out, ptrdiff_t n, int32_t mode);
int jx_clamp_bf16(const void *lo, int32_t lo_scalar, const void *x, const void *hi, int32_t hi_scalar, void *out,
                  ptrdiff_t n);
int jx_convert_bf16(int32_t from, int32_t to, const void *x, void *y, ptrdiff_t n);
int jx_iota_bf16(void *out, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner);
int jx_reduce_bf16(int32_t op, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner, void *out);
int jx_argreduce_bf16(int32_t op, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner, int32_t out_dtype,
                      void *out);
int jx_batched_matmul_bf16(ptrdiff_t batch, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const void *a, const void *b,
                           void *c, int32_t threads, jx_pfor_fn pfor, void *pool);

// Runs BODY(T) with T bound to the C type of every non-float dtype.
#define JX_INT_CASES(DT, BODY)                 \
  case JX_I8: { BODY(int8_t, uint8_t) } break;   \
  case JX_I16: { BODY(int16_t, uint16_t) } break; \
  case JX_I32: { BODY(int32_t, uint32_t) } break; \
  case JX_I64: { BODY(int64_t, uint64_t) } break; \
  case JX_U8: { BODY(uint8_t, uint8_t) } break;  \
  case JX_U16: { BODY(uint16_t, uint16_t) } break; \
  case JX_U32: { BODY(uint32_t, uint32_t) } break; \
  case JX_U64: { BODY(uint64_t, uint64_t) } break;

// The same with the jx_scalar_text.h suffix first: BODY(S, T, UT).
#define JX_INT_CASES_S(DT, BODY)                      \
  case JX_I8: { BODY(i8, int8_t, uint8_t) } break;     \
  case JX_I16: { BODY(i16, int16_t, uint16_t) } break; \
  case JX_I32: { BODY(i32, int32_t, uint32_t) } break; \
  case JX_I64: { BODY(i64, int64_t, uint64_t) } break; \
  case JX_U8: { BODY(u8, uint8_t, uint8_t) } break;    \
  case JX_U16: { BODY(u16, uint16_t, uint16_t) } break; \
  case JX_U32: { BODY(u32, uint32_t, uint32_t) } break; \
  case JX_U64: { BODY(u64, uint64_t, uint64_t) } break;

#endif
