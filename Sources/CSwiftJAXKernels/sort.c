// Multi-operand stable sort along the middle axis of [outer, n, inner]
// arrays. Keys are mapped to uint64 whose unsigned order is JAX's sort
// order (floats: -inf < ... < -0.0 == 0.0 < ... < inf < NaN, all NaNs
// equal), then a stable merge sort permutes an index vector that is
// applied to every operand. A complex key is two keys, its real part then
// its imaginary part, each ordered as a float (JAX's _operands_to_keys:
// lexicographic, as NumPy sorts complex numbers).
#include "jx_internal.h"
#include <stdlib.h>

static inline uint64_t key_f64(double v) {
  if (v == 0) v = 0.0;      // -0.0 sorts equal to 0.0
  if (v != v) v = NAN;      // every NaN is the same, largest key
  uint64_t b;
  memcpy(&b, &v, 8);
  return (b >> 63) ? ~b : (b | 0x8000000000000000ull);
}

static void make_keys(int32_t dtype, const void *base, ptrdiff_t stride, ptrdiff_t n, uint64_t *key) {
  const uint64_t sign = 0x8000000000000000ull;
  switch (dtype) {
  case JX_BOOL: case JX_U8: for (ptrdiff_t i = 0; i < n; i++) key[i] = ((const uint8_t *)base)[i * stride]; break;
  case JX_U16: for (ptrdiff_t i = 0; i < n; i++) key[i] = ((const uint16_t *)base)[i * stride]; break;
  case JX_U32: for (ptrdiff_t i = 0; i < n; i++) key[i] = ((const uint32_t *)base)[i * stride]; break;
  case JX_U64: for (ptrdiff_t i = 0; i < n; i++) key[i] = ((const uint64_t *)base)[i * stride]; break;
  case JX_I8: for (ptrdiff_t i = 0; i < n; i++) key[i] = (uint64_t)(int64_t)((const int8_t *)base)[i * stride] ^ sign; break;
  case JX_I16: for (ptrdiff_t i = 0; i < n; i++) key[i] = (uint64_t)(int64_t)((const int16_t *)base)[i * stride] ^ sign; break;
  case JX_I32: for (ptrdiff_t i = 0; i < n; i++) key[i] = (uint64_t)(int64_t)((const int32_t *)base)[i * stride] ^ sign; break;
  case JX_I64: for (ptrdiff_t i = 0; i < n; i++) key[i] = (uint64_t)((const int64_t *)base)[i * stride] ^ sign; break;
  case JX_F16: for (ptrdiff_t i = 0; i < n; i++) key[i] = key_f64((double)((const jx_f16 *)base)[i * stride]); break;
  case JX_F32: for (ptrdiff_t i = 0; i < n; i++) key[i] = key_f64((double)((const float *)base)[i * stride]); break;
  case JX_BF16: for (ptrdiff_t i = 0; i < n; i++) key[i] = key_f64((double)jx_bf16_to_f32(((const jx_bf16 *)base)[i * stride])); break;
  case JX_F64: for (ptrdiff_t i = 0; i < n; i++) key[i] = key_f64(((const double *)base)[i * stride]); break;
  // Two rows of n keys: the real parts, then the imaginary parts.
  case JX_C64:
    for (ptrdiff_t i = 0; i < n; i++) {
      jx_c64 v = ((const jx_c64 *)base)[i * stride];
      key[i] = key_f64((double)__real__ v);
      key[n + i] = key_f64((double)__imag__ v);
    }
    break;
  case JX_C128:
    for (ptrdiff_t i = 0; i < n; i++) {
      jx_c128 v = ((const jx_c128 *)base)[i * stride];
      key[i] = key_f64(__real__ v);
      key[n + i] = key_f64(__imag__ v);
    }
    break;
  }
}

/// How many rows of keys an operand's dtype makes (a complex key is two).
static int32_t key_rows(int32_t dtype) { return dtype == JX_C64 || dtype == JX_C128 ? 2 : 1; }

typedef struct {
  const uint64_t *keys;  // num_keys rows of n
  ptrdiff_t n;
  int32_t num_keys;
} sort_ctx;

static inline int less(const sort_ctx *c, int64_t i, int64_t j) {
  for (int32_t q = 0; q < c->num_keys; q++) {
    uint64_t a = c->keys[q * c->n + i], b = c->keys[q * c->n + j];
    if (a != b) return a < b;
  }
  return 0;
}

