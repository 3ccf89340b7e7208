// Special functions, ported from the expansions XLA uses on CPU (erf_inv:
// Giles' polynomials as in CHLO's decomposition; lgamma/digamma: XLA's
// Lanczos approximation) so that eager values match JAX. Polynomials use
// fma because XLA's CPU backend contracts a*b+c.
#include "jx_internal.h"

// float32 log as XLA's CPU backend computes it (Cephes/Eigen polynomial,
// evaluated with fma), so logs, log1p and erf_inv match JAX bit for bit in
// nearly all cases (checked on 2e5 random erf_inv inputs: 10 differ by 1 ulp).
float jx_logf(float x) {
  const float p0 = 7.0376836292E-2f, p1 = -1.1514610310E-1f, p2 = 1.1676998740E-1f,
              p3 = -1.2420140846E-1f, p4 = +1.4249322787E-1f, p5 = -1.6668057665E-1f,
              p6 = +2.0000714765E-1f, p7 = -2.4999993993E-1f, p8 = +3.3333331174E-1f,
              q1 = -2.12194440e-4f, q2 = 0.693359375f;
  // XLA's vectorised log passes NaNs through and gives the default
  // (negative) NaN 0xffc00000 for negative inputs.
  if (x != x) return x;
  if (x < 0) return -NAN;
  if (x == 0) return -INFINITY;
  if (isinf(x)) return x;
  float xm = x < 1.17549435e-38f ? 1.17549435e-38f : x;
  uint32_t b;
  memcpy(&b, &xm, 4);
  int exponent = (int)(b >> 23);
  b = (b & ~0x7f800000u) | 0x3f000000u;  // mantissa in [0.5, 1)
  float m;
  memcpy(&m, &b, 4);
  float e = (float)(exponent - 0x7f) + 1.0f;
  int below = m < 0.707106781186547524f;
  float tmp = below ? m : 0.0f;
  m = m - 1.0f;
  e = e - (below ? 1.0f : 0.0f);
  m = m + tmp;
  float x2 = m * m, x3 = x2 * m;
  float y0 = fmaf(p0, m, p1), y1 = fmaf(p3, m, p4), y2 = fmaf(p6, m, p7);
  y0 = fmaf(y0, m, p2);
  y1 = fmaf(y1, m, p5);
  y2 = fmaf(y2, m, p8);
  y0 = fmaf(y0, x3, y1);
  y0 = fmaf(y0, x3, y2);
  float y = y0 * x3;
  y = fmaf(e, q1, y);
  float r = fmaf(-0.5f, x2, m);
  r = r + y;
  return fmaf(e, q2, r);
}

// XLA's log1p: a Cephes rational approximation for |x| < sqrt(2) - 1,
// log(1 + x) elsewhere.
float jx_log1pf(float x) {
  static const float den[7] = {1.f, 1.5062909083469192043167E1f, 8.3047565967967209469434E1f,
                               2.2176239823732856465394E2f, 3.0909872225312059774938E2f,
                               2.1642788614495947685003E2f, 6.0118660497603843919306E1f};
  static const float num[7] = {4.5270000862445199635215E-5f, 4.9854102823193375972212E-1f,
                               6.5787325942061044846969E0f, 2.9911919328553073277375E1f,
                               6.0949667980987787057556E1f, 5.7112963590585538103336E1f,
                               2.0039553499201281259648E1f};
  // XLA masks invalid inputs (x < -1, NaN) with an all-ones NaN.
  if (x != x || x < -1.0f) {
    const uint32_t ones = 0xffffffffu;
    float r;
    memcpy(&r, &ones, 4);
    return r;
  }
  if (!(fabsf(x) < 0.41421356237309504880f)) return jx_logf(x + 1.0f);
  float pn = 0, pd = 0;
  for (int i = 0; i < 7; i++) {
    pn = fmaf(pn, x, num[i]);
    pd = fmaf(pd, x, den[i]);
  }
  float x2 = x * x;
  float s = (x * x2) * (pn / pd);
  s = fmaf(-0.5f, x2, s);
  return x + s;
}

