// Type-generic half of fft.c, included once per element type with
// FT (float/double), FS (suffix f/d), FDT (the jx_dtype) and FCPV (complex
// values per 512-bit vector) defined. See fft.c for the algorithm.
#define F(name) JX_CAT(JX_CAT(name, _), FS)
#define C F(cpx)

typedef struct { FT re, im; } C;

static inline C F(cmul)(C a, C b) {
  return (C){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}
static inline C F(cadd)(C a, C b) { return (C){a.re + b.re, a.im + b.im}; }
static inline C F(csub)(C a, C b) { return (C){a.re - b.re, a.im - b.im}; }
// a * (-i) forward, a * (+i) inverse.
static inline C F(rot)(C a, int inv) { return inv ? (C){-a.im, a.re} : (C){a.im, -a.re}; }

/* ------------------------------------------------------------ plans ---- */

static int F(tables)(jx_fft_plan *p, int sign) {
  int64_t ntw = 0, nroot = 0, len = p->n;
  for (int i = 0; i < p->nst; i++) {
    p->tw_off[i] = ntw;
    p->root_off[i] = nroot;
    ntw += (len / p->radix[i]) * (p->radix[i] - 1);
    nroot += p->radix[i];
    len /= p->radix[i];
  }
  C *tw = malloc(sizeof(C) * (size_t)(ntw + 1)), *roots = malloc(sizeof(C) * (size_t)(nroot + 1));
  if (!tw || !roots) { free(tw); free(roots); return -1; }
  len = p->n;
  for (int i = 0; i < p->nst; i++) {
    int r = p->radix[i];
    int64_t m = len / r;
    for (int64_t j = 0; j < m; j++)
      for (int k = 1; k < r; k++) {
        double re, im;
        fft_unit(j * k, len, sign, &re, &im);
        tw[p->tw_off[i] + j * (r - 1) + k - 1] = (C){(FT)re, (FT)im};
      }
    for (int t = 0; t < r; t++) {
      double re, im;
      fft_unit(t, r, sign, &re, &im);
      roots[p->root_off[i] + t] = (C){(FT)re, (FT)im};
    }
    len = m;
  }
  p->tw = tw;
  p->roots = roots;
  return 0;
}

static int F(exec)(const jx_fft_plan *p, const C *in, C *out, C *work);

// Bluestein tables: chirp c_j = exp(sign pi i j^2 / n) and FFT_bm(conj chirp) / bm.
static int F(bluestein_tables)(jx_fft_plan *p, int sign) {
  int64_t n = p->n, bm = 1;
  while (bm < 2 * n - 1) bm *= 2;
  p->bm = bm;
  p->bf = jx_fft_plan_get(bm, FDT, FFT_FWD);
  p->bi = jx_fft_plan_get(bm, FDT, FFT_INV);
  C *chirp = malloc(sizeof(C) * (size_t)n), *b = calloc((size_t)(3 * bm), sizeof(C));
  if (!p->bf || !p->bi || !chirp || !b) { free(chirp); free(b); return -1; }
  for (int64_t j = 0; j < n; j++) {
    // j^2 mod 2n without overflow for any n < 2^31.
    int64_t q = (int64_t)(((unsigned __int128)j * (unsigned __int128)j) % (unsigned __int128)(2 * n));
    double re, im;
    fft_unit(q, 2 * n, sign, &re, &im);
    chirp[j] = (C){(FT)re, (FT)im};
    b[j] = (C){(FT)re, (FT)-im};
    if (j) b[bm - j] = b[j];
  }
  C *bfft = malloc(sizeof(C) * (size_t)bm);
  if (!bfft) { free(chirp); free(b); return -1; }
  F(exec)(p->bf, b, bfft, b + bm);
  for (int64_t j = 0; j < bm; j++) { bfft[j].re /= (FT)bm; bfft[j].im /= (FT)bm; }
  free(b);
  p->chirp = chirp;
  p->bfft = bfft;
  return 0;
}

static int F(real_tables)(jx_fft_plan *p) {
  int64_t n = p->n, h = n / 2;
  int even = n % 2 == 0;
  p->hf = jx_fft_plan_get(even ? h : n, FDT, FFT_FWD);
  p->hi = jx_fft_plan_get(even ? h : n, FDT, FFT_INV);
  if (!p->hf || !p->hi) return -1;
  if (!even) return 0;
  C *rtw = malloc(sizeof(C) * (size_t)(h + 1));
  if (!rtw) return -1;
  for (int64_t k = 0; k < h; k++) {
    double re, im;
    fft_unit(k, n, -1, &re, &im);
    rtw[k] = (C){(FT)re, (FT)im};
  }
  p->rtw = rtw;
  return 0;
}

static jx_fft_plan *F(fft_build)(int64_t n, int32_t kind) {
  jx_fft_plan *p = calloc(1, sizeof(jx_fft_plan));
  if (!p) return NULL;
  p->n = n;
  p->dtype = FDT;
  p->kind = kind;
  int rc;
  if (kind == FFT_REAL) {
    rc = F(real_tables)(p);
  } else {
    int sign = kind == FFT_INV ? 1 : -1;
    p->nst = fft_factor(n, p->radix);
    if (p->nst < 0) {
      p->nst = 0;
      rc = F(bluestein_tables)(p, sign);
    } else {
      rc = F(tables)(p, sign);
    }
  }
  if (rc) { free(p->tw); free(p->roots); free(p->chirp); free(p->bfft); free(p->rtw); free(p); return NULL; }
  return p;
}

/* ----------------------------------------------------- scalar passes ---- */

static void F(pass2)(int64_t len, int64_t s, const C *tw, const C *x, C *y) {
  int64_t m = len / 2;
  for (int64_t j = 0; j < m; j++) {
    C w = tw[j];
    const C *x0 = x + s * j, *x1 = x0 + s * m;
    C *y0 = y + s * 2 * j, *y1 = y0 + s;
    for (int64_t q = 0; q < s; q++) {
      C a = x0[q], b = x1[q];
      y0[q] = F(cadd)(a, b);
      y1[q] = j ? F(cmul)(F(csub)(a, b), w) : F(csub)(a, b);
    }
  }
}

static void F(pass4)(int64_t len, int64_t s, const C *tw, const C *x, C *y, int inv) {
  int64_t m = len / 4;
  for (int64_t j = 0; j < m; j++) {
    C w1 = tw[3 * j], w2 = tw[3 * j + 1], w3 = tw[3 * j + 2];
    const C *x0 = x + s * j, *x1 = x0 + s * m, *x2 = x1 + s * m, *x3 = x2 + s * m;
    C *y0 = y + s * 4 * j, *y1 = y0 + s, *y2 = y1 + s, *y3 = y2 + s;
    for (int64_t q = 0; q < s; q++) {
      C a0 = x0[q], a1 = x1[q], a2 = x2[q], a3 = x3[q];
      C t0 = F(cadd)(a0, a2), t1 = F(csub)(a0, a2), t2 = F(cadd)(a1, a3);
      C t3 = F(rot)(F(csub)(a1, a3), inv);
      C u1 = F(cadd)(t1, t3), u2 = F(csub)(t0, t2), u3 = F(csub)(t1, t3);
      y0[q] = F(cadd)(t0, t2);
      // j = 0's twiddles are exactly 1: no product needed.
      y1[q] = j ? F(cmul)(u1, w1) : u1;
      y2[q] = j ? F(cmul)(u2, w2) : u2;
      y3[q] = j ? F(cmul)(u3, w3) : u3;
    }
  }
}

// Any odd prime radix r <= JX_FFT_MAX_GENERIC, in the symmetric form ducc
// (pocketfft) uses: with s_t = a_t + a_{r-t} and d_t = a_t - a_{r-t},
//   y_k, y_{r-k} = a_0 + sum_t cos_tk s_t  (+/-)  i sum_t sin_tk d_t,
// the roots entering as real scalars (half the products of a complex DFT).
static void F(passg)(int64_t len, int64_t s, int r, const C *tw, const C *roots, const C *x, C *y) {
  int64_t m = len / r;
  int h = r / 2;
  C a[JX_FFT_MAX_GENERIC + 1], sum[JX_FFT_MAX_GENERIC / 2 + 1], dif[JX_FFT_MAX_GENERIC / 2 + 1], out[JX_FFT_MAX_GENERIC + 1];
  for (int64_t j = 0; j < m; j++)
    for (int64_t q = 0; q < s; q++) {
      for (int t = 0; t < r; t++) a[t] = x[q + s * (j + t * m)];
      C y0 = a[0];
      for (int t = 1; t <= h; t++) {
        sum[t] = F(cadd)(a[t], a[r - t]);
        dif[t] = F(csub)(a[t], a[r - t]);
        y0 = F(cadd)(y0, sum[t]);
      }
      out[0] = y0;
      for (int k = 1; k <= h; k++) {
        C ca = a[0], cb = {0, 0};
        int idx = 0;
        for (int t = 1; t <= h; t++) {
          idx += k;
          if (idx >= r) idx -= r;
          FT c = roots[idx].re, sn = roots[idx].im;
          ca = (C){ca.re + c * sum[t].re, ca.im + c * sum[t].im};
          cb = (C){cb.re + sn * dif[t].re, cb.im + sn * dif[t].im};
        }
        out[k] = (C){ca.re - cb.im, ca.im + cb.re};      // ca + i cb
        out[r - k] = (C){ca.re + cb.im, ca.im - cb.re};  // ca - i cb
      }
      for (int k = 0; k < r; k++)
        y[q + s * (r * j + k)] = k && j ? F(cmul)(out[k], tw[j * (r - 1) + k - 1]) : out[k];
    }
}

/* ---------------------------------------------------- AVX-512 passes ---- */
#if FFT_X86
#if FCPV == 8
#define VT __m512
#define VLD(p) _mm512_loadu_ps((const float *)(p))
#define VST(p, v) _mm512_storeu_ps((float *)(p), v)
#define VADD _mm512_add_ps
#define VSUB _mm512_sub_ps
#define VMUL _mm512_mul_ps
#define VSET1 _mm512_set1_ps
#define VSWAP(a) _mm512_permute_ps(a, 0xB1)
#define VFMAS _mm512_fmaddsub_ps
#define VALT(e, o) _mm512_setr_ps(e, o, e, o, e, o, e, o, e, o, e, o, e, o, e, o)
#define VDUPRE _mm512_moveldup_ps
#define VDUPIM _mm512_movehdup_ps
#define VHALF_ST(p, v, hi) _mm256_storeu_pd((double *)(p), hi ? _mm512_extractf64x4_pd(_mm512_castps_pd(v), 1) : _mm512_castpd512_pd256(_mm512_castps_pd(v)))
#else
#define VT __m512d
#define VLD(p) _mm512_loadu_pd((const double *)(p))
#define VST(p, v) _mm512_storeu_pd((double *)(p), v)
#define VADD _mm512_add_pd
#define VSUB _mm512_sub_pd
#define VMUL _mm512_mul_pd
#define VSET1 _mm512_set1_pd
#define VSWAP(a) _mm512_permute_pd(a, 0x55)
#define VFMAS _mm512_fmaddsub_pd
#define VALT(e, o) _mm512_setr_pd(e, o, e, o, e, o, e, o)
#define VDUPRE _mm512_movedup_pd
#define VDUPIM(w) _mm512_permute_pd(w, 0xFF)
#define VHALF_ST(p, v, hi) _mm256_storeu_pd((double *)(p), hi ? _mm512_extractf64x4_pd(v, 1) : _mm512_castpd512_pd256(v))
#endif
// Complex product of two vectors (per-lane twiddles).
#define VCMULV(a, w) VFMAS(a, VDUPRE(w), VMUL(VSWAP(a), VDUPIM(w)))
// (a.re w.re - a.im w.im, a.im w.re + a.re w.im) with w broadcast.
#define VCMUL(a, w) VFMAS(a, VSET1((w).re), VMUL(VSWAP(a), VSET1((w).im)))

FFT_T512 static void F(pass2_v)(int64_t len, int64_t s, const C *tw, const C *x, C *y) {
  int64_t m = len / 2;
  for (int64_t j = 0; j < m; j++) {
    C w = tw[j];
    const C *x0 = x + s * j, *x1 = x0 + s * m;
    C *y0 = y + s * 2 * j, *y1 = y0 + s;
    for (int64_t q = 0; q < s; q += FCPV) {
      VT a = VLD(x0 + q), b = VLD(x1 + q);
      VST(y0 + q, VADD(a, b));
      VST(y1 + q, j ? VCMUL(VSUB(a, b), w) : VSUB(a, b));
    }
  }
}

FFT_T512 static void F(pass4_v)(int64_t len, int64_t s, const C *tw, const C *x, C *y, int inv) {
  int64_t m = len / 4;
  // After the re/im swap, -i is (+, -) on (re, im) lanes and +i is (-, +).
  VT sgn = inv ? VALT(-1, 1) : VALT(1, -1);
  for (int64_t j = 0; j < m; j++) {
    C w1 = tw[3 * j], w2 = tw[3 * j + 1], w3 = tw[3 * j + 2];
    const C *x0 = x + s * j, *x1 = x0 + s * m, *x2 = x1 + s * m, *x3 = x2 + s * m;
    C *y0 = y + s * 4 * j, *y1 = y0 + s, *y2 = y1 + s, *y3 = y2 + s;
    for (int64_t q = 0; q < s; q += FCPV) {
      VT a0 = VLD(x0 + q), a1 = VLD(x1 + q), a2 = VLD(x2 + q), a3 = VLD(x3 + q);
      VT t0 = VADD(a0, a2), t1 = VSUB(a0, a2), t2 = VADD(a1, a3);
      VT t3 = VMUL(VSWAP(VSUB(a1, a3)), sgn);
      VT u0 = VADD(t0, t2), u1 = VADD(t1, t3), u2 = VSUB(t0, t2), u3 = VSUB(t1, t3);
      VST(y0 + q, u0);
      if (j) {
        u1 = VCMUL(u1, w1);
        u2 = VCMUL(u2, w2);
        u3 = VCMUL(u3, w3);
      }
      VST(y1 + q, u1);
      VST(y2 + q, u2);
      VST(y3 + q, u3);
    }
  }
}
// Stores u0..u3 (lane l holds output k of the l-th j) as y[4 j + k]: a
// transpose of 128-bit lanes (after pairing complex floats into lanes).
FFT_T512 static inline void F(store_t4)(C *y, VT u0, VT u1, VT u2, VT u3) {
#if FCPV == 8
  __m512d a = _mm512_castps_pd(u0), b = _mm512_castps_pd(u1), c = _mm512_castps_pd(u2), d = _mm512_castps_pd(u3);
  __m512d p0 = _mm512_unpacklo_pd(a, b), p2 = _mm512_unpackhi_pd(a, b);
  __m512d p1 = _mm512_unpacklo_pd(c, d), p3 = _mm512_unpackhi_pd(c, d);
#else
  __m512d p0 = u0, p1 = u1, p2 = u2, p3 = u3;
#endif
  __m512d t0 = _mm512_shuffle_f64x2(p0, p1, 0x44), t1 = _mm512_shuffle_f64x2(p2, p3, 0x44);
  __m512d t2 = _mm512_shuffle_f64x2(p0, p1, 0xEE), t3 = _mm512_shuffle_f64x2(p2, p3, 0xEE);
  double *o = (double *)y;
  _mm512_storeu_pd(o, _mm512_shuffle_f64x2(t0, t1, 0x88));
  _mm512_storeu_pd(o + 8, _mm512_shuffle_f64x2(t0, t1, 0xDD));
  _mm512_storeu_pd(o + 16, _mm512_shuffle_f64x2(t2, t3, 0x88));
  _mm512_storeu_pd(o + 24, _mm512_shuffle_f64x2(t2, t3, 0xDD));
}

// Radix 4 with s = 1 or s = FCPV / 2 (the first passes, too narrow to
// vectorise over q): lanes run over (j, q) with j the slower index. Lane
// twiddles are W^(j0 k) (from the table) times the constant W^(dj k).
FFT_T512 static void F(pass4_vj)(int64_t len, int64_t s, const C *tw, const C *x, C *y, int inv) {
  int64_t m = len / 4, lj = FCPV / s;  // j values per vector
  VT sgn = inv ? VALT(-1, 1) : VALT(1, -1);
  C lk[3][FCPV];
  for (int k = 1; k < 4; k++)
    for (int l = 0; l < FCPV; l++) {
      double re, im;
      fft_unit((l / s) * k, len, inv ? 1 : -1, &re, &im);
      lk[k - 1][l] = (C){(FT)re, (FT)im};
    }
  VT l1 = VLD(lk[0]), l2 = VLD(lk[1]), l3 = VLD(lk[2]);
  for (int64_t j = 0; j < m; j += lj) {
    const C *x0 = x + s * j, *x1 = x0 + s * m, *x2 = x1 + s * m, *x3 = x2 + s * m;
    VT a0 = VLD(x0), a1 = VLD(x1), a2 = VLD(x2), a3 = VLD(x3);
    VT t0 = VADD(a0, a2), t1 = VSUB(a0, a2), t2 = VADD(a1, a3);
    VT t3 = VMUL(VSWAP(VSUB(a1, a3)), sgn);
    VT w1 = VCMUL(l1, tw[3 * j]), w2 = VCMUL(l2, tw[3 * j + 1]), w3 = VCMUL(l3, tw[3 * j + 2]);
    VT u0 = VADD(t0, t2), u1 = VCMULV(VADD(t1, t3), w1), u2 = VCMULV(VSUB(t0, t2), w2), u3 = VCMULV(VSUB(t1, t3), w3);
    if (s == 1) { F(store_t4)(y + 4 * j, u0, u1, u2, u3); continue; }
    C *y0 = y + s * 4 * j;  // two j per vector: low half is j, high half j + 1
    VHALF_ST(y0, u0, 0); VHALF_ST(y0 + s, u1, 0); VHALF_ST(y0 + 2 * s, u2, 0); VHALF_ST(y0 + 3 * s, u3, 0);
    VHALF_ST(y0 + 4 * s, u0, 1); VHALF_ST(y0 + 5 * s, u1, 1); VHALF_ST(y0 + 6 * s, u2, 1); VHALF_ST(y0 + 7 * s, u3, 1);
  }
}
#undef VT
#undef VLD
#undef VST
#undef VADD
#undef VSUB
#undef VMUL
#undef VSET1
#undef VSWAP
#undef VFMAS
#undef VALT
#undef VCMUL
#undef VCMULV
#undef VHALF_ST
#undef VDUPIM
#undef VDUPRE
#endif

#include "fft_ducc_template.h"
#include "fft_ducc_real_template.h"

/* --------------------------------------------------------- execution ---- */

// One Stockham pass from x to y (finite rows only: see F(finite)).
static void F(pass)(const jx_fft_plan *p, int i, int64_t len, int64_t s, const C *x, C *y) {
  int r = p->radix[i], inv = p->kind == FFT_INV;
  const C *tw = (const C *)p->tw + p->tw_off[i];
  int vec = FFT_X86 && s % FCPV == 0 && fft_isa512();
#if FFT_X86
  if (vec && r == 4) { F(pass4_v)(len, s, tw, x, y, inv); return; }
  if (vec && r == 2) { F(pass2_v)(len, s, tw, x, y); return; }
  int narrow = FFT_X86 && (s == 1 || 2 * s == FCPV) && (len / 4) % (FCPV / s) == 0 && fft_isa512();
  if (narrow && r == 4) { F(pass4_vj)(len, s, tw, x, y, inv); return; }
#endif
  if (r == 4) F(pass4)(len, s, tw, x, y, inv);
  else if (r == 2) F(pass2)(len, s, tw, x, y);
  else F(passg)(len, s, r, tw, (const C *)p->roots + p->root_off[i], x, y);
}

static void F(bluestein)(const jx_fft_plan *p, const C *in, C *out, C *work) {
  int64_t n = p->n, bm = p->bm;
  const C *chirp = p->chirp, *bfft = p->bfft;
  C *a = work, *fa = work + bm, *w2 = work + 2 * bm;
  for (int64_t j = 0; j < n; j++) a[j] = F(cmul)(in[j], chirp[j]);
  memset(a + n, 0, sizeof(C) * (size_t)(bm - n));
  F(exec)(p->bf, a, fa, w2);
  for (int64_t j = 0; j < bm; j++) fa[j] = F(cmul)(fa[j], bfft[j]);
  F(exec)(p->bi, fa, a, w2);
  for (int64_t k = 0; k < n; k++) out[k] = F(cmul)(a[k], chirp[k]);
}

// Unnormalised transform of one length-n vector; in and out must not
// overlap; work holds F(work_size)(p) values.
static int F(exec)(const jx_fft_plan *p, const C *in, C *out, C *work) {
  if (p->bm) { F(bluestein)(p, in, out, work); return 0; }
  if (p->nst == 0) { out[0] = in[0]; return 0; }
  // Ping-pong so that the last pass lands in out.
  C *bufs[2] = {p->nst % 2 ? out : work, p->nst % 2 ? work : out};
  const C *x = in;
  int64_t len = p->n, s = 1;
  for (int i = 0; i < p->nst; i++) {
    C *y = bufs[i % 2];
    F(pass)(p, i, len, s, x, y);
    x = y;
    len /= p->radix[i];
    s *= p->radix[i];
  }
  return 0;
}

static int64_t F(work_size)(const jx_fft_plan *p) { return p->bm ? 3 * p->bm : p->n; }

static void F(scale_out)(FT *x, int64_t count, double scale) {
  if (scale == 1.0) return;
  FT f = (FT)scale;
  for (int64_t i = 0; i < count; i++) x[i] *= f;
}

// 1 when every value is finite. A row holding NaN or infinity runs ducc's
// own pass structure instead (F(exec_ducc)), so that they spread as in JAX,
// e.g. fft([1, nan, 2, 3])[1] == -1+nanj. Integer OR of a comparison, so
// the check vectorises.
static int F(finite)(const FT *x, int64_t count) {
  int bad = 0;
  for (int64_t i = 0; i < count; i++) bad |= x[i] - x[i] != 0;
  return !bad;
}

// Whether ducc (as XLA calls it: rows of a [batch, n] array) transforms row
// b of count alone, with its plan for lone rows, rather than in a SIMD group
// of ducc's vector length (AVX: 8 floats, 4 doubles) with its plan for
// batches; the two plans differ for n > 300 with n % 4 == 0
// (F(dm_vecpass)). ducc groups rows while vlen rows of 2n values plus its
// plan's scratch fit 512 KiB: the scratch is n values unless the plan works
// in place (a lone radix 8 or Bluestein pass), 32 more when 1024 divides n,
// and about 2 ip2 for a Bluestein pass of length ip2.
static int F(ducc_alone)(int64_t n, int64_t b, int64_t count) {
  int64_t vlen = FDT == JX_F32 ? 8 : 4, f[64], extra = n % 1024 ? 0 : 32;
  int nf = fft_ducc_factor(n, f, 1);
  int64_t big = nf ? f[nf - 1] : 1;  // the largest factor: odd primes come last
  if (big >= 110) extra += 2 * fft_good_size_cmplx(2 * big - 1);
  if (!(nf == 1 && (n == 8 || n >= 110))) extra += n;
  if ((int64_t)sizeof(C) * (2 * n * vlen + extra) > 524288) return 1;
  return b >= count - count % vlen;
}

static int F(fft_c2c)(const jx_fft_plan *p, double scale, const void *in, void *out, int64_t count,
                      int64_t in_dist, int64_t out_dist) {
  int64_t n = p->n, ws = F(work_size)(p);
  C *work = malloc(sizeof(C) * (size_t)(ws + n));
  if (!work) return -2;
  for (int64_t b = 0; b < count; b++) {
    const C *x = (const C *)in + b * in_dist;
    C *y = (C *)out + b * out_dist;
    if ((const void *)x == (void *)y) {  // in place: read from a copy
      memcpy(work + ws, x, sizeof(C) * (size_t)n);
      x = work + ws;
    }
    if (F(finite)((const FT *)x, 2 * n)) {
      F(exec)(p, x, y, work);
    } else if (F(exec_ducc)(n, x, y, p->kind == FFT_FWD, F(ducc_alone)(n, b, count))) {
      free(work);
      return -2;
    }
    F(scale_out)((FT *)y, 2 * n, scale);
  }
  free(work);
  return 0;
}

// X_k = E_k + W_n^k O_k from Z = FFT_{n/2}(x viewed as complex).
static void F(untangle)(const jx_fft_plan *p, const C *z, C *x) {
  int64_t h = p->n / 2;
  const C *w = p->rtw;
  x[0] = (C){z[0].re + z[0].im, 0};
  x[h] = (C){z[0].re - z[0].im, 0};
  for (int64_t k = 1; k < h; k++) {
    C zk = z[k], zc = {z[h - k].re, -z[h - k].im};
    C e = {(FT)0.5 * (zk.re + zc.re), (FT)0.5 * (zk.im + zc.im)};
    C d = F(csub)(zk, zc);
    C o = {(FT)0.5 * d.im, (FT)-0.5 * d.re};  // (zk - zc) / 2i
    x[k] = F(cadd)(e, F(cmul)(w[k], o));
  }
}

// The length-n complex transform a real transform falls back to (odd n,
// or a row with NaN or infinity): its plan of the given kind and a buffer
// of its work space plus 2n values, made on first use.
typedef struct { const jx_fft_plan *plan; C *buf; int64_t ws; } F(full_t);

static int F(full_get)(F(full_t) *f, int64_t n, int32_t kind) {
  if (f->buf) return 0;
  f->plan = jx_fft_plan_get(n, FDT, kind);
  if (!f->plan) return -2;
  f->ws = F(work_size)(f->plan);
  f->buf = malloc(sizeof(C) * (size_t)(f->ws + 2 * n));
  return f->buf ? 0 : -2;
}

static int F(fft_r2c)(const jx_fft_plan *p, double scale, const void *in, void *out, int64_t count,
                      int64_t in_dist, int64_t out_dist) {
  int64_t n = p->n, h = n / 2, even = n % 2 == 0;
  F(full_t) full = {0};
  C *work = NULL;
  if (even && !(work = malloc(sizeof(C) * (size_t)(F(work_size)(p->hf) + n + 1)))) return -2;
  for (int64_t b = 0; b < count; b++) {
    const FT *x = (const FT *)in + b * in_dist;
    C *y = (C *)out + b * out_dist;
    int finite = F(finite)(x, n);
    if (!finite) {  // ducc's real plan, so NaN and infinity land as in JAX
      if (F(exec_ducc_real)(n, x, y, 1)) { free(work); free(full.buf); return -2; }
    } else if (even) {
      C *zin = work + F(work_size)(p->hf), *z = zin + h;
      memcpy(zin, x, sizeof(FT) * (size_t)n);
      F(exec)(p->hf, zin, z, work);
      F(untangle)(p, z, y);
    } else {
      if (F(full_get)(&full, n, FFT_FWD)) { free(work); free(full.buf); return -2; }
      C *zin = full.buf + full.ws, *z = zin + n;
      for (int64_t j = 0; j < n; j++) zin[j] = (C){x[j], 0};
      F(exec)(full.plan, zin, z, full.buf);
      memcpy(y, z, sizeof(C) * (size_t)(h + 1));
      // Real input: Im X_0 is zero by symmetry; written as ducc does.
      y[0].im = 0;
    }
    F(scale_out)((FT *)y, 2 * (h + 1), scale);
  }
  free(work);
  free(full.buf);
  return 0;
}

// Z'_k = (X_k + conj X_{h-k}) + i conj(W^k) (X_k - conj X_{h-k}): twice the
// half-length spectrum of x viewed as complex (see fft.c).
static void F(tangle)(const jx_fft_plan *p, const C *x, C *z) {
  int64_t h = p->n / 2;
  const C *w = p->rtw;
  for (int64_t k = 0; k < h; k++) {
    C xk = x[k], xc = {x[h - k].re, -x[h - k].im};
    if (k == 0) { xk.im = 0; xc.im = 0; }  // c2r ignores Im X_0 and Im X_{n/2}
    C e = F(cadd)(xk, xc);
    C o = F(cmul)(F(csub)(xk, xc), (C){w[k].re, -w[k].im});
    z[k] = (C){e.re - o.im, e.im + o.re};
  }
}

// The full Hermitian spectrum of x (Im X_0 and, for even n, Im X_{n/2}
// ignored, as c2r does) through the length-n complex inverse (finite rows).
static int F(c2r_full)(const F(full_t) *f, int64_t n, const C *x, FT *y) {
  int64_t h = n / 2;
  C *zin = f->buf + f->ws, *z = zin + n;
  zin[0] = (C){x[0].re, 0};
  for (int64_t k = 1; k <= h; k++) {
    zin[k] = x[k];
    zin[n - k] = (C){x[k].re, -x[k].im};
  }
  if (n % 2 == 0) zin[h] = (C){x[h].re, 0};
  F(exec)(f->plan, zin, z, f->buf);
  for (int64_t j = 0; j < n; j++) y[j] = z[j].re;
  return 0;
}

static int F(fft_c2r)(const jx_fft_plan *p, double scale, const void *in, void *out, int64_t count,
                      int64_t in_dist, int64_t out_dist) {
  int64_t n = p->n, h = n / 2, even = n % 2 == 0;
  F(full_t) full = {0};
  C *work = NULL;
  if (even && !(work = malloc(sizeof(C) * (size_t)(F(work_size)(p->hi) + n + 1)))) return -2;
  for (int64_t b = 0; b < count; b++) {
    const C *x = (const C *)in + b * in_dist;
    FT *y = (FT *)out + b * out_dist;
    int finite = F(finite)((const FT *)x, 2 * (h + 1));
    if (!finite) {  // ducc's real plan, so NaN and infinity land as in JAX
      if (F(exec_ducc_real)(n, x, y, 0)) { free(work); free(full.buf); return -2; }
    } else if (even) {
      C *zin = work + F(work_size)(p->hi), *z = zin + h;
      F(tangle)(p, x, zin);
      F(exec)(p->hi, zin, z, work);
      memcpy(y, z, sizeof(FT) * (size_t)n);
    } else {
      if (F(full_get)(&full, n, FFT_INV)) { free(work); free(full.buf); return -2; }
      if (F(c2r_full)(&full, n, x, y)) { free(work); free(full.buf); return -2; }
    }
    F(scale_out)(y, n, scale);
  }
  free(work);
  free(full.buf);
  return 0;
}

#undef F
#undef C
