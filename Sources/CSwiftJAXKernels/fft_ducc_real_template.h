// Type-generic real half of fft.c's ducc-structured path: ducc's real plan
// (rfftpass, FFTPACK's radf / radb passes), included from fft_template.h
// after fft_ducc_template.h with F, C and FT defined.
//
// A real row of length n runs forward from n reals to FFTPACK's halfcomplex
// order r_0, r_1, i_1, r_2, i_2, ... (r_{n/2} last for even n), and backward
// the other way. A forward pass of radix ip with l1 transforms before it and
// ido after it reads FCC(i, k, j) = cc[i + ido (k + l1 j)] and writes
// FCH(i, j, k) = ch[i + ido (j + ip k)]; a backward pass the reverse. The
// twiddle of output j, column pair (i-1, i) (i even) is the root
// W_N^(rfct j l1 i/2) of the plan's table, rounded to the element type.
// ducc runs the forward passes of a plan in reverse factor order.
#define DR_FCC(a, b, c) cc[(a) + ido * ((b) + l1 * (c))]
#define DR_FCH(a, b, c) ch[(a) + ido * ((b) + ip * (c))]
#define DR_BCC(a, b, c) cc[(a) + ido * ((b) + ip * (c))]
#define DR_BCH(a, b, c) ch[(a) + ido * ((b) + l1 * (c))]

// ducc's MULPM: (a, b) = (c e + d f, c f - d e), i.e. a + ib = conj(c + id) (e + if).
#define DR_MULPM(a, b, c, d, e, f) do { FT c_ = (c), d_ = (d), e_ = (e), f_ = (f); (a) = c_ * e_ + d_ * f_; (b) = c_ * f_ - d_ * e_; } while (0)
#define DR_PM(a, b, c, d) do { FT c_ = (c), d_ = (d); (a) = c_ + d_; (b) = c_ - d_; } while (0)

// Twiddle j of the column pair ending at even i.
static inline C F(dr_tw)(const fft_uroots *u, int64_t l1, int64_t ido, int64_t ip, int64_t j, int64_t i) {
  return F(dm_tw)(u, l1, ido, ip, j, i / 2);
}

static FT *F(dr_radf2)(int64_t l1, int64_t ido, const fft_uroots *u, const FT *cc, FT *ch) {
  const int64_t ip = 2;
  for (int64_t k = 0; k < l1; k++) DR_PM(DR_FCH(0, 0, k), DR_FCH(ido - 1, 1, k), DR_FCC(0, k, 0), DR_FCC(0, k, 1));
  if (ido % 2 == 0)
    for (int64_t k = 0; k < l1; k++) {
      DR_FCH(0, 1, k) = -DR_FCC(ido - 1, k, 1);
      DR_FCH(ido - 1, 0, k) = DR_FCC(ido - 1, k, 0);
    }
  if (ido <= 2) return ch;
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 2; i < ido; i += 2) {
      int64_t ic = ido - i;
      C w = F(dr_tw)(u, l1, ido, ip, 1, i);
      FT tr2, ti2;
      DR_MULPM(tr2, ti2, w.re, w.im, DR_FCC(i - 1, k, 1), DR_FCC(i, k, 1));
      DR_PM(DR_FCH(i - 1, 0, k), DR_FCH(ic - 1, 1, k), DR_FCC(i - 1, k, 0), tr2);
      DR_PM(DR_FCH(i, 0, k), DR_FCH(ic, 1, k), ti2, DR_FCC(i, k, 0));
    }
  return ch;
}

static FT *F(dr_radb2)(int64_t l1, int64_t ido, const fft_uroots *u, const FT *cc, FT *ch) {
  const int64_t ip = 2;
  for (int64_t k = 0; k < l1; k++) DR_PM(DR_BCH(0, k, 0), DR_BCH(0, k, 1), DR_BCC(0, 0, k), DR_BCC(ido - 1, 1, k));
  if (ido % 2 == 0)
    for (int64_t k = 0; k < l1; k++) {
      DR_BCH(ido - 1, k, 0) = (FT)2 * DR_BCC(ido - 1, 0, k);
      DR_BCH(ido - 1, k, 1) = (FT)-2 * DR_BCC(0, 1, k);
    }
  if (ido <= 2) return ch;
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 2; i < ido; i += 2) {
      int64_t ic = ido - i;
      C w = F(dr_tw)(u, l1, ido, ip, 1, i);
      FT ti2, tr2;
      DR_PM(DR_BCH(i - 1, k, 0), tr2, DR_BCC(i - 1, 0, k), DR_BCC(ic - 1, 1, k));
      DR_PM(ti2, DR_BCH(i, k, 0), DR_BCC(i, 0, k), DR_BCC(ic, 1, k));
      DR_MULPM(DR_BCH(i, k, 1), DR_BCH(i - 1, k, 1), w.re, w.im, ti2, tr2);
    }
  return ch;
}

// ducc's REARRANGE: (a, b) = (a + b, i (b - a)) on (rx + i ix, ry + i iy).
#define DR_REARRANGE(rx, ix, ry, iy) do { FT t1_ = rx + ry, t2_ = ry - rx, t3_ = ix + iy, t4_ = ix - iy; rx = t1_; ix = t3_; ry = t4_; iy = t2_; } while (0)

