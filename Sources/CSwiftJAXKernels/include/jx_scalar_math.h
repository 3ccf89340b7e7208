// Scalar special functions shared by the eager kernels and jit-generated
// code, so jit and eager agree bit for bit; the float32 versions are ports
// of XLA's CPU expansions (special.c). Generated code inlines the text of
// the float32 log/log1p/erf_inv (`jx_special_source`) and calls the others
// through the runtime table (`jx_runtime`).
#ifndef JX_SCALAR_MATH_H
#define JX_SCALAR_MATH_H

float jx_logf(float x);
float jx_log1pf(float x);
float jx_erfinvf(float x);
double jx_erfinv(double x);
float jx_lgammaf(float x);
double jx_lgamma(double x);
float jx_digammaf(float x);
double jx_digamma(double x);
float jx_bessel_i0ef(float x);
double jx_bessel_i0e(double x);
float jx_bessel_i1ef(float x);
double jx_bessel_i1e(double x);

// The C text of jx_logf, jx_log1pf, jx_erfinvf, jx_logaddexp(f) and the
// Bessel functions (jx_special_text.h),
// with `JX_SPECIAL` left for the includer to define as a storage class.
const char *jx_special_source(void);

// The C text of jx_scalar_text.h (JAX's integer division, shifts, bit
// counts, max/min, conversions), pasted into every generated file.
const char *jx_scalar_source(void);

#endif
