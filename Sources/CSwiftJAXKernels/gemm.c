/*
 * gemm.c — packed, blocked GEMM (BLIS-style) for float32 and float64.
 *
 *   C[M,N] = op(A)[M,K] * op(B)[K,N], row-major, C overwritten.
 *
 * Design
 *   Loop nest (BLIS):  jc over N by NC  (packed B block KC x NC lives in L3)
 *                        pc over K by KC  (pack B: NR-column micro-panels)
 *                          ic over M by MC  (pack A: MR-row micro-panels, L2)
 *                            jr over NC by NR  (B micro-panel stays in L1)
 *                              ir over MC by MR -> micro-kernel
 *   The micro-kernel keeps an MR x NR tile of C in vector registers: NR runs
 *   along a C row (contiguous in row-major), so each k step loads NR/VL
 *   vectors of packed B and broadcasts MR scalars of packed A. The first KC
 *   block starts the accumulators at zero, later blocks load C and continue,
 *   so every C element is the sequential fma chain over k = 0..K-1 no
 *   matter how the problem is blocked or split across threads. Edge tiles are
 *   zero-padded in the packed panels and computed into a stack tile that is
 *   then copied out. Transposed operands are absorbed by the packing.
 *
 *   Micro-kernels (selected at run time with __builtin_cpu_supports):
 *     AVX-512F   f32 14x32, f64 14x16   (28 zmm accumulators)
 *     AVX2+FMA   f32  6x16, f64  6x8    (12 ymm accumulators)
 *     portable   4x4 scalar
 *   They use explicit intrinsics inside functions carrying
 *   __attribute__((target(...))), so this file builds for baseline x86-64
 *   with the target's -O3 -ffp-contract=off -fno-fast-math flags.
 *
 *   Tiny products skip packing and run a direct loop that computes the same
 *   fma chains. Packing buffers are per-thread, 64-byte aligned, grown on
 *   demand and freed by a pthread key destructor when the thread exits.
 *   jx_sgemm_batched/jx_dgemm_batched split work over a caller-supplied
 *   thread pool: whole products of a batch, or C's rows (or columns) in
 *   strips. The threads claim products one at a time, and most splits cut a
 *   product into JX_CLAIMS strips per thread that they claim until none is
 *   left, so a thread the busy machine holds up leaves its share to the
 *   others.
 *
 * The type-generic part (packing, micro-kernels, driver) is the template
 * gemm_template.h, included twice at the bottom of this file: float, then
 * double.
 */

#include "jx_gemm.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define JX_X86 1
#include <immintrin.h>
#define JX_T512 __attribute__((target("avx512f,avx2,fma")))
#define JX_T256 __attribute__((target("avx2,fma")))
#else
#define JX_X86 0
#endif

#define JX_INLINE static inline __attribute__((always_inline))
#define JX_CAT_(a, b) a##b
#define JX_CAT(a, b) JX_CAT_(a, b)

static inline int64_t jx_min64(int64_t a, int64_t b) { return a < b ? a : b; }
static inline int64_t jx_roundup(int64_t a, int64_t m) { return (a + m - 1) / m * m; }

/* The block length for `len` (> 0) cut into the fewest blocks of at most
   `blk`, made about equal (a multiple of `mult`, the last one shorter):
   K = 784 in blocks of 512 would leave a 272 remainder, each block a full
   pass of C's loads and stores; three blocks of 262 cost no more passes and
   keep every pass long. */
static inline int64_t jx_even_block(int64_t len, int64_t blk, int64_t mult) {
  const int64_t nblocks = (len + blk - 1) / blk;
  return jx_roundup((len + nblocks - 1) / nblocks, mult);
}

/* ---------------------------------------------------------------- ISA ---- */

enum { JX_ISA_SCALAR = 1, JX_ISA_AVX2 = 2, JX_ISA_AVX512 = 3 };

