// The C prelude of every generated file. It is embedded (not #included)
// so a compiled object depends only on its own source text: the source
// hash is then a complete cache key, and no include paths are needed.
//
// Semantics mirror the eager kernels (CSwiftJAXKernels/elementwise.c)
// exactly: XLA's NaN-propagating max/min with -0 < +0, integer arithmetic
// wrapping through unsigned types, x / 0 == -1 for integers, shifts of
// width or more, and saturating float→int conversion with NaN → 0.

import CSwiftJAXKernels

enum RuntimeHeader {
  /// Bumped whenever the runtime table or the entry-point signature
  /// changes; part of every cache key.
  static let abiVersion = 6

  /// The prelude for a program whose other code is `body`: the shared
  /// part, then only the helpers `body` names. Parsing unused helpers was
  /// a quarter of a small program's compile time (45 → 35 ms for a Lorenz
  /// rollout).
  static func source(for body: String) -> String {
    let used = helperNames(body)
    var s = prelude + "\n"
    for (suffix, args) in intTypes where used.contains(where: { $0.hasSuffix("_" + suffix) }) {
      s += "JX_INT_OPS(\(suffix), \(args))\n"
    }
    for (name, args) in gemms where used.contains(name) { s += "JX_GEMM_GENERIC(\(name), \(args))\n" }
    if !used.isDisjoint(with: specialNames) { s += special }
    if used.contains("jx_powf") || used.contains("jx_powd") { s += pow }
    return s
  }