// Bottom-up merge sort of perm[0..n) (stable); tmp has n entries.
static void merge_sort(const sort_ctx *c, int64_t *perm, int64_t *tmp, ptrdiff_t n) {
  // Insertion-sort runs of 16 first: fast for the many tiny sorts eager
  // code does.
  const ptrdiff_t run = 16;
  for (ptrdiff_t lo = 0; lo < n; lo += run) {
    ptrdiff_t hi = lo + run < n ? lo + run : n;
    for (ptrdiff_t i = lo + 1; i < hi; i++) {
      int64_t v = perm[i];
      ptrdiff_t j = i;
      while (j > lo && less(c, v, perm[j - 1])) { perm[j] = perm[j - 1]; j--; }
      perm[j] = v;
    }
  }
  int64_t *src = perm, *dst = tmp;
  for (ptrdiff_t width = run; width < n; width *= 2) {
    for (ptrdiff_t lo = 0; lo < n; lo += 2 * width) {
      ptrdiff_t mid = lo + width < n ? lo + width : n;
      ptrdiff_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      ptrdiff_t i = lo, j = mid, o = lo;
      while (i < mid && j < hi) dst[o++] = less(c, src[j], src[i]) ? src[j++] : src[i++];
      while (i < mid) dst[o++] = src[i++];
      while (j < hi) dst[o++] = src[j++];
    }
    int64_t *t = src; src = dst; dst = t;
  }
  if (src != perm) memcpy(perm, src, sizeof(int64_t) * (size_t)n);
}

static ptrdiff_t dtype_size(int32_t d) {
  // Indexed by jx_dtype: ..., f16, f32, f64, c64, c128, bf16.
  static const ptrdiff_t sizes[15] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8, 8, 16, 2};
  return sizes[d];
}

int jx_sort(int32_t nops, int32_t num_keys, const int32_t *dtypes, const void *const *ins, void *const *outs,
            ptrdiff_t outer, ptrdiff_t n, ptrdiff_t inner) {
  if (n == 0 || outer == 0 || inner == 0) return 0;
  int32_t rows = 0;
  for (int32_t q = 0; q < num_keys; q++) rows += key_rows(dtypes[q]);
  uint64_t *keys = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)(rows * n));
  int64_t *perm = (int64_t *)malloc(sizeof(int64_t) * (size_t)(2 * n));
  if (!keys || !perm) { free(keys); free(perm); return -2; }
  sort_ctx ctx = {keys, n, rows};
  for (ptrdiff_t a = 0; a < outer; a++)
    for (ptrdiff_t k = 0; k < inner; k++) {
      ptrdiff_t base = a * n * inner + k;
      for (int32_t q = 0, row = 0; q < num_keys; row += key_rows(dtypes[q]), q++) {
        const char *p = (const char *)ins[q] + base * dtype_size(dtypes[q]);
        make_keys(dtypes[q], p, inner, n, keys + row * n);
      }
      for (ptrdiff_t i = 0; i < n; i++) perm[i] = i;
      merge_sort(&ctx, perm, perm + n, n);
      for (int32_t q = 0; q < nops; q++) {
        ptrdiff_t es = dtype_size(dtypes[q]);
        const char *src = (const char *)ins[q] + base * es;
        char *dst = (char *)outs[q] + base * es;
        switch (es) {
        case 1: for (ptrdiff_t i = 0; i < n; i++) ((uint8_t *)dst)[i * inner] = ((const uint8_t *)src)[perm[i] * inner]; break;
        case 2: for (ptrdiff_t i = 0; i < n; i++) ((uint16_t *)dst)[i * inner] = ((const uint16_t *)src)[perm[i] * inner]; break;
        case 4: for (ptrdiff_t i = 0; i < n; i++) ((uint32_t *)dst)[i * inner] = ((const uint32_t *)src)[perm[i] * inner]; break;
        case 8: for (ptrdiff_t i = 0; i < n; i++) ((uint64_t *)dst)[i * inner] = ((const uint64_t *)src)[perm[i] * inner]; break;
        default:
          for (ptrdiff_t i = 0; i < n; i++) memcpy(dst + i * inner * es, src + perm[i] * inner * es, (size_t)es);
          break;
        }
      }
    }
  free(keys);
  free(perm);
  return 0;
}
