/* The type-generic half of gemm.c: packing, the AVX-512/AVX2/generic
   micro-kernels and the blocked driver, written over T, JX_SUF, the vector
   macros (V512, LD512, ...) and the blocking constants. gemm.c defines
   those for float, includes this file, redefines them for double and
   includes it again. Not a standalone header: no include guard on purpose. */
#define FN(name) JX_CAT(name, JX_SUF)

/* Calls BODY(rows) with rows the compile-time constant equal to mr
   (1 <= mr <= MR <= 8): one unrolled kernel per tile height. */
#define JX_BY_ROWS(MR, mr, BODY)                                               \
  switch (mr) {                                                                \
  case 1: BODY(1 < (MR) ? 1 : (MR)); break;                                    \
  case 2: BODY(2 < (MR) ? 2 : (MR)); break;                                    \
  case 3: BODY(3 < (MR) ? 3 : (MR)); break;                                    \
  case 4: BODY(4 < (MR) ? 4 : (MR)); break;                                    \
  case 5: BODY(5 < (MR) ? 5 : (MR)); break;                                    \
  case 6: BODY(6 < (MR) ? 6 : (MR)); break;                                    \
  case 7: BODY(7 < (MR) ? 7 : (MR)); break;                                    \
  default: BODY(MR); break;                                                    \
  }

/* Micro-kernel: C[mr x NR] (=|+=) Apanel * Bpanel over kc steps, for the
   first mr (1..MR) of the panel's MR rows; `cnext` is the C tile the driver
   will visit next (prefetched). A short tile at the matrix's bottom edge
   costs only its own rows: with MR = 6, a 128-row product has 21 full tiles
   and one of 2 rows, which at full height was 4.5% of its multiply-adds. */
typedef void (*FN(jx_kern_t))(int64_t kc, const T *restrict a,
                              const T *restrict b, T *restrict c, int64_t ldc,
                              int accum, const T *cnext, int mr);
/* Packers (see pack_a_gen / pack_b_gen for the layouts). */
typedef void (*FN(jx_pack_t))(int trans, int64_t rows, int64_t cols,
                              const T *src, int64_t ld, T *restrict dst);

/* ---- packing ----------------------------------------------------------- */

/* Pack the mc x kc block of op(A) whose top-left element is at `A` into
   MR-row micro-panels: panel p holds op(A)(p*MR + r, k) at [k*MR + r]. Rows
   past mc are zero. */
JX_INLINE void FN(pack_a_gen)(int transA, int64_t mc, int64_t kc, const T *A,
                              int64_t lda, T *restrict dst, const int MR) {
  if (!transA) {
    for (int64_t p = 0; p < mc; p += MR, dst += (int64_t)MR * kc) {
      const int64_t m = jx_min64(MR, mc - p);
      const T *src = A + p * lda;
      if (m == MR) {
        for (int64_t k = 0; k < kc; k++)
          for (int r = 0; r < MR; r++) dst[k * MR + r] = src[r * lda + k];
      } else {
        for (int64_t k = 0; k < kc; k++)
          for (int r = 0; r < MR; r++)
            dst[k * MR + r] = r < m ? src[r * lda + k] : (T)0;
      }
    }
  } else {
    /* op(A)(i, k) = A[k*lda + i]: walk the stored rows contiguously. */
    for (int64_t k = 0; k < kc; k++) {
      const T *src = A + k * lda;
      T *d = dst + k * MR;
      for (int64_t p = 0; p < mc; p += MR, d += (int64_t)MR * kc) {
        const int64_t m = jx_min64(MR, mc - p);
        if (m == MR) {
          for (int r = 0; r < MR; r++) d[r] = src[p + r];
        } else {
          for (int r = 0; r < MR; r++) d[r] = r < m ? src[p + r] : (T)0;
        }
      }
    }
  }
}

/* Pack the kc x nc block of op(B) at `B` into NR-column micro-panels: panel
   p holds op(B)(k, p*NR + c) at [k*NR + c]. Columns past nc are zero. */
JX_INLINE void FN(pack_b_gen)(int transB, int64_t kc, int64_t nc, const T *B,
                              int64_t ldb, T *restrict dst, const int NR) {
  if (!transB) {
    /* op(B)(k, j) = B[k*ldb + j]: walk the stored rows contiguously. */
    for (int64_t k = 0; k < kc; k++) {
      const T *src = B + k * ldb;
      T *d = dst + k * NR;
      for (int64_t p = 0; p < nc; p += NR, d += (int64_t)NR * kc) {
        const int64_t n = jx_min64(NR, nc - p);
        if (n == NR) {
          for (int c = 0; c < NR; c++) d[c] = src[p + c];
        } else {
          for (int c = 0; c < NR; c++) d[c] = c < n ? src[p + c] : (T)0;
        }
      }
    }
  } else {
    for (int64_t p = 0; p < nc; p += NR, dst += (int64_t)NR * kc) {
      const int64_t n = jx_min64(NR, nc - p);
      const T *src = B + p * ldb;
      if (n == NR) {
        for (int64_t k = 0; k < kc; k++)
          for (int c = 0; c < NR; c++) dst[k * NR + c] = src[c * ldb + k];
      } else {
        for (int64_t k = 0; k < kc; k++)
          for (int c = 0; c < NR; c++)
            dst[k * NR + c] = c < n ? src[c * ldb + k] : (T)0;
      }
    }
  }
}

/* ---- blocked driver ---------------------------------------------------- */

/* Row strips of a split product read B from one packing (see split_shared):
   rows [0, M) of C (A, C offset to the strip) (=|+=, as `accum`) op(A) op(B)
   over K (A offset to its first column), from B packed in blocks of KC
   (already evened over the whole product's K), block pc at pb + pc * npad. */
typedef int (*FN(jx_rows_t))(int tA, int64_t M, int64_t N, int64_t K,
                             int64_t KC, int accum, const T *A, int64_t lda,
                             const T *pb, int64_t npad, T *C, int64_t ldc);

/* The macro-kernel: C[mc x nc] (=|+=) packed A (mc x kc) times packed B
   (kc x nc), walking B's micro-panels outside (each stays in L1 while A's
   panels stream past from L2). `C` is the block's top-left element. */