static FT *F(dr_radf3)(int64_t l1, int64_t ido, const fft_uroots *u, const FT *cc, FT *ch) {
  const int64_t ip = 3;
  const FT taur = (FT)-0.5, taui = (FT)0.8660254037844386467637231707529362L;
  for (int64_t k = 0; k < l1; k++) {
    FT cr2 = DR_FCC(0, k, 1) + DR_FCC(0, k, 2);
    DR_FCH(0, 0, k) = DR_FCC(0, k, 0) + cr2;
    DR_FCH(0, 2, k) = taui * (DR_FCC(0, k, 2) - DR_FCC(0, k, 1));
    DR_FCH(ido - 1, 1, k) = DR_FCC(0, k, 0) + taur * cr2;
  }
  if (ido == 1) return ch;
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 2; i < ido; i += 2) {
      int64_t ic = ido - i;
      C w1 = F(dr_tw)(u, l1, ido, ip, 1, i), w2 = F(dr_tw)(u, l1, ido, ip, 2, i);
      FT di2, di3, dr2, dr3;
      DR_MULPM(dr2, di2, w1.re, w1.im, DR_FCC(i - 1, k, 1), DR_FCC(i, k, 1));
      DR_MULPM(dr3, di3, w2.re, w2.im, DR_FCC(i - 1, k, 2), DR_FCC(i, k, 2));
      DR_REARRANGE(dr2, di2, dr3, di3);
      DR_FCH(i - 1, 0, k) = DR_FCC(i - 1, k, 0) + dr2;
      DR_FCH(i, 0, k) = DR_FCC(i, k, 0) + di2;
      FT tr2 = DR_FCC(i - 1, k, 0) + taur * dr2, ti2 = DR_FCC(i, k, 0) + taur * di2;
      FT tr3 = taui * dr3, ti3 = taui * di3;
      DR_PM(DR_FCH(i - 1, 2, k), DR_FCH(ic - 1, 1, k), tr2, tr3);
      DR_PM(DR_FCH(i, 2, k), DR_FCH(ic, 1, k), ti3, ti2);
    }
  return ch;
}

static FT *F(dr_radb3)(int64_t l1, int64_t ido, const fft_uroots *u, const FT *cc, FT *ch) {
  const int64_t ip = 3;
  const FT taur = (FT)-0.5, taui = (FT)0.8660254037844386467637231707529362L;
  for (int64_t k = 0; k < l1; k++) {
    FT tr2 = (FT)2 * DR_BCC(ido - 1, 1, k);
    FT cr2 = DR_BCC(0, 0, k) + taur * tr2;
    DR_BCH(0, k, 0) = DR_BCC(0, 0, k) + tr2;
    FT ci3 = (FT)2 * taui * DR_BCC(0, 2, k);
    DR_PM(DR_BCH(0, k, 2), DR_BCH(0, k, 1), cr2, ci3);
  }
  if (ido == 1) return ch;
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 2, ic = ido - 2; i < ido; i += 2, ic -= 2) {
      C w1 = F(dr_tw)(u, l1, ido, ip, 1, i), w2 = F(dr_tw)(u, l1, ido, ip, 2, i);
      FT tr2 = DR_BCC(i - 1, 2, k) + DR_BCC(ic - 1, 1, k), ti2 = DR_BCC(i, 2, k) - DR_BCC(ic, 1, k);
      FT cr2 = DR_BCC(i - 1, 0, k) + taur * tr2, ci2 = DR_BCC(i, 0, k) + taur * ti2;
      DR_BCH(i - 1, k, 0) = DR_BCC(i - 1, 0, k) + tr2;
      DR_BCH(i, k, 0) = DR_BCC(i, 0, k) + ti2;
      FT cr3 = taui * (DR_BCC(i - 1, 2, k) - DR_BCC(ic - 1, 1, k));
      FT ci3 = taui * (DR_BCC(i, 2, k) + DR_BCC(ic, 1, k));
      FT di2, di3, dr2, dr3;
      DR_PM(dr3, dr2, cr2, ci3);
      DR_PM(di2, di3, ci2, cr3);
      DR_MULPM(DR_BCH(i, k, 1), DR_BCH(i - 1, k, 1), w1.re, w1.im, di2, dr2);
      DR_MULPM(DR_BCH(i, k, 2), DR_BCH(i - 1, k, 2), w2.re, w2.im, di3, dr3);
    }
  return ch;
}

static FT *F(dr_radf4)(int64_t l1, int64_t ido, const fft_uroots *u, const FT *cc, FT *ch) {
  const int64_t ip = 4;
  const FT hsqt2 = (FT)0.707106781186547524400844362104849L;
  for (int64_t k = 0; k < l1; k++) {
    FT tr1, tr2;
    DR_PM(tr1, DR_FCH(0, 2, k), DR_FCC(0, k, 3), DR_FCC(0, k, 1));
    DR_PM(tr2, DR_FCH(ido - 1, 1, k), DR_FCC(0, k, 0), DR_FCC(0, k, 2));
    DR_PM(DR_FCH(0, 0, k), DR_FCH(ido - 1, 3, k), tr2, tr1);
  }
  if (ido % 2 == 0)
    for (int64_t k = 0; k < l1; k++) {
      FT ti1 = -hsqt2 * (DR_FCC(ido - 1, k, 1) + DR_FCC(ido - 1, k, 3));
      FT tr1 = hsqt2 * (DR_FCC(ido - 1, k, 1) - DR_FCC(ido - 1, k, 3));
      DR_PM(DR_FCH(ido - 1, 0, k), DR_FCH(ido - 1, 2, k), DR_FCC(ido - 1, k, 0), tr1);
      DR_PM(DR_FCH(0, 3, k), DR_FCH(0, 1, k), ti1, DR_FCC(ido - 1, k, 2));
    }
  if (ido <= 2) return ch;
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 2; i < ido; i += 2) {
      int64_t ic = ido - i;
      C w1 = F(dr_tw)(u, l1, ido, ip, 1, i), w2 = F(dr_tw)(u, l1, ido, ip, 2, i), w3 = F(dr_tw)(u, l1, ido, ip, 3, i);
      FT ci2, ci3, ci4, cr2, cr3, cr4, ti1, ti2, ti3, ti4, tr1, tr2, tr3, tr4;
      DR_MULPM(cr2, ci2, w1.re, w1.im, DR_FCC(i - 1, k, 1), DR_FCC(i, k, 1));
      DR_MULPM(cr3, ci3, w2.re, w2.im, DR_FCC(i - 1, k, 2), DR_FCC(i, k, 2));
      DR_MULPM(cr4, ci4, w3.re, w3.im, DR_FCC(i - 1, k, 3), DR_FCC(i, k, 3));
      DR_PM(tr1, tr4, cr4, cr2);
      DR_PM(ti1, ti4, ci2, ci4);
      DR_PM(tr2, tr3, DR_FCC(i - 1, k, 0), cr3);
      DR_PM(ti2, ti3, DR_FCC(i, k, 0), ci3);
      DR_PM(DR_FCH(i - 1, 0, k), DR_FCH(ic - 1, 3, k), tr2, tr1);
      DR_PM(DR_FCH(i, 0, k), DR_FCH(ic, 3, k), ti1, ti2);
      DR_PM(DR_FCH(i - 1, 2, k), DR_FCH(ic - 1, 1, k), tr3, ti4);
      DR_PM(DR_FCH(i, 2, k), DR_FCH(ic, 1, k), tr4, ti3);
    }
  return ch;
}

