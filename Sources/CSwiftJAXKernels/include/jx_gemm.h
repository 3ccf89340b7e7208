#ifndef JX_GEMM_H
#define JX_GEMM_H
#include <stdint.h>
#include "jx_runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Dense matrix multiply, row-major: C = op(A) * op(B), C is overwritten.
///
/// op(A) is M x K and op(B) is K x N. `lda`, `ldb`, `ldc` are row strides in
/// elements of the matrices *as stored*:
///   transA == 0: A is stored M x K, element (i,k) at A[i*lda + k]
///   transA != 0: A is stored K x M, element (i,k) of op(A) at A[k*lda + i]
///   transB == 0: B is stored K x N, element (k,j) at B[k*ldb + j]
///   transB != 0: B is stored N x K, element (k,j) of op(B) at B[j*ldb + k]
/// Any of M, N, K may be 0 (K == 0 zeroes C). C must not alias A or B.
///
/// Numerics: every C element is the sequential chain c = fma(a_k, b_k, c)
/// for k = 0..K-1 starting from +0 on the SIMD paths (AVX-512, AVX2+FMA),
/// independent of blocking, threading and which of the two paths ran. The
/// portable scalar fallback uses fma only where the target has fast fma.
/// These four run on the calling thread; jx_sgemm_batched splits work
/// over a pool.
void jx_sgemm(int64_t M, int64_t N, int64_t K,
              const float *A, int64_t lda,
              const float *B, int64_t ldb,
              float *C, int64_t ldc);
void jx_dgemm(int64_t M, int64_t N, int64_t K,
              const double *A, int64_t lda,
              const double *B, int64_t ldb,
              double *C, int64_t ldc);
void jx_sgemm_ex(int transA, int transB, int64_t M, int64_t N, int64_t K,
                 const float *A, int64_t lda,
                 const float *B, int64_t ldb,
                 float *C, int64_t ldc);
void jx_dgemm_ex(int transA, int transB, int64_t M, int64_t N, int64_t K,
                 const double *A, int64_t lda,
                 const double *B, int64_t ldb,
                 double *C, int64_t ldc);

/// Kernel selection. 0 = auto (best the CPU supports; the default),
/// 1 = portable scalar, 2 = AVX2+FMA, 3 = AVX-512F. Requests the CPU cannot
/// run are clamped down to the best supported one. Returns the ISA now in
/// effect (1..3). For the calling thread only (the GEMMs it runs itself,
/// e.g. `jx_sgemm_ex`; pool workers use the best kernel), so tests running
/// in parallel do not change each other's bits; meant for tests.
int jx_gemm_set_isa(int isa);
/// The ISA the next call will use (1..3).
int jx_gemm_isa(void);

/// Batched GEMM split over a thread pool: for q in [0, batch),
/// C + q*strideC = op(A + q*strideA) * op(B + q*strideB), each product as
/// in jx_sgemm_ex. Runs `pfor(pool, n, task, env)` (at most `threads`
/// ways) when the work pays for it: over the batch when it has enough
/// products to keep every thread busy, else over strips of rows (or
/// columns) of each product. pfor == NULL or threads <= 1 runs on the
/// calling thread. Every element's bits equal the one-thread result's:
/// a split never cuts the k loop.
void jx_sgemm_batched(int transA, int transB, int64_t batch, int64_t M, int64_t N, int64_t K,
                      const float *A, int64_t lda, int64_t strideA,
                      const float *B, int64_t ldb, int64_t strideB,
                      float *C, int64_t ldc, int64_t strideC,
                      int threads, jx_pfor_fn pfor, void *pool);
void jx_dgemm_batched(int transA, int transB, int64_t batch, int64_t M, int64_t N, int64_t K,
                      const double *A, int64_t lda, int64_t strideA,
                      const double *B, int64_t ldb, int64_t strideB,
                      double *C, int64_t ldc, int64_t strideC,
                      int threads, jx_pfor_fn pfor, void *pool);

/// jx_sgemm_batched, then `epi(epi_env, lo, hi)` over every element of C
/// once it is final: C's products are one contiguous array (ldc == N,
/// strideC == M*N) and [lo, hi) are flat indices into it, counting from
/// the first product. Each index is passed exactly once, in ranges of
/// whole rows where the split allows (a row strip's epilogue runs on the
/// thread that computed it, while the strip is still in its cache), so an
/// elementwise loop that reads C can run as the product's epilogue
/// instead of as a second pass over memory. A non-contiguous C runs the
/// epilogue once over [0, batch*M*N) at the end. epi == NULL is
/// jx_sgemm_batched.
void jx_sgemm_batched_then(int transA, int transB, int64_t batch, int64_t M, int64_t N, int64_t K,
                           const float *A, int64_t lda, int64_t strideA,
                           const float *B, int64_t ldb, int64_t strideB,
                           float *C, int64_t ldc, int64_t strideC,
                           int threads, jx_pfor_fn pfor, void *pool,
                           jx_task_fn epi, void *const *epi_env);
void jx_dgemm_batched_then(int transA, int transB, int64_t batch, int64_t M, int64_t N, int64_t K,
                           const double *A, int64_t lda, int64_t strideA,
                           const double *B, int64_t ldb, int64_t strideB,
                           double *C, int64_t ldc, int64_t strideC,
                           int threads, jx_pfor_fn pfor, void *pool,
                           jx_task_fn epi, void *const *epi_env);

#ifdef __cplusplus
}
#endif
#endif