JX_INLINE void FN(macro)(int64_t mc, int64_t nc, int64_t kc, const T *pa,
                         const T *pb, T *C, int64_t ldc, int accum,
                         FN(jx_kern_t) kern, const int MR, const int NR) {
  for (int64_t jr = 0; jr < nc; jr += NR) {
    const int64_t nr = jx_min64(NR, nc - jr);
    const T *bp = pb + jr * kc;
    for (int64_t ir = 0; ir < mc; ir += MR) {
      const int64_t mr = jx_min64(MR, mc - ir);
      const T *ap = pa + ir * kc;
      T *cp = C + ir * ldc + jr;
      const T *cnext = ir + MR < mc   ? cp + (int64_t)MR * ldc
                       : jr + NR < nc ? C + jr + NR
                                      : cp;
      if (nr == NR) {
        kern(kc, ap, bp, cp, ldc, accum, cnext, (int)mr);
      } else {
        T tile[MR * NR] __attribute__((aligned(64)));
        if (accum)
          for (int64_t i = 0; i < mr; i++)
            for (int64_t j = 0; j < nr; j++) tile[i * NR + j] = cp[i * ldc + j];
        kern(kc, ap, bp, tile, NR, accum, cnext, (int)mr);
        for (int64_t i = 0; i < mr; i++)
          for (int64_t j = 0; j < nr; j++) cp[i * ldc + j] = tile[i * NR + j];
      }
    }
  }
}

/* Returns 0 (having done nothing) if no scratch memory is available. */
JX_INLINE int FN(driver)(int tA, int tB, int64_t M, int64_t N, int64_t K,
                         const T *A, int64_t lda, const T *B, int64_t ldb,
                         T *C, int64_t ldc, FN(jx_kern_t) kern,
                         FN(jx_pack_t) pack_a, FN(jx_pack_t) pack_b,
                         const int MR, const int NR, int64_t KC,
                         int64_t MC, const int64_t NC) {
  KC = jx_even_block(K, KC, 1);
  MC = jx_even_block(M, MC, MR);
  const int64_t kcmax = jx_min64(KC, K);
  const int64_t mcmax = jx_roundup(jx_min64(MC, M), MR);
  const int64_t ncmax = jx_roundup(jx_min64(NC, N), NR);
  /* Packers may write up to JX_PACK_SLACK elements past a panel's end. */
  const size_t asz = (size_t)(mcmax * kcmax + JX_PACK_SLACK) * sizeof(T);
  const size_t bsz = (size_t)(ncmax * kcmax + JX_PACK_SLACK) * sizeof(T);
  const size_t aoff = (asz + 63) & ~(size_t)63;
  char *buf = (char *)jx_buf_get(JX_BUF_OWN, aoff + bsz);
  if (!buf) return 0;
  T *restrict pa = (T *)buf;
  T *restrict pb = (T *)(buf + aoff);

  for (int64_t jc = 0; jc < N; jc += NC) {
    const int64_t nc = jx_min64(NC, N - jc);
    for (int64_t pc = 0; pc < K; pc += KC) {
      const int64_t kc = jx_min64(KC, K - pc);
      pack_b(tB, kc, nc, tB ? B + jc * ldb + pc : B + pc * ldb + jc, ldb, pb);
      for (int64_t ic = 0; ic < M; ic += MC) {
        const int64_t mc = jx_min64(MC, M - ic);
        pack_a(tA, mc, kc, tA ? A + pc * lda + ic : A + ic * lda + pc, lda, pa);
        FN(macro)(mc, nc, kc, pa, pb, C + ic * ldc + jc, ldc, pc > 0, kern,
                  MR, NR);
      }
    }
  }
  return 1;
}

/* The driver's loops for one row strip of a product whose B is already
   packed (all of N at once; see jx_rows_t). */
JX_INLINE int FN(rows_packed)(int tA, int64_t M, int64_t N, int64_t K,
                              int64_t KC, int accum, const T *A, int64_t lda,
                              const T *pb, int64_t npad, T *C, int64_t ldc,
                              FN(jx_kern_t) kern, FN(jx_pack_t) pack_a,
                              const int MR, const int NR, int64_t MC) {
  MC = jx_even_block(M, MC, MR);
  const int64_t mcmax = jx_roundup(jx_min64(MC, M), MR);
  const size_t asz = (size_t)(mcmax * jx_min64(KC, K) + JX_PACK_SLACK) * sizeof(T);
  T *restrict pa = (T *)jx_buf_get(JX_BUF_OWN, asz);
  if (!pa) return 0;
  for (int64_t pc = 0; pc < K; pc += KC) {
    const int64_t kc = jx_min64(KC, K - pc);
    for (int64_t ic = 0; ic < M; ic += MC) {
      const int64_t mc = jx_min64(MC, M - ic);
      pack_a(tA, mc, kc, tA ? A + pc * lda + ic : A + ic * lda + pc, lda, pa);
      FN(macro)(mc, N, kc, pa, pb + pc * npad, C + ic * ldc, ldc,
                accum || pc > 0, kern, MR, NR);
    }
  }
  return 1;
}

/* The column strips of a wide split product (see split_cols): the calling
   thread claims strips of `chunk` columns from *next until none is left.
   Its first claim packs all of op(A) into the thread's own buffer (every K
   block, in MC row blocks: block (b, pc) at pa + (b * K + pc) * mcmax); each
   strip then packs its columns of B one K block at a time. Returns 0
   (having claimed nothing) if no scratch memory is available. */
typedef int (*FN(jx_cols_t))(int tA, int tB, int64_t M, int64_t N, int64_t K,
                             const T *A, int64_t lda, const T *B, int64_t ldb,
                             T *C, int64_t ldc, int64_t chunk, int64_t *next);

JX_INLINE int FN(cols_packed)(int tA, int tB, int64_t M, int64_t N, int64_t K,
                              const T *A, int64_t lda, const T *B, int64_t ldb,
                              T *C, int64_t ldc, int64_t chunk, int64_t *next,
                              FN(jx_kern_t) kern, FN(jx_pack_t) pack_a,
                              FN(jx_pack_t) pack_b, const int MR, const int NR,
                              int64_t KC, int64_t MC) {
  KC = jx_even_block(K, KC, 1);
  MC = jx_even_block(M, MC, MR);
  const int64_t mcmax = jx_roundup(jx_min64(MC, M), MR);
  const size_t asz = (size_t)(((M + MC - 1) / MC) * mcmax * K + JX_PACK_SLACK) * sizeof(T);
  const size_t aoff = (asz + 63) & ~(size_t)63;
  const size_t bsz = (size_t)(jx_roundup(chunk, NR) * jx_min64(KC, K) + JX_PACK_SLACK) * sizeof(T);
  char *buf = (char *)jx_buf_get(JX_BUF_OWN, aoff + bsz);
  if (!buf) return 0;
  T *restrict pa = (T *)buf;
  T *restrict pb = (T *)(buf + aoff);
  int packed = 0;
  for (int64_t c; (c = __atomic_fetch_add(next, 1, __ATOMIC_RELAXED)) * chunk < N;) {
    if (!packed) {
      for (int64_t ic = 0, b = 0; ic < M; ic += MC, b++)
        for (int64_t pc = 0; pc < K; pc += KC)
          pack_a(tA, jx_min64(MC, M - ic), jx_min64(KC, K - pc),
                 tA ? A + pc * lda + ic : A + ic * lda + pc, lda, pa + (b * K + pc) * mcmax);
      packed = 1;
    }
    const int64_t j0 = c * chunk, nc = jx_min64(chunk, N - j0);
    for (int64_t pc = 0; pc < K; pc += KC) {
      const int64_t kc = jx_min64(KC, K - pc);
      pack_b(tB, kc, nc, tB ? B + j0 * ldb + pc : B + pc * ldb + j0, ldb, pb);
      for (int64_t ic = 0, b = 0; ic < M; ic += MC, b++)
        FN(macro)(jx_min64(MC, M - ic), nc, kc, pa + (b * K + pc) * mcmax, pb,
                  C + ic * ldc + j0, ldc, pc > 0, kern, MR, NR);
    }
  }
  return 1;
}