static FT *F(dr_radb4)(int64_t l1, int64_t ido, const fft_uroots *u, const FT *cc, FT *ch) {
  const int64_t ip = 4;
  const FT sqrt2 = (FT)1.414213562373095048801688724209698L;
  for (int64_t k = 0; k < l1; k++) {
    FT tr1, tr2;
    DR_PM(tr2, tr1, DR_BCC(0, 0, k), DR_BCC(ido - 1, 3, k));
    FT tr3 = (FT)2 * DR_BCC(ido - 1, 1, k), tr4 = (FT)2 * DR_BCC(0, 2, k);
    DR_PM(DR_BCH(0, k, 0), DR_BCH(0, k, 2), tr2, tr3);
    DR_PM(DR_BCH(0, k, 3), DR_BCH(0, k, 1), tr1, tr4);
  }
  if (ido % 2 == 0)
    for (int64_t k = 0; k < l1; k++) {
      FT tr1, tr2, ti1, ti2;
      DR_PM(ti1, ti2, DR_BCC(0, 3, k), DR_BCC(0, 1, k));
      DR_PM(tr2, tr1, DR_BCC(ido - 1, 0, k), DR_BCC(ido - 1, 2, k));
      DR_BCH(ido - 1, k, 0) = tr2 + tr2;
      DR_BCH(ido - 1, k, 1) = sqrt2 * (tr1 - ti1);
      DR_BCH(ido - 1, k, 2) = ti2 + ti2;
      DR_BCH(ido - 1, k, 3) = -sqrt2 * (tr1 + ti1);
    }
  if (ido <= 2) return ch;
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 2; i < ido; i += 2) {
      int64_t ic = ido - i;
      C w1 = F(dr_tw)(u, l1, ido, ip, 1, i), w2 = F(dr_tw)(u, l1, ido, ip, 2, i), w3 = F(dr_tw)(u, l1, ido, ip, 3, i);
      FT ci2, ci3, ci4, cr2, cr3, cr4, ti1, ti2, ti3, ti4, tr1, tr2, tr3, tr4;
      DR_PM(tr2, tr1, DR_BCC(i - 1, 0, k), DR_BCC(ic - 1, 3, k));
      DR_PM(ti1, ti2, DR_BCC(i, 0, k), DR_BCC(ic, 3, k));
      DR_PM(tr4, ti3, DR_BCC(i, 2, k), DR_BCC(ic, 1, k));
      DR_PM(tr3, ti4, DR_BCC(i - 1, 2, k), DR_BCC(ic - 1, 1, k));
      DR_PM(DR_BCH(i - 1, k, 0), cr3, tr2, tr3);
      DR_PM(DR_BCH(i, k, 0), ci3, ti2, ti3);
      DR_PM(cr4, cr2, tr1, tr4);
      DR_PM(ci2, ci4, ti1, ti4);
      DR_MULPM(DR_BCH(i, k, 1), DR_BCH(i - 1, k, 1), w1.re, w1.im, ci2, cr2);
      DR_MULPM(DR_BCH(i, k, 2), DR_BCH(i - 1, k, 2), w2.re, w2.im, ci3, cr3);
      DR_MULPM(DR_BCH(i, k, 3), DR_BCH(i - 1, k, 3), w3.re, w3.im, ci4, cr4);
    }
  return ch;
}

#define DR_TR11 ((FT)0.3090169943749474241022934171828191L)
#define DR_TI11 ((FT)0.9510565162951535721164393333793821L)
#define DR_TR12 ((FT)-0.8090169943749474241022934171828191L)
#define DR_TI12 ((FT)0.5877852522924731291687059546390728L)

static FT *F(dr_radf5)(int64_t l1, int64_t ido, const fft_uroots *u, const FT *cc, FT *ch) {
  const int64_t ip = 5;
  const FT tr11 = DR_TR11, ti11 = DR_TI11, tr12 = DR_TR12, ti12 = DR_TI12;
  for (int64_t k = 0; k < l1; k++) {
    FT cr2, cr3, ci4, ci5;
    DR_PM(cr2, ci5, DR_FCC(0, k, 4), DR_FCC(0, k, 1));
    DR_PM(cr3, ci4, DR_FCC(0, k, 3), DR_FCC(0, k, 2));
    DR_FCH(0, 0, k) = DR_FCC(0, k, 0) + cr2 + cr3;
    DR_FCH(ido - 1, 1, k) = DR_FCC(0, k, 0) + tr11 * cr2 + tr12 * cr3;
    DR_FCH(0, 2, k) = ti11 * ci5 + ti12 * ci4;
    DR_FCH(ido - 1, 3, k) = DR_FCC(0, k, 0) + tr12 * cr2 + tr11 * cr3;
    DR_FCH(0, 4, k) = ti12 * ci5 - ti11 * ci4;
  }
  if (ido == 1) return ch;
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 2, ic = ido - 2; i < ido; i += 2, ic -= 2) {
      C w1 = F(dr_tw)(u, l1, ido, ip, 1, i), w2 = F(dr_tw)(u, l1, ido, ip, 2, i);
      C w3 = F(dr_tw)(u, l1, ido, ip, 3, i), w4 = F(dr_tw)(u, l1, ido, ip, 4, i);
      FT di2, di3, di4, di5, dr2, dr3, dr4, dr5;
      DR_MULPM(dr2, di2, w1.re, w1.im, DR_FCC(i - 1, k, 1), DR_FCC(i, k, 1));
      DR_MULPM(dr3, di3, w2.re, w2.im, DR_FCC(i - 1, k, 2), DR_FCC(i, k, 2));
      DR_MULPM(dr4, di4, w3.re, w3.im, DR_FCC(i - 1, k, 3), DR_FCC(i, k, 3));
      DR_MULPM(dr5, di5, w4.re, w4.im, DR_FCC(i - 1, k, 4), DR_FCC(i, k, 4));
      DR_REARRANGE(dr2, di2, dr5, di5);
      DR_REARRANGE(dr3, di3, dr4, di4);
      DR_FCH(i - 1, 0, k) = DR_FCC(i - 1, k, 0) + dr2 + dr3;
      DR_FCH(i, 0, k) = DR_FCC(i, k, 0) + di2 + di3;
      FT tr2 = DR_FCC(i - 1, k, 0) + tr11 * dr2 + tr12 * dr3;
      FT ti2 = DR_FCC(i, k, 0) + tr11 * di2 + tr12 * di3;
      FT tr3 = DR_FCC(i - 1, k, 0) + tr12 * dr2 + tr11 * dr3;
      FT ti3 = DR_FCC(i, k, 0) + tr12 * di2 + tr11 * di3;
      FT tr5 = ti11 * dr5 + ti12 * dr4, ti5 = ti11 * di5 + ti12 * di4;
      FT tr4 = ti12 * dr5 - ti11 * dr4, ti4 = ti12 * di5 - ti11 * di4;
      DR_PM(DR_FCH(i - 1, 2, k), DR_FCH(ic - 1, 1, k), tr2, tr5);
      DR_PM(DR_FCH(i, 2, k), DR_FCH(ic, 1, k), ti5, ti2);
      DR_PM(DR_FCH(i - 1, 4, k), DR_FCH(ic - 1, 3, k), tr3, tr4);
      DR_PM(DR_FCH(i, 4, k), DR_FCH(ic, 3, k), ti4, ti3);
    }
  return ch;
}

