// Array loops over the special functions of jx_special_text.h for the
// eager kernels (elementwise.c). Calling the external functions of
// special.c once per element keeps a loop scalar; here the same text is
// inlined into each loop, which clang vectorises (asked for with a pragma:
// its cost model declines sin's table lookup and tanh's division, which
// still run 3-4x faster vectorised). Each lane runs the scalar code's
// operations, so the bits are those of special.c's functions and of
// generated code.
//
// This file includes neither jx_internal.h nor the public header: they
// declare the special functions as external ones, and here they are
// static inline copies.
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define JX_INLINE static inline __attribute__((always_inline))
// The special text's float16 forms round through this type (jx_internal.h
// defines it for the other kernels).
typedef _Float16 jx_f16;
#include "jx_scalar_text.h"
#define JX_SPECIAL JX_INLINE
#include "jx_rsqrt_estimate.h"
JX_RSQRT_ESTIMATE_TEXT
#define JX_SPECIAL_TEXT(...) __VA_ARGS__
#include "jx_special_text.h"
#undef JX_SPECIAL_TEXT

// The loops are cloned for x86-64-v3 as special.c's functions are
// (jx_clones.h), where fmaf is an instruction and they run 8 floats wide.
#include "jx_clones.h"

#define JX_SPECIAL_LOOP(NAME, T, F)                                  \
  JX_CLONES void NAME(const T *in, T *out, ptrdiff_t n) {       \
    _Pragma("clang loop vectorize(enable)")                          \
    for (ptrdiff_t i = 0; i < n; i++) out[i] = F(in[i]);            \
  }

JX_SPECIAL_LOOP(jx_expf_n, float, jx_expf)
JX_SPECIAL_LOOP(jx_logf_n, float, jx_logf)
JX_SPECIAL_LOOP(jx_log1pf_n, float, jx_log1pf)
JX_SPECIAL_LOOP(jx_tanhf_n, float, jx_tanhf)
JX_SPECIAL_LOOP(jx_logisticf_n, float, jx_logisticf)
JX_SPECIAL_LOOP(jx_erff_n, float, jx_erff)
JX_SPECIAL_LOOP(jx_erfinvf_n, float, jx_erfinvf)
JX_SPECIAL_LOOP(jx_exp_n, double, jx_exp)
JX_SPECIAL_LOOP(jx_tanh_n, double, jx_tanh)
JX_SPECIAL_LOOP(jx_logistic_n, double, jx_logistic)

// sin and cos by blocks: each block runs the variant without the reduction
// of arguments >= 120 in magnitude (half the time of the full function),
// and again with the full function when one of its arguments needed it.
// The rerun reads only `in`, which the first pass did not write (when the
// two overlap, an in-place call, the full function runs alone).
#define JX_SINCOS_BLOCK 1024
#define JX_SINCOS_LOOP(NAME, SMALL, FULL)                                        \
  JX_CLONES void NAME(const float *in, float *out, ptrdiff_t n) {              \
    if ((uintptr_t)out < (uintptr_t)(in + n) && (uintptr_t)in < (uintptr_t)(out + n)) { \
      _Pragma("clang loop vectorize(enable)")                                  \
      for (ptrdiff_t i = 0; i < n; i++) out[i] = FULL(in[i]);                  \
      return;                                                                  \
    }                                                                          \
    for (ptrdiff_t b = 0; b < n; b += JX_SINCOS_BLOCK) {                       \
      ptrdiff_t e = n - b < JX_SINCOS_BLOCK ? n : b + JX_SINCOS_BLOCK;         \
      uint32_t large = 0;                                                      \
      _Pragma("clang loop vectorize(enable)")                                  \
      for (ptrdiff_t i = b; i < e; i++) out[i] = SMALL(&large, in[i]);         \
      if (!large) continue;                                                    \
      _Pragma("clang loop vectorize(enable)")                                  \
      for (ptrdiff_t i = b; i < e; i++) out[i] = FULL(in[i]);                  \
    }                                                                          \
  }

JX_SINCOS_LOOP(jx_sinf_n, jx_sinf_small_arg, jx_sinf)
JX_SINCOS_LOOP(jx_cosf_n, jx_cosf_small_arg, jx_cosf)
