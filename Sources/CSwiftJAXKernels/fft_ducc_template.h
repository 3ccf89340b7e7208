// Type-generic half of fft.c's ducc-structured path (see "Rows with NaN or
// infinity" there), included from fft_template.h with F, C and FT defined.
//
// Every pass follows ducc's cfftp layout: a pass of radix ip with l1
// transforms before it and ido after it reads CC(i, j, k) = cc[i + ido (j + ip k)]
// and writes CH(i, k, j) = ch[i + ido (k + l1 j)], multiplying output j of
// column i >= 1 by the root W_N^(rfct j l1 i) (conjugated forward), where N is
// the length the root table was made for and rfct = N / (ip l1 ido). Column
// i = 0 is not multiplied. Each pass returns the buffer holding its result.

// v * conj(w) forward, v * w inverse (ducc's special_mul).
static inline C F(dm_smul)(C v, C w, int fwd) {
  return fwd ? (C){v.re * w.re + v.im * w.im, v.im * w.re - v.re * w.im} : (C){v.re * w.re - v.im * w.im, v.re * w.im + v.im * w.re};
}

static inline C F(dm_root)(const fft_uroots *u, int64_t idx) {
  double re, im;
  fft_uroots_get(u, idx, &re, &im);
  return (C){(FT)re, (FT)im};
}

// Twiddle of output j, column i of a pass (l1, ido, ip).
static inline C F(dm_tw)(const fft_uroots *u, int64_t l1, int64_t ido, int64_t ip, int64_t j, int64_t i) {
  return F(dm_root)(u, u->n / (ip * l1 * ido) * j * l1 * i);
}

// a * -i forward, a * i inverse (ducc's ROTX90).
static inline C F(dm_rot90)(C a, int fwd) { return fwd ? (C){a.im, -a.re} : (C){-a.im, a.re}; }

static C *F(dm_pass)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, C *cc, C *ch, int fwd, int vec);

static C *F(dm_pass2)(int64_t l1, int64_t ido, const fft_uroots *u, const C *cc, C *ch, int fwd) {
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 0; i < ido; i++) {
      C a = cc[i + ido * (2 * k)], b = cc[i + ido * (1 + 2 * k)];
      C d = {a.re - b.re, a.im - b.im};
      ch[i + ido * k] = (C){a.re + b.re, a.im + b.im};
      ch[i + ido * (k + l1)] = i ? F(dm_smul)(d, F(dm_tw)(u, l1, ido, 2, 1, i), fwd) : d;
    }
  return ch;
}

static C *F(dm_pass4)(int64_t l1, int64_t ido, const fft_uroots *u, const C *cc, C *ch, int fwd) {
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 0; i < ido; i++) {
      const C *x = cc + i + ido * 4 * k;
      C c0 = x[0], c1 = x[ido], c2 = x[2 * ido], c3 = x[3 * ido];
      C t2 = {c0.re + c2.re, c0.im + c2.im}, t1 = {c0.re - c2.re, c0.im - c2.im};
      C t3 = {c1.re + c3.re, c1.im + c3.im}, t4 = F(dm_rot90)((C){c1.re - c3.re, c1.im - c3.im}, fwd);
      C o[4] = {{t2.re + t3.re, t2.im + t3.im}, {t1.re + t4.re, t1.im + t4.im}, {t2.re - t3.re, t2.im - t3.im}, {t1.re - t4.re, t1.im - t4.im}};
      for (int j = 0; j < 4; j++)
        ch[i + ido * (k + l1 * j)] = i && j ? F(dm_smul)(o[j], F(dm_tw)(u, l1, ido, 4, j, i), fwd) : o[j];
    }
  return ch;
}

