/*
 * fft.c — native FFT for interleaved complex float/double buffers.
 *
 * Algorithm
 *   Stockham autosort, decimation in frequency: each pass of radix p reads
 *   the current buffer and writes the other one, so no bit reversal and
 *   every pass streams through memory. At the pass with sub-length `len`
 *   (n, n/p1, n/(p1 p2), ...) and stride s (1, p1, p1 p2, ...), m = len/p:
 *     a_r = x[q + s (j + r m)],  y[q + s (p j + k)] = DFT_p(a)_k * W_len^(j k)
 *   for j < m, q < s. The inner loop over q is contiguous and its twiddle
 *   is constant, so radix-2/4 passes with s a multiple of the vector width
 *   run on AVX-512 (complex multiply = fmaddsub of the value and its
 *   re/im swap); the first passes (small s) are scalar. Radices are taken
 *   4 first, then 2, 3, 5 and other primes (generic O(p^2) butterfly, in
 *   the symmetric cos/sin form of pocketfft's so the roots are real
 *   scalars). Twiddles W^0 = 1 (j = 0) are not multiplied.
 *   Lengths with a prime factor above JX_FFT_MAX_GENERIC use Bluestein's
 *   chirp-z: a power-of-two cyclic convolution of length >= 2n-1.
 *
 *   Real input (r2c) of even n packs x as n/2 complex values, runs a
 *   half-length FFT and untangles the spectrum with one twiddle table;
 *   c2r inverts that. Odd n goes through the complex transform.
 *
 * NaN and infinity: where they land depends on the exact arithmetic: which
 *   parts a butterfly mixes, which twiddles are exactly 0 or 1 (0 * inf is
 *   NaN), whether a product is skipped. A row holding one therefore runs
 *   ducc's plan (JAX's CPU FFT, ducc0 fft1d_impl.h) instead of the plan
 *   above, in fft_ducc_template.h: ducc's factor order (8s, 4s, a 2 moved
 *   to the front, odd primes), its l1/ido passes (radix 2, 4, 8 and odd
 *   radices, unit twiddles of column 0 not multiplied), Bluestein for
 *   primes >= 110 (padding with a_0 * 0), two packets above length 10000,
 *   its lone-row plan for 300 < n, n % 4 == 0 and its table of roots of
 *   unity (fft_uroots). Finite rows never take it (an O(n) check per row).
 *   Real transforms (r2c / c2r) of such rows run ducc's real plan instead,
 *   in fft_ducc_real_template.h: FFTPACK's radf / radb passes of radix 2,
 *   3, 4, 5 and odd primes (Bluestein from 135), ducc's real factor order
 *   (4s, a 2 moved to the front, odd primes; forward passes run in
 *   reverse), its halfcomplex packing, and for even n > 1000 with n > 10000
 *   or a prime factor above 5 its complex transform of length n/2 plus an
 *   untangling step. See scripts/fixtures/fft_nonfinite_sweep.py.
 *
 * Plans hold the factorisation and twiddles (computed in double, from the
 * exact index j*k mod len, then rounded to the element type) and are
 * cached for the life of the process per (length, dtype, kind), like
 * FFTW's wisdom; they are immutable once published, so threads share them.
 * Every transform here is unnormalised; callers pass `scale` (1, 1/n,
 * 1/sqrt(n)) which is applied to the output.
 */
#include "jx_internal.h"
#include <pthread.h>
#include <stdlib.h>
#if defined(__x86_64__)
#include <immintrin.h>
#define FFT_X86 1
#define FFT_T512 __attribute__((target("avx512f,avx2,fma")))
#else
#define FFT_X86 0
#endif
#define JX_CAT_(a, b) a##b
#define JX_CAT(a, b) JX_CAT_(a, b)

/// Prime radices above this use Bluestein instead of an O(p^2) butterfly.
#define JX_FFT_MAX_GENERIC 61
#define JX_FFT_MAX_STAGES 64

