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

/* Exponentially scaled modified Bessel functions of the first kind, as JAX
   computes them (lax.bessel_i0e in jax/_src/lax/special.py; bessel_i1e in
   CHLO's decomposition): Cephes' Chebyshev series on [0, 8] and on
   (8, inf) in 32/x, both evaluated and one selected, in the operand's
   precision (float16 computes in float32); i1e is sign(x) times the
   series, so i1e(-0) = -0. The float32 series are the tails of the
   float64 ones, rounded to float32. As XLA's CPU backend does, the
   recurrence contracts x * b1 - b2 into an fma and the division by
   sqrt(z) is a multiplication by its reciprocal: this matches JAX bit for
   bit on [0, 8] and within 2 ulp beyond. */
JX_SPECIAL float jx_chbevlf(float x, const float *c, int n) {
  float b0 = 0.0f, b1 = 0.0f, b2 = 0.0f;
  for (int i = 0; i < n; i++) { b2 = b1; b1 = b0; b0 = fmaf(x, b1, -b2) + c[i]; }
  return 0.5f * (b0 - b2);
}
JX_SPECIAL double jx_chbevl(double x, const double *c, int n) {
  double b0 = 0.0, b1 = 0.0, b2 = 0.0;
  for (int i = 0; i < n; i++) { b2 = b1; b1 = b0; b0 = fma(x, b1, -b2) + c[i]; }
  return 0.5 * (b0 - b2);
}
JX_SPECIAL double jx_bessel_coefficient(int which, int k) {
  static const double i0a[30] = {
    -4.41534164647933937950E-18, 3.33079451882223809783E-17, -2.43127984654795469359E-16,
    1.71539128555513303061E-15, -1.16853328779934516808E-14, 7.67618549860493561688E-14,
    -4.85644678311192946090E-13, 2.95505266312963983461E-12, -1.72682629144155570723E-11,
    9.67580903537323691224E-11, -5.18979560163526290666E-10, 2.65982372468238665035E-9,
    -1.30002500998624804212E-8, 6.04699502254191894932E-8, -2.67079385394061173391E-7,
    1.11738753912010371815E-6, -4.41673835845875056359E-6, 1.64484480707288970893E-5,
    -5.75419501008210370398E-5, 1.88502885095841655729E-4, -5.76375574538582365885E-4,
    1.63947561694133579842E-3, -4.32430999505057594430E-3, 1.05464603945949983183E-2,
    -2.37374148058994688156E-2, 4.93052842396707084878E-2, -9.49010970480476444210E-2,
    1.71620901522208775349E-1, -3.04682672343198398683E-1, 6.76795274409476084995E-1};
  static const double i0b[25] = {
    -7.23318048787475395456E-18, -4.83050448594418207126E-18, 4.46562142029675999901E-17,
    3.46122286769746109310E-17, -2.82762398051658348494E-16, -3.42548561967721913462E-16,
    1.77256013305652638360E-15, 3.81168066935262242075E-15, -9.55484669882830764870E-15,
    -4.15056934728722208663E-14, 1.54008621752140982691E-14, 3.85277838274214270114E-13,
    7.18012445138366623367E-13, -1.79417853150680611778E-12, -1.32158118404477131188E-11,
    -3.14991652796324136454E-11, 1.18891471078464383424E-11, 4.94060238822496958910E-10,
    3.39623202570838634515E-9, 2.26666899049817806459E-8, 2.04891858946906374183E-7,
    2.89137052083475648297E-6, 6.88975834691682398426E-5, 3.36911647825569408990E-3,
    8.04490411014108831608E-1};
  static const double i1a[29] = {
    2.77791411276104639959E-18, -2.11142121435816608115E-17, 1.55363195773620046921E-16,
    -1.10559694773538630805E-15, 7.60068429473540693410E-15, -5.04218550472791168711E-14,
    3.22379336594557470981E-13, -1.98397439776494371520E-12, 1.17361862988909016308E-11,
    -6.66348972350202774223E-11, 3.62559028155211703701E-10, -1.88724975172282928790E-9,
    9.38153738649577178388E-9, -4.44505912879632808065E-8, 2.00329475355213526229E-7,
    -8.56872026469545474066E-7, 3.47025130813767847674E-6, -1.32731636560394358279E-5,
    4.78156510755005422638E-5, -1.61760815825896745588E-4, 5.12285956168575772895E-4,
    -1.51357245063125314899E-3, 4.15642294431288815669E-3, -1.05640848946261981558E-2,
    2.47264490306265168283E-2, -5.29459812080949914269E-2, 1.02643658689847095384E-1,
    -1.76416518357834055153E-1, 2.52587186443633654823E-1};
  static const double i1b[25] = {
    7.51729631084210481353E-18, 4.41434832307170791151E-18, -4.65030536848935832153E-17,
    -3.20952592199342395980E-17, 2.96262899764595013876E-16, 3.30820231092092828324E-16,
    -1.88035477551078244854E-15, -3.81440307243700780478E-15, 1.04202769841288027642E-14,
    4.27244001671195135429E-14, -2.10154184277266431302E-14, -4.08355111109219731823E-13,
    -7.19855177624590851209E-13, 2.03562854414708950722E-12, 1.41258074366137813316E-11,
    3.25260358301548823856E-11, -1.89749581235054123450E-11, -5.58974346219658380687E-10,
    -3.83538038596423702205E-9, -2.63146884688951950684E-8, -2.51223623787020892529E-7,
    -3.88256480887769039346E-6, -1.10588938762623716291E-4, -9.76109749136146840777E-3,
    7.78576235018280120474E-1};
  return which == 0 ? i0a[k] : which == 1 ? i0b[k] : which == 2 ? i1a[k] : i1b[k];
}
/* The series of `which` (0: i0e on [0, 8], 1: i0e beyond, 2/3: i1e), its
   last n terms, in float32 or float64. */