static FT *F(dr_radb5)(int64_t l1, int64_t ido, const fft_uroots *u, const FT *cc, FT *ch) {
  const int64_t ip = 5;
  const FT tr11 = DR_TR11, ti11 = DR_TI11, tr12 = DR_TR12, ti12 = DR_TI12;
  for (int64_t k = 0; k < l1; k++) {
    FT ti5 = DR_BCC(0, 2, k) + DR_BCC(0, 2, k), ti4 = DR_BCC(0, 4, k) + DR_BCC(0, 4, k);
    FT tr2 = DR_BCC(ido - 1, 1, k) + DR_BCC(ido - 1, 1, k), tr3 = DR_BCC(ido - 1, 3, k) + DR_BCC(ido - 1, 3, k);
    DR_BCH(0, k, 0) = DR_BCC(0, 0, k) + tr2 + tr3;
    FT cr2 = DR_BCC(0, 0, k) + tr11 * tr2 + tr12 * tr3;
    FT cr3 = DR_BCC(0, 0, k) + tr12 * tr2 + tr11 * tr3;
    FT ci4, ci5;
    DR_MULPM(ci5, ci4, ti5, ti4, ti11, ti12);
    DR_PM(DR_BCH(0, k, 4), DR_BCH(0, k, 1), cr2, ci5);
    DR_PM(DR_BCH(0, k, 3), DR_BCH(0, k, 2), cr3, ci4);
  }
  if (ido == 1) return ch;
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 2, ic = ido - 2; i < ido; i += 2, ic -= 2) {
      C w1 = F(dr_tw)(u, l1, ido, ip, 1, i), w2 = F(dr_tw)(u, l1, ido, ip, 2, i);
      C w3 = F(dr_tw)(u, l1, ido, ip, 3, i), w4 = F(dr_tw)(u, l1, ido, ip, 4, i);
      FT tr2, tr3, tr4, tr5, ti2, ti3, ti4, ti5;
      DR_PM(tr2, tr5, DR_BCC(i - 1, 2, k), DR_BCC(ic - 1, 1, k));
      DR_PM(ti5, ti2, DR_BCC(i, 2, k), DR_BCC(ic, 1, k));
      DR_PM(tr3, tr4, DR_BCC(i - 1, 4, k), DR_BCC(ic - 1, 3, k));
      DR_PM(ti4, ti3, DR_BCC(i, 4, k), DR_BCC(ic, 3, k));
      DR_BCH(i - 1, k, 0) = DR_BCC(i - 1, 0, k) + tr2 + tr3;
      DR_BCH(i, k, 0) = DR_BCC(i, 0, k) + ti2 + ti3;
      FT cr2 = DR_BCC(i - 1, 0, k) + tr11 * tr2 + tr12 * tr3;
      FT ci2 = DR_BCC(i, 0, k) + tr11 * ti2 + tr12 * ti3;
      FT cr3 = DR_BCC(i - 1, 0, k) + tr12 * tr2 + tr11 * tr3;
      FT ci3 = DR_BCC(i, 0, k) + tr12 * ti2 + tr11 * ti3;
      FT ci4, ci5, cr5, cr4;
      DR_MULPM(cr5, cr4, tr5, tr4, ti11, ti12);
      DR_MULPM(ci5, ci4, ti5, ti4, ti11, ti12);
      FT dr2, dr3, dr4, dr5, di2, di3, di4, di5;
      DR_PM(dr4, dr3, cr3, ci4);
      DR_PM(di3, di4, ci3, cr4);
      DR_PM(dr5, dr2, cr2, ci5);
      DR_PM(di2, di5, ci2, cr5);
      DR_MULPM(DR_BCH(i, k, 1), DR_BCH(i - 1, k, 1), w1.re, w1.im, di2, dr2);
      DR_MULPM(DR_BCH(i, k, 2), DR_BCH(i - 1, k, 2), w2.re, w2.im, di3, dr3);
      DR_MULPM(DR_BCH(i, k, 3), DR_BCH(i - 1, k, 3), w3.re, w3.im, di4, dr4);
      DR_MULPM(DR_BCH(i, k, 4), DR_BCH(i - 1, k, 4), w4.re, w4.im, di5, dr5);
    }
  return ch;
}