/* ---- direct (unpacked) path for tiny products ------------------------- */

/* Same fma chains as the packed path, straight from the operands. */
#define JX_DIRECT_BODY(FMAOP)                                                  \
  do {                                                                         \
    for (int64_t i = 0; i < M; i++) {                                          \
      T *restrict c = C + i * ldc;                                             \
      if (!tB) {                                                               \
        for (int64_t j = 0; j < N; j++) c[j] = (T)0;                           \
        for (int64_t k = 0; k < K; k++) {                                      \
          const T a = tA ? A[k * lda + i] : A[i * lda + k];                    \
          const T *restrict b = B + k * ldb;                                   \
          for (int64_t j = 0; j < N; j++) c[j] = FMAOP(a, b[j], c[j]);         \
        }                                                                      \
      } else {                                                                 \
        for (int64_t j = 0; j < N; j++) {                                      \
          const T *restrict b = B + j * ldb;                                   \
          T acc = (T)0;                                                        \
          for (int64_t k = 0; k < K; k++)                                      \
            acc = FMAOP(tA ? A[k * lda + i] : A[i * lda + k], b[k], acc);      \
          c[j] = acc;                                                          \
        }                                                                      \
      }                                                                        \
    }                                                                          \
  } while (0)

/* ---- portable scalar ---------------------------------------------------- */

#define MRREF 4
#define NRREF 4
#define KCREF 256
#define MCREF 64

static void FN(kern_ref)(int64_t kc, const T *restrict a, const T *restrict b,
                         T *restrict c, int64_t ldc, int accum,
                         const T *cnext, int mr) {
  (void)cnext;
  T acc[MRREF][NRREF];
  for (int i = 0; i < mr; i++)
    for (int j = 0; j < NRREF; j++) acc[i][j] = accum ? c[i * ldc + j] : (T)0;
  for (int64_t k = 0; k < kc; k++) {
    for (int i = 0; i < mr; i++)
      for (int j = 0; j < NRREF; j++)
        acc[i][j] = JX_REF_FMA(a[i], b[j], acc[i][j]);
    a += MRREF;
    b += NRREF;
  }
  for (int i = 0; i < mr; i++)
    for (int j = 0; j < NRREF; j++) c[i * ldc + j] = acc[i][j];
}

static void FN(pack_a_ref)(int t, int64_t mc, int64_t kc, const T *A,
                           int64_t lda, T *restrict dst) {
  FN(pack_a_gen)(t, mc, kc, A, lda, dst, MRREF);
}

static void FN(pack_b_ref)(int t, int64_t kc, int64_t nc, const T *B,
                           int64_t ldb, T *restrict dst) {
  FN(pack_b_gen)(t, kc, nc, B, ldb, dst, NRREF);
}

static void FN(gemm_ref)(int tA, int tB, int64_t M, int64_t N, int64_t K,
                         const T *A, int64_t lda, const T *B, int64_t ldb,
                         T *C, int64_t ldc) {
  if ((double)M * N * K > JX_DIRECT_MAX_FLOPS &&
      FN(driver)(tA, tB, M, N, K, A, lda, B, ldb, C, ldc, FN(kern_ref),
                 FN(pack_a_ref), FN(pack_b_ref), MRREF, NRREF, KCREF, MCREF, 1024))
    return;
  JX_DIRECT_BODY(JX_REF_FMA);
}

static int FN(rows_ref)(int tA, int64_t M, int64_t N, int64_t K, int64_t KC,
                        int accum, const T *A, int64_t lda, const T *pb,
                        int64_t npad, T *C, int64_t ldc) {
  return FN(rows_packed)(tA, M, N, K, KC, accum, A, lda, pb, npad, C, ldc,
                         FN(kern_ref), FN(pack_a_ref), MRREF, NRREF, MCREF);
}

static int FN(cols_ref)(int tA, int tB, int64_t M, int64_t N, int64_t K,
                        const T *A, int64_t lda, const T *B, int64_t ldb, T *C,
                        int64_t ldc, int64_t chunk, int64_t *next) {
  return FN(cols_packed)(tA, tB, M, N, K, A, lda, B, ldb, C, ldc, chunk, next,
                         FN(kern_ref), FN(pack_a_ref), FN(pack_b_ref), MRREF,
                         NRREF, KCREF, MCREF);
}


#if JX_X86
/* ---- SIMD packers (x86) ------------------------------------------------- */

#if JX_F32
/* Non-transposed A, MR <= 8: 8x8 in-register transposes; each k column of 8
   values is stored at stride MR, so the 8 - MR junk lanes are overwritten by
   the next store (or land in the slack after the panel). */
JX_T256 JX_INLINE void FN(pack_a_tr8)(int64_t mc, int64_t kc, const T *A,
                                      int64_t lda, T *restrict dst,
                                      const int MR) {
  for (int64_t p = 0; p + MR <= mc; p += MR, dst += (int64_t)MR * kc) {
    const T *src = A + p * lda;
    int64_t k = 0;
    for (; k + 8 <= kc; k += 8)
      jx_tr8x8_f32(src + k, lda, MR, dst + k * MR, MR);
    for (; k < kc; k++)
      for (int r = 0; r < MR; r++) dst[k * MR + r] = src[r * lda + k];
  }
  const int64_t full = mc / MR * MR;
  if (full < mc) FN(pack_a_gen)(0, mc - full, kc, A + full * lda, lda, dst, MR);
}