enum { FFT_FWD = 0, FFT_INV = 1, FFT_REAL = 2 };

typedef struct jx_fft_plan {
  int64_t n;
  int32_t dtype, kind;
  int nst;                          // Stockham passes (0 when n == 1 or Bluestein)
  int radix[JX_FFT_MAX_STAGES];
  int64_t tw_off[JX_FFT_MAX_STAGES];  // complex offset of each pass's twiddles
  int64_t root_off[JX_FFT_MAX_STAGES];
  void *tw;     // per pass: W_len^(j k), j < m, 1 <= k < p, at [j (p-1) + k-1]
  void *roots;  // per pass: W_p^t, t < p (generic butterflies)
  // Bluestein: chirp c_j = W_2n^(j^2), and FFT_bm of the conjugate chirp / bm.
  int64_t bm;
  const struct jx_fft_plan *bf, *bi;
  void *chirp, *bfft;
  // Real transforms: the half-length plans and W_n^k, k < n/2.
  const struct jx_fft_plan *hf, *hi;
  void *rtw;
  struct jx_fft_plan *next;
} jx_fft_plan;

static int fft_isa512(void) {
#if FFT_X86
  static int v;  // benign race: every thread computes the same value
  int b = __atomic_load_n(&v, __ATOMIC_RELAXED);
  if (b) return b == 2;
  __builtin_cpu_init();
  b = __builtin_cpu_supports("avx512f") ? 2 : 1;
  __atomic_store_n(&v, b, __ATOMIC_RELAXED);
  return b == 2;
#else
  return 0;
#endif
}

// exp(sign * 2 pi i * idx / len) in double, from the exact reduced index.
static void fft_unit(int64_t idx, int64_t len, int sign, double *re, double *im) {
  idx %= len;
  if (idx < 0) idx += len;
  // Reduce to the first octant's accuracy by symmetric indices.
  double a = 2.0 * M_PI * (double)idx / (double)len;
  if (2 * idx == len) { *re = -1; *im = 0; return; }
  if (4 * idx == len) { *re = 0; *im = sign; return; }
  if (4 * idx == 3 * len) { *re = 0; *im = -sign; return; }
  *re = cos(a);
  *im = sign * sin(a);
}

static int fft_factor(int64_t n, int *radix) {
  int k = 0;
  while (n % 4 == 0) { radix[k++] = 4; n /= 4; }
  if (n % 2 == 0) { radix[k++] = 2; n /= 2; }
  for (int64_t p = 3; n > 1; p += 2) {
    if (p * p > n) p = n;  // n itself is prime
    while (n % p == 0) {
      if (p > JX_FFT_MAX_GENERIC) return -1;
      radix[k++] = (int)p;
      n /= p;
    }
  }
  return k;
}

static const jx_fft_plan *jx_fft_plan_get(int64_t n, int32_t dtype, int32_t kind);

/* ------------------------------------------- ducc's structure, shared ---- */

// ducc's table of the roots of unity W_n^k = exp(2 pi i k / n): two tables
// of about sqrt(n) entries each (octant-reduced cos/sin in double), and
// W^k = v1[k & mask] v2[k >> shift] (k <= n/2, conjugate symmetry above),
// multiplied in double and then rounded to the element type. Its rounding
// decides which twiddles are exactly 0 or 1, hence where 0 * inf = NaN
// appears, so it is reproduced as is. Contraction is off (Package.swift).
typedef struct { int64_t n, mask; int shift; double *v1, *v2; } fft_uroots;

static void fft_uroot_calc(int64_t x, int64_t n, double ang, double *v) {
  x <<= 3;
  int neg = 0;
  if (x >= 4 * n) { x = 8 * n - x; neg = 1; }  // lower half: conjugate
  double re, im;
  if (x < 2 * n) {
    if (x < n) { re = cos((double)x * ang); im = sin((double)x * ang); }
    else { re = sin((double)(2 * n - x) * ang); im = cos((double)(2 * n - x) * ang); }
  } else {
    x -= 2 * n;
    if (x < n) { re = -sin((double)x * ang); im = cos((double)x * ang); }
    else { re = -cos((double)(2 * n - x) * ang); im = sin((double)(2 * n - x) * ang); }
  }
  v[0] = re;
  v[1] = neg ? -im : im;
}