/* ------------------------------------------------ generic odd radix ---- */

// ducc's rfftpg tables: wa[(j-1)(ido-1) + 2i'-2 .. +1] the twiddle
// W^(rfct j l1 i') (i' = 1 .. (ido-1)/2), and cs[2t], cs[2t+1] = W_ip^t
// for t <= ip/2, mirrored (conjugated) above.
static int F(dr_gtables)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, FT **wa, FT **cs) {
  *wa = malloc(sizeof(FT) * (size_t)((ip - 1) * (ido - 1) + 1));
  *cs = malloc(sizeof(FT) * (size_t)(2 * ip));
  if (!*wa || !*cs) { free(*wa); free(*cs); return -1; }
  for (int64_t j = 1; j < ip; j++)
    for (int64_t i = 1; i <= (ido - 1) / 2; i++) {
      C w = F(dm_tw)(u, l1, ido, ip, j, i);
      (*wa)[(j - 1) * (ido - 1) + 2 * i - 2] = w.re;
      (*wa)[(j - 1) * (ido - 1) + 2 * i - 1] = w.im;
    }
  FT *c = *cs;
  c[0] = 1;
  c[1] = 0;
  for (int64_t i = 2, ic = 2 * ip - 2; i <= ic; i += 2, ic -= 2) {
    C w = F(dm_root)(u, u->n / ip * (i / 2));
    c[i] = w.re;
    c[i + 1] = w.im;
    c[ic] = w.re;
    c[ic + 1] = -w.im;
  }
  return 0;
}

// The shared core of rfftpg: out(l) = in(0) + sum_j cs_re(jl) in(j) and
// out(lc) = sum_j cs_im(jl) in(jc), j = 1 .. ipph-1, grouped as ducc does
// (4, then 2, then 1 terms per update). in/out are idl1-long columns.
static void F(dr_gsum)(int64_t ip, int64_t idl1, const FT *cs, const FT *in, FT *out, int wrap_ge) {
  int64_t ipph = (ip + 1) / 2;
#define DR_X(a, b) in[(a) + idl1 * (b)]
#define DR_Y(a, b) out[(a) + idl1 * (b)]
#define DR_NEXT(ar, ai) do { iang += l; if (wrap_ge ? iang >= ip : iang > ip) iang -= ip; ar = cs[2 * iang]; ai = cs[2 * iang + 1]; } while (0)
  for (int64_t l = 1, lc = ip - 1; l < ipph; l++, lc--) {
    for (int64_t ik = 0; ik < idl1; ik++) {
      DR_Y(ik, l) = DR_X(ik, 0) + cs[2 * l] * DR_X(ik, 1) + cs[4 * l] * DR_X(ik, 2);
      DR_Y(ik, lc) = cs[2 * l + 1] * DR_X(ik, ip - 1) + cs[4 * l + 1] * DR_X(ik, ip - 2);
    }
    int64_t iang = 2 * l, j = 3, jc = ip - 3;
    for (; j < ipph - 3; j += 4, jc -= 4) {
      FT ar1, ai1, ar2, ai2, ar3, ai3, ar4, ai4;
      DR_NEXT(ar1, ai1);
      DR_NEXT(ar2, ai2);
      DR_NEXT(ar3, ai3);
      DR_NEXT(ar4, ai4);
      for (int64_t ik = 0; ik < idl1; ik++) {
        DR_Y(ik, l) += ar1 * DR_X(ik, j) + ar2 * DR_X(ik, j + 1) + ar3 * DR_X(ik, j + 2) + ar4 * DR_X(ik, j + 3);
        DR_Y(ik, lc) += ai1 * DR_X(ik, jc) + ai2 * DR_X(ik, jc - 1) + ai3 * DR_X(ik, jc - 2) + ai4 * DR_X(ik, jc - 3);
      }
    }
    for (; j < ipph - 1; j += 2, jc -= 2) {
      FT ar1, ai1, ar2, ai2;
      DR_NEXT(ar1, ai1);
      DR_NEXT(ar2, ai2);
      for (int64_t ik = 0; ik < idl1; ik++) {
        DR_Y(ik, l) += ar1 * DR_X(ik, j) + ar2 * DR_X(ik, j + 1);
        DR_Y(ik, lc) += ai1 * DR_X(ik, jc) + ai2 * DR_X(ik, jc - 1);
      }
    }
    for (; j < ipph; j++, jc--) {
      FT ar, ai;
      DR_NEXT(ar, ai);
      for (int64_t ik = 0; ik < idl1; ik++) {
        DR_Y(ik, l) += ar * DR_X(ik, j);
        DR_Y(ik, lc) += ai * DR_X(ik, jc);
      }
    }
  }
#undef DR_X
#undef DR_Y
#undef DR_NEXT
}

