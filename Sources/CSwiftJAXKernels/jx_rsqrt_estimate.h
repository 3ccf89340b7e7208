// The float32 rsqrt estimate that jx_rsqrtf (jx_special_text.h) refines,
// as XLA:CPU does. Shared by special.c (the external functions, and the
// text stringified for the jit's prelude) and special_loops.c (the inlined
// eager loops), which both include jx_special_text.h after it.
#ifndef JX_RSQRT_ESTIMATE_H
#define JX_RSQRT_ESTIMATE_H
// x86's rsqrtss; elsewhere none (jx_sp_rsqrt_hw == 0: jx_rsqrtf is
// 1/sqrt(x)). The platform is chosen here because the shared text may hold
// no preprocessor directive; this one definition is compiled with the
// kernels and stringified in front of the text for generated code, which
// the jit compiles on this same machine. The estimate's low bits are the
// CPU's (AMD's and Intel's differ), as they are in JAX.
#if defined(__x86_64__) || (defined(__i386__) && defined(__SSE__))
#define JX_RSQRT_ESTIMATE_TEXT                                              \
  typedef float jx_sp_v4sf __attribute__((vector_size(16)));             \
  static const int jx_sp_rsqrt_hw = 1;                                    \
  static inline float jx_sp_rsqrt_estimatef(float x) {                    \
    return __builtin_ia32_rsqrtss((jx_sp_v4sf){x, 0, 0, 0})[0]; }
#else
#define JX_RSQRT_ESTIMATE_TEXT                                              \
  static const int jx_sp_rsqrt_hw = 0;                                    \
  static inline float jx_sp_rsqrt_estimatef(float x) { return x; }
#endif
#endif
