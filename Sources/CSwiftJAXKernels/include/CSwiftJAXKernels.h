#ifndef CSWIFTJAXKERNELS_H
#define CSWIFTJAXKERNELS_H
#include <stdint.h>
#include <stddef.h>
#include "jx_scalar_math.h"
#include "jx_runtime.h"

/// Element types; values match Swift's `DType` raw values.
typedef enum {
  JX_BOOL = 0, JX_I8, JX_I16, JX_I32, JX_I64,
  JX_U8, JX_U16, JX_U32, JX_U64,
  JX_F16, JX_F32, JX_F64, JX_C64, JX_C128, JX_BF16
} jx_dtype;

// Op codes; values match the raw values of Swift's UnaryOp, BinaryOp,
// CompareOp, ReduceOp, ArgReduceOp, CumulativeOp and ScatterOp, whose
// descriptor tables name these constants (ElementwiseTableTests reads this
// file and checks that names and positions agree).
enum {
  JX_NEG = 0, JX_ABS, JX_SIGN, JX_FLOOR, JX_CEIL, JX_ROUND, JX_ROUND_EVEN,
  JX_EXP, JX_EXP2, JX_LOG, JX_LOG1P, JX_EXPM1, JX_SQRT, JX_RSQRT, JX_CBRT,
  JX_SIN, JX_COS, JX_TAN, JX_ASIN, JX_ACOS, JX_ATAN, JX_SINH, JX_COSH, JX_TANH,
  JX_ASINH, JX_ACOSH, JX_ATANH, JX_LOGISTIC, JX_ERF, JX_ERFC, JX_ERF_INV,
  JX_LGAMMA, JX_DIGAMMA, JX_IS_FINITE, JX_NOT, JX_COPY, JX_SQUARE, JX_REAL,
  JX_POPULATION_COUNT, JX_CLZ, JX_BESSEL_I0E, JX_BESSEL_I1E, JX_IMAG, JX_CONJ
};
enum {
  JX_ADD = 0, JX_SUB, JX_MUL, JX_DIV, JX_REM, JX_POW, JX_MAX, JX_MIN,
  JX_ATAN2, JX_NEXTAFTER, JX_AND, JX_OR, JX_XOR,
  JX_SHIFT_LEFT, JX_SHIFT_RIGHT_LOGICAL, JX_SHIFT_RIGHT_ARITHMETIC, JX_COMPLEX
};
enum { JX_EQ = 0, JX_NE, JX_LT, JX_LE, JX_GT, JX_GE };
enum { JX_RSUM = 0, JX_RPROD, JX_RMAX, JX_RMIN, JX_RAND, JX_ROR, JX_RXOR };
enum { JX_ARGMAX = 0, JX_ARGMIN };
enum { JX_CSUM = 0, JX_CPROD, JX_CMAX, JX_CMIN, JX_CLOGSUMEXP };
enum { JX_SCATTER_SET = 0, JX_SCATTER_ADD, JX_SCATTER_MUL, JX_SCATTER_MIN, JX_SCATTER_MAX };

// Subnormal flushing (denormals.c), XLA:CPU's mode: FTZ and DAZ on x86,
// FPCR.FZ on AArch64. enter() sets the bits when JAXConfig.flushDenormals
// is on and returns a token with which exit() restores the caller's control
// word (off, both do nothing). Nesting-safe.
void jx_set_flush_denormals(int enabled);
int jx_flush_denormals_enabled(void);
// Sets this thread's override of the switch (-1: none, 0: off, 1: on) and
// returns the previous one.
int jx_swap_flush_denormals_override(int value);
uint32_t jx_flush_denormals_enter(void);
// Clears the flushing bits (IEEE subnormals) until exit(): float16 work,
// whose conversions XLA never flushes.
uint32_t jx_flush_denormals_enter_ieee(void);
void jx_flush_denormals_exit(uint32_t saved);
// The flushing bits of this thread's control word, and setting them from
// another thread's (thread-pool workers take their loop caller's mode).
uint32_t jx_denormal_mode(void);
void jx_set_denormal_mode(uint32_t mode);