// Forward generic odd radix 7 <= ip < 135 (ducc's rfftpg); works in cc,
// with ch as scratch, and returns cc.
static FT *F(dr_radfg)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, FT *cc, FT *ch) {
  int64_t ipph = (ip + 1) / 2, idl1 = ido * l1;
  FT *wa, *cs;
  if (F(dr_gtables)(l1, ido, ip, u, &wa, &cs)) {
    for (int64_t x = 0; x < ip * idl1; x++) cc[x] = NAN;
    return cc;
  }
#define DR_C1(a, b, c) cc[(a) + ido * ((b) + l1 * (c))]
#define DR_CH(a, b, c) ch[(a) + ido * ((b) + l1 * (c))]
#define DR_CC(a, b, c) cc[(a) + ido * ((b) + ip * (c))]
  if (ido > 1)
    for (int64_t j = 1, jc = ip - 1; j < ipph; j++, jc--) {
      int64_t is = (j - 1) * (ido - 1), is2 = (jc - 1) * (ido - 1);
      for (int64_t k = 0; k < l1; k++)
        for (int64_t i = 1, idij = is, idij2 = is2; i <= ido - 2; i += 2, idij += 2, idij2 += 2) {
          FT t1 = DR_C1(i, k, j), t2 = DR_C1(i + 1, k, j), t3 = DR_C1(i, k, jc), t4 = DR_C1(i + 1, k, jc);
          FT x1 = wa[idij] * t1 + wa[idij + 1] * t2, x2 = wa[idij] * t2 - wa[idij + 1] * t1;
          FT x3 = wa[idij2] * t3 + wa[idij2 + 1] * t4, x4 = wa[idij2] * t4 - wa[idij2 + 1] * t3;
          DR_PM(DR_C1(i, k, j), DR_C1(i + 1, k, jc), x3, x1);
          DR_PM(DR_C1(i + 1, k, j), DR_C1(i, k, jc), x2, x4);
        }
    }
  for (int64_t j = 1, jc = ip - 1; j < ipph; j++, jc--)
    for (int64_t k = 0; k < l1; k++) {  // ducc's MPINPLACE(C1(0,k,jc), C1(0,k,j))
      FT a = DR_C1(0, k, jc), b = DR_C1(0, k, j);
      DR_C1(0, k, jc) = a - b;
      DR_C1(0, k, j) = a + b;
    }
  F(dr_gsum)(ip, idl1, cs, cc, ch, 1);
  for (int64_t ik = 0; ik < idl1; ik++) ch[ik] = cc[ik];
  for (int64_t j = 1; j < ipph; j++)
    for (int64_t ik = 0; ik < idl1; ik++) ch[ik] += cc[ik + idl1 * j];
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 0; i < ido; i++) DR_CC(i, 0, k) = DR_CH(i, k, 0);
  for (int64_t j = 1, jc = ip - 1; j < ipph; j++, jc--) {
    int64_t j2 = 2 * j - 1;
    for (int64_t k = 0; k < l1; k++) {
      DR_CC(ido - 1, j2, k) = DR_CH(0, k, j);
      DR_CC(0, j2 + 1, k) = DR_CH(0, k, jc);
    }
  }
  if (ido > 1)
    for (int64_t j = 1, jc = ip - 1; j < ipph; j++, jc--) {
      int64_t j2 = 2 * j - 1;
      for (int64_t k = 0; k < l1; k++)
        for (int64_t i = 1, ic = ido - i - 2; i <= ido - 2; i += 2, ic -= 2) {
          DR_CC(i, j2 + 1, k) = DR_CH(i, k, j) + DR_CH(i, k, jc);
          DR_CC(ic, j2, k) = DR_CH(i, k, j) - DR_CH(i, k, jc);
          DR_CC(i + 1, j2 + 1, k) = DR_CH(i + 1, k, j) + DR_CH(i + 1, k, jc);
          DR_CC(ic + 1, j2, k) = DR_CH(i + 1, k, jc) - DR_CH(i + 1, k, j);
        }
    }
  free(wa);
  free(cs);
  return cc;
}

// Backward generic odd radix (ducc's rfftpg); returns ch.
static FT *F(dr_radbg)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, FT *cc, FT *ch) {
  int64_t ipph = (ip + 1) / 2, idl1 = ido * l1;
  FT *wa, *cs;
  if (F(dr_gtables)(l1, ido, ip, u, &wa, &cs)) {
    for (int64_t x = 0; x < ip * idl1; x++) ch[x] = NAN;
    return ch;
  }
  for (int64_t k = 0; k < l1; k++)
    for (int64_t i = 0; i < ido; i++) DR_CH(i, k, 0) = DR_CC(i, 0, k);
  for (int64_t j = 1, jc = ip - 1; j < ipph; j++, jc--) {
    int64_t j2 = 2 * j - 1;
    for (int64_t k = 0; k < l1; k++) {
      DR_CH(0, k, j) = (FT)2 * DR_CC(ido - 1, j2, k);
      DR_CH(0, k, jc) = (FT)2 * DR_CC(0, j2 + 1, k);
    }
  }
  if (ido != 1)
    for (int64_t j = 1, jc = ip - 1; j < ipph; j++, jc--) {
      int64_t j2 = 2 * j - 1;
      for (int64_t k = 0; k < l1; k++)
        for (int64_t i = 1, ic = ido - i - 2; i <= ido - 2; i += 2, ic -= 2) {
          DR_CH(i, k, j) = DR_CC(i, j2 + 1, k) + DR_CC(ic, j2, k);
          DR_CH(i, k, jc) = DR_CC(i, j2 + 1, k) - DR_CC(ic, j2, k);
          DR_CH(i + 1, k, j) = DR_CC(i + 1, j2 + 1, k) - DR_CC(ic + 1, j2, k);
          DR_CH(i + 1, k, jc) = DR_CC(i + 1, j2 + 1, k) + DR_CC(ic + 1, j2, k);
        }
    }
  F(dr_gsum)(ip, idl1, cs, ch, cc, 0);
  for (int64_t j = 1; j < ipph; j++)
    for (int64_t ik = 0; ik < idl1; ik++) ch[ik] += ch[ik + idl1 * j];
  for (int64_t j = 1, jc = ip - 1; j < ipph; j++, jc--)
    for (int64_t k = 0; k < l1; k++) DR_PM(DR_CH(0, k, jc), DR_CH(0, k, j), DR_C1(0, k, j), DR_C1(0, k, jc));
  if (ido > 1) {
    for (int64_t j = 1, jc = ip - 1; j < ipph; j++, jc--)
      for (int64_t k = 0; k < l1; k++)
        for (int64_t i = 1; i <= ido - 2; i += 2) {
          DR_CH(i, k, j) = DR_C1(i, k, j) - DR_C1(i + 1, k, jc);
          DR_CH(i, k, jc) = DR_C1(i, k, j) + DR_C1(i + 1, k, jc);
          DR_CH(i + 1, k, j) = DR_C1(i + 1, k, j) + DR_C1(i, k, jc);
          DR_CH(i + 1, k, jc) = DR_C1(i + 1, k, j) - DR_C1(i, k, jc);
        }
    for (int64_t j = 1; j < ip; j++) {
      int64_t is = (j - 1) * (ido - 1);
      for (int64_t k = 0; k < l1; k++)
        for (int64_t i = 1, idij = is; i <= ido - 2; i += 2, idij += 2) {
          FT t1 = DR_CH(i, k, j), t2 = DR_CH(i + 1, k, j);
          DR_CH(i, k, j) = wa[idij] * t1 - wa[idij + 1] * t2;
          DR_CH(i + 1, k, j) = wa[idij] * t2 + wa[idij + 1] * t1;
        }
    }
  }
#undef DR_C1
#undef DR_CH
#undef DR_CC
  free(wa);
  free(cs);
  return ch;
}