/* Transposed B, NR % 8 == 0: 8x8 transposes of (8 stored rows) x (8 k). */
JX_T256 JX_INLINE void FN(pack_b_tr8)(int64_t kc, int64_t nc, const T *B,
                                      int64_t ldb, T *restrict dst,
                                      const int NR) {
  for (int64_t p = 0; p + NR <= nc; p += NR, dst += (int64_t)NR * kc) {
    const T *src = B + p * ldb;
    int64_t k = 0;
    for (; k + 8 <= kc; k += 8)
      for (int c = 0; c < NR; c += 8)
        jx_tr8x8_f32(src + c * ldb + k, ldb, 8, dst + k * NR + c, NR);
    for (; k < kc; k++)
      for (int c = 0; c < NR; c++) dst[k * NR + c] = src[c * ldb + k];
  }
  const int64_t full = nc / NR * NR;
  if (full < nc) FN(pack_b_gen)(1, kc, nc - full, B + full * ldb, ldb, dst, NR);
}
#endif

/* ---- AVX-512F ----------------------------------------------------------- */

#define NR512 (NV512 * VL512)

/* Lane mask for the first n (clamped to 0..VL512) lanes. */
static inline __mmask16 FN(mask512)(int64_t n) {
  return n >= VL512 ? (__mmask16)((1u << VL512) - 1)
         : n <= 0   ? (__mmask16)0
                    : (__mmask16)((1u << n) - 1);
}

/* The kernel for tiles of `rows` rows (a constant once inlined). */
JX_T512 JX_INLINE void FN(kern_512_rows)(int64_t kc, const T *restrict a,
                                         const T *restrict b, T *restrict c,
                                         int64_t ldc, int accum, const T *cnext,
                                         const int rows) {
  for (int i = 0; i < MR512; i++)
    for (int l = 0; l < (int)(NR512 * sizeof(T)) / 64; l++)
      __builtin_prefetch((const char *)(cnext + i * ldc) + 64 * l, 1, 3);
  V512 acc[MR512][NV512];
  if (accum) {
    for (int i = 0; i < rows; i++)
      for (int v = 0; v < NV512; v++) acc[i][v] = LD512(c + i * ldc + v * VL512);
  } else {
    for (int i = 0; i < rows; i++)
      for (int v = 0; v < NV512; v++) acc[i][v] = Z512();
  }
  for (int64_t k = 0; k < kc; k++) {
    V512 bv[NV512];
    for (int v = 0; v < NV512; v++) bv[v] = LD512(b + v * VL512);
    for (int i = 0; i < rows; i++) {
      const V512 av = BC512(a[i]);
      for (int v = 0; v < NV512; v++) acc[i][v] = FMA512(av, bv[v], acc[i][v]);
    }
    a += MR512;
    b += NR512;
  }
  for (int i = 0; i < rows; i++)
    for (int v = 0; v < NV512; v++) ST512(c + i * ldc + v * VL512, acc[i][v]);
}

JX_T512 static void FN(kern_512)(int64_t kc, const T *restrict a,
                                 const T *restrict b, T *restrict c,
                                 int64_t ldc, int accum, const T *cnext, int mr) {
#define JX_BODY(rows) FN(kern_512_rows)(kc, a, b, c, ldc, accum, cnext, rows)
  JX_BY_ROWS(MR512, mr, JX_BODY)
#undef JX_BODY
}

JX_T512 static void FN(pack_a_512)(int t, int64_t mc, int64_t kc, const T *A,
                                   int64_t lda, T *restrict dst) {
  if (t && MR512 <= VL512) {
    /* op(A) rows are contiguous in the stored rows: one masked load per
       (panel, k), zero-filling rows past mc; the full-width store's junk
       lanes are overwritten by the next k (or land in the slack). */
    for (int64_t p = 0; p < mc; p += MR512, dst += (int64_t)MR512 * kc) {
      const int64_t m = jx_min64(MR512, mc - p);
      const __mmask16 mask = (__mmask16)((1u << m) - 1);
      const T *src = A + p;
      for (int64_t k = 0; k < kc; k++)
        ST512(dst + k * MR512, MLD512(mask, src + k * lda));
    }
    return;
  }
#if JX_F32
  if (!t && MR512 <= 8) {
    FN(pack_a_tr8)(mc, kc, A, lda, dst, MR512);
    return;
  }
#endif
  FN(pack_a_gen)(t, mc, kc, A, lda, dst, MR512);
}

JX_T512 static void FN(pack_b_512)(int t, int64_t kc, int64_t nc, const T *B,
                                   int64_t ldb, T *restrict dst) {
  if (!t) {
    /* Row k of op(B) is contiguous: vector copies, masked at the edge. */
    for (int64_t k = 0; k < kc; k++) {
      const T *src = B + k * ldb;
      T *d = dst + k * NR512;
      for (int64_t p = 0; p < nc; p += NR512, d += (int64_t)NR512 * kc) {
        const int64_t n = nc - p;
        if (n >= NR512) {
          for (int v = 0; v < NV512; v++)
            ST512(d + v * VL512, LD512(src + p + v * VL512));
        } else {
          for (int v = 0; v < NV512; v++) {
            ST512(d + v * VL512,
                  MLD512(FN(mask512)(n - v * VL512), src + p + v * VL512));
          }
        }
      }
    }
    return;
  }
#if JX_F32
  if (t && NR512 % 8 == 0) {
    FN(pack_b_tr8)(kc, nc, B, ldb, dst, NR512);
    return;
  }
#endif
  FN(pack_b_gen)(t, kc, nc, B, ldb, dst, NR512);
}

/* Tiny products: C rows accumulate in registers straight from B's rows. */
JX_T512 static void FN(direct_512)(int tA, int64_t M, int64_t N, int64_t K,
                                   const T *A, int64_t lda, const T *B,
                                   int64_t ldb, T *C, int64_t ldc) {
  for (int64_t i = 0; i < M; i++) {
    T *c = C + i * ldc;
    if (N <= VL512) {
      const __mmask16 m = FN(mask512)(N);
      V512 acc = Z512();
      for (int64_t k = 0; k < K; k++)
        acc = FMA512(BC512(tA ? A[k * lda + i] : A[i * lda + k]),
                     MLD512(m, B + k * ldb), acc);
      MST512(c, m, acc);
      continue;
    }
    for (int64_t j = 0; j < N; j += 4 * VL512) {
      __mmask16 m[4];
      V512 acc[4];
      for (int v = 0; v < 4; v++) {
        m[v] = FN(mask512)(N - j - v * VL512);
        acc[v] = Z512();
      }
      for (int64_t k = 0; k < K; k++) {
        const V512 a = BC512(tA ? A[k * lda + i] : A[i * lda + k]);
        const T *b = B + k * ldb + j;
        for (int v = 0; v < 4; v++)
          acc[v] = FMA512(a, MLD512(m[v], b + v * VL512), acc[v]);
      }
      for (int v = 0; v < 4; v++) MST512(c + j + v * VL512, m[v], acc[v]);
    }
  }
}