// ducc's ROTX45 / ROTX135: a times exp(-+i pi/4) and exp(-+3i pi/4), written
// with one constant so the parts mix as there.
static inline C F(dm_rot45)(C a, int fwd) {
  const FT h = (FT)0.707106781186547524400844362104849L;
  return fwd ? (C){h * (a.re + a.im), h * (a.im - a.re)} : (C){h * (a.re - a.im), h * (a.im + a.re)};
}
static inline C F(dm_rot135)(C a, int fwd) {
  const FT h = (FT)0.707106781186547524400844362104849L;
  return fwd ? (C){h * (a.im - a.re), h * (-a.re - a.im)} : (C){h * (-a.re - a.im), h * (a.re - a.im)};
}

static inline void F(dm_pm)(C *a, C *b) {  // (a, b) = (a + b, a - b)
  C t = *a;
  *a = (C){t.re + b->re, t.im + b->im};
  *b = (C){t.re - b->re, t.im - b->im};
}

// The radix-8 butterfly of ducc's cfftp8 on c[0..7], outputs in natural order.
static void F(dm_bfly8)(const C *c, C *o, int fwd) {
  C a1 = c[1], a5 = c[5], a3 = c[3], a7 = c[7], a0 = c[0], a4 = c[4], a2 = c[2], a6 = c[6];
  F(dm_pm)(&a1, &a5);
  F(dm_pm)(&a3, &a7);
  F(dm_pm)(&a1, &a3);
  a3 = F(dm_rot90)(a3, fwd);
  a7 = F(dm_rot90)(a7, fwd);
  F(dm_pm)(&a5, &a7);
  a5 = F(dm_rot45)(a5, fwd);
  a7 = F(dm_rot135)(a7, fwd);
  F(dm_pm)(&a0, &a4);
  F(dm_pm)(&a2, &a6);
  F(dm_pm)(&a0, &a2);
  o[0] = (C){a0.re + a1.re, a0.im + a1.im};
  o[4] = (C){a0.re - a1.re, a0.im - a1.im};
  o[2] = (C){a2.re + a3.re, a2.im + a3.im};
  o[6] = (C){a2.re - a3.re, a2.im - a3.im};
  a6 = F(dm_rot90)(a6, fwd);
  F(dm_pm)(&a4, &a6);
  o[1] = (C){a4.re + a5.re, a4.im + a5.im};
  o[5] = (C){a4.re - a5.re, a4.im - a5.im};
  o[3] = (C){a6.re + a7.re, a6.im + a7.im};
  o[7] = (C){a6.re - a7.re, a6.im - a7.im};
}

static C *F(dm_pass8)(int64_t l1, int64_t ido, const fft_uroots *u, const C *cc, C *ch, int fwd) {
  C c[8], o[8];
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 0; i < ido; i++) {
      for (int j = 0; j < 8; j++) c[j] = cc[i + ido * (j + 8 * k)];
      F(dm_bfly8)(c, o, fwd);
      for (int j = 0; j < 8; j++)
        ch[i + ido * (k + l1 * j)] = i && j ? F(dm_smul)(o[j], F(dm_tw)(u, l1, ido, 8, j, i), fwd) : o[j];
    }
  return ch;
}

