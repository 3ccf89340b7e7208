// conv_general_dilated as im2col + the packed GEMM, and reduce_window as
// direct loops. Both the eager kernels and compiled code (through the
// runtime table) call these, so jit and eager agree bit for bit: every
// float32/float64 output element is the GEMM's sequential fma chain over
// (window position row-major, input feature) from +0, independent of how
// the rows are chunked or threaded.
#include "jx_internal.h"
#include <stdlib.h>
#if __has_include("jx_gemm.h")
#include "jx_gemm.h"
#define JX_HAVE_GEMM 1
#endif

enum { CD_NSP = 0, CD_N, CD_C, CD_O, CD_I, CD_FGC, CD_BGC, CD_LSN, CD_LSC, CD_RSO, CD_RSI, CD_OSN, CD_OSO, CD_HEAD };
enum { SD_IN = 0, SD_K, SD_OUT, SD_STRIDE, SD_LO, SD_LDIL, SD_RDIL, SD_LS, SD_RS, SD_OS, SD_COUNT };
#define SP(d, s, f) ((d)[CD_HEAD + (s) * SD_COUNT + (f)])
#define MAX_SP 8

typedef struct {
  const int64_t *d;
  int32_t dtype;
  const void *lhs;
  void *out;
  const void *w;  // packed weights [G][K][Og], in the compute type
  int64_t rows, chunk, K, Og, G, nout, kcount, direct;
  const int64_t *tables;  // window_tables
  int64_t tbase[MAX_SP];
} conv_job;

// out = A (m x k) * B (k x n), row-major with leading dimensions.
static void gemm_f32(int64_t m, int64_t n, int64_t k, const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc) {
#ifdef JX_HAVE_GEMM
  jx_sgemm(m, n, k, a, lda, b, ldb, c, ldc);
#else
  for (int64_t i = 0; i < m; i++)
    for (int64_t j = 0; j < n; j++) {
      float acc = 0;
      for (int64_t p = 0; p < k; p++) acc = fmaf(a[i * lda + p], b[p * ldb + j], acc);
      c[i * ldc + j] = acc;
    }
#endif
}
static void gemm_f64(int64_t m, int64_t n, int64_t k, const double *a, int64_t lda, const double *b, int64_t ldb, double *c, int64_t ldc) {
#ifdef JX_HAVE_GEMM
  jx_dgemm(m, n, k, a, lda, b, ldb, c, ldc);
#else
  for (int64_t i = 0; i < m; i++)
    for (int64_t j = 0; j < n; j++) {
      double acc = 0;
      for (int64_t p = 0; p < k; p++) acc = fma(a[i * lda + p], b[p * ldb + j], acc);
      c[i * ldc + j] = acc;
    }
#endif
}

// For each spatial dimension s, a table [out_s][k_s] of the lhs offset
// (input index times stride) that output position p reads at kernel index
// k, or -1 for padding and for holes of the lhs dilation: im2col then
// needs no division per element.
static int64_t *window_tables(const int64_t *d, int64_t *base) {
  int64_t nsp = d[CD_NSP], total = 0;
  for (int64_t s = 0; s < nsp; s++) {
    base[s] = total;
    total += SP(d, s, SD_OUT) * SP(d, s, SD_K);
  }
  int64_t *t = (int64_t *)malloc(sizeof(int64_t) * (size_t)(total + 1));
  if (!t) return 0;
  for (int64_t s = 0; s < nsp; s++)
    for (int64_t p = 0; p < SP(d, s, SD_OUT); p++)
      for (int64_t k = 0; k < SP(d, s, SD_K); k++) {
        int64_t x = p * SP(d, s, SD_STRIDE) + k * SP(d, s, SD_RDIL) - SP(d, s, SD_LO), dil = SP(d, s, SD_LDIL);
        int64_t v = -1;
        if (x >= 0 && x % dil == 0 && x / dil < SP(d, s, SD_IN)) v = (x / dil) * SP(d, s, SD_LS);
        t[base[s] + p * SP(d, s, SD_K) + k] = v;
      }
  return t;
}

