// conv_general_dilated as im2col + the packed GEMM (or, for NHWC-like
// float32/float64 layouts on AVX-512, an indirect-convolution kernel that
// reads the input in place), and reduce_window as direct loops. Both the
// eager kernels and compiled code (through the runtime table) call these,
// so jit and eager agree bit for bit. Every float32/float64 output element
// is the sequential fma chain over (window position row-major, input
// feature) from +0, whichever path runs and however the rows are chunked
// or threaded (the GEMM guarantees the same chain). Integer convolutions
// accumulate in the unsigned type, so they wrap as XLA's do.
#include "jx_internal.h"
#include <stdlib.h>
#include "jx_gemm.h"
#if defined(__x86_64__)
#include <immintrin.h>
#define CONV_X86 1
#define CONV_T512 __attribute__((target("avx512f,avx2,fma")))
#else
#define CONV_X86 0
#endif
#define JX_CAT_(a, b) a##b
#define JX_CAT(a, b) JX_CAT_(a, b)

enum { CD_NSP = 0, CD_N, CD_C, CD_O, CD_I, CD_FGC, CD_BGC, CD_LSN, CD_LSC, CD_RSO, CD_RSI, CD_OSN, CD_OSO, CD_HEAD };
enum { SD_IN = 0, SD_K, SD_OUT, SD_STRIDE, SD_LO, SD_LDIL, SD_RDIL, SD_LS, SD_RS, SD_OS, SD_COUNT };
#define SP(d, s, f) ((d)[CD_HEAD + (s) * SD_COUNT + (f)])
#define MAX_SP 8

typedef struct {
  const int64_t *d;
  const void *lhs;
  void *out;
  const void *w;  // packed weights, in the compute type
  int64_t rows, chunk, nchunks, K, Og, G, nout, kcount, direct;
  const int64_t *tables;  // window_tables
  int64_t tbase[MAX_SP];
  int64_t next;  // the next unclaimed chunk (atomic)
  int failed;    // a task ran out of memory (atomic)
} conv_job;

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

// Output row `row` (batch-major, then spatial positions row-major): its
// batch index in *n, each dimension's table row in tab, window odometer
// k reset to 0.
static inline void conv_row_tables(const conv_job *job, int64_t row, int64_t *n, const int64_t **tab, int64_t *k) {
  const int64_t *d = job->d;
  for (int64_t s = d[CD_NSP] - 1; s >= 0; s--) {
    int64_t pos = row % SP(d, s, SD_OUT);
    row /= SP(d, s, SD_OUT);
    tab[s] = job->tables + job->tbase[s] + pos * SP(d, s, SD_K);
    k[s] = 0;
  }
  *n = row;
}

// The lhs offset the window position k reads, or -1 for padding/holes.
static inline int64_t conv_window_offset(const int64_t *d, int64_t nsp, const int64_t **tab, const int64_t *k) {
  (void)d;
  int64_t off = 0;
  for (int64_t s = 0; s < nsp; s++) {
    int64_t v = tab[s][k[s]];
    if (v < 0) return -1;
    off += v;
  }
  return off;
}

static inline void conv_next_window(const int64_t *d, int64_t nsp, int64_t *k) {
  for (int64_t s = nsp - 1; s >= 0; s--) {
    if (++k[s] < SP(d, s, SD_K)) return;
    k[s] = 0;
  }
}

// The output offset of row `row`'s feature 0 (group 0).
static inline int64_t conv_out_offset(const conv_job *job, int64_t row) {
  const int64_t *d = job->d;
  int64_t off = 0;
  for (int64_t s = d[CD_NSP] - 1; s >= 0; s--) {
    off += (row % SP(d, s, SD_OUT)) * SP(d, s, SD_OS);
    row /= SP(d, s, SD_OUT);
  }
  return off + row * d[CD_OSN];
}

// Runs `task` over the pool: every task claims chunks from job->next until
// none is left, so a thread the busy machine descheduled leaves its share
// to the others instead of holding up the whole call (a static split
// would wait for it); each chunk's result does not depend on who runs it.
static int conv_run(conv_job *job, jx_task_fn task, jx_pfor_fn pfor, void *pool) {
  void *env[1] = {job};
  job->next = 0;
  job->failed = 0;
  if (pfor && job->nchunks > 1)
    pfor(pool, job->nchunks, task, env);
  else
    task(env, 0, job->nchunks);
  return job->failed ? -2 : 0;
}