static int fft_uroots_init(fft_uroots *u, int64_t n) {
  double ang = (double)(0.25L * 3.141592653589793238462643383279502884197L / (long double)n);
  int64_t nval = (n + 2) / 2;
  int shift = 1;
  while (((int64_t)1 << shift) * ((int64_t)1 << shift) < nval) shift++;
  int64_t mask = ((int64_t)1 << shift) - 1, n2 = (nval + mask) / (mask + 1);
  u->n = n;
  u->mask = mask;
  u->shift = shift;
  u->v1 = malloc(sizeof(double) * 2 * (size_t)(mask + 1));
  u->v2 = malloc(sizeof(double) * 2 * (size_t)n2);
  if (!u->v1 || !u->v2) { free(u->v1); free(u->v2); u->v1 = u->v2 = NULL; return -1; }
  u->v1[0] = u->v2[0] = 1;
  u->v1[1] = u->v2[1] = 0;
  for (int64_t i = 1; i <= mask; i++) fft_uroot_calc(i, n, ang, u->v1 + 2 * i);
  for (int64_t i = 1; i < n2; i++) fft_uroot_calc(i * (mask + 1), n, ang, u->v2 + 2 * i);
  return 0;
}

static void fft_uroots_free(fft_uroots *u) { free(u->v1); free(u->v2); u->v1 = u->v2 = NULL; }

static void fft_uroots_get(const fft_uroots *u, int64_t idx, double *re, double *im) {
  int conj = 2 * idx > u->n;
  if (conj) idx = u->n - idx;
  const double *a = u->v1 + 2 * (idx & u->mask), *b = u->v2 + 2 * (idx >> u->shift);
  *re = a[0] * b[0] - a[1] * b[1];
  *im = a[0] * b[1] + a[1] * b[0];
  if (conj) *im = -*im;
}

// ducc's factor order for complex passes (mode 1): 8s, 4s, one 2 moved to
// the front, then odd primes ascending; for real passes (mode 2, rfftpass):
// the same without 8s; mode 0: the plain prime factors.
static int fft_ducc_factor(int64_t n, int64_t *f, int mode) {
  int k = 0;
  while (mode == 1 && n % 8 == 0) { f[k++] = 8; n /= 8; }
  while (mode && n % 4 == 0) { f[k++] = 4; n /= 4; }
  while (n % 2 == 0) {
    n /= 2;
    f[k++] = 2;
    if (mode) { int64_t t = f[0]; f[0] = 2; f[k - 1] = t; break; }
  }
  for (int64_t d = 3; d * d <= n; d += 2)
    while (n % d == 0) { f[k++] = d; n /= d; }
  if (n > 1) f[k++] = n;
  return k;
}

// ducc's good_size_cmplx: the least 2^a 3^b 5^c 7^d 11^e >= n (Bluestein).
static int64_t fft_good_size_cmplx(int64_t n) {
  if (n <= 12) return n;
  int64_t best = 2 * n;
  for (int64_t f11 = 1; f11 < best; f11 *= 11)
    for (int64_t f7 = f11; f7 < best; f7 *= 7)
      for (int64_t f5 = f7; f5 < best; f5 *= 5) {
        int64_t x = f5;
        while (x < n) x *= 2;
        for (;;) {
          if (x < n) x *= 3;
          else if (x > n) { if (x < best) best = x; if (x & 1) break; x >>= 1; }
          else return n;
        }
      }
  return best;
}

#define FT float
#define FS f
#define FDT JX_F32
#define FCPV 8
#include "fft_template.h"
#undef FT
#undef FS
#undef FDT
#undef FCPV
#define FT double
#define FS d
#define FDT JX_F64
#define FCPV 4
#include "fft_template.h"