// Row r's patch: window positions in row-major order (kernel index
// odometer), I input features each.
#define IM2COL(T, CT)                                                                  \
  {                                                                                    \
    const T *L = (const T *)job->lhs;                                                  \
    CT *P = (CT *)patch;                                                               \
    for (int64_t r = 0; r < m; r++) {                                                  \
      int64_t row = r0 + r, n = row, pos[MAX_SP], k[MAX_SP];                           \
      const int64_t *tab[MAX_SP];                                                      \
      for (int64_t s = nsp - 1; s >= 0; s--) {                                         \
        pos[s] = n % SP(d, s, SD_OUT);                                                 \
        n /= SP(d, s, SD_OUT);                                                         \
        tab[s] = job->tables + job->tbase[s] + pos[s] * SP(d, s, SD_K);                \
        k[s] = 0;                                                                      \
      }                                                                                \
      const T *base = L + (n + boff) * d[CD_LSN] + coff * d[CD_LSC];                   \
      CT *dst = P + r * K;                                                             \
      for (int64_t kk = 0; kk < job->kcount; kk++, dst += I) {                         \
        int64_t off = 0;                                                               \
        for (int64_t s = 0; s < nsp; s++) {                                            \
          int64_t v = tab[s][k[s]];                                                    \
          if (v < 0) { off = -1; break; }                                              \
          off += v;                                                                    \
        }                                                                              \
        if (off < 0) {                                                                 \
          for (int64_t i = 0; i < I; i++) dst[i] = 0;                                  \
        } else if (lsc == 1) {                                                         \
          const T *src = base + off;                                                   \
          for (int64_t i = 0; i < I; i++) dst[i] = (CT)src[i];                         \
        } else {                                                                       \
          const T *src = base + off;                                                   \
          for (int64_t i = 0; i < I; i++) dst[i] = (CT)src[i * lsc];                   \
        }                                                                              \
        for (int64_t s = nsp - 1; s >= 0; s--) {                                       \
          if (++k[s] < SP(d, s, SD_K)) break;                                          \
          k[s] = 0;                                                                    \
        }                                                                              \
      }                                                                                \
    }                                                                                  \
  }

#define SCATTER_ROWS(T, CT)                                                            \
  {                                                                                    \
    T *O = (T *)job->out;                                                              \
    for (int64_t r = 0; r < m; r++) {                                                  \
      int64_t row = r0 + r, n = row, off = 0;                                          \
      for (int64_t s = nsp - 1; s >= 0; s--) {                                         \
        off += (n % SP(d, s, SD_OUT)) * SP(d, s, SD_OS);                               \
        n /= SP(d, s, SD_OUT);                                                         \
      }                                                                                \
      off += n * d[CD_OSN] + g * job->Og * d[CD_OSO];                                  \
      const CT *src = (const CT *)tmp + r * job->Og;                                   \
      for (int64_t o = 0; o < job->Og; o++) O[off + o * d[CD_OSO]] = (T)src[o];        \
    }                                                                                  \
  }

static void conv_rows(void *const *env, int64_t lo, int64_t hi) {
  const conv_job *job = (const conv_job *)env[0];
  const int64_t *d = job->d;
  int64_t nsp = d[CD_NSP], I = d[CD_I], K = job->K, lsc = d[CD_LSC];
  int wide = job->dtype == JX_F64;
  size_t es = wide ? 8 : 4;
  void *patch = malloc(es * (size_t)(job->chunk * K + job->chunk * job->Og) + 64);
  if (!patch) return;
  void *tmp = (char *)patch + es * (size_t)(job->chunk * K);
  for (int64_t c = lo; c < hi; c++) {
    int64_t r0 = c * job->chunk, m = job->rows - r0 < job->chunk ? job->rows - r0 : job->chunk;
    for (int64_t g = 0; g < job->G; g++) {
      int64_t boff = d[CD_BGC] > 1 ? g * job->nout : 0, coff = d[CD_FGC] > 1 ? g * I : 0;
      switch (job->dtype) {
      case JX_F32: IM2COL(float, float) break;
      case JX_F64: IM2COL(double, double) break;
      default: IM2COL(jx_f16, float) break;
      }
      int direct = job->direct && job->dtype != JX_F16;
      int64_t ldc = direct ? d[CD_O] : job->Og;
      void *dst = direct ? (char *)job->out + es * (size_t)(r0 * d[CD_O] + g * job->Og) : tmp;
      if (wide) {
        gemm_f64(m, job->Og, K, (const double *)patch, K, (const double *)job->w + g * K * job->Og, job->Og, (double *)dst, ldc);
      } else {
        gemm_f32(m, job->Og, K, (const float *)patch, K, (const float *)job->w + g * K * job->Og, job->Og, (float *)dst, ldc);
      }
      if (direct) continue;
      switch (job->dtype) {
      case JX_F32: SCATTER_ROWS(float, float) break;
      case JX_F64: SCATTER_ROWS(double, double) break;
      default: SCATTER_ROWS(jx_f16, float) break;
      }
    }
  }
  free(patch);
}

#define PACK(T, CT)                                                                    \
  {                                                                                    \
    const T *R = (const T *)rhs;                                                       \
    CT *W = (CT *)w;                                                                   \
    for (int64_t g = 0; g < G; g++)                                                    \
      for (int64_t kk = 0; kk < kcount; kk++) {                                        \
        int64_t off = 0, rest = kk;                                                    \
        for (int64_t s = nsp - 1; s >= 0; s--) {                                       \
          off += (rest % SP(d, s, SD_K)) * SP(d, s, SD_RS);                            \
          rest /= SP(d, s, SD_K);                                                      \
        }                                                                              \
        for (int64_t i = 0; i < I; i++)                                                \
          for (int64_t o = 0; o < Og; o++)                                             \
            W[(g * K + kk * I + i) * Og + o] = (CT)R[off + i * d[CD_RSI] + (g * Og + o) * d[CD_RSO]]; \
      }                                                                                \
  }

