/* The table of host services handed to every jit-generated entry point
   (jx_main's first argument). Declared once, here: Swift fills it by field
   (RuntimeTable.swift), and the jit compiler pastes this very text into
   every generated file (jx_runtime_source(), RuntimeHeader.swift), so the
   two layouts cannot drift apart. Bump RuntimeHeader.abiVersion when it
   changes.

   Rules for this file: no #include (the includer provides the fixed-width
   integer types), names start with jx_. */
#ifndef JX_RUNTIME_H
#define JX_RUNTIME_H

typedef void (*jx_task_fn)(void *const *env, int64_t lo, int64_t hi);
/* A thread pool's parallel loop: runs fn(env, lo, hi) over a split of [0, n). */
typedef void (*jx_pfor_fn)(void *pool, int64_t n, jx_task_fn fn, void *const *env);

/* Services the host passes in; generated code never looks up host symbols
   (the library is linked statically into executables). */
typedef struct jx_runtime {
  int64_t abi_version;
  void *pool;
  /* Runs fn(env, lo, hi) over [0, n) split across the pool's threads. */
  jx_pfor_fn parallel_for;
  /* Batched row-major GEMM, C[q] = op(A[q]) op(B[q]) for q < batch, the
     q-th operands sa, sb, sc elements after the first; the host splits it
     over its pool (one call, so it can choose between splitting the batch
     and splitting each product). NULL when the host has none. */
  void (*sgemm)(int ta, int tb, int64_t batch, int64_t m, int64_t n, int64_t k, const float *a, int64_t lda,
                int64_t sa, const float *b, int64_t ldb, int64_t sb, float *c, int64_t ldc, int64_t sc);
  void (*dgemm)(int ta, int tb, int64_t batch, int64_t m, int64_t n, int64_t k, const double *a, int64_t lda,
                int64_t sa, const double *b, int64_t ldb, int64_t sb, double *c, int64_t ldc, int64_t sc);
  /* sgemm, then the elementwise loop fn(env, lo, hi) over flat ranges of
     the contiguous C, each once it is final (jx_sgemm_batched_then): a
     loop that reads the product runs as its epilogue, on the thread and
     while the rows are in cache. NULL when the host has none (then call
     sgemm and parallel_for). */
  void (*sgemm_then)(int ta, int tb, int64_t batch, int64_t m, int64_t n, int64_t k, const float *a, int64_t lda,
                     int64_t sa, const float *b, int64_t ldb, int64_t sb, float *c, int64_t ldc, int64_t sc,
                     jx_task_fn fn, void *const *env);
  void (*dgemm_then)(int ta, int tb, int64_t batch, int64_t m, int64_t n, int64_t k, const double *a, int64_t lda,
                     int64_t sa, const double *b, int64_t ldb, int64_t sb, double *c, int64_t ldc, int64_t sc,
                     jx_task_fn fn, void *const *env);
  /* Runs equation `index` of the program with the eager kernels. */
  int (*callback)(void *ctx, int64_t index, void *const *ins, void *const *outs);
  /* The eager kernels' rarer scalar special functions (XLA ports), so jit
     and eager agree bit for bit. float32 log/log1p/erf_inv are not here:
     their text is pasted below the prelude (jx_special_text.h) so fused
     loops inline and vectorise them. */
  double (*erfinv)(double);
  float (*lgammaf)(float);
  double (*lgamma)(double);
  float (*digammaf)(float);
  double (*digamma)(double);
  /* The eager kernels' stable multi-operand sort (sort.c). */
  int (*sort)(int32_t nops, int32_t num_keys, const int32_t *dtypes, const void *const *ins, void *const *outs,
              int64_t outer, int64_t n, int64_t inner);
  /* conv_general_dilated and reduce_window (conv.c): layout descriptors
     as in CSwiftJAXKernels.h; conv splits its rows over the pool. */
  int (*conv)(int32_t dtype, const int64_t *desc, const void *lhs, const void *rhs, void *out,
              jx_pfor_fn pfor, void *pool);
  int (*reduce_window)(int32_t op, int32_t dtype, int32_t rank, const int64_t *desc, const void *x, void *y);
} jx_runtime;

/* The text of this file, for the jit compiler's prelude. */
const char *jx_runtime_source(void);

#endif