float jx_erfinvf(float x) {
  static const float lt5[9] = {2.81022636e-08f, 3.43273939e-07f, -3.5233877e-06f,
                               -4.39150654e-06f, 0.00021858087f, -0.00125372503f,
                               -0.00417768164f, 0.246640727f, 1.50140941f};
  static const float ge5[9] = {-0.000200214257f, 0.000100950558f, 0.00134934322f,
                               -0.00367342844f, 0.00573950773f, -0.0076224613f,
                               0.00943887047f, 1.00167406f, 2.83297682f};
  float w = -jx_log1pf(-x * x);
  const float *c;
  if (w < 5.0f) {
    w = w - 2.5f;
    c = lt5;
  } else {
    w = sqrtf(w) - 3.0f;
    c = ge5;
  }
  float p = c[0];
  for (int i = 1; i < 9; i++) p = fmaf(p, w, c[i]);
  // erf_inv(+-1) = +-inf; the polynomial is indeterminate there.
  return fabsf(x) == 1.0f ? x * INFINITY : p * x;
}

double jx_erfinv(double x) {
  static const double lt625[23] = {
      -3.6444120640178196996e-21, -1.685059138182016589e-19, 1.2858480715256400167e-18,
      1.115787767802518096e-17, -1.333171662854620906e-16, 2.0972767875968561637e-17,
      6.6376381343583238325e-15, -4.0545662729752068639e-14, -8.1519341976054721522e-14,
      2.6335093153082322977e-12, -1.2975133253453532498e-11, -5.4154120542946279317e-11,
      1.051212273321532285e-09, -4.1126339803469836976e-09, -2.9070369957882005086e-08,
      4.2347877827932403518e-07, -1.3654692000834678645e-06, -1.3882523362786468719e-05,
      0.0001867342080340571352, -0.00074070253416626697512, -0.0060336708714301490533,
      0.24015818242558961693, 1.6536545626831027356};
  static const double lt16[19] = {
      2.2137376921775787049e-09, 9.0756561938885390979e-08, -2.7517406297064545428e-07,
      1.8239629214389227755e-08, 1.5027403968909827627e-06, -4.013867526981545969e-06,
      2.9234449089955446044e-06, 1.2475304481671778723e-05, -4.7318229009055733981e-05,
      6.8284851459573175448e-05, 2.4031110387097893999e-05, -0.0003550375203628474796,
      0.00095328937973738049703, -0.0016882755560235047313, 0.0024914420961078508066,
      -0.0037512085075692412107, 0.005370914553590063617, 1.0052589676941592334,
      3.0838856104922207635};
  static const double ge16[17] = {
      -2.7109920616438573243e-11, -2.5556418169965252055e-10, 1.5076572693500548083e-09,
      -3.7894654401267369937e-09, 7.6157012080783393804e-09, -1.4960026627149240478e-08,
      2.9147953450901080826e-08, -6.7711997758452339498e-08, 2.2900482228026654717e-07,
      -9.9298272942317002539e-07, 4.5260625972231537039e-06, -1.9681778105531670567e-05,
      7.5995277030017761139e-05, -0.00021503011930044477347, -0.00013871931833623122026,
      1.0103004648645343977, 4.8499064014085844221};
  double w = -log1p(-x * x);
  const double *c;
  int n;
  if (w < 6.25) {
    w = w - 3.125; c = lt625; n = 23;
  } else if (w < 16.0) {
    w = sqrt(w) - 3.25; c = lt16; n = 19;
  } else {
    w = sqrt(w) - 5.0; c = ge16; n = 17;
  }
  double p = c[0];
  for (int i = 1; i < n; i++) p = fma(p, w, c[i]);
  return fabs(x) == 1.0 ? x * INFINITY : p * x;
}