JX_T512 static void FN(gemm_512)(int tA, int tB, int64_t M, int64_t N,
                                 int64_t K, const T *A, int64_t lda,
                                 const T *B, int64_t ldb, T *C, int64_t ldc) {
  if ((double)M * N * K > JX_DIRECT_MAX_FLOPS &&
      FN(driver)(tA, tB, M, N, K, A, lda, B, ldb, C, ldc, FN(kern_512),
                 FN(pack_a_512), FN(pack_b_512), MR512, NR512, KC512, MC512,
                 NC512))
    return;
  if (!tB) {
    FN(direct_512)(tA, M, N, K, A, lda, B, ldb, C, ldc);
    return;
  }
  JX_DIRECT_BODY(JX_HW_FMA);
}

JX_T512 static int FN(rows_512)(int tA, int64_t M, int64_t N, int64_t K, int64_t KC,
                        int accum, const T *A, int64_t lda, const T *pb,
                        int64_t npad, T *C, int64_t ldc) {
  return FN(rows_packed)(tA, M, N, K, KC, accum, A, lda, pb, npad, C, ldc,
                         FN(kern_512), FN(pack_a_512), MR512, NR512, MC512);
}

JX_T512 static int FN(cols_512)(int tA, int tB, int64_t M, int64_t N, int64_t K,
                              const T *A, int64_t lda, const T *B, int64_t ldb,
                              T *C, int64_t ldc, int64_t chunk, int64_t *next) {
  return FN(cols_packed)(tA, tB, M, N, K, A, lda, B, ldb, C, ldc, chunk, next,
                         FN(kern_512), FN(pack_a_512), FN(pack_b_512), MR512,
                         NR512, KC512, MC512);
}

/* ---- AVX2 + FMA --------------------------------------------------------- */

#define NR256 (NV256 * VL256)

/* The kernel for tiles of `rows` rows (a constant once inlined). */
JX_T256 JX_INLINE void FN(kern_256_rows)(int64_t kc, const T *restrict a,
                                         const T *restrict b, T *restrict c,
                                         int64_t ldc, int accum, const T *cnext,
                                         const int rows) {
  for (int i = 0; i < MR256; i++)
    for (int l = 0; l < (int)(NR256 * sizeof(T)) / 64; l++)
      __builtin_prefetch((const char *)(cnext + i * ldc) + 64 * l, 1, 3);
  V256 acc[MR256][NV256];
  if (accum) {
    for (int i = 0; i < rows; i++)
      for (int v = 0; v < NV256; v++) acc[i][v] = LD256(c + i * ldc + v * VL256);
  } else {
    for (int i = 0; i < rows; i++)
      for (int v = 0; v < NV256; v++) acc[i][v] = Z256();
  }
  for (int64_t k = 0; k < kc; k++) {
    V256 bv[NV256];
    for (int v = 0; v < NV256; v++) bv[v] = LD256(b + v * VL256);
    for (int i = 0; i < rows; i++) {
      const V256 av = BC256(a[i]);
      for (int v = 0; v < NV256; v++) acc[i][v] = FMA256(av, bv[v], acc[i][v]);
    }
    a += MR256;
    b += NR256;
  }
  for (int i = 0; i < rows; i++)
    for (int v = 0; v < NV256; v++) ST256(c + i * ldc + v * VL256, acc[i][v]);
}

JX_T256 static void FN(kern_256)(int64_t kc, const T *restrict a,
                                 const T *restrict b, T *restrict c,
                                 int64_t ldc, int accum, const T *cnext, int mr) {
#define JX_BODY(rows) FN(kern_256_rows)(kc, a, b, c, ldc, accum, cnext, rows)
  JX_BY_ROWS(MR256, mr, JX_BODY)
#undef JX_BODY
}

JX_T256 static void FN(pack_a_256)(int t, int64_t mc, int64_t kc, const T *A,
                                   int64_t lda, T *restrict dst) {
#if JX_F32
  if (!t && MR256 <= 8) {
    FN(pack_a_tr8)(mc, kc, A, lda, dst, MR256);
    return;
  }
#endif
  FN(pack_a_gen)(t, mc, kc, A, lda, dst, MR256);
}

JX_T256 static void FN(pack_b_256)(int t, int64_t kc, int64_t nc, const T *B,
                                   int64_t ldb, T *restrict dst) {
#if JX_F32
  if (t && NR256 % 8 == 0) {
    FN(pack_b_tr8)(kc, nc, B, ldb, dst, NR256);
    return;
  }
#endif
  FN(pack_b_gen)(t, kc, nc, B, ldb, dst, NR256);
}

JX_T256 static void FN(gemm_256)(int tA, int tB, int64_t M, int64_t N,
                                 int64_t K, const T *A, int64_t lda,
                                 const T *B, int64_t ldb, T *C, int64_t ldc) {
  if ((double)M * N * K > JX_DIRECT_MAX_FLOPS &&
      FN(driver)(tA, tB, M, N, K, A, lda, B, ldb, C, ldc, FN(kern_256),
                 FN(pack_a_256), FN(pack_b_256), MR256, NR256, KC256, MC256,
                 NC256))
    return;
  JX_DIRECT_BODY(JX_HW_FMA);
}

JX_T256 static int FN(rows_256)(int tA, int64_t M, int64_t N, int64_t K, int64_t KC,
                        int accum, const T *A, int64_t lda, const T *pb,
                        int64_t npad, T *C, int64_t ldc) {
  return FN(rows_packed)(tA, M, N, K, KC, accum, A, lda, pb, npad, C, ldc,
                         FN(kern_256), FN(pack_a_256), MR256, NR256, MC256);
}

JX_T256 static int FN(cols_256)(int tA, int tB, int64_t M, int64_t N, int64_t K,
                              const T *A, int64_t lda, const T *B, int64_t ldb,
                              T *C, int64_t ldc, int64_t chunk, int64_t *next) {
  return FN(cols_packed)(tA, tB, M, N, K, A, lda, B, ldb, C, ldc, chunk, next,
                         FN(kern_256), FN(pack_a_256), FN(pack_b_256), MR256,
                         NR256, KC256, MC256);
}

#undef NR512
#undef NR256
#endif /* JX_X86 */

/* ---- dispatch and the pool split ---------------------------------------- */