static int jx_isa_best(void) {
  static int best; /* benign race: every thread computes the same value */
  int b = __atomic_load_n(&best, __ATOMIC_RELAXED);
  if (b) return b;
  b = JX_ISA_SCALAR;
#if JX_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    b = JX_ISA_AVX2;
    if (__builtin_cpu_supports("avx512f")) b = JX_ISA_AVX512;
  }
#endif
  __atomic_store_n(&best, b, __ATOMIC_RELAXED);
  return b;
}

/* 0 = auto. Per thread, so a test that pins a kernel on its own thread
   cannot change the kernel (and so the bits) of GEMMs other tests run at
   the same time; pool workers always use the best kernel. */
static _Thread_local int jx_isa_requested;

int jx_gemm_set_isa(int isa) {
  jx_isa_requested = isa < 0 ? 0 : isa;
  return jx_gemm_isa();
}

int jx_gemm_isa(void) {
  int best = jx_isa_best();
  int req = jx_isa_requested;
  if (req <= 0 || req > best) return best;
  return req;
}

/* ------------------------------------------------------------ threads ---- */

/* Work (multiply-adds) below which a batched call stays on the calling
   thread, and the least work worth one more thread. Handing a part to a
   pool thread costs some microseconds, 2^18 multiply-adds some tens; a
   worker that is asleep or descheduled costs no more, as the caller runs
   the part it has not taken (ThreadPool). Down from 2^21 and 2^20, this
   splits the small products of an MLP training step (128x10x512,
   512x10x128, 128x512x10: 33-55 us on one thread) and cut them by a third,
   alternating in one process. */
#define JX_MT_MIN_FLOPS ((double)(1 << 19))
#define JX_MT_PART_FLOPS ((double)(1 << 18))
/* Strips per thread of a split product, claimed by whichever thread is
   free (split_cols, split_shared). One per thread waited for a thread the
   shared machine held up; four cut the eight GEMMs of an MLP training step
   (batch 128, 784-512-512-10) to 0.79-0.89x of one-per-thread's time,
   alternating in one process on a busy host, and left 1024^3 unchanged
   (eight: 0.80x, but 1024^3 4% slower: smaller row strips re-read B). */
#define JX_CLAIMS 4

/* ------------------------------------------------- per-thread buffers ---- */

/* Two scratch areas per thread: JX_BUF_OWN for the panels a driver packs
   for itself, JX_BUF_SHARED for the B panels a split product packs once and
   every pool thread reads (the caller owns them, and packs its own A panels
   into JX_BUF_OWN while the others read). */
enum { JX_BUF_OWN = 0, JX_BUF_SHARED = 1, JX_BUF_SLOTS = 2 };

typedef struct {
  void *p[JX_BUF_SLOTS];
  size_t cap[JX_BUF_SLOTS];
} jx_buf_t;

static pthread_key_t jx_buf_key;
static pthread_once_t jx_buf_once = PTHREAD_ONCE_INIT;
static int jx_buf_key_ok;

static void jx_buf_dtor(void *v) {
  jx_buf_t *b = (jx_buf_t *)v;
  if (b) {
    for (int i = 0; i < JX_BUF_SLOTS; i++) free(b->p[i]);
    free(b);
  }
}

static void jx_buf_init(void) {
  jx_buf_key_ok = pthread_key_create(&jx_buf_key, jx_buf_dtor) == 0;
}

/* A 64-byte aligned scratch area of at least `bytes` in `slot`, owned by
   the calling thread and reused across calls; NULL if memory is exhausted. */