// Odd radix 3 <= ip < 110 in ducc's symmetric form (cfftp3/5/7/11/g):
// s_t = a_t + a_{ip-t}, d_t = a_t - a_{ip-t}, y_0 = a_0 + sum s_t and
// y_j, y_{ip-j} = (a_0 + sum cos_tj s_t) +- i (sum sin_tj d_t). ducc's fixed
// radices take the cos/sin as constants, the generic one from the table; the
// values differ in the last bit at most, which moves no NaN or infinity.
static C *F(dm_passodd)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, const C *cc, C *ch, int fwd) {
  C a[110], s[55], d[55], cs[110];
  int64_t h = ip / 2;
  for (int64_t t = 0; t < ip; t++) {
    cs[t] = F(dm_root)(u, u->n / ip * t);
    if (fwd) cs[t].im = -cs[t].im;
  }
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 0; i < ido; i++) {
      for (int64_t t = 0; t < ip; t++) a[t] = cc[i + ido * (t + ip * k)];
      C y0 = a[0];
      for (int64_t t = 1; t <= h; t++) {
        s[t] = (C){a[t].re + a[ip - t].re, a[t].im + a[ip - t].im};
        d[t] = (C){a[t].re - a[ip - t].re, a[t].im - a[ip - t].im};
        y0 = (C){y0.re + s[t].re, y0.im + s[t].im};
      }
      ch[i + ido * k] = y0;
      for (int64_t j = 1; j <= h; j++) {
        C ca = a[0], cb = {0, 0};
        for (int64_t t = 1, idx = j; t <= h; t++, idx = (idx + j) % ip) {
          ca = (C){ca.re + cs[idx].re * s[t].re, ca.im + cs[idx].re * s[t].im};
          cb = (C){cb.re - cs[idx].im * d[t].im, cb.im + cs[idx].im * d[t].re};
        }
        C p = {ca.re + cb.re, ca.im + cb.im}, m = {ca.re - cb.re, ca.im - cb.im};
        ch[i + ido * (k + l1 * j)] = i ? F(dm_smul)(p, F(dm_tw)(u, l1, ido, ip, j, i), fwd) : p;
        ch[i + ido * (k + l1 * (ip - j))] = i ? F(dm_smul)(m, F(dm_tw)(u, l1, ido, ip, ip - j, i), fwd) : m;
      }
    }
  return ch;
}

/* ------------------------------------------------------ Bluestein ---- */

// ducc's cfftpblue tables for a prime ip: bk_m = W_2ip^(m^2) (from the pass's
// root table when its length is a multiple of 2 ip) and bkf, the forward
// transform of length ip2 of bk / ip2 wrapped symmetrically.
static int F(dm_blue_tables)(int64_t ip, int64_t ip2, const fft_uroots *u, C *bk, C *bkf, int vec) {
  fft_uroots own = {0}, sub = {0};
  const fft_uroots *r2 = u;
  if (u->n % (2 * ip)) {
    if (fft_uroots_init(&own, 2 * ip)) return -1;
    r2 = &own;
  }
  int64_t rf2 = r2->n / (2 * ip), coeff = 0;
  bk[0] = (C){1, 0};
  for (int64_t m = 1; m < ip; m++) {
    coeff += 2 * m - 1;
    if (coeff >= 2 * ip) coeff -= 2 * ip;
    bk[m] = F(dm_root)(r2, coeff * rf2);
  }
  C *t = calloc((size_t)(2 * ip2), sizeof(C));
  int rc = !t || fft_uroots_init(&sub, ip2);
  if (!rc) {
    FT xn2 = (FT)1 / (FT)ip2;
    t[0] = (C){bk[0].re * xn2, bk[0].im * xn2};
    for (int64_t m = 1; m < ip; m++) t[m] = t[ip2 - m] = (C){bk[m].re * xn2, bk[m].im * xn2};
    C *res = F(dm_pass)(1, 1, ip2, &sub, t, t + ip2, 1, vec);
    memcpy(bkf, res, sizeof(C) * (size_t)(ip2 / 2 + 1));
  }
  free(t);
  fft_uroots_free(&sub);
  fft_uroots_free(&own);
  return rc ? -1 : 0;
}

// The convolution of one column: a[0..ip2) (a[0..ip) filled) in place.
static C *F(dm_blue_conv)(int64_t ip, int64_t ip2, const fft_uroots *sub, const C *bkf, C *a, C *b, int fwd, int vec) {
  // ducc pads with a_0 * 0, so a NaN or infinity in a_0 spreads everywhere.
  C zero = {a[0].re * (FT)0, a[0].im * (FT)0};
  for (int64_t m = ip; m < ip2; m++) a[m] = zero;
  C *res = F(dm_pass)(1, 1, ip2, sub, a, b, 1, vec);
  res[0] = F(dm_smul)(res[0], bkf[0], !fwd);
  for (int64_t m = 1; m < (ip2 + 1) / 2; m++) {
    res[m] = F(dm_smul)(res[m], bkf[m], !fwd);
    res[ip2 - m] = F(dm_smul)(res[ip2 - m], bkf[m], !fwd);
  }
  if (ip2 % 2 == 0) res[ip2 / 2] = F(dm_smul)(res[ip2 / 2], bkf[ip2 / 2], !fwd);
  return F(dm_pass)(1, 1, ip2, sub, res, res == a ? b : a, 0, vec);
}