static void FN(gemm_serial)(int isa, int tA, int tB, int64_t M, int64_t N,
                            int64_t K, const T *A, int64_t lda, const T *B,
                            int64_t ldb, T *C, int64_t ldc) {
#if JX_X86
  if (isa == JX_ISA_AVX512) {
    FN(gemm_512)(tA, tB, M, N, K, A, lda, B, ldb, C, ldc);
    return;
  }
  if (isa == JX_ISA_AVX2) {
    FN(gemm_256)(tA, tB, M, N, K, A, lda, B, ldb, C, ldc);
    return;
  }
#endif
  (void)isa;
  FN(gemm_ref)(tA, tB, M, N, K, A, lda, B, ldb, C, ldc);
}

void JX_PUBLIC_EX(int transA, int transB, int64_t M, int64_t N, int64_t K,
                  const T *A, int64_t lda, const T *B, int64_t ldb, T *C,
                  int64_t ldc) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    for (int64_t i = 0; i < M; i++) memset(C + i * ldc, 0, (size_t)N * sizeof(T));
    return;
  }
  FN(gemm_serial)(jx_gemm_isa(), transA != 0, transB != 0, M, N, K, A, lda, B,
                  ldb, C, ldc);
}

/* One batched call split over a pool: either whole products (batch_task)
   or strips of one product's C (split_task: the task index is the strip;
   splitN: column strips, else row strips). */
typedef struct {
  int tA, tB, splitN;
  int64_t M, N, K, chunk;
  int64_t next; /* split_cols, batch_task: the next unclaimed strip or
                   product (atomic) */
  int64_t batch;
  const T *A;
  int64_t lda, sA;
  const T *B;
  int64_t ldb, sB;
  T *C;
  int64_t ldc, sC;
  /* The epilogue (see JX_PUBLIC_THEN): run as epi(epi_env, lo, hi) over
     flat element ranges of C once they are final; NULL for none. Its
     indices count from the batch's first product: the product in hand
     starts at epi_base. */
  jx_task_fn epi;
  void *const *epi_env;
  int64_t epi_base;
} FN(jx_split_t);

/* Runs product j's epilogue over C's rows [i0, i0 + m), columns
   [j0, j0 + n): one range when the rows are whole, else one per row. */
static void FN(epilogue)(const FN(jx_split_t) *j, int64_t i0, int64_t m, int64_t j0, int64_t n) {
  if (!j->epi || m <= 0 || n <= 0) return;
  const int64_t base = j->epi_base + i0 * j->N + j0;
  if (n == j->N)
    j->epi(j->epi_env, base, base + m * j->N);
  else
    for (int64_t i = 0; i < m; i++) j->epi(j->epi_env, base + i * j->N, base + i * j->N + n);
}

static void FN(split_task)(void *const *env, int64_t lo, int64_t hi) {
  const FN(jx_split_t) *j = (const FN(jx_split_t) *)env[0];
  for (int64_t t = lo; t < hi; t++) {
    const int64_t len = j->splitN ? j->N : j->M;
    const int64_t s = t * j->chunk, l = jx_min64(j->chunk, len - s);
    if (l <= 0) continue;
    if (j->splitN) {
      JX_PUBLIC_EX(j->tA, j->tB, j->M, l, j->K, j->A, j->lda,
                   j->tB ? j->B + s * j->ldb : j->B + s, j->ldb, j->C + s,
                   j->ldc);
      FN(epilogue)(j, 0, j->M, s, l);
    } else {
      JX_PUBLIC_EX(j->tA, j->tB, l, j->N, j->K,
                   j->tA ? j->A + s : j->A + s * j->lda, j->lda, j->B, j->ldb,
                   j->C + s * j->ldc, j->ldc);
      FN(epilogue)(j, s, l, 0, j->N);
    }
  }
}

/* A pool task: whole products of a batch, as claimed, one at a time (on
   the calling thread alone: every product, in order). */
static void FN(batch_task)(void *const *env, int64_t lo, int64_t hi) {
  FN(jx_split_t) *j = (FN(jx_split_t) *)env[0];
  (void)lo, (void)hi;
  for (int64_t t; (t = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED)) < j->batch;) {
    JX_PUBLIC_EX(j->tA, j->tB, j->M, j->N, j->K, j->A + t * j->sA, j->lda,
                 j->B + t * j->sB, j->ldb, j->C + t * j->sC, j->ldc);
    if (j->epi) j->epi(j->epi_env, t * j->M * j->N, (t + 1) * j->M * j->N);
  }
}

/* What a split must know of the kernel the calling thread uses. */
typedef struct {
  int64_t MR, NR, KC;
  int hw; /* kernels use hardware fma */
  FN(jx_pack_t) pack_b;
  FN(jx_rows_t) rows;
  FN(jx_cols_t) cols;
} FN(jx_plan_t);

static FN(jx_plan_t) FN(plan)(int isa) {
#if JX_X86
  if (isa == JX_ISA_AVX512)
    return (FN(jx_plan_t)){MR512, NV512 * VL512, KC512, 1, FN(pack_b_512), FN(rows_512),
                              FN(cols_512)};
  if (isa == JX_ISA_AVX2)
    return (FN(jx_plan_t)){MR256, NV256 * VL256, KC256, 1, FN(pack_b_256), FN(rows_256),
                              FN(cols_256)};
#endif
  (void)isa;
  return (FN(jx_plan_t)){MRREF, NRREF, KCREF, 0, FN(pack_b_ref), FN(rows_ref), FN(cols_ref)};
}

/* One product's rows split over the pool around one packing of B: `kc` is
   the K block of the whole product, [p0, p1) the K range (whole blocks)
   whose packed B is at pb, npad columns (N rounded up to NR) per K row.
   The pool's threads claim strips (cchunk columns to pack, rchunk rows to
   compute) from `next` until none is left. */
typedef struct {
  const FN(jx_split_t) *j;
  FN(jx_plan_t) k;
  int64_t kc, p0, p1, npad, cchunk, rchunk;
  int64_t next; /* atomic */
  T *pb;
} FN(jx_shared_t);

/* A pool task: packs B's column strips t (columns [t * cchunk, ...)) of
   every K block in [p0, p1), as claimed. */
static void FN(pack_task)(void *const *env, int64_t lo, int64_t hi) {
  FN(jx_shared_t) *s = (FN(jx_shared_t) *)env[0];
  const FN(jx_split_t) *j = s->j;
  (void)lo, (void)hi;
  for (int64_t t; (t = __atomic_fetch_add(&s->next, 1, __ATOMIC_RELAXED)) * s->cchunk < j->N;) {
    const int64_t j0 = t * s->cchunk, n = jx_min64(s->cchunk, j->N - j0);
    for (int64_t pc = s->p0; n > 0 && pc < s->p1; pc += s->kc) {
      const int64_t kc = jx_min64(s->kc, s->p1 - pc);
      const T *src = j->tB ? j->B + j0 * j->ldb + pc : j->B + pc * j->ldb + j0;
      s->k.pack_b(j->tB, kc, n, src, j->ldb, s->pb + (pc - s->p0) * s->npad + j0 * kc);
    }
  }
}

