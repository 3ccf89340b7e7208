/* The type-generic half of conv.c: weight packing, im2col, the row
   scatter, the product of a patch block with the packed weights, and the
   per-chunk driver, written over
     T      the storage type of operands and output,
     CT     the compute type (float for float16; the unsigned type for
            integers, so sums and products wrap as XLA's do),
     JX_SUF the name suffix,
     CONV_GEMM(m, n, k, a, b, c, ldc)  c = a (m x k) * b (k x n), from 0,
     CT_STORES_AS_T  1 if a CT result may be stored as T bits directly.
   conv.c defines those, includes this file, and repeats for every dtype.
   Not a standalone header: no include guard on purpose. */
#define FN(name) JX_CAT(name, JX_SUF)

/* The weights as [G][K][Og] in the compute type: row kk * I + i of group g
   is the kernel at window position kk (row-major) and input feature i. */
static void FN(pack)(const int64_t *d, const void *rhs, CT *restrict W, int64_t G, int64_t K, int64_t kcount,
                     int64_t Og) {
  const T *R = (const T *)rhs;
  int64_t nsp = d[CD_NSP], I = d[CD_I];
  for (int64_t g = 0; g < G; g++)
    for (int64_t kk = 0; kk < kcount; kk++) {
      int64_t off = 0, rest = kk;
      for (int64_t s = nsp - 1; s >= 0; s--) {
        off += (rest % SP(d, s, SD_K)) * SP(d, s, SD_RS);
        rest /= SP(d, s, SD_K);
      }
      for (int64_t i = 0; i < I; i++)
        for (int64_t o = 0; o < Og; o++)
          W[(g * K + kk * I + i) * Og + o] = (CT)R[off + i * d[CD_RSI] + (g * Og + o) * d[CD_RSO]];
    }
}

/* Rows r0 .. r0+m-1 of the patch matrix (m x K) of group offsets
   boff/coff: window positions in row-major order, I input features each,
   zeros for padding and dilation holes. */
static void FN(im2col)(const conv_job *job, int64_t r0, int64_t m, int64_t boff, int64_t coff, CT *restrict P) {
  const int64_t *d = job->d;
  const T *L = (const T *)job->lhs;
  int64_t nsp = d[CD_NSP], I = d[CD_I], lsc = d[CD_LSC];
  for (int64_t r = 0; r < m; r++) {
    int64_t n, k[MAX_SP];
    const int64_t *tab[MAX_SP];
    conv_row_tables(job, r0 + r, &n, tab, k);
    const T *base = L + (n + boff) * d[CD_LSN] + coff * lsc;
    CT *dst = P + r * job->K;
    for (int64_t kk = 0; kk < job->kcount; kk++, dst += I) {
      int64_t off = conv_window_offset(d, nsp, tab, k);
      if (off < 0) {
        for (int64_t i = 0; i < I; i++) dst[i] = 0;
      } else if (lsc == 1) {
        const T *src = base + off;
        for (int64_t i = 0; i < I; i++) dst[i] = (CT)src[i];
      } else {
        const T *src = base + off;
        for (int64_t i = 0; i < I; i++) dst[i] = (CT)src[i * lsc];
      }
      conv_next_window(d, nsp, k);
    }
  }
}

/* Writes the m x Og block `tmp` (compute type) to the output rows r0...
   of group g in the output's own layout. */
static void FN(scatter)(const conv_job *job, int64_t r0, int64_t m, int64_t g, const CT *tmp) {
  const int64_t *d = job->d;
  T *O = (T *)job->out;
  for (int64_t r = 0; r < m; r++) {
    int64_t off = conv_out_offset(job, r0 + r) + g * job->Og * d[CD_OSO];
    const CT *src = tmp + r * job->Og;
    for (int64_t o = 0; o < job->Og; o++) O[off + o * d[CD_OSO]] = (T)src[o];
  }
}

/* Chunk c of the rows, every group: im2col, product, and the result
   either straight into the output (row-major [rows, O] outputs in the
   compute type) or through `tmp` and the scatter. */