// The thread pool's short spin before it sleeps (denormals.c, with the
// pool's other per-thread plumbing): atomic load/store of a counter the
// pool also writes under its mutex, and a bounded wait, with the CPU's
// pause hint, while `*p == value` (equal != 0) or `*p != value` (equal ==
// 0). Returns whether the wait ended before `spins` rounds.
int64_t jx_atomic_load_i64(const int64_t *p);
void jx_atomic_store_i64(int64_t *p, int64_t value);
int jx_spin_while(const int64_t *p, int64_t value, int equal, int64_t spins);
// Adds `delta` to *p atomically; returns the new value.
int64_t jx_atomic_add_i64(int64_t *p, int64_t delta);
// Claims the next chunk of a pool loop: *word holds the loop's generation
// (high 32 bits) and its next unclaimed chunk (low 32 bits). Returns that
// chunk and advances it, or -1 when the word has moved on to another
// generation or every one of `parts` chunks is taken.
int64_t jx_claim_chunk(int64_t *word, int64_t generation, int64_t parts);

// Every kernel returns 0, or -1 for an (op, dtype) pair it does not
// implement (the shape rules exclude those, so -1 is an internal error).

/// y = op(x) for n elements; is_finite writes bool (one byte per element).
int jx_unary(int32_t op, int32_t dtype, const void *x, void *y, ptrdiff_t n);
/// x ** n for a static integer n, by repeated squaring.
int jx_integer_pow(int32_t dtype, const void *x, void *y, ptrdiff_t count, int64_t n);
/// out = op(a, b). mode 0: a and b have n elements; 1: a is one element
/// broadcast against b; 2: b is one element.
int jx_binary(int32_t op, int32_t dtype, const void *a, const void *b, void *out, ptrdiff_t n, int32_t mode);
/// out (bool) = a op b; mode as in jx_binary.
int jx_compare(int32_t op, int32_t dtype, const void *a, const void *b, void *out, ptrdiff_t n, int32_t mode);
/// out[i] = cases[clamp(which[i])][i]; which is bool or int32 (one element
/// if which_scalar).
int jx_select_n(ptrdiff_t esize, int32_t which_dtype, const void *which, int32_t which_scalar,
                ptrdiff_t ncases, const void *const *cases, void *out, ptrdiff_t n);
/// out = min(max(x, lo), hi); lo/hi are one element when *_scalar.
int jx_clamp(int32_t dtype, const void *lo, int32_t lo_scalar, const void *x,
             const void *hi, int32_t hi_scalar, void *out, ptrdiff_t n);
/// Converts n elements with JAX's rules (wrap int->int, saturate
/// float->int, NaN->0, nonzero->true).
int jx_convert(int32_t from, int32_t to, const void *x, void *y, ptrdiff_t n);
/// out[o, i, k] = i for a [outer, n, inner] array.
int jx_iota(int32_t dtype, void *out, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner);
/// Fills n elements of esize bytes with *value.
void jx_fill(ptrdiff_t esize, const void *value, void *out, ptrdiff_t n);
/// Copies an N-d strided region: dst[idx . dstr] = src[idx . sstr] for all
/// idx < shape. Strides are in elements and may be 0 or negative.
void jx_copy_strided(ptrdiff_t esize, int32_t rank, const ptrdiff_t *shape,
                     const void *src, const ptrdiff_t *sstr, void *dst, const ptrdiff_t *dstr);
/// Combines an N-d strided window of updates into out (scatter).
int jx_scatter_combine(int32_t op, int32_t dtype, int32_t rank, const ptrdiff_t *shape,
                       const void *upd, const ptrdiff_t *ustr, void *out, const ptrdiff_t *ostr);
/// Reduces the middle axis of a row-major [outer, n, inner] array.
int jx_reduce(int32_t op, int32_t dtype, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner, void *out);
/// Index of the first max/min along the middle axis (NaN is the extreme);
/// out has dtype out_dtype (an integer type).
int jx_argreduce(int32_t op, int32_t dtype, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner,
                 int32_t out_dtype, void *out);