/* C[m x n] (=|+=, as `accum`) op(A) op(B) over kk steps straight from the
   operands, the same fma chains as the kernels (hardware fma when `hw`):
   a strip's fallback when its thread has no scratch memory. */
static void FN(direct_rows)(int hw, int tA, int tB, int64_t m, int64_t n,
                            int64_t kk, const T *A, int64_t lda, const T *B,
                            int64_t ldb, T *C, int64_t ldc, int accum) {
  for (int64_t i = 0; i < m; i++)
    for (int64_t jj = 0; jj < n; jj++) {
      T acc = accum ? C[i * ldc + jj] : (T)0;
      for (int64_t k = 0; k < kk; k++) {
        const T a = tA ? A[k * lda + i] : A[i * lda + k];
        const T b = tB ? B[jj * ldb + k] : B[k * ldb + jj];
#if JX_X86
        acc = hw ? JX_HW_FMA(a, b, acc) : JX_REF_FMA(a, b, acc);
#else
        acc = JX_REF_FMA(a, b, acc);
#endif
      }
      C[i * ldc + jj] = acc;
    }
}

/* A pool task: computes C's row strips t (rows [t * rchunk, ...)) over K
   range [p0, p1), as claimed. */
static void FN(rows_task)(void *const *env, int64_t lo, int64_t hi) {
  FN(jx_shared_t) *s = (FN(jx_shared_t) *)env[0];
  const FN(jx_split_t) *j = s->j;
  (void)lo, (void)hi;
  for (int64_t t; (t = __atomic_fetch_add(&s->next, 1, __ATOMIC_RELAXED)) * s->rchunk < j->M;) {
    const int64_t i0 = t * s->rchunk, m = jx_min64(s->rchunk, j->M - i0);
    if (m <= 0) continue;
    const T *a = j->tA ? j->A + s->p0 * j->lda + i0 : j->A + i0 * j->lda + s->p0;
    T *c = j->C + i0 * j->ldc;
    if (!s->k.rows(j->tA, m, j->N, s->p1 - s->p0, s->kc, s->p0 > 0, a, j->lda,
                   s->pb, s->npad, c, j->ldc))
      FN(direct_rows)(s->k.hw, j->tA, j->tB, m, j->N, s->p1 - s->p0, a, j->lda,
                      j->tB ? j->B + s->p0 : j->B + s->p0 * j->ldb, j->ldb, c,
                      j->ldc, s->p0 > 0);
    /* The strip's rows are final after the last K group: its epilogue
       runs while they are still in this core's cache. */
    if (s->p1 == j->K) FN(epilogue)(j, i0, m, 0, j->N);
  }
}

/* Packed B of a split product is kept below this many bytes at a time
   (the K blocks are taken in groups that fit): it is per calling thread
   and reused, like the panels a driver packs for itself. */
#define JX_SHARED_B_BYTES ((size_t)8 << 20)
/* About the most a thread packs of A for all of K at once (split_cols);
   a wider A takes strips that pack it block by block. */
#define JX_OWN_A_BYTES ((size_t)8 << 20)

/* Splits product `j` into row strips that all read one packing of B (its
   columns packed in parallel first): neither thread packs what the other
   has packed, and the row split leaves each thread its own A panels.
   Returns 0 (having done nothing) when B's K blocks are too wide to pack
   one at a time within JX_SHARED_B_BYTES or memory is short. */
static int FN(split_shared)(const FN(jx_split_t) *j, FN(jx_plan_t) k,
                            int parts, jx_pfor_fn pfor, void *pool) {
  FN(jx_shared_t) s = {j, k, jx_even_block(j->K, k.KC, 1), 0, 0,
                       jx_roundup(j->N, k.NR), 0, 0, 0, NULL};
  const size_t block = (size_t)(s.npad * s.kc) * sizeof(T);
  if (block > JX_SHARED_B_BYTES) return 0;
  const int64_t group = s.kc * (int64_t)(JX_SHARED_B_BYTES / block);
  s.pb = (T *)jx_buf_get(JX_BUF_SHARED, (size_t)(s.npad * jx_min64(group, j->K)) * sizeof(T));
  if (!s.pb) return 0;
  const int64_t strips = JX_CLAIMS * (int64_t)parts;
  s.cchunk = jx_roundup((j->N + strips - 1) / strips, k.NR);
  s.rchunk = jx_roundup((j->M + strips - 1) / strips, k.MR);
  void *env[1] = {&s};
  for (s.p0 = 0; s.p0 < j->K; s.p0 = s.p1) {
    s.p1 = jx_min64(s.p0 + group, j->K);
    s.next = 0;
    pfor(pool, parts, FN(pack_task), env);
    s.next = 0;
    pfor(pool, parts, FN(rows_task), env);
  }
  return 1;
}

/* A pool task: the column strips of a wide product (split_cols), as
   claimed; a thread without scratch memory computes its strips straight
   from the operands. */
static void FN(cols_task)(void *const *env, int64_t lo, int64_t hi) {
  FN(jx_split_t) *j = (FN(jx_split_t) *)env[0];
  const FN(jx_plan_t) *k = (const FN(jx_plan_t) *)env[1];
  (void)lo, (void)hi;
  if (k->cols(j->tA, j->tB, j->M, j->N, j->K, j->A, j->lda, j->B, j->ldb, j->C, j->ldc, j->chunk, &j->next))
    return;
  for (int64_t t; (t = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED)) * j->chunk < j->N;) {
    const int64_t j0 = t * j->chunk;
    FN(direct_rows)(k->hw, j->tA, j->tB, j->M, jx_min64(j->chunk, j->N - j0), j->K, j->A, j->lda,
                    j->tB ? j->B + j0 * j->ldb : j->B + j0, j->ldb, j->C + j0, j->ldc, 0);
  }
}

/* A pool task: the epilogue over elements [lo, hi) of the product in hand. */
static void FN(epilogue_task)(void *const *env, int64_t lo, int64_t hi) {
  const FN(jx_split_t) *j = (const FN(jx_split_t) *)env[0];
  j->epi(j->epi_env, j->epi_base + lo, j->epi_base + hi);
}

/* Splits a wide product `j` (fewer rows than columns: a batch of
   activations times a weight) into column strips that the pool's threads
   claim until none is left; each thread packs all of the short A once, on
   its first claim, and B's columns strip by strip. */