/* ------------------------------------------------------- Bluestein ---- */

// ducc's rfftpblue (odd prime ip >= 135): each column runs through the
// complex pass of length ip on the plan's root table (F(dm_pass), which is
// Bluestein there), the real input as ip complex values with zero
// imaginary parts.
static FT *F(dr_blue)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, const FT *cc, FT *ch, int fwd) {
  C *a = malloc(sizeof(C) * (size_t)(2 * ip));
  if (!a) {
    for (int64_t x = 0; x < ip * l1 * ido; x++) ch[x] = NAN;
    return ch;
  }
  C *b = a + ip;
  int64_t ipph = (ip + 1) / 2;
  if (fwd) {
    for (int64_t k = 0; k < l1; k++) {
      for (int64_t m = 0; m < ip; m++) a[m] = (C){DR_FCC(0, k, m), 0};
      C *res = F(dm_pass)(1, 1, ip, u, a, b, 1, 0);
      DR_FCH(0, 0, k) = res[0].re;
      for (int64_t m = 1; m <= ip / 2; m++) {
        DR_FCH(ido - 1, 2 * m - 1, k) = res[m].re;
        DR_FCH(0, 2 * m, k) = res[m].im;
      }
    }
    for (int64_t k = 0; k < l1; k++)
      for (int64_t i = 2, ic = ido - 2; i < ido; i += 2, ic -= 2) {
        a[0] = (C){DR_FCC(i - 1, k, 0), DR_FCC(i, k, 0)};
        for (int64_t m = 1; m < ipph; m++) {
          C w = F(dr_tw)(u, l1, ido, ip, m, i), wc = F(dr_tw)(u, l1, ido, ip, ip - m, i);
          DR_MULPM(a[m].re, a[m].im, w.re, w.im, DR_FCC(i - 1, k, m), DR_FCC(i, k, m));
          DR_MULPM(a[ip - m].re, a[ip - m].im, wc.re, wc.im, DR_FCC(i - 1, k, ip - m), DR_FCC(i, k, ip - m));
        }
        C *res = F(dm_pass)(1, 1, ip, u, a, b, 1, 0);
        DR_FCH(i - 1, 0, k) = res[0].re;
        DR_FCH(i, 0, k) = res[0].im;
        for (int64_t m = 1; m < ipph; m++) {
          DR_FCH(i - 1, 2 * m, k) = res[m].re;
          DR_FCH(ic - 1, 2 * m - 1, k) = res[ip - m].re;
          DR_FCH(i, 2 * m, k) = res[m].im;
          DR_FCH(ic, 2 * m - 1, k) = -res[ip - m].im;
        }
      }
  } else {
    for (int64_t k = 0; k < l1; k++) {
      a[0] = (C){DR_BCC(0, 0, k), 0};
      for (int64_t m = 1; m <= ip / 2; m++) {
        a[m] = (C){DR_BCC(ido - 1, 2 * m - 1, k), DR_BCC(0, 2 * m, k)};
        a[ip - m] = (C){DR_BCC(ido - 1, 2 * m - 1, k), -DR_BCC(0, 2 * m, k)};
      }
      C *res = F(dm_pass)(1, 1, ip, u, a, b, 0, 0);
      for (int64_t m = 0; m < ip; m++) DR_BCH(0, k, m) = res[m].re;
    }
    for (int64_t k = 0; k < l1; k++)
      for (int64_t i = 2, ic = ido - 2; i < ido; i += 2, ic -= 2) {
        a[0] = (C){DR_BCC(i - 1, 0, k), DR_BCC(i, 0, k)};
        for (int64_t m = 1; m <= ip / 2; m++) {
          a[m] = (C){DR_BCC(i - 1, 2 * m, k), DR_BCC(i, 2 * m, k)};
          a[ip - m] = (C){DR_BCC(ic - 1, 2 * m - 1, k), -DR_BCC(ic, 2 * m - 1, k)};
        }
        C *res = F(dm_pass)(1, 1, ip, u, a, b, 0, 0);
        DR_BCH(i - 1, k, 0) = res[0].re;
        DR_BCH(i, k, 0) = res[0].im;
        for (int64_t m = 1; m < ip; m++) {
          C w = F(dr_tw)(u, l1, ido, ip, m, i);
          DR_MULPM(DR_BCH(i - 1, k, m), DR_BCH(i, k, m), w.re, -w.im, res[m].re, res[m].im);
        }
      }
  }
  free(a);
  return ch;
}

/* ------------------------------------------------------ complexify ---- */