static void *jx_buf_get(int slot, size_t bytes) {
  pthread_once(&jx_buf_once, jx_buf_init);
  if (!jx_buf_key_ok) return NULL;
  jx_buf_t *b = (jx_buf_t *)pthread_getspecific(jx_buf_key);
  if (!b) {
    b = (jx_buf_t *)calloc(1, sizeof *b);
    if (!b) return NULL;
    if (pthread_setspecific(jx_buf_key, b) != 0) {
      free(b);
      return NULL;
    }
  }
  if (b->cap[slot] < bytes) {
    free(b->p[slot]);
    b->p[slot] = NULL;
    b->cap[slot] = 0;
    size_t sz = (bytes + 4095) & ~(size_t)4095;
    void *p = NULL;
    if (posix_memalign(&p, 64, sz) != 0) return NULL;
    b->p[slot] = p;
    b->cap[slot] = sz;
  }
  return b->p[slot];
}

/* Direct (unpacked) path below this many multiply-adds. */
#define JX_DIRECT_MAX_FLOPS ((double)(40 * 40 * 40))

/* Elements a packer may write past the end of the packed block. */
#define JX_PACK_SLACK 16

#if JX_X86
/* Transpose an 8x8 float block: row r (r < nrows, zero otherwise) is read
   from src + r*lds, column c is written as 8 contiguous floats at
   dst + c*ldd, in increasing c (so ldd < 8 overlaps harmlessly). */
JX_T256 JX_INLINE void jx_tr8x8_f32(const float *src, int64_t lds, int nrows,
                                    float *dst, int64_t ldd) {
  __m256 r[8];
  for (int i = 0; i < 8; i++)
    r[i] = i < nrows ? _mm256_loadu_ps(src + i * lds) : _mm256_setzero_ps();
  const __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]);
  const __m256 t1 = _mm256_unpackhi_ps(r[0], r[1]);
  const __m256 t2 = _mm256_unpacklo_ps(r[2], r[3]);
  const __m256 t3 = _mm256_unpackhi_ps(r[2], r[3]);
  const __m256 t4 = _mm256_unpacklo_ps(r[4], r[5]);
  const __m256 t5 = _mm256_unpackhi_ps(r[4], r[5]);
  const __m256 t6 = _mm256_unpacklo_ps(r[6], r[7]);
  const __m256 t7 = _mm256_unpackhi_ps(r[6], r[7]);
  const __m256 u0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
  const __m256 u1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
  const __m256 u2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
  const __m256 u3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
  const __m256 u4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0));
  const __m256 u5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
  const __m256 u6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0));
  const __m256 u7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
  _mm256_storeu_ps(dst + 0 * ldd, _mm256_permute2f128_ps(u0, u4, 0x20));
  _mm256_storeu_ps(dst + 1 * ldd, _mm256_permute2f128_ps(u1, u5, 0x20));
  _mm256_storeu_ps(dst + 2 * ldd, _mm256_permute2f128_ps(u2, u6, 0x20));
  _mm256_storeu_ps(dst + 3 * ldd, _mm256_permute2f128_ps(u3, u7, 0x20));
  _mm256_storeu_ps(dst + 4 * ldd, _mm256_permute2f128_ps(u0, u4, 0x31));
  _mm256_storeu_ps(dst + 5 * ldd, _mm256_permute2f128_ps(u1, u5, 0x31));
  _mm256_storeu_ps(dst + 6 * ldd, _mm256_permute2f128_ps(u2, u6, 0x31));
  _mm256_storeu_ps(dst + 7 * ldd, _mm256_permute2f128_ps(u3, u7, 0x31));
}
#endif

/* ------------------------------------------------ instantiate: float ---- */