/// Cumulative reduction along the middle axis.
int jx_cumulative(int32_t op, int32_t dtype, const void *x, ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner,
                  int32_t reverse, void *out);
/// Batched row-major matmul: c[b] = a[b] (m x k) * b[b] (k x n). Integer
/// products wrap; float16 accumulates in float32. float16/32/64 products
/// large enough to pay for it are split over `threads` threads of `pool`
/// with `pfor` (jx_pfor_fn is declared in jx_runtime.h; NULL or threads
/// <= 1: the calling thread only), with the one-thread result's bits.
int jx_batched_matmul(int32_t dtype, ptrdiff_t batch, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                      const void *a, const void *b, void *c, int32_t threads, jx_pfor_fn pfor, void *pool);
/// Stable sort of nops arrays of shape [outer, n, inner] along the middle
/// axis, ordered lexicographically by the first num_keys (floats in JAX's
/// total order: -0.0 == 0.0, NaNs last).
int jx_sort(int32_t nops, int32_t num_keys, const int32_t *dtypes, const void *const *ins, void *const *outs,
            ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner);

/// conv_general_dilated for every dtype (operands and output in one
/// dtype): float32/float64 as im2col + the packed GEMM or, for layouts
/// with contiguous input and output features on AVX-512, an indirect
/// kernel reading the input in place (same fma chains, same bits);
/// float16 computes in float32; integers wrap; bool is an OR of ANDs;
/// complex64/complex128 as three float32/float64 convolutions (Gauss's
/// trick, as JAX lowers complex convolutions on CPU). `desc` (int64) holds: spatial rank S, N, C, O,
/// I, feature_group_count, batch_group_count, the element strides of lhs
/// batch/feature, rhs out/in feature, out batch/feature, then per spatial
/// dimension: input size, kernel size, output size, window stride, low
/// padding, lhs dilation, rhs dilation, lhs/rhs/out strides. Chunks of
/// rows are shared out over `pfor` when it is non-null. Returns 0, -1 for
/// a bad descriptor, -2 when memory ran out.
int jx_conv(int32_t dtype, const int64_t *desc, const void *lhs, const void *rhs, void *out,
            jx_pfor_fn pfor, void *pool);
/// reduce_window sum (0), max (1), min (2), product (3) of a row-major
/// array with the monoid's identity as initial value; padding and
/// base-dilation holes are skipped. `desc` holds per
/// dimension: input size, window size, stride, low padding, base dilation,
/// window dilation, output size.
int jx_reduce_window(int32_t op, int32_t dtype, int32_t rank, const int64_t *desc, const void *x, void *y);

/// FFTs of interleaved complex (re, im) buffers; dtype is the component
/// type, JX_F32 (complex64) or JX_F64 (complex128). `count` transforms of
/// length n, each contiguous; transform b reads in + b*in_dist and writes
/// out + b*out_dist (distances in elements of the buffer's own type:
/// complex values, or real values for the real side of r2c/c2r). The
/// transforms are unnormalised and the output is multiplied by `scale`.
/// c2c may run in place (in == out). Returns 0, -1 for a bad dtype or
/// length, -2 when memory ran out.
int jx_fft_c2c(int32_t dtype, int64_t n, int32_t inverse, double scale, const void *in, void *out,
               int64_t count, int64_t in_dist, int64_t out_dist);
/// Real input of length n to its n/2+1 non-negative-frequency terms.
int jx_fft_r2c(int32_t dtype, int64_t n, double scale, const void *in, void *out,
               int64_t count, int64_t in_dist, int64_t out_dist);
/// n/2+1 Hermitian terms to a real output of length n (the imaginary parts
/// of the zero and, for even n, the Nyquist terms are ignored, as in NumPy).
int jx_fft_c2r(int32_t dtype, int64_t n, double scale, const void *in, void *out,
               int64_t count, int64_t in_dist, int64_t out_dist);

#endif
#include "jx_gemm.h"