int jx_conv(int32_t dtype, const int64_t *d, const void *lhs, const void *rhs, void *out,
            jx_pfor_fn pfor, void *pool) {
  if (dtype != JX_F32 && dtype != JX_F64 && dtype != JX_F16) return -1;
  int64_t nsp = d[CD_NSP];
  if (nsp > MAX_SP) return -1;
  int64_t G = d[CD_FGC] * d[CD_BGC], O = d[CD_O], I = d[CD_I], Og = O / G, nout = d[CD_N] / d[CD_BGC];
  int64_t kcount = 1, rows = nout;
  for (int64_t s = 0; s < nsp; s++) {
    kcount *= SP(d, s, SD_K);
    rows *= SP(d, s, SD_OUT);
  }
  if (rows == 0 || O == 0) return 0;
  int64_t K = kcount * I;
  size_t es = dtype == JX_F64 ? 8 : 4;
  void *w = malloc(es * (size_t)(G * K * Og) + 64);
  if (!w) return -2;
  switch (dtype) {
  case JX_F32: PACK(float, float) break;
  case JX_F64: PACK(double, double) break;
  default: PACK(jx_f16, float) break;
  }
  // Outputs in [N, spatial..., O] row-major order take the GEMM's result
  // in place; other layouts go through a small buffer per chunk.
  int64_t expect = O, direct = d[CD_OSO] == 1;
  for (int64_t s = nsp - 1; s >= 0; s--) {
    if (SP(d, s, SD_OS) != expect) direct = 0;
    expect *= SP(d, s, SD_OUT);
  }
  if (d[CD_OSN] != expect) direct = 0;
  // 256 rows a chunk (the GEMM's row blocking; measured best for
  // 64-channel 3x3 layers), fewer when a patch row is long: at most about
  // 1 MiB of patches, so they stay in L2 for the GEMM.
  int64_t chunk = K > 0 ? (1048576 / (int64_t)es) / K : rows;
  if (chunk > 256) chunk = 256;
  if (chunk < 16) chunk = 16;
  if (chunk > rows) chunk = rows;
  conv_job job = {d, dtype, lhs, out, w, rows, chunk, K, Og, G, nout, kcount, direct, 0, {0}};
  int64_t *tables = window_tables(d, job.tbase);
  if (!tables) {
    free(w);
    return -2;
  }
  job.tables = tables;
  void *env[1] = {&job};
  int64_t nchunks = (rows + chunk - 1) / chunk;
  if (pfor && nchunks > 1) {
    pfor(pool, nchunks, conv_rows, env);
  } else {
    conv_rows(env, 0, nchunks);
  }
  free(tables);
  free(w);
  return 0;
}

// MARK: reduce_window

enum { RW_IN = 0, RW_WIN, RW_STRIDE, RW_LO, RW_BDIL, RW_WDIL, RW_OUT, RW_COUNT };
#define RW(d, k, f) ((d)[(k) * RW_COUNT + (f)])
#define RW_MAX_RANK 16

// The input index along dimension k of output index o and window index w,
// or -1 for padding and dilation holes.
static inline int64_t rw_coord(const int64_t *d, int64_t k, int64_t o, int64_t w) {
  int64_t x = o * RW(d, k, RW_STRIDE) + w * RW(d, k, RW_WDIL) - RW(d, k, RW_LO), b = RW(d, k, RW_BDIL);
  if (x < 0 || x % b) return -1;
  x /= b;
  return x < RW(d, k, RW_IN) ? x : -1;
}