static void FN(chunk)(const conv_job *job, int64_t c, CT *patch, CT *tmp) {
  const int64_t *d = job->d;
  int64_t r0 = c * job->chunk, m = job->rows - r0 < job->chunk ? job->rows - r0 : job->chunk;
  int direct = job->direct && CT_STORES_AS_T;
  for (int64_t g = 0; g < job->G; g++) {
    int64_t boff = d[CD_BGC] > 1 ? g * job->nout : 0, coff = d[CD_FGC] > 1 ? g * d[CD_I] : 0;
    FN(im2col)(job, r0, m, boff, coff, patch);
    const CT *w = (const CT *)job->w + g * job->K * job->Og;
    if (direct) {
      CONV_GEMM(m, job->Og, job->K, patch, w, (CT *)job->out + r0 * d[CD_O] + g * job->Og, d[CD_O]);
    } else {
      CONV_GEMM(m, job->Og, job->K, patch, w, tmp, job->Og);
      FN(scatter)(job, r0, m, g, tmp);
    }
  }
}

/* A pool task: claims chunks until none is left (see conv_run). */
static void FN(task)(void *const *env, int64_t lo, int64_t hi) {
  (void)lo;
  (void)hi;
  conv_job *job = (conv_job *)env[0];
  CT *patch = (CT *)malloc(sizeof(CT) * (size_t)(job->chunk * job->K + job->chunk * job->Og) + 64);
  if (!patch) {
    __atomic_store_n(&job->failed, 1, __ATOMIC_RELAXED);
    return;
  }
  CT *tmp = patch + job->chunk * job->K;
  for (int64_t c; (c = __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED)) < job->nchunks;)
    FN(chunk)(job, c, patch, tmp);
  free(patch);
}

static int FN(conv)(conv_job *job, const void *rhs, jx_pfor_fn pfor, void *pool) {
  size_t wbytes = sizeof(CT) * (size_t)(job->G * job->K * job->Og) + 64;
  CT *w = (CT *)malloc(wbytes);
  if (!w) return -2;
  FN(pack)(job->d, rhs, w, job->G, job->K, job->kcount, job->Og);
  job->w = w;
  int rc = conv_run(job, FN(task), pfor, pool);
  free(w);
  return rc;
}

#ifdef CONV_V512
/* ---- indirect convolution (AVX-512) ------------------------------------
   For layouts whose input and output features are contiguous (NHWC and
   the like): no patch matrix. A tile is MRI output rows (positions) by
   NRI output features; per window position each row gets a pointer to its
   I input features in the input itself (or to zeros for padding and
   holes), and the kernel broadcasts from those while streaming the
   weights, packed as [G][column block][K][NRI]. The fma chain per output
   element is the GEMM's: window positions in order, features in order. */
#define MRI 6
#define NVI 4
#define NRI (NVI * VL)

/* Weights [G][K][Og] (FN(pack)'s layout) to [G][nb][K][NRI], zero columns
   past Og. */
static void FN(pack_indirect)(const CT *W, CT *restrict Wi, int64_t G, int64_t K, int64_t Og, int64_t nb) {
  for (int64_t g = 0; g < G; g++)
    for (int64_t b = 0; b < nb; b++)
      for (int64_t k = 0; k < K; k++) {
        CT *dst = Wi + ((g * nb + b) * K + k) * NRI;
        for (int64_t j = 0; j < NRI; j++) {
          int64_t o = b * NRI + j;
          dst[j] = o < Og ? W[(g * K + k) * Og + o] : (CT)0;
        }
      }
}

static inline VMASK FN(lanes)(int64_t n) {
  return n >= VL ? (VMASK)~(VMASK)0 : n <= 0 ? (VMASK)0 : (VMASK)(((VMASK)1 << n) - 1);
}

/* One tile: rows r < mr of outs[r] + col get the first ncols features. */
CONV_T512 static void FN(tile)(int64_t kcount, int64_t I, const T *const *ptrs, const T *restrict B, T *const *outs,
                               int64_t col, int64_t mr, int64_t ncols) {
  V acc[MRI][NVI];
  for (int r = 0; r < MRI; r++)
    for (int v = 0; v < NVI; v++) acc[r][v] = ZV();
  for (int64_t kk = 0; kk < kcount; kk++) {
    const T *p[MRI];
    for (int r = 0; r < MRI; r++) p[r] = ptrs[kk * MRI + r];
    for (int64_t c = 0; c < I; c++, B += NRI) {
      V b[NVI];
      for (int v = 0; v < NVI; v++) b[v] = LDV(B + v * VL);
      for (int r = 0; r < MRI; r++) {
        const V a = BCV(p[r][c]);
        for (int v = 0; v < NVI; v++) acc[r][v] = FMAV(a, b[v], acc[r][v]);
      }
    }
  }
  for (int r = 0; r < MRI; r++) {
    if (r >= mr) break;
    for (int v = 0; v < NVI; v++) MSTV(outs[r] + col + v * VL, FN(lanes)(ncols - v * VL), acc[r][v]);
  }
}