JX_SPECIAL float jx_bessel_seriesf(float x, int which, int total, int n) {
  float c[18];
  for (int i = 0; i < n; i++) c[i] = (float)jx_bessel_coefficient(which, total - n + i);
  return jx_chbevlf(x, c, n);
}
JX_SPECIAL double jx_bessel_series(double x, int which, int total) {
  double c[30];
  for (int i = 0; i < total; i++) c[i] = jx_bessel_coefficient(which, i);
  return jx_chbevl(x, c, total);
}
JX_SPECIAL float jx_bessel_i0ef(float x) {
  float z = fabsf(x);
  float small = jx_bessel_seriesf(0.5f * z - 2.0f, 0, 30, 18);
  float large = jx_bessel_seriesf(32.0f / z - 2.0f, 1, 25, 7) * (1.0f / sqrtf(z));
  return z <= 8.0f ? small : large;
}
JX_SPECIAL double jx_bessel_i0e(double x) {
  double z = fabs(x);
  double small = jx_bessel_series(0.5 * z - 2.0, 0, 30);
  double large = jx_bessel_series(32.0 / z - 2.0, 1, 25) * (1.0 / sqrt(z));
  return z <= 8.0 ? small : large;
}
JX_SPECIAL float jx_bessel_i1ef(float x) {
  float z = fabsf(x);
  float small = z * jx_bessel_seriesf(0.5f * z - 2.0f, 2, 29, 17);
  float large = jx_bessel_seriesf(32.0f / z - 2.0f, 3, 25, 7) * (1.0f / sqrtf(z));
  float r = z <= 8.0f ? small : large;
  return (x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : x)) * r;
}
JX_SPECIAL double jx_bessel_i1e(double x) {
  double z = fabs(x);
  double small = z * jx_bessel_series(0.5 * z - 2.0, 2, 29);
  double large = jx_bessel_series(32.0 / z - 2.0, 3, 25) * (1.0 / sqrt(z));
  double r = z <= 8.0 ? small : large;
  return (x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : x)) * r;
}

)