// vec: ducc's sub-plan of length ip2 is its lone-row plan when the Bluestein
// pass is the whole transform of a lone row.
static C *F(dm_blue)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, const C *cc, C *ch, int fwd, int vec) {
  int64_t ip2 = fft_good_size_cmplx(2 * ip - 1);
  fft_uroots sub = {0};
  C *bk = malloc(sizeof(C) * (size_t)ip), *bkf = malloc(sizeof(C) * (size_t)(ip2 / 2 + 1));
  C *a = malloc(sizeof(C) * (size_t)(2 * ip2));
  if (!bk || !bkf || !a || fft_uroots_init(&sub, ip2) || F(dm_blue_tables)(ip, ip2, u, bk, bkf, vec)) {
    // Out of memory: NaN marks the row rather than a silent wrong answer.
    for (int64_t x = 0; x < l1 * ido * ip; x++) ch[x] = (C){NAN, NAN};
  } else {
    for (int64_t k = 0; k < l1; k++)
      for (int64_t i = 0; i < ido; i++) {
        for (int64_t m = 0; m < ip; m++) a[m] = F(dm_smul)(cc[i + ido * (m + ip * k)], bk[m], fwd);
        C *res = F(dm_blue_conv)(ip, ip2, &sub, bkf, a, a + ip2, fwd, vec);
        for (int64_t m = 0; m < ip; m++) {
          C w = bk[m];
          if (i && m) {
            C t = F(dm_tw)(u, l1, ido, ip, m, i);
            w = (C){w.re * t.re - w.im * t.im, w.re * t.im + w.im * t.re};
          }
          ch[i + ido * (k + l1 * m)] = F(dm_smul)(res[m], w, fwd);
        }
      }
  }
  free(bk); free(bkf); free(a);
  fft_uroots_free(&sub);
  return ch;
}

/* ------------------------------------------------------ multipass ---- */

// A whole transform of length ip (l1 = ido = 1) as ducc's cfft_multipass
// runs it: one pass per factor up to ip = 10000, else two packets (the
// prime factors, largest first, dealt to the smaller packet).
static C *F(dm_whole)(int64_t ip, const fft_uroots *u, C *p1, C *p2, int fwd) {
  int64_t f[64];
  int nf;
  if (ip <= 10000) {
    nf = fft_ducc_factor(ip, f, 1);
  } else {
    int64_t pf[64], pk[2] = {1, 1};
    int np = fft_ducc_factor(ip, pf, 0);  // 2s first, then ascending odd primes
    for (int x = np - 1; x >= 0; x--) pk[pk[0] > pk[1]] *= pf[x];
    nf = 2;
    f[0] = pk[0];
    f[1] = pk[1];
  }
  int64_t l1 = 1;
  for (int x = 0; x < nf; x++) {
    C *res = F(dm_pass)(l1, ip / (f[x] * l1), f[x], u, p1, p2, fwd, 0);
    if (res == p2) { C *t = p1; p1 = p2; p2 = t; }
    l1 *= f[x];
  }
  return p1;
}