/* ------------------------------------------------------------ cache ---- */

static pthread_mutex_t fft_lock = PTHREAD_MUTEX_INITIALIZER;
static jx_fft_plan *fft_plans;

static jx_fft_plan *fft_build(int64_t n, int32_t dtype, int32_t kind) {
  return dtype == JX_F32 ? fft_build_f(n, kind) : fft_build_d(n, kind);
}

// The cached plan; built outside the lock (building may look up sub-plans),
// and the loser of a race frees its copy.
static const jx_fft_plan *jx_fft_plan_get(int64_t n, int32_t dtype, int32_t kind) {
  pthread_mutex_lock(&fft_lock);
  for (jx_fft_plan *p = fft_plans; p; p = p->next)
    if (p->n == n && p->dtype == dtype && p->kind == kind) { pthread_mutex_unlock(&fft_lock); return p; }
  pthread_mutex_unlock(&fft_lock);
  jx_fft_plan *made = fft_build(n, dtype, kind);
  if (!made) return NULL;
  pthread_mutex_lock(&fft_lock);
  for (jx_fft_plan *p = fft_plans; p; p = p->next)
    if (p->n == n && p->dtype == dtype && p->kind == kind) {
      pthread_mutex_unlock(&fft_lock);
      free(made->tw); free(made->roots); free(made->chirp); free(made->bfft); free(made->rtw); free(made);
      return p;
    }
  made->next = fft_plans;
  fft_plans = made;
  pthread_mutex_unlock(&fft_lock);
  return made;
}

/* --------------------------------------------------------- entry points */

// The entry points' common checks and plan lookup: the plan of length n
// for dtype and kind, or NULL with *status set to what the entry point
// returns (0: nothing to do, n or count is 0; -1: a bad argument; -2: no
// memory for the plan).
static const jx_fft_plan *fft_prologue(int32_t dtype, int64_t n, int64_t count, int32_t kind, int *status) {
  *status = -1;
  if (dtype != JX_F32 && dtype != JX_F64) return NULL;
  if (n < 0 || count < 0) return NULL;
  *status = 0;
  if (n == 0 || count == 0) return NULL;
  const jx_fft_plan *p = jx_fft_plan_get(n, dtype, kind);
  if (!p) *status = -2;
  return p;
}

int jx_fft_c2c(int32_t dtype, int64_t n, int32_t inverse, double scale, const void *in, void *out,
               int64_t count, int64_t in_dist, int64_t out_dist) {
  int status;
  const jx_fft_plan *p = fft_prologue(dtype, n, count, inverse ? FFT_INV : FFT_FWD, &status);
  if (!p) return status;
  return dtype == JX_F32 ? fft_c2c_f(p, scale, in, out, count, in_dist, out_dist)
                         : fft_c2c_d(p, scale, in, out, count, in_dist, out_dist);
}

int jx_fft_r2c(int32_t dtype, int64_t n, double scale, const void *in, void *out,
               int64_t count, int64_t in_dist, int64_t out_dist) {
  int status;
  const jx_fft_plan *p = fft_prologue(dtype, n, count, FFT_REAL, &status);
  if (!p) return status;
  return dtype == JX_F32 ? fft_r2c_f(p, scale, in, out, count, in_dist, out_dist)
                         : fft_r2c_d(p, scale, in, out, count, in_dist, out_dist);
}

int jx_fft_c2r(int32_t dtype, int64_t n, double scale, const void *in, void *out,
               int64_t count, int64_t in_dist, int64_t out_dist) {
  int status;
  const jx_fft_plan *p = fft_prologue(dtype, n, count, FFT_REAL, &status);
  if (!p) return status;
  return dtype == JX_F32 ? fft_c2r_f(p, scale, in, out, count, in_dist, out_dist)
                         : fft_c2r_d(p, scale, in, out, count, in_dist, out_dist);
}