  /// The distinct `jx_...` identifiers in `code`, found in one pass over
  /// its bytes (Foundation's substring search bridges the whole string on
  /// every call, which cost milliseconds here).
  static func helperNames(_ code: String) -> Set<String> {
    let bytes = Array(code.utf8)
    var names = Set<String>()
    var i = 0
    func isIdent(_ c: UInt8) -> Bool { c == 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    while i + 3 <= bytes.count {
      if bytes[i] == 106, bytes[i + 1] == 120, bytes[i + 2] == 95, i == 0 || !isIdent(bytes[i - 1]) {  // "jx_"
        var j = i + 3
        while j < bytes.count && isIdent(bytes[j]) { j += 1 }
        names.insert(String(decoding: bytes[i..<j], as: UTF8.self))
        i = j
      } else {
        i += 1
      }
    }
    return names
  }

  /// Integer helper sets (jx_add_i32...), by type suffix.
  private static let intTypes: [(String, String)] = [
    ("i8", "int8_t, uint8_t, int8_t, 1"), ("i16", "int16_t, uint16_t, int16_t, 1"),
    ("i32", "int32_t, uint32_t, int32_t, 1"), ("i64", "int64_t, uint64_t, int64_t, 1"),
    ("u8", "uint8_t, uint8_t, int8_t, 0"), ("u16", "uint16_t, uint16_t, int16_t, 0"),
    ("u32", "uint32_t, uint32_t, int32_t, 0"), ("u64", "uint64_t, uint64_t, int64_t, 0"),
  ]
  private static let gemms = [("jx_gemm_f32", "float, fmaf"), ("jx_gemm_f64", "double, fma")]

  /// The special functions the eager kernels use (the same C text, taken
  /// from the kernels library at run time).
  private static let special = "#define JX_SPECIAL JX_INLINE\n" + String(cString: jx_special_source()) + "\n"
  private static let specialNames: Set<String> = ["jx_logf", "jx_log1pf", "jx_erfinvf", "jx_logaddexpf", "jx_logaddexp"]

  /// pow behind a call clang cannot look into. With a constant operand
  /// clang rewrites `powf(x, 2.0f)` as `x * x` and `powf(2.0f, y)` as
  /// `exp2f(y)`, which differ from libm's powf (what the eager kernel
  /// calls) in the last bit. External linkage (not `static`), so no
  /// constant is propagated into the body either.
  private static let pow = """
    __attribute__((noinline)) float jx_powf(float x, float y) { return powf(x, y); }
    __attribute__((noinline)) double jx_powd(double x, double y) { return pow(x, y); }

    """

  private static let prelude = #"""
/* No system headers: parsing <math.h> and <string.h> is a noticeable part
   of a small program's compile time. Types and limits come from clang's
   predefined macros; the libm functions are declared (clang treats them
   as builtins, so sqrt/floor/fabs... still become instructions). */
typedef __INT8_TYPE__ int8_t;
typedef __INT16_TYPE__ int16_t;
typedef __INT32_TYPE__ int32_t;
typedef __INT64_TYPE__ int64_t;
typedef __UINT8_TYPE__ uint8_t;
typedef __UINT16_TYPE__ uint16_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __UINT64_TYPE__ uint64_t;
typedef __SIZE_TYPE__ size_t;
#define INT8_MAX __INT8_MAX__
#define INT8_MIN (-__INT8_MAX__ - 1)
#define INT16_MAX __INT16_MAX__
#define INT16_MIN (-__INT16_MAX__ - 1)
#define INT32_MAX __INT32_MAX__
#define INT32_MIN (-__INT32_MAX__ - 1)
#define INT64_MAX __INT64_MAX__
#define INT64_MIN (-__INT64_MAX__ - 1)
#define UINT8_MAX __UINT8_MAX__
#define UINT16_MAX __UINT16_MAX__
#define UINT32_MAX __UINT32_MAX__
#define UINT64_MAX __UINT64_MAX__
#define INFINITY __builtin_inff()
#define signbit(x) __builtin_signbit(x)
#define isfinite(x) __builtin_isfinite(x)
void *memcpy(void *, const void *, size_t);
#define JX_LIBM1(F) float F##f(float); double F(double);
#define JX_LIBM2(F) float F##f(float, float); double F(double, double);
JX_LIBM1(exp) JX_LIBM1(exp2) JX_LIBM1(log) JX_LIBM1(log1p) JX_LIBM1(expm1) JX_LIBM1(sqrt) JX_LIBM1(cbrt)
JX_LIBM1(sin) JX_LIBM1(cos) JX_LIBM1(tan) JX_LIBM1(asin) JX_LIBM1(acos) JX_LIBM1(atan) JX_LIBM1(sinh)
JX_LIBM1(cosh) JX_LIBM1(tanh) JX_LIBM1(asinh) JX_LIBM1(acosh) JX_LIBM1(atanh) JX_LIBM1(erf) JX_LIBM1(erfc)
JX_LIBM1(fabs) JX_LIBM1(floor) JX_LIBM1(ceil) JX_LIBM1(round) JX_LIBM1(rint)
JX_LIBM2(fmod) JX_LIBM2(pow) JX_LIBM2(atan2) JX_LIBM2(nextafter)
float fmaf(float, float, float); double fma(double, double, double);

typedef _Float16 jx_f16;
typedef void (*jx_task_fn)(void *const *env, int64_t lo, int64_t hi);

/* Services the host passes in; generated code never looks up host symbols
   (the library is linked statically into executables). */
typedef struct jx_runtime {
  int64_t abi_version;
  void *pool;
  /* Runs fn(env, lo, hi) over [0, n) split across the pool's threads. */
  void (*parallel_for)(void *pool, int64_t n, jx_task_fn fn, void *const *env);
  /* Row-major GEMM, C = op(A) op(B); NULL when the host has none. */
  void (*sgemm)(int ta, int tb, int64_t m, int64_t n, int64_t k, const float *a, int64_t lda,
                const float *b, int64_t ldb, float *c, int64_t ldc);
  void (*dgemm)(int ta, int tb, int64_t m, int64_t n, int64_t k, const double *a, int64_t lda,
                const double *b, int64_t ldb, double *c, int64_t ldc);
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
              void (*pfor)(void *pool, int64_t n, jx_task_fn fn, void *const *env), void *pool);
  int (*reduce_window)(int32_t op, int32_t dtype, int32_t rank, const int64_t *desc, const void *x, void *y);
} jx_runtime;

/* Set on entry of jx_main; task functions (thread-pool chunks) use it too.
   The host has a single table, so concurrent calls store the same value. */
static const jx_runtime *jx_rt;

#define JX_INLINE static inline __attribute__((always_inline))

JX_INLINE float jx_f32_bits(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
JX_INLINE double jx_f64_bits(uint64_t b) { double f; memcpy(&f, &b, 8); return f; }

JX_INLINE float jx_maxf(float x, float y) { if (x != x) return x; if (y != y) return y; if (x == y) return signbit(x) ? y : x; return x > y ? x : y; }
JX_INLINE float jx_minf(float x, float y) { if (x != x) return x; if (y != y) return y; if (x == y) return signbit(x) ? x : y; return x < y ? x : y; }
JX_INLINE double jx_maxd(double x, double y) { if (x != x) return x; if (y != y) return y; if (x == y) return signbit(x) ? y : x; return x > y ? x : y; }
JX_INLINE double jx_mind(double x, double y) { if (x != x) return x; if (y != y) return y; if (x == y) return signbit(x) ? x : y; return x < y ? x : y; }
JX_INLINE float jx_signf(float x) { return x > 0 ? 1.0f : (x < 0 ? -1.0f : x); }
JX_INLINE double jx_sign(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : x); }
JX_INLINE float jx_logisticf(float x) { return 1.0f / (1.0f + expf(-x)); }
JX_INLINE double jx_logistic(double x) { return 1.0 / (1.0 + exp(-x)); }
JX_INLINE int64_t jx_clampi(int64_t x, int64_t lo, int64_t hi) { return x < lo ? lo : (x > hi ? hi : x); }

/* Integer helpers per type: wrap via unsigned, XLA's division rules. */
#define JX_INT_OPS(S, T, UT, ST, SIGNED)                                                   \
  JX_INLINE T jx_add_##S(T x, T y) { return (T)((UT)x + (UT)y); }                          \
  JX_INLINE T jx_sub_##S(T x, T y) { return (T)((UT)x - (UT)y); }                          \
  JX_INLINE T jx_mul_##S(T x, T y) { return (T)((UT)((uint64_t)x * (uint64_t)y)); }       \
  JX_INLINE T jx_neg_##S(T x) { return (T)(0 - (UT)x); }                                  \
  JX_INLINE T jx_abs_##S(T x) { return SIGNED && x < 0 ? (T)(0 - (UT)x) : x; }            \
  JX_INLINE T jx_div_##S(T x, T y) {                                                      \
    if (y == 0) return (T)-1;                                                             \
    if (SIGNED && y == (T)-1) return (T)(0 - (UT)x);                                      \
    return (T)(x / y); }                                                                  \
  JX_INLINE T jx_rem_##S(T x, T y) {                                                      \
    if (y == 0) return x;                                                                 \
    if (SIGNED && y == (T)-1) return 0;                                                   \
    return (T)(x % y); }                                                                  \
  JX_INLINE T jx_pow_##S(T x, T y) {                                                      \
    if (SIGNED && y < 0) { if (x == 1) return 1; if (x == (T)-1) return (y & 1) ? (T)-1 : (T)1; return 0; } \
    UT acc = 1, base = (UT)x, k = (UT)y;                                                  \
    while (k) { if (k & 1) acc = (UT)((uint64_t)acc * base); k >>= 1; base = (UT)((uint64_t)base * base); } \
    return (T)acc; }                                                                      \
  JX_INLINE T jx_ipow_##S(T x, uint64_t k) {                                              \
    UT acc = 1, base = (UT)x;                                                             \
    while (k) { if (k & 1) acc = (UT)((uint64_t)acc * base); k >>= 1; if (k) base = (UT)((uint64_t)base * base); } \
    return (T)acc; }                                                                      \
  JX_INLINE T jx_shl_##S(T x, T y) { return (UT)y >= sizeof(T) * 8 ? (T)0 : (T)((UT)x << (UT)y); } \
  JX_INLINE T jx_shrl_##S(T x, T y) { return (UT)y >= sizeof(T) * 8 ? (T)0 : (T)((UT)x >> (UT)y); } \
  JX_INLINE T jx_shra_##S(T x, T y) {                                                     \
    ST sx = (ST)x;                                                                        \
    if ((UT)y >= sizeof(T) * 8) return (T)(sx < 0 ? (ST)-1 : (ST)0);                      \
    return (T)(ST)(sx >> (UT)y); }                                                        \
  JX_INLINE T jx_f2i_##S(double x) {                                                      \
    if (x != x) return 0;                                                                 \
    if (x >= (double)JX_MAX_##S) return JX_MAX_##S;                                       \
    if (x <= (double)JX_MIN_##S) return JX_MIN_##S;                                       \
    return (T)x; }

#define JX_MAX_i8 INT8_MAX
#define JX_MIN_i8 INT8_MIN
#define JX_MAX_i16 INT16_MAX
#define JX_MIN_i16 INT16_MIN
#define JX_MAX_i32 INT32_MAX
#define JX_MIN_i32 INT32_MIN
#define JX_MAX_i64 INT64_MAX
#define JX_MIN_i64 INT64_MIN
#define JX_MAX_u8 UINT8_MAX
#define JX_MIN_u8 0
#define JX_MAX_u16 UINT16_MAX
#define JX_MIN_u16 0
#define JX_MAX_u32 UINT32_MAX
#define JX_MIN_u32 0
#define JX_MAX_u64 UINT64_MAX
#define JX_MIN_u64 0

/* x ** n for floats by repeated squaring in XLA's multiplication order. */
JX_INLINE float jx_ipowf(float x, int64_t n) {
  uint64_t k = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n; float acc = 1, base = x;
  while (k) { if (k & 1) acc = acc * base; k >>= 1; if (k) base = base * base; }
  return n < 0 ? 1.0f / acc : acc; }
JX_INLINE double jx_ipowd(double x, int64_t n) {
  uint64_t k = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n; double acc = 1, base = x;
  while (k) { if (k & 1) acc = acc * base; k >>= 1; if (k) base = base * base; }
  return n < 0 ? 1.0 / acc : acc; }
/* Integer x ** -k: 1 for x == 1, +-1 for x == -1, else 0. */
JX_INLINE int64_t jx_ipow_neg(int64_t x, int64_t n, int is_signed) {
  if (x == 1) return 1;
  if (is_signed && x == -1) return (((uint64_t)0 - (uint64_t)n) & 1) ? -1 : 1;
  return 0; }

/* Matrix multiply fallback: each C element is the chain c = fma(a_k, b_k, c)
   from +0, the same numerics as the packed GEMM. */
#define JX_GEMM_GENERIC(NAME, T, FMA)                                                          \
  static void NAME(int64_t m, int64_t n, int64_t k, const T *a, int64_t sam, int64_t sak,     \
                   const T *b, int64_t sbk, int64_t sbn, T *c) {                              \
    for (int64_t i = 0; i < m; i++)                                                           \
      for (int64_t j = 0; j < n; j++) {                                                       \
        T acc = 0;                                                                            \
        for (int64_t p = 0; p < k; p++) acc = FMA(a[i * sam + p * sak], b[p * sbk + j * sbn], acc); \
        c[i * n + j] = acc;                                                                   \
      }                                                                                       \
  }
"""#
}