#define T float
#define JX_F32 1
#define JX_SUF _s
#define JX_PUBLIC jx_sgemm
#define JX_PUBLIC_EX jx_sgemm_ex
#define JX_PUBLIC_BATCHED jx_sgemm_batched
#define JX_PUBLIC_THEN jx_sgemm_batched_then
#ifdef FP_FAST_FMAF
#define JX_REF_FMA(a, b, c) fmaf(a, b, c)
#else
#define JX_REF_FMA(a, b, c) ((a) * (b) + (c))
#endif
#if JX_X86
#define JX_HW_FMA(a, b, c) __builtin_fmaf(a, b, c)
#define V512 __m512
#define VL512 16
#define LD512 _mm512_loadu_ps
#define ST512 _mm512_storeu_ps
#define FMA512 _mm512_fmadd_ps
#define BC512 _mm512_set1_ps
#define Z512 _mm512_setzero_ps
#define MLD512 _mm512_maskz_loadu_ps
#define MST512 _mm512_mask_storeu_ps
#define MR512 6
#define NV512 4
#define KC512 512
#define MC512 (6 * 24)
#define NC512 4096
#define V256 __m256
#define VL256 8
#define LD256 _mm256_loadu_ps
#define ST256 _mm256_storeu_ps
#define FMA256 _mm256_fmadd_ps
#define BC256 _mm256_set1_ps
#define Z256 _mm256_setzero_ps
#define MR256 6
#define NV256 2
/* A 384 x 16 packed B micro-panel is 24 KB of a 32 KB L1d (Zen 3). At 512
   it filled all of it and the A panels streaming past evicted it
   (cachegrind, 128x784 * 784x512: 2.1M D1 misses at 512, 1.2M at 256);
   384 is 4-5% faster than 256 at 1024^3 on one thread (in one process,
   alternating with OpenBLAS: 1.035-1.044x its time against 1.065-1.097x)
   and no slower on an MLP's 128-784-row shapes, whose K blocks even out
   to 262 (K = 784) or stay at 256 (K = 512). */
#define KC256 384
#define MC256 (6 * 16)
#define NC256 4096
#endif
#include "gemm_template.h"
#undef T
#undef JX_F32
#undef JX_SUF
#undef JX_PUBLIC
#undef JX_PUBLIC_EX
#undef JX_PUBLIC_BATCHED
#undef JX_PUBLIC_THEN
#undef JX_REF_FMA
#undef JX_HW_FMA
#undef V512
#undef VL512
#undef LD512
#undef ST512
#undef FMA512
#undef BC512
#undef Z512
#undef MLD512
#undef MST512
#undef MR512
#undef NV512
#undef KC512
#undef MC512
#undef NC512
#undef V256
#undef VL256
#undef LD256
#undef ST256
#undef FMA256
#undef BC256
#undef Z256
#undef MR256
#undef NV256
#undef KC256
#undef MC256
#undef NC256

/* ----------------------------------------------- instantiate: double ---- */
#define T double
#define JX_F32 0
#define JX_SUF _d
#define JX_PUBLIC jx_dgemm
#define JX_PUBLIC_EX jx_dgemm_ex
#define JX_PUBLIC_BATCHED jx_dgemm_batched
#define JX_PUBLIC_THEN jx_dgemm_batched_then
#ifdef FP_FAST_FMA
#define JX_REF_FMA(a, b, c) fma(a, b, c)
#else
#define JX_REF_FMA(a, b, c) ((a) * (b) + (c))
#endif
#if JX_X86
#define JX_HW_FMA(a, b, c) __builtin_fma(a, b, c)
#define V512 __m512d
#define VL512 8
#define LD512 _mm512_loadu_pd
#define ST512 _mm512_storeu_pd
#define FMA512 _mm512_fmadd_pd
#define BC512 _mm512_set1_pd
#define Z512 _mm512_setzero_pd
#define MLD512 _mm512_maskz_loadu_pd
#define MST512 _mm512_mask_storeu_pd
#define MR512 6
#define NV512 4
#define KC512 256
#define MC512 (6 * 24)
#define NC512 4096
#define V256 __m256d
#define VL256 4
#define LD256 _mm256_loadu_pd
#define ST256 _mm256_storeu_pd
#define FMA256 _mm256_fmadd_pd
#define BC256 _mm256_set1_pd
#define Z256 _mm256_setzero_pd
#define MR256 6
#define NV256 2
#define KC256 256
#define MC256 (6 * 16)
#define NC256 4096
#endif
#include "gemm_template.h"