// Integer products: CT is unsigned, and the product is taken in 64 bits
// so that narrow types do not promote to (overflowing) int.
#define CONV_INT_GEMM(m, n, k, a, b, c, ldc)                                          \
  for (int64_t i_ = 0; i_ < (m); i_++) {                                              \
    CT *c_ = (c) + i_ * (ldc);                                                        \
    for (int64_t j_ = 0; j_ < (n); j_++) c_[j_] = 0;                                  \
    for (int64_t p_ = 0; p_ < (k); p_++) {                                            \
      uint64_t a_ = (uint64_t)(a)[i_ * (k) + p_];                                     \
      const CT *b_ = (b) + p_ * (n);                                                  \
      for (int64_t j_ = 0; j_ < (n); j_++) c_[j_] = (CT)(c_[j_] + (CT)(a_ * (uint64_t)b_[j_])); \
    }                                                                                 \
  }

#define CT_STORES_AS_T 1
#define T float
#define CT float
#define JX_SUF _f32
#define CONV_GEMM(m, n, k, a, b, c, ldc) jx_sgemm(m, n, k, a, k, b, n, c, ldc)
#if CONV_X86
#define CONV_V512 1
#define V __m512
#define VL 16
#define VMASK __mmask16
#define LDV _mm512_loadu_ps
#define MSTV _mm512_mask_storeu_ps
#define FMAV _mm512_fmadd_ps
#define BCV _mm512_set1_ps
#define ZV _mm512_setzero_ps
#endif
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#undef CONV_GEMM
#undef V
#undef VL
#undef VMASK
#undef LDV
#undef MSTV
#undef FMAV
#undef BCV
#undef ZV
#define T double
#define CT double
#define JX_SUF _f64
#define CONV_GEMM(m, n, k, a, b, c, ldc) jx_dgemm(m, n, k, a, k, b, n, c, ldc)
#if CONV_X86
#define V __m512d
#define VL 8
#define VMASK __mmask8
#define LDV _mm512_loadu_pd
#define MSTV _mm512_mask_storeu_pd
#define FMAV _mm512_fmadd_pd
#define BCV _mm512_set1_pd
#define ZV _mm512_setzero_pd
#endif
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#undef CONV_GEMM
#undef CT_STORES_AS_T
#undef CONV_V512
#undef V
#undef VL
#undef VMASK
#undef LDV
#undef MSTV
#undef FMAV
#undef BCV
#undef ZV

// float16 computes in float32 (im2col converts), as XLA's CPU backend does.
#define CT_STORES_AS_T 0
#define T jx_f16
#define CT float
#define JX_SUF _f16
#define CONV_GEMM(m, n, k, a, b, c, ldc) jx_sgemm(m, n, k, a, k, b, n, c, ldc)
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#undef CONV_GEMM
#undef CT_STORES_AS_T

// Integers: signed types compute in the unsigned type of the same width
// (same bits, defined wrap-around).
#define CT_STORES_AS_T 1
#define CONV_GEMM CONV_INT_GEMM
#define T int8_t
#define CT uint8_t
#define JX_SUF _i8
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#define T int16_t
#define CT uint16_t
#define JX_SUF _i16
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#define T int32_t
#define CT uint32_t
#define JX_SUF _i32
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#define T int64_t
#define CT uint64_t
#define JX_SUF _i64
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#define T uint8_t
#define CT uint8_t
#define JX_SUF _u8
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#define T uint16_t
#define CT uint16_t
#define JX_SUF _u16
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#define T uint32_t
#define CT uint32_t
#define JX_SUF _u32
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#define T uint64_t
#define CT uint64_t
#define JX_SUF _u64
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#undef CONV_GEMM

// bool: XLA's PRED convolution is an OR of ANDs.
#define CONV_GEMM(m, n, k, a, b, c, ldc)                                               \
  for (int64_t i_ = 0; i_ < (m); i_++) {                                              \
    uint8_t *c_ = (c) + i_ * (ldc);                                                   \
    for (int64_t j_ = 0; j_ < (n); j_++) c_[j_] = 0;                                  \
    for (int64_t p_ = 0; p_ < (k); p_++) {                                            \
      uint8_t a_ = (a)[i_ * (k) + p_];                                                \
      const uint8_t *b_ = (b) + p_ * (n);                                             \
      for (int64_t j_ = 0; j_ < (n); j_++) c_[j_] |= (uint8_t)(a_ & b_[j_]);          \
    }                                                                                 \
  }
#define T uint8_t
#define CT uint8_t
#define JX_SUF _b
#include "conv_template.h"
#undef T
#undef CT
#undef JX_SUF
#undef CONV_GEMM
#undef CT_STORES_AS_T
// The indirect kernel applies when the input features are contiguous
// (lsc == 1) and so are the output features (oso == 1), the CPU has
// AVX-512 and the GEMM has not been limited to a narrower ISA (tests
// compare ISAs), a group has at least one vector of output features, and
// there is something to sum (K = 0 is the GEMM path's plain zeroing).
static int conv_indirect_ok(const conv_job *job, int64_t lanes) {
#if CONV_X86
  const int64_t *d = job->d;
  return jx_gemm_isa() == 3 && d[CD_LSC] == 1 && d[CD_OSO] == 1 && job->Og >= lanes && job->K > 0;
#else
  (void)job;
  (void)lanes;
  return 0;
#endif
}
#if !CONV_X86
#define conv_indirect_f32 conv_f32
#define conv_indirect_f64 conv_f64
#endif