// ducc's rfftp_complexify (even ip > 1000 with ip > 10000 or a prime factor
// above 5): the row as ip/2 complex values through ducc's complex plan of
// length ip/2 (its own root table, not vectorised), untangled with the
// plan's roots W_ip^i. Works in cc and ch; returns the one with the result.
static FT *F(dr_complexify)(int64_t ip, const fft_uroots *u, FT *cc, FT *ch, int fwd) {
  int64_t h = ip / 2;
  fft_uroots sub = {0};
  C *ccc = (C *)cc, *cch = (C *)ch;
  if (fft_uroots_init(&sub, h)) {
    for (int64_t x = 0; x < ip; x++) ch[x] = NAN;
    return ch;
  }
  FT *out;
  if (fwd) {
    C *res = F(dm_pass)(1, 1, h, &sub, ccc, cch, 1, 0);
    FT *rres = res == ccc ? ch : cc;
    rres[0] = res[0].re + res[0].im;
    for (int64_t i = 1, xi = h - 1; i <= xi; i++, xi--) {
      C xe = {res[i].re + res[xi].re, res[i].im - res[xi].im};
      C t = {res[i].im + res[xi].im, res[xi].re - res[i].re}, w = F(dm_root)(u, i);
      C xo = {t.re * w.re - t.im * -w.im, t.re * -w.im + t.im * w.re};  // t * conj(w)
      rres[2 * i - 1] = (FT)0.5 * (xe.re + xo.re);
      rres[2 * i] = (FT)0.5 * (xe.im + xo.im);
      rres[2 * xi - 1] = (FT)0.5 * (xe.re - xo.re);
      rres[2 * xi] = (FT)0.5 * (xo.im - xe.im);
    }
    rres[ip - 1] = res[0].re - res[0].im;
    out = rres;
  } else {
    cch[0] = (C){cc[0] + cc[ip - 1], cc[0] - cc[ip - 1]};
    for (int64_t i = 1, xi = h - 1; i <= xi; i++, xi--) {
      C t1 = {cc[2 * i - 1], cc[2 * i]}, t2 = {cc[2 * xi - 1], -cc[2 * xi]};
      C xe = {t1.re + t2.re, t1.im + t2.im}, d = {t1.re - t2.re, t1.im - t2.im}, w = F(dm_root)(u, i);
      C xo = {d.re * w.re - d.im * w.im, d.re * w.im + d.im * w.re};
      cch[i] = (C){xe.re + -xo.im, xe.im + xo.re};
      cch[xi] = (C){xe.re + xo.im, -xe.im + xo.re};
    }
    C *res = F(dm_pass)(1, 1, h, &sub, cch, ccc, 0, 0);
    out = res == ccc ? cc : ch;
  }
  fft_uroots_free(&sub);
  return out;
}

/* ------------------------------------------------------------ plan ---- */

static FT *F(dr_pass)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, FT *cc, FT *ch, int fwd);

// ducc's rfft_multipass (l1 = ido = 1 only): the passes of ducc's real
// factor order, forward in reverse.
static FT *F(dr_multi)(int64_t ip, const fft_uroots *u, FT *p1, FT *p2, int fwd, const int64_t *f, int nf) {
  int64_t l1s[64], l1 = 1;
  for (int x = 0; x < nf; x++) { l1s[x] = l1; l1 *= f[x]; }
  for (int y = 0; y < nf; y++) {
    int x = fwd ? nf - 1 - y : y;
    FT *res = F(dr_pass)(l1s[x], ip / (f[x] * l1s[x]), f[x], u, p1, p2, fwd);
    if (res == p2) { FT *t = p1; p1 = p2; p2 = t; }
  }
  return p1;
}

// ducc's rfftpass::make_pass: the real pass of radix ip at (l1, ido), run
// from cc; returns the buffer holding the result (cc or ch).
static FT *F(dr_pass)(int64_t l1, int64_t ido, int64_t ip, const fft_uroots *u, FT *cc, FT *ch, int fwd) {
  if (ip == 1) return cc;
  int64_t f[64];
  int nf = fft_ducc_factor(ip, f, 2);
  if (ip > 1000 && ip % 2 == 0) {
    int doit = ip > 10000;
    for (int x = 0; x < nf; x++) doit |= f[x] > 5;
    if (doit) return F(dr_complexify)(ip, u, cc, ch, fwd);
  }
  if (nf > 1) return F(dr_multi)(ip, u, cc, ch, fwd, f, nf);
  switch (ip) {
    case 2: return fwd ? F(dr_radf2)(l1, ido, u, cc, ch) : F(dr_radb2)(l1, ido, u, cc, ch);
    case 3: return fwd ? F(dr_radf3)(l1, ido, u, cc, ch) : F(dr_radb3)(l1, ido, u, cc, ch);
    case 4: return fwd ? F(dr_radf4)(l1, ido, u, cc, ch) : F(dr_radb4)(l1, ido, u, cc, ch);
    case 5: return fwd ? F(dr_radf5)(l1, ido, u, cc, ch) : F(dr_radb5)(l1, ido, u, cc, ch);
    default:
      if (ip < 135) return fwd ? F(dr_radfg)(l1, ido, ip, u, cc, ch) : F(dr_radbg)(l1, ido, ip, u, cc, ch);
      return F(dr_blue)(l1, ido, ip, u, cc, ch, fwd);
  }
}

// One real row through ducc's real plan for length n (pocketfft_r, as
// XLA's r2c / c2r run it). Forward: x (n reals) to y as n/2 + 1 complex
// values (Im y_0, and Im y_{n/2} for even n, exactly 0). Backward: x as
// n/2 + 1 complex values (Im x_0 and, for even n, Im x_{n/2} ignored) to y
// (n reals). Unnormalised.
static int F(exec_ducc_real)(int64_t n, const void *x, void *y, int fwd) {
  fft_uroots u = {0};
  FT *a = malloc(sizeof(FT) * (size_t)(2 * n + 2));
  if (!a || fft_uroots_init(&u, n)) { free(a); return -2; }
  FT *b = a + n + (n & 1);  // keep b aligned for the complex view
  if (fwd) {
    memcpy(a, x, sizeof(FT) * (size_t)n);
    const FT *r = F(dr_pass)(1, 1, n, &u, a, b, 1);
    C *out = y;
    out[0] = (C){r[0], 0};
    int64_t i = 1, ii = 1;
    for (; i < n - 1; i += 2, ii++) out[ii] = (C){r[i], r[i + 1]};
    if (i < n) out[ii] = (C){r[i], 0};
  } else {
    const C *in = x;
    a[0] = in[0].re;
    int64_t i = 1, ii = 1;
    for (; i < n - 1; i += 2, ii++) {
      a[i] = in[ii].re;
      a[i + 1] = in[ii].im;
    }
    if (i < n) a[i] = in[ii].re;
    const FT *r = F(dr_pass)(1, 1, n, &u, a, b, 0);
    memcpy(y, r, sizeof(FT) * (size_t)n);
  }
  free(a);
  fft_uroots_free(&u);
  return 0;
}

#undef DR_FCC
#undef DR_FCH
#undef DR_BCC
#undef DR_BCH
#undef DR_MULPM
#undef DR_PM
#undef DR_REARRANGE
#undef DR_TR11
#undef DR_TI11
#undef DR_TR12
#undef DR_TI12
