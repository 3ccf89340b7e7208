/* The float32 special functions XLA expands on CPU (log, log1p, erf_inv),
   and the cumulative logsumexp step, written ONCE and used twice:
     - special.c compiles them as the eager kernels' functions;
     - special.c also stringifies this very text into `jx_special_source`,
       which the jit compiler pastes into every generated C file, so fused
       loops inline them (and vectorise them) instead of calling back into
       the eager kernels through the runtime table. Same text, same
       operations, so jit and eager agree bit for bit.

   Rules for this file, because it is the argument of one macro call:
     - no preprocessor directives and no string literals inside;
     - names it uses (INFINITY, fmaf, fabsf, sqrtf, memcpy, log1pf, expf,
       jx_maxf...) must exist in
       both places: math.h/string.h in special.c, RuntimeHeader's prelude
       in generated code;
     - `JX_SPECIAL` is the storage class: empty (external functions) in
       special.c, `static inline` always-inline in generated code.

   The functions are written branch-free (both sides computed, then a
   select), as XLA's expansions are, so a fused loop containing them can
   be vectorised. Selecting changes no value: each lane computes exactly
   the operations the branchy version would.

   Polynomials use fmaf because XLA's CPU backend contracts a*b+c there. */
JX_SPECIAL_TEXT(

JX_SPECIAL float jx_sp_f32_bits(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
JX_SPECIAL uint32_t jx_sp_bits_f32(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

/* float32 log as XLA's CPU backend computes it (the Cephes/Eigen
   polynomial with fma), so log, log1p and erf_inv match JAX bit for bit
   in nearly all cases. NaN passes through; negative inputs give XLA's
   default NaN 0xffc00000; log(0) = -inf; log(+inf) = +inf. */
JX_SPECIAL float jx_logf(float x) {
  float xm = x < 1.17549435e-38f ? 1.17549435e-38f : x;
  uint32_t b = jx_sp_bits_f32(xm);
  int exponent = (int)(b >> 23);
  float m = jx_sp_f32_bits((b & ~0x7f800000u) | 0x3f000000u); /* mantissa in [0.5, 1) */
  float e = (float)(exponent - 0x7f) + 1.0f;
  int below = m < 0.707106781186547524f;
  float tmp = below ? m : 0.0f;
  m = m - 1.0f;
  e = e - (below ? 1.0f : 0.0f);
  m = m + tmp;
  float x2 = m * m, x3 = x2 * m;
  float y0 = fmaf(7.0376836292E-2f, m, -1.1514610310E-1f);
  float y1 = fmaf(-1.2420140846E-1f, m, +1.4249322787E-1f);
  float y2 = fmaf(+2.0000714765E-1f, m, -2.4999993993E-1f);
  y0 = fmaf(y0, m, 1.1676998740E-1f);
  y1 = fmaf(y1, m, -1.6668057665E-1f);
  y2 = fmaf(y2, m, +3.3333331174E-1f);
  y0 = fmaf(y0, x3, y1);
  y0 = fmaf(y0, x3, y2);
  float y = y0 * x3;
  y = fmaf(e, -2.12194440e-4f, y);
  float r = fmaf(-0.5f, x2, m);
  r = r + y;
  r = fmaf(e, 0.693359375f, r);
  /* Special cases, lowest priority first. */
  r = x == INFINITY ? x : r;
  r = x == 0 ? -INFINITY : r;
  r = x < 0 ? jx_sp_f32_bits(0xffc00000u) : r;
  return x != x ? x : r;
}

/* XLA's log1p: a Cephes rational approximation for |x| < sqrt(2) - 1,
   log(1 + x) elsewhere; invalid inputs (x < -1, NaN) give an all-ones NaN. */
JX_SPECIAL float jx_log1pf(float x) {
  float pn = 0, pd = 0;
  pn = fmaf(pn, x, 4.5270000862445199635215E-5f); pd = fmaf(pd, x, 1.f);
  pn = fmaf(pn, x, 4.9854102823193375972212E-1f); pd = fmaf(pd, x, 1.5062909083469192043167E1f);
  pn = fmaf(pn, x, 6.5787325942061044846969E0f);  pd = fmaf(pd, x, 8.3047565967967209469434E1f);
  pn = fmaf(pn, x, 2.9911919328553073277375E1f);  pd = fmaf(pd, x, 2.2176239823732856465394E2f);
  pn = fmaf(pn, x, 6.0949667980987787057556E1f);  pd = fmaf(pd, x, 3.0909872225312059774938E2f);
  pn = fmaf(pn, x, 5.7112963590585538103336E1f);  pd = fmaf(pd, x, 2.1642788614495947685003E2f);
  pn = fmaf(pn, x, 2.0039553499201281259648E1f);  pd = fmaf(pd, x, 6.0118660497603843919306E1f);
  float x2 = x * x;
  float s = (x * x2) * (pn / pd);
  s = fmaf(-0.5f, x2, s);
  float r = fabsf(x) < 0.41421356237309504880f ? x + s : jx_logf(x + 1.0f);
  return (x != x || x < -1.0f) ? jx_sp_f32_bits(0xffffffffu) : r;
}

/* erf_inv by Giles' single-precision polynomials, as CHLO decomposes it. */
JX_SPECIAL float jx_erfinvf(float x) {
  float w = -jx_log1pf(-x * x);
  int lt = w < 5.0f;
  float v = lt ? w - 2.5f : sqrtf(w) - 3.0f;
  float p = lt ? 2.81022636e-08f : -0.000200214257f;
  p = fmaf(p, v, lt ? 3.43273939e-07f : 0.000100950558f);
  p = fmaf(p, v, lt ? -3.5233877e-06f : 0.00134934322f);
  p = fmaf(p, v, lt ? -4.39150654e-06f : -0.00367342844f);
  p = fmaf(p, v, lt ? 0.00021858087f : 0.00573950773f);
  p = fmaf(p, v, lt ? -0.00125372503f : -0.0076224613f);
  p = fmaf(p, v, lt ? -0.00417768164f : 0.00943887047f);
  p = fmaf(p, v, lt ? 0.246640727f : 1.00167406f);
  p = fmaf(p, v, lt ? 1.50140941f : 2.83297682f);
  /* erf_inv(+-1) = +-inf; the polynomial is indeterminate there. A NaN
     input is returned as is: otherwise p * x multiplies two NaNs, whose
     result payload depends on the operand order the compiler picks. */
  float r = fabsf(x) == 1.0f ? x * INFINITY : p * x;
  return x != x ? x : r;
}

/* log(exp(a) + exp(b)) as cumlogsumexp accumulates it, with libm's log1p
   and exp. */
JX_SPECIAL float jx_logaddexpf(float a, float b) {
  float amax = jx_maxf(a, b), delta = a - b;
  return delta != delta ? a + b : amax + log1pf(expf(-fabsf(delta)));
}
JX_SPECIAL double jx_logaddexp(double a, double b) {
  double amax = jx_maxd(a, b), delta = a - b;
  return delta != delta ? a + b : amax + log1p(exp(-fabs(delta)));
}

)