// Complex convolutions as JAX 0.10.2 lowers them on CPU (convolution.py
// `_complex_mul`, `expand_complex_convolutions`): Gauss's three real
// convolutions k1 = conv(re x + im x, re y), k2 = conv(re x, im y - re y),
// k3 = conv(im x, re y + im y), and the result (k1 - k3) + i (k1 + k2).
// The real convolutions are this file's float kernels with the same
// descriptor: a real array of the same shape has the same element strides.
#define CONV_COMPLEX(R, RDT)                                                              \
  static int conv_complex_##R(const int64_t *d, const void *lhs, const void *rhs, void *out, \
                              int64_t nl, int64_t nr, int64_t no, jx_pfor_fn pfor, void *pool) { \
    const R *X = (const R *)lhs, *Y = (const R *)rhs;                                    \
    R *Z = (R *)out;                                                                      \
    R *buf = (R *)malloc(sizeof(R) * (size_t)(3 * nl + 3 * nr + 3 * no + 1));            \
    if (!buf) return -2;                                                                  \
    R *xr = buf, *xi = xr + nl, *xs = xi + nl, *yr = xs + nl, *yd = yr + nr, *ys = yd + nr; \
    R *k1 = ys + nr, *k2 = k1 + no, *k3 = k2 + no;                                        \
    for (int64_t j = 0; j < nl; j++) {                                                    \
      xr[j] = X[2 * j];                                                                   \
      xi[j] = X[2 * j + 1];                                                               \
      xs[j] = xr[j] + xi[j];                                                              \
    }                                                                                     \
    for (int64_t j = 0; j < nr; j++) {                                                    \
      R re = Y[2 * j], im = Y[2 * j + 1];                                                 \
      yr[j] = re;                                                                         \
      yd[j] = im - re;                                                                    \
      ys[j] = re + im;                                                                    \
    }                                                                                     \
    int rc = jx_conv(RDT, d, xs, yr, k1, pfor, pool);                                     \
    if (!rc) rc = jx_conv(RDT, d, xr, yd, k2, pfor, pool);                                \
    if (!rc) rc = jx_conv(RDT, d, xi, ys, k3, pfor, pool);                                \
    if (!rc)                                                                              \
      for (int64_t j = 0; j < no; j++) {                                                  \
        Z[2 * j] = k1[j] - k3[j];                                                         \
        Z[2 * j + 1] = k1[j] + k2[j];                                                     \
      }                                                                                   \
    free(buf);                                                                            \
    return rc;                                                                            \
  }
CONV_COMPLEX(float, JX_F32)
CONV_COMPLEX(double, JX_F64)