// Lanczos approximation (g = 7, 9 terms), as in XLA's math library.
static const double kLanczosGamma = 7;
static const double kBaseLanczosCoeff = 0.99999999999980993227684700473478;
static const double kLanczosCoefficients[8] = {
    676.520368121885098567009190444019, -1259.13921672240287047156078755283,
    771.3234287776530788486528258894, -176.61502916214059906584551354,
    12.507343278686904814458936853, -0.13857109526572011689554707,
    9.984369578019570859563e-6, 1.50563273514931155834e-7};

#define LGAMMA_IMPL(NAME, T, S)                                                      \
  T NAME(T input) {                                                                  \
    const T one_half = (T)0.5, one = 1;                                              \
    const T pi = (T)M_PI, log_pi = (T)1.1447298858494002;                            \
    const T log_sqrt_two_pi = (T)0.91893853320467274178;                             \
    const T lg_half = (T)(kLanczosGamma + 0.5);                                      \
    const T log_lg_half = (T)2.0149030205422647;                                     \
    int reflect = input < one_half;                                                  \
    T z = reflect ? -input : input - one;                                            \
    T x = (T)kBaseLanczosCoeff;                                                      \
    for (int i = 0; i < 8; i++) x = x + (T)kLanczosCoefficients[i] / (z + (T)i + one); \
    T t = lg_half + z;                                                               \
    T log_t = log_lg_half + log1p##S(z / lg_half);                                   \
    T log_y = log_sqrt_two_pi + (z + one_half - t / log_t) * log_t + log##S(x);      \
    T abs_input = fabs##S(input);                                                    \
    T abs_frac = abs_input - floor##S(abs_input);                                    \
    T reduced = abs_frac > one_half ? one - abs_frac : abs_frac;                     \
    T denom = log##S(sin##S(pi * reduced));                                          \
    T reflection = isfinite(denom) ? log_pi - denom - log_y : -denom;                \
    T result = reflect ? reflection : log_y;                                         \
    return isinf(input) ? (T)INFINITY : result;                                      \
  }
LGAMMA_IMPL(jx_lgammaf, float, f)
LGAMMA_IMPL(jx_lgamma, double, )

#define DIGAMMA_IMPL(NAME, T, S)                                                     \
  T NAME(T input) {                                                                  \
    const T one_half = (T)0.5, one = 1, zero = 0;                                    \
    const T pi = (T)M_PI;                                                            \
    const T lg = (T)kLanczosGamma, lg_half = (T)(kLanczosGamma + 0.5);               \
    const T log_lg_half = (T)2.0149030205422647;                                     \
    int reflect = input < one_half;                                                  \
    T z = reflect ? -input : input - one;                                            \
    T num = zero, denom = (T)kBaseLanczosCoeff;                                      \
    for (int i = 0; i < 8; i++) {                                                    \
      T c = (T)kLanczosCoefficients[i];                                              \
      T zi = z + (T)i + one;                                                         \
      num = num - c / (zi * zi);                                                     \
      denom = denom + c / zi;                                                        \
    }                                                                                \
    T t = lg_half + z;                                                               \
    T log_t = log_lg_half + log1p##S(z / lg_half);                                   \
    T y = log_t + num / denom - lg / t;                                              \
    T reduced = input + fabs##S(floor##S(input + one_half));                         \
    T reflection = y - pi * cos##S(pi * reduced) / sin##S(pi * reduced);             \
    T result = reflect ? reflection : y;                                             \
    return (input <= zero && input == floor##S(input)) ? (T)NAN : result;            \
  }
DIGAMMA_IMPL(jx_digammaf, float, f)
DIGAMMA_IMPL(jx_digamma, double, )

jx_f16 jx_nextafter_f16(jx_f16 x, jx_f16 y) {
  if (x != x || y != y) return (jx_f16)((float)x + (float)y);
  if (x == y) return y;
  uint16_t bits;
  memcpy(&bits, &x, 2);
  if ((bits & 0x7fff) == 0) {
    bits = y > x ? 0x0001 : 0x8001;  // smallest subnormal towards y
  } else if ((x < y) == (x > 0)) {
    bits++;
  } else {
    bits--;
  }
  jx_f16 r;
  memcpy(&r, &bits, 2);
  return r;
}