/* Chunk c of the rows, every group, in tiles of MRI rows. */
static void FN(indirect_chunk)(const conv_job *job, int64_t c, const T **ptrs, const T *zeros) {
  const int64_t *d = job->d;
  const T *L = (const T *)job->lhs;
  int64_t nsp = d[CD_NSP], nb = (job->Og + NRI - 1) / NRI;
  int64_t r0 = c * job->chunk, m = job->rows - r0 < job->chunk ? job->rows - r0 : job->chunk;
  for (int64_t g = 0; g < job->G; g++) {
    int64_t boff = d[CD_BGC] > 1 ? g * job->nout : 0, coff = d[CD_FGC] > 1 ? g * d[CD_I] : 0;
    for (int64_t t = 0; t < m; t += MRI) {
      int64_t mr = m - t < MRI ? m - t : MRI;
      T *outs[MRI];
      for (int64_t r = 0; r < MRI; r++) {
        outs[r] = 0;
        if (r >= mr) {
          for (int64_t kk = 0; kk < job->kcount; kk++) ptrs[kk * MRI + r] = zeros;
          continue;
        }
        int64_t n, k[MAX_SP];
        const int64_t *tab[MAX_SP];
        conv_row_tables(job, r0 + t + r, &n, tab, k);
        const T *base = L + (n + boff) * d[CD_LSN] + coff;
        for (int64_t kk = 0; kk < job->kcount; kk++) {
          int64_t off = conv_window_offset(d, nsp, tab, k);
          ptrs[kk * MRI + r] = off < 0 ? zeros : base + off;
          conv_next_window(d, nsp, k);
        }
        outs[r] = (T *)job->out + conv_out_offset(job, r0 + t + r) + g * job->Og;
      }
      for (int64_t b = 0; b < nb; b++) {
        const T *W = (const T *)job->w + (g * nb + b) * job->K * NRI;
        FN(tile)(job->kcount, d[CD_I], ptrs, W, outs, b * NRI, mr, job->Og - b * NRI);
      }
    }
  }
}

static void FN(indirect_task)(void *const *env, int64_t lo, int64_t hi) {
  (void)lo;
  (void)hi;
  conv_job *job = (conv_job *)env[0];
  const T **ptrs = (const T **)malloc(sizeof(T *) * (size_t)(job->kcount * MRI));
  T *zeros = (T *)calloc((size_t)job->d[CD_I], sizeof(T));
  if (ptrs && zeros) {
    for (int64_t c; (c = __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED)) < job->nchunks;)
      FN(indirect_chunk)(job, c, ptrs, zeros);
  } else {
    __atomic_store_n(&job->failed, 1, __ATOMIC_RELAXED);
  }
  free(ptrs);
  free(zeros);
}

static int FN(conv_indirect)(conv_job *job, const void *rhs, jx_pfor_fn pfor, void *pool) {
  int64_t nb = (job->Og + NRI - 1) / NRI;
  CT *w = (CT *)malloc(sizeof(CT) * (size_t)(job->G * job->K * job->Og) + 64);
  CT *wi = (CT *)malloc(sizeof(CT) * (size_t)(job->G * nb * job->K * NRI) + 64);
  int rc = -2;
  if (w && wi) {
    FN(pack)(job->d, rhs, w, job->G, job->K, job->kcount, job->Og);
    FN(pack_indirect)(w, wi, job->G, job->K, job->Og, nb);
    job->w = wi;
    rc = conv_run(job, FN(indirect_task), pfor, pool);
  }
  free(w);
  free(wi);
  return rc;
}
#undef MRI
#undef NVI
#undef NRI
#endif

#undef FN
