// Scalar special functions shared by the eager kernels and jit-generated
// code. Generated code calls these very functions through the runtime
// table (`jx_runtime`), so jit and eager agree bit for bit; the eager
// float32 versions are ports of XLA's CPU expansions (special.c).
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

#endif