int jx_conv(int32_t dtype, const int64_t *d, const void *lhs, const void *rhs, void *out,
            jx_pfor_fn pfor, void *pool) {
  int64_t nsp = d[CD_NSP];
  if (nsp > MAX_SP) return -1;
  int64_t G = d[CD_FGC] * d[CD_BGC], O = d[CD_O], I = d[CD_I], Og = O / G, nout = d[CD_N] / d[CD_BGC];
  int64_t kcount = 1, rows = nout;
  for (int64_t s = 0; s < nsp; s++) {
    kcount *= SP(d, s, SD_K);
    rows *= SP(d, s, SD_OUT);
  }
  if (rows == 0 || O == 0) return 0;
  if (dtype == JX_C64 || dtype == JX_C128) {
    int64_t nl = d[CD_N] * d[CD_C], nr = O * I;
    for (int64_t s = 0; s < nsp; s++) {
      nl *= SP(d, s, SD_IN);
      nr *= SP(d, s, SD_K);
    }
    return dtype == JX_C64 ? conv_complex_float(d, lhs, rhs, out, nl, nr, rows * O, pfor, pool)
                           : conv_complex_double(d, lhs, rhs, out, nl, nr, rows * O, pfor, pool);
  }
  int64_t K = kcount * I;
  // Outputs in [N, spatial..., O] row-major order take the product in
  // place; other layouts go through a small buffer per chunk.
  int64_t expect = O, direct = d[CD_OSO] == 1;
  for (int64_t s = nsp - 1; s >= 0; s--) {
    if (SP(d, s, SD_OS) != expect) direct = 0;
    expect *= SP(d, s, SD_OUT);
  }
  if (d[CD_OSN] != expect) direct = 0;
  // 256 rows a chunk (the GEMM's row blocking; measured best for
  // 64-channel 3x3 layers), fewer when a patch row is long: at most about
  // 1 MiB of patches, so they stay in L2 for the GEMM.
  int64_t es = dtype == JX_F64 || dtype == JX_I64 || dtype == JX_U64 ? 8 : 4;
  int64_t chunk = K > 0 ? (1048576 / es) / K : rows;
  if (chunk > 256) chunk = 256;
  if (chunk < 16) chunk = 16;
  if (chunk > rows) chunk = rows;
  conv_job job = {d, lhs, out, 0, rows, chunk, (rows + chunk - 1) / chunk, K, Og, G, nout, kcount, direct, 0, {0}, 0, 0};
  int64_t *tables = window_tables(d, job.tbase);
  if (!tables) return -2;
  job.tables = tables;
  int rc;
  switch ((jx_dtype)dtype) {
  case JX_F32: rc = conv_indirect_ok(&job, 16) ? conv_indirect_f32(&job, rhs, pfor, pool) : conv_f32(&job, rhs, pfor, pool); break;
  case JX_F64: rc = conv_indirect_ok(&job, 8) ? conv_indirect_f64(&job, rhs, pfor, pool) : conv_f64(&job, rhs, pfor, pool); break;
  case JX_F16: rc = conv_f16(&job, rhs, pfor, pool); break;
  case JX_I8: rc = conv_i8(&job, rhs, pfor, pool); break;
  case JX_I16: rc = conv_i16(&job, rhs, pfor, pool); break;
  case JX_I32: rc = conv_i32(&job, rhs, pfor, pool); break;
  case JX_I64: rc = conv_i64(&job, rhs, pfor, pool); break;
  case JX_U8: rc = conv_u8(&job, rhs, pfor, pool); break;
  case JX_U16: rc = conv_u16(&job, rhs, pfor, pool); break;
  case JX_U32: rc = conv_u32(&job, rhs, pfor, pool); break;
  case JX_U64: rc = conv_u64(&job, rhs, pfor, pool); break;
  case JX_BOOL: rc = conv_b(&job, rhs, pfor, pool); break;
  default: rc = -1; break;
  }
  free(tables);
  return rc;
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
#define RW_TIMES(a, b) ((a) * (b))
// Integer products wrap: taken in 64 bits (narrow types would promote to
// an overflowing int) and truncated by the store to the accumulator.
#define RW_UTIMES(a, b) ((uint64_t)(a) * (uint64_t)(b))

#define RW_FLOAT(T, AT, MAX, MIN)                         \
  switch (op) {                                           \
  case 0: REDUCE_WINDOW(T, AT, RW_PLUS, 0)                \
  case 1: REDUCE_WINDOW(T, AT, MAX, -INFINITY)            \
  case 2: REDUCE_WINDOW(T, AT, MIN, INFINITY)             \
  case 3: REDUCE_WINDOW(T, AT, RW_TIMES, 1)               \
  default: return -1;                                     \
  }

// Complex: sum componentwise; max/min are JAX's lexicographic reducers
// (jx_cmax/jx_cmin, accumulator first, so a NaN part loses to the next
// element), from XLA's identities -inf+0i / +inf+0i; the product is
// jx_cmul (accumulator first) from 1+0i.
#define RW_COMPLEX(S, C, R)                                                          \
  switch (op) {                                                                      \
  case 0: REDUCE_WINDOW(C, C, RW_PLUS, 0)                                            \
  case 1: REDUCE_WINDOW(C, C, jx_cmax_##S, jx_cmake_##S(-(R)INFINITY, 0))            \
  case 2: REDUCE_WINDOW(C, C, jx_cmin_##S, jx_cmake_##S((R)INFINITY, 0))             \
  case 3: REDUCE_WINDOW(C, C, jx_cmul_##S, jx_cmake_##S(1, 0))                       \
  default: return -1;                                                                \
  }

// Integer sums and products wrap: accumulate in the unsigned type UT.
#define RW_INT(T, UT)                                                          \
  switch (op) {                                                                \
  case 0: REDUCE_WINDOW(T, UT, RW_UPLUS, 0)                                    \
  case 1: REDUCE_WINDOW(T, T, RW_IMAX, (T)((T)0 < (T)-1 ? 0 : ((UT)1 << (sizeof(T) * 8 - 1)))) \
  case 2: REDUCE_WINDOW(T, T, RW_IMIN, (T)((T)0 < (T)-1 ? (T)-1 : (T)(((UT)1 << (sizeof(T) * 8 - 1)) - 1))) \
  case 3: REDUCE_WINDOW(T, UT, RW_UTIMES, 1)                                   \
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
  case JX_C64: RW_COMPLEX(c64, jx_c64, float)
  case JX_C128: RW_COMPLEX(c128, jx_c128, double)
  JX_INT_CASES(dtype, RW_INT)
  default: return -1;
  }
  return -1;
}