// Outer output dims by odometer; the window's outer dims likewise; the
// last dimension is an inner loop over a row of accumulators (unit stride
// and vectorisable in the common case of a trivial last window, e.g. the
// channels of NHWC pooling). Each output combines its window in row-major
// order starting from the identity.
#define REDUCE_WINDOW(T, AT, OP, INIT)                                                  \
  {                                                                                     \
    const T *X = (const T *)x; T *Y = (T *)y;                                           \
    int64_t L = rank - 1, nl = RW(d, L, RW_OUT), wl = RW(d, L, RW_WIN);                 \
    AT *acc = (AT *)malloc(sizeof(AT) * (size_t)(nl + 1));                              \
    if (!acc) return -2;                                                                \
    int64_t instr[RW_MAX_RANK], o[RW_MAX_RANK] = {0}, w[RW_MAX_RANK];                   \
    instr[L] = 1;                                                                       \
    for (int64_t k = L - 1; k >= 0; k--) instr[k] = instr[k + 1] * RW(d, k + 1, RW_IN); \
    int64_t outer = 1, wouter = 1;                                                      \
    for (int64_t k = 0; k < L; k++) { outer *= RW(d, k, RW_OUT); wouter *= RW(d, k, RW_WIN); } \
    for (int64_t q = 0; q < outer; q++) {                                               \
      for (int64_t j = 0; j < nl; j++) acc[j] = (AT)(INIT);                             \
      for (int64_t k = 0; k < L; k++) w[k] = 0;                                         \
      for (int64_t wq = 0; wq < wouter; wq++) {                                         \
        int64_t off = 0, ok = 1;                                                        \
        for (int64_t k = 0; k < L && ok; k++) {                                         \
          int64_t c = rw_coord(d, k, o[k], w[k]);                                       \
          if (c < 0) ok = 0; else off += c * instr[k];                                  \
        }                                                                               \
        if (ok) {                                                                       \
          const T *row = X + off;                                                       \
          for (int64_t v = 0; v < wl; v++) {                                            \
            if (trivial) {                                                              \
              for (int64_t j = 0; j < nl; j++) acc[j] = OP(acc[j], (AT)row[j]);         \
            } else {                                                                    \
              for (int64_t j = 0; j < nl; j++) {                                        \
                int64_t c = rw_coord(d, L, j, v);                                       \
                if (c >= 0) acc[j] = OP(acc[j], (AT)row[c]);                            \
              }                                                                         \
            }                                                                           \
          }                                                                             \
        }                                                                               \
        for (int64_t k = L - 1; k >= 0; k--) {                                          \
          if (++w[k] < RW(d, k, RW_WIN)) break;                                         \
          w[k] = 0;                                                                     \
        }                                                                               \
      }                                                                                 \
      T *yrow = Y + q * nl;                                                             \
      for (int64_t j = 0; j < nl; j++) yrow[j] = (T)acc[j];                             \
      for (int64_t k = L - 1; k >= 0; k--) {                                            \
        if (++o[k] < RW(d, k, RW_OUT)) break;                                           \
        o[k] = 0;                                                                       \
      }                                                                                 \
    }                                                                                   \
    free(acc);                                                                          \
    return 0;                                                                           \
  }

#define RW_PLUS(a, b) ((a) + (b))
#define RW_UPLUS(a, b) ((a) + (b))
#define RW_IMAX(a, b) ((a) > (b) ? (a) : (b))
#define RW_IMIN(a, b) ((a) < (b) ? (a) : (b))

#define RW_FLOAT(T, AT, MAX, MIN)                         \
  switch (op) {                                           \
  case 0: REDUCE_WINDOW(T, AT, RW_PLUS, 0)                \
  case 1: REDUCE_WINDOW(T, AT, MAX, -INFINITY)            \
  case 2: REDUCE_WINDOW(T, AT, MIN, INFINITY)             \
  default: return -1;                                     \
  }

// Integer sums wrap: accumulate in the unsigned type UT.
#define RW_INT(T, UT)                                                          \
  switch (op) {                                                                \
  case 0: REDUCE_WINDOW(T, UT, RW_UPLUS, 0)                                    \
  case 1: REDUCE_WINDOW(T, T, RW_IMAX, (T)((T)0 < (T)-1 ? 0 : ((UT)1 << (sizeof(T) * 8 - 1)))) \
  case 2: REDUCE_WINDOW(T, T, RW_IMIN, (T)((T)0 < (T)-1 ? (T)-1 : (T)(((UT)1 << (sizeof(T) * 8 - 1)) - 1))) \
  default: return -1;                                                          \
  }

int jx_reduce_window(int32_t op, int32_t dtype, int32_t rank, const int64_t *d, const void *x, void *y) {
  if (rank < 1 || rank > RW_MAX_RANK) return -1;
  int64_t total = 1;
  for (int32_t k = 0; k < rank; k++) total *= RW(d, k, RW_OUT);
  if (total == 0) return 0;
  int64_t L = rank - 1;
  int trivial = RW(d, L, RW_WIN) == 1 && RW(d, L, RW_STRIDE) == 1 && RW(d, L, RW_LO) == 0 && RW(d, L, RW_BDIL) == 1
                && RW(d, L, RW_OUT) == RW(d, L, RW_IN);
  switch (dtype) {
  case JX_F32: RW_FLOAT(float, float, jx_maxf, jx_minf)
  case JX_F64: RW_FLOAT(double, double, jx_maxd, jx_mind)
  case JX_F16: RW_FLOAT(jx_f16, float, jx_maxf, jx_minf)
  JX_INT_CASES(dtype, RW_INT)
  default: return -1;
  }
  return -1;
}