static void FN(split_cols)(FN(jx_split_t) *j, FN(jx_plan_t) k, int parts,
                           jx_pfor_fn pfor, void *pool) {
  const int64_t strips = JX_CLAIMS * (int64_t)parts;
  j->chunk = jx_roundup((j->N + strips - 1) / strips, k.NR);
  j->next = 0;
  void *env[2] = {j, &k};
  pfor(pool, parts, FN(cols_task), env);
}

/* Splits product `j` (A, B, C already offset to it) over `parts` threads
   and runs it on the pool. A product with fewer rows than columns is split
   into column strips (split_cols). Otherwise, with rows enough for every
   part (two micro-tiles each) and B wider than one micro-tile, into row
   strips that share one packing of B (split_shared). Both cut JX_CLAIMS strips per thread, claimed until none
   is left. Otherwise (or when A is too large to pack whole,
   JX_OWN_A_BYTES) into `parts` strips, each packing all of the operand
   it shares and its own part of the other: row strips pack all of B,
   column strips all of A. Columns are split when that packs less, counting
   A's packing (a transpose) as twice B's (a copy). Strip lengths are
   multiples of the micro-tile's rows (or columns) of the kernel in use, so
   only the matrix's own edges take the slower edge-tile path, and as equal
   as that allows (rows of 128 split 66 + 62, not the 72 + 56 of a 12-row
   granularity). */
static void FN(split_one)(FN(jx_split_t) *j, int parts, jx_pfor_fn pfor,
                          void *pool) {
  const FN(jx_plan_t) k = FN(plan)(jx_gemm_isa());
  /* Fewer rows than columns (a batch of activations times a weight): column
     strips, each thread packing its own columns of B and all of the short
     A once, beat the shared split by 5-8% at M = 128-256, N = 512 (one
     parallel region instead of two, and no thread reads B packed by the
     other). */
  const int wide = j->M < j->N && j->N >= 2 * k.NR * parts;
  if (wide && (size_t)(jx_roundup(j->M, k.MR) * j->K) * sizeof(T) <= JX_OWN_A_BYTES) {
    FN(split_cols)(j, k, parts, pfor, pool);
    /* A thread's column strips are claimed inside its kernel, so the
       epilogue runs once they are all done, as a parallel loop of its own. */
    if (j->epi) {
      void *env[1] = {j};
      pfor(pool, j->M * j->N, FN(epilogue_task), env);
    }
    return;
  }
  /* A B of one micro-tile's columns or fewer (a weight into 10 classes) is
     cheaper to pack once per strip than to pack in a parallel region of
     its own: the row strips below. */
  if (!wide && j->N > k.NR && j->M >= 2 * k.MR * parts && FN(split_shared)(j, k, parts, pfor, pool))
    return;
  j->splitN = wide || (2 * j->M < j->N && j->N >= 2 * k.NR);
  const int64_t len = j->splitN ? j->N : j->M, gran = j->splitN ? k.NR : k.MR;
  j->chunk = jx_roundup((len + parts - 1) / parts, gran);
  const int64_t n = (len + j->chunk - 1) / j->chunk;
  void *env[1] = {j};
  if (n <= 1)
    FN(split_task)(env, 0, 1);
  else
    pfor(pool, n, FN(split_task), env);
}

void JX_PUBLIC_BATCHED(int transA, int transB, int64_t batch, int64_t M,
                       int64_t N, int64_t K, const T *A, int64_t lda,
                       int64_t strideA, const T *B, int64_t ldb,
                       int64_t strideB, T *C, int64_t ldc, int64_t strideC,
                       int threads, jx_pfor_fn pfor, void *pool) {
  JX_PUBLIC_THEN(transA, transB, batch, M, N, K, A, lda, strideA, B, ldb, strideB, C, ldc, strideC,
                 threads, pfor, pool, NULL, NULL);
}

void JX_PUBLIC_THEN(int transA, int transB, int64_t batch, int64_t M,
                    int64_t N, int64_t K, const T *A, int64_t lda,
                    int64_t strideA, const T *B, int64_t ldb,
                    int64_t strideB, T *C, int64_t ldc, int64_t strideC,
                    int threads, jx_pfor_fn pfor, void *pool,
                    jx_task_fn epi, void *const *epi_env) {
  if (batch <= 0 || M <= 0 || N <= 0) return;
  /* The epilogue indexes C as one contiguous array; for any other layout
     it runs once everything is done (on the calling thread). */
  const int contiguous = ldc == N && (batch == 1 || strideC == M * N);
  const double work = (double)M * N * (double)(K > 0 ? K : 1);
  FN(jx_split_t) j = {transA != 0, transB != 0, 0, M, N, K, 0, 0, batch,
                      A, lda, strideA, B, ldb, strideB, C, ldc, strideC,
                      contiguous ? epi : NULL, epi_env, 0};
  void *env[1] = {&j};
  /* K == 0 only zeroes C: on this thread, since the splits below assume
     at least one K block. */
  if (!pfor || threads <= 1 || K <= 0 || work * batch < JX_MT_MIN_FLOPS) {
    FN(batch_task)(env, 0, 1);
  } else {
    /* How many ways one product may be split: each part needs enough work
       to pay for waking a thread. */
    int parts = threads;
    if (work / parts < JX_MT_PART_FLOPS) parts = (int)(work / JX_MT_PART_FLOPS);
    /* Whole products, claimed one at a time by whichever thread is free,
       when the batch shares out evenly (or nearly: four or more per thread),
       or when a product is too small to split. */
    const int whole = batch >= threads && (batch % threads == 0 || batch >= 4 * (int64_t)threads);
    if (whole || parts <= 1) {
      if (batch > 1)
        pfor(pool, jx_min64(batch, threads), FN(batch_task), env);
      else
        FN(batch_task)(env, 0, 1);
    } else {
      for (int64_t q = 0; q < batch; q++) {
        j.A = A + q * strideA;
        j.B = B + q * strideB;
        j.C = C + q * strideC;
        j.epi_base = q * M * N;
        FN(split_one)(&j, parts, pfor, pool);
      }
    }
  }
  if (epi && !contiguous) epi(epi_env, 0, batch * M * N);
}

void JX_PUBLIC(int64_t M, int64_t N, int64_t K, const T *A, int64_t lda,
               const T *B, int64_t ldb, T *C, int64_t ldc) {
  JX_PUBLIC_EX(0, 0, M, N, K, A, lda, B, ldb, C, ldc);
}

#undef MRREF
#undef NRREF
#undef KCREF
#undef MCREF
#undef JX_DIRECT_BODY
#undef FN
