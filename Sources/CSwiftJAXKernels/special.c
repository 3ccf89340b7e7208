// Special functions, ported from the expansions XLA uses on CPU (erf_inv:
// Giles' polynomials as in CHLO's decomposition; lgamma/digamma: XLA's
// Lanczos approximation) so that eager values match JAX. Polynomials use
// fma because XLA's CPU backend contracts a*b+c.
#include "jx_internal.h"

// float32 log, log1p and erf_inv: one text for the eager kernels and for
// generated code (see jx_special_text.h). First as functions...
// Each function is cloned for x86-64-v3 (jx_clones.h).
#include "jx_clones.h"
#define JX_SPECIAL JX_CLONES
#include "jx_rsqrt_estimate.h"
#define JX_STRINGIFY(...) #__VA_ARGS__
#define JX_EXPANDED_STRING(...) JX_STRINGIFY(__VA_ARGS__)
JX_RSQRT_ESTIMATE_TEXT

#define JX_SPECIAL_TEXT(...) __VA_ARGS__
#include "jx_special_text.h"
#undef JX_SPECIAL_TEXT

// ...then as a string, unexpanded, for the jit compiler's prelude.
#define JX_SPECIAL_TEXT(...) #__VA_ARGS__
const char *jx_special_source(void) {
  return JX_EXPANDED_STRING(JX_RSQRT_ESTIMATE_TEXT) "\n"
#include "jx_special_text.h"
      ;
}
#undef JX_SPECIAL_TEXT

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
  // XLA's own log1p (as CHLO's erf_inv is expanded), not libm's: with
  // libm's, 10634 of 240000 sampled quotients were off by an ulp or more.
  double w = -jx_log1p(x * -x);
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

// XLA computes it with its own log and log1p (jx_logf/jx_log1pf; float64:
// glibc's log, XLA's log1p), glibc's sin (float32: jx_sinf, its restatement),
// z / 7.5 as z * (1 / 7.5) (its simplifier's rewrite of a division by a
// constant) and the product in log_y fused with the constant added first:
// fma(a, log_t, log(sqrt(2 pi))) + log(x). Measured on 29000 inputs in
// [-50, 3000] against JAX: with libm and plain arithmetic 6881 (float32)
// and 5837 (float64) differed, now 8 and 274 (all in the reflection branch,
// x < 0.5, for float32).
#define LGAMMA_IMPL(NAME, T, S, FMA, LOG, LOG1P, SIN)                                 \
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
    T log_t = log_lg_half + LOG1P(z * (one / lg_half));                              \
    T log_y = FMA(z + one_half - t / log_t, log_t, log_sqrt_two_pi) + LOG(x);        \
    T abs_input = fabs##S(input);                                                    \
    T abs_frac = abs_input - floor##S(abs_input);                                    \
    T reduced = abs_frac > one_half ? one - abs_frac : abs_frac;                     \
    T denom = LOG(SIN(pi * reduced));                                                \
    T reflection = isfinite(denom) ? log_pi - denom - log_y : -denom;                \
    T result = reflect ? reflection : log_y;                                         \
    return isinf(input) ? (T)INFINITY : result;                                      \
  }
LGAMMA_IMPL(jx_lgammaf, float, f, fmaf, jx_logf, jx_log1pf, jx_sinf)
LGAMMA_IMPL(jx_lgamma, double, , fma, jx_log, jx_log1p, sin)

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