// A multipass of length ip inside a larger transform (ducc only builds these
// for packets of lengths above 10000): with ido == 1, l1 whole transforms of
// contiguous blocks, then a transpose; with l1 == 1, a whole transform of
// each column i, whose outputs m >= 1 are then multiplied by W^(rfct m i).
static C *F(dm_multi)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, C *cc, C *ch, int fwd) {
  C *t = malloc(sizeof(C) * (size_t)(2 * ip));
  if (!t) {
    for (int64_t x = 0; x < l1 * ido * ip; x++) ch[x] = (C){NAN, NAN};
    return ch;
  }
  if (ido == 1) {
    for (int64_t k = 0; k < l1; k++) {
      memcpy(t, cc + k * ip, sizeof(C) * (size_t)ip);
      C *res = F(dm_whole)(ip, u, t, t + ip, fwd);
      for (int64_t m = 0; m < ip; m++) ch[k + m * l1] = res[m];
    }
  } else {  // l1 == 1 (ducc has no other case)
    int64_t rfct = u->n / (ip * ido);
    for (int64_t i = 0; i < ido; i++) {
      for (int64_t m = 0; m < ip; m++) t[m] = cc[i + ido * m];
      C *res = F(dm_whole)(ip, u, t, t + ip, fwd);
      for (int64_t m = 0; m < ip; m++)
        ch[i + ido * m] = i && m ? F(dm_smul)(res[m], F(dm_root)(u, rfct * m * i), fwd) : res[m];
    }
  }
  free(t);
  return ch;
}

// ducc's cfftp_vecpass (a single row of length 300 < ip <= 100000, ip % 4 == 0,
// when ducc runs it alone): a radix-4 pass with l1 = 1, then the four
// interleaved quarter-length transforms, output m of quarter j at 4 m + j.
static C *F(dm_vecpass)(int64_t ip, const fft_uroots *u, C *cc, C *ch, int fwd) {
  int64_t q = ip / 4;
  C *t = malloc(sizeof(C) * (size_t)(2 * q));
  if (!t) {
    for (int64_t x = 0; x < ip; x++) ch[x] = (C){NAN, NAN};
    return ch;
  }
  C *res = F(dm_pass4)(1, q, u, cc, ch, fwd);
  for (int j = 0; j < 4; j++) {
    memcpy(t, res + j * q, sizeof(C) * (size_t)q);
    C *r = F(dm_pass)(1, 1, q, u, t, t + q, fwd, 0);
    for (int64_t m = 0; m < q; m++) cc[4 * m + j] = r[m];
  }
  free(t);
  return cc;
}

// ducc's make_pass: the pass of radix ip at (l1, ido), run from cc; returns
// the buffer holding the result (cc or ch).
static C *F(dm_pass)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, C *cc, C *ch, int fwd, int vec) {
  if (vec && ip > 300 && ip <= 100000 && l1 == 1 && ido == 1 && ip % 4 == 0) return F(dm_vecpass)(ip, u, cc, ch, fwd);
  if (ip == 1) return cc;
  int64_t f[64];
  if (fft_ducc_factor(ip, f, 1) > 1)
    return l1 == 1 && ido == 1 ? F(dm_whole)(ip, u, cc, ch, fwd) : F(dm_multi)(l1, ido, ip, u, cc, ch, fwd);
  switch (ip) {
    case 2: return F(dm_pass2)(l1, ido, u, cc, ch, fwd);
    case 4: return F(dm_pass4)(l1, ido, u, cc, ch, fwd);
    case 8: return F(dm_pass8)(l1, ido, u, cc, ch, fwd);
    default: return ip < 110 ? F(dm_passodd)(l1, ido, ip, u, cc, ch, fwd) : F(dm_blue)(l1, ido, ip, u, cc, ch, fwd, vec);
  }
}

// One row through ducc's plan for length n (vec: the plan ducc uses for a
// row it transforms alone, see F(fft_c2c)). Unnormalised.
static int F(exec_ducc)(int64_t n, const C *in, C *out, int fwd, int vec) {
  fft_uroots u = {0};
  C *a = malloc(sizeof(C) * (size_t)(2 * n));
  if (!a || fft_uroots_init(&u, n)) { free(a); return -2; }
  memcpy(a, in, sizeof(C) * (size_t)n);
  C *res = F(dm_pass)(1, 1, n, &u, a, a + n, fwd, vec);
  memcpy(out, res, sizeof(C) * (size_t)n);
  free(a);
  fft_uroots_free(&u);
  return 0;
}
