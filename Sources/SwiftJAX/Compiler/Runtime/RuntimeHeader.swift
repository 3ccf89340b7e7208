// The C prelude of every generated file. It is embedded (not #included)
// so a compiled object depends only on its own source text: the source
// hash is then a complete cache key, and no include paths are needed.
//
// Scalar semantics are not restated here: XLA's NaN-propagating max/min,
// wrapping integer arithmetic, x / 0 == -1, shifts of the width or more,
// bit counts and saturating float→int conversion are the text of
// CSwiftJAXKernels/jx_scalar_text.h, which the eager kernels compile and
// this prelude pastes (`jx_scalar_source()`).

import CSwiftJAXKernels

enum RuntimeHeader {
  /// Bumped whenever the runtime table or the entry-point signature
  /// changes; part of every cache key.
  static let abiVersion = 9

  /// The prelude for a program whose other code is `body`: the shared
  /// part, then only the helpers `body` names. Parsing unused helpers was
  /// a quarter of a small program's compile time (45 → 35 ms for a Lorenz
  /// rollout).
  static func source(for body: String) -> String {
    let used = helperNames(body)
    var s = prelude + "\n"
    for suffix in intSuffixes where used.contains(where: { $0.hasSuffix("_" + suffix) }) {
      s += "JX_INT_OPS_\(suffix)\n"
    }
    for (name, args) in gemms where used.contains(name) { s += "JX_GEMM_GENERIC(\(name), \(args))\n" }
    let trig = Set(complexTrig.filter { used.contains($0.key) }.values).sorted()
    if !used.isDisjoint(with: specialNames) || !trig.isEmpty { s += special }
    for text in trig { s += text }
    if used.contains("jx_powf") || used.contains("jx_powd") { s += pow }
    if used.contains("jx_stream_copy") { s += stream }
    return s
  }

  /// Whether C expression `expr` calls one of jx_special_text.h's
  /// functions (XLA's exp, tanh, log, sin...), whose loops clang's cost
  /// model declines to vectorise although vectorising them pays
  /// (``CRenderer`` asks for it).
  static func callsSpecialFunction(_ expr: String) -> Bool {
    !helperNames(expr).isDisjoint(with: specialNames)
  }

  /// `lines` with every call `jx_sinf(x)` / `jx_cosf(x)` made
  /// `jx_sinf_small_arg(&flag, x)` / `jx_cosf_small_arg(&flag, x)`: the
  /// forms without the reduction of arguments >= 120, which set `flag`
  /// where they would have needed it (jx_special_text.h). nil when no line
  /// calls either.
  ///
  /// ```swift
  /// RuntimeHeader.smallArgumentSinCos(["y = jx_sinf(x);"], flag: "f")
  /// // ["y = jx_sinf_small_arg(&f, x);"]
  /// ```
  static func smallArgumentSinCos(_ lines: [String], flag: String) -> [String]? {
    var found = false
    let out = lines.map { line -> String in
      var s = line
      for name in ["jx_sinf", "jx_cosf"] {
        var parts = s.components(separatedBy: name + "(")
        guard parts.count > 1 else { continue }
        var joined = parts.removeFirst()
        for p in parts {
          let bounded = !(joined.last.map { $0 == "_" || $0.isLetter || $0.isNumber } ?? false)
          joined += (bounded ? "\(name)_small_arg(&\(flag), " : name + "(") + p
          found = found || bounded
        }
        s = joined
      }
      return s
    }
    return found ? out : nil
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

  /// Integer helper sets (jx_add_i32...) of jx_scalar_text.h, by type
  /// suffix (`DType.cSuffix`); each is instantiated only when used.
  private static let intSuffixes = ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64"]
  private static let gemms = [("jx_gemm_f32", "float, fmaf"), ("jx_gemm_f64", "double, fma")]

  /// The `jx_runtime` table's declaration, the text of the kernels' public
  /// header (jx_runtime.h) that RuntimeTable.swift fills by field.
  private static let runtimeStruct = String(cString: jx_runtime_source())

  /// JAX's scalar semantics, the very text the eager kernels compile
  /// (jx_scalar_text.h, taken from the kernels library at run time).
  private static let scalarText = String(cString: jx_scalar_source())

  /// The special functions the eager kernels use (the same C text, taken
  /// from the kernels library at run time).
  private static let special = "#define JX_SPECIAL JX_INLINE\n" + String(cString: jx_special_source()) + "\n"
  private static let specialNames: Set<String> = [
    "jx_expf", "jx_exp", "jx_tanhf", "jx_tanh", "jx_erff", "jx_logisticf", "jx_logistic", "jx_sinf", "jx_cosf", "jx_log",
    "jx_sinf_small_arg", "jx_cosf_small_arg",
    "jx_logf", "jx_log1pf", "jx_erfinvf", "jx_logaddexpf", "jx_logaddexp",
    "jx_bessel_i0ef", "jx_bessel_i0e", "jx_bessel_i1ef", "jx_bessel_i1e",
    "jx_expm1f", "jx_expm1", "jx_exp2f", "jx_exp2", "jx_log1p", "jx_erfcf", "jx_erfc", "jx_sinhf", "jx_sinh",
    "jx_coshf", "jx_cosh", "jx_asinf", "jx_asin", "jx_acosf", "jx_acos", "jx_asinhf", "jx_asinh", "jx_acoshf",
    "jx_acosh", "jx_atanhf", "jx_atanh", "jx_rsqrtf", "jx_rsqrt",
    "jx_exp2_f16", "jx_expm1_f16", "jx_logistic_f16", "jx_asin_f16", "jx_acos_f16", "jx_asinh_f16",
    "jx_acosh_f16", "jx_atanh_f16",
  ]

  /// Complex exp/sin/cos/tan/tanh/expm1/rsqrt (JX_COMPLEX_TRIG of jx_scalar_text.h) and
  /// sinh/cosh/exp2/logistic/log1p/inverse trig/pow (JX_COMPLEX_TRIG2), instantiated
  /// after the special functions they call, as elementwise.c does; keyed by
  /// the helper names that need them.
  private static let complexTrig: [String: String] = {
    let c64 = "JX_COMPLEX_TRIG(c64, jx_c64, float, f, jx_expf, jx_sinf, jx_cosf, jx_expm1f, jx_rsqrtf)\n"
      + "JX_COMPLEX_TRIG2(c64, jx_c64, float, f, jx_expf, jx_sinf, jx_cosf, jx_logf, jx_log1pf)\n"
    let c128 = "JX_COMPLEX_TRIG(c128, jx_c128, double, , jx_exp, sin, cos, jx_expm1, jx_rsqrt)\n"
      + "JX_COMPLEX_TRIG2(c128, jx_c128, double, , jx_exp, sin, cos, jx_log, jx_log1p)\n"
    let names = ["jx_cexp", "jx_csin", "jx_ccos", "jx_ctan", "jx_ctanh", "jx_cexpm1", "jx_crsqrt",
                 "jx_csinh", "jx_ccosh", "jx_cexp2", "jx_clogistic", "jx_clog1p", "jx_cpow", "jx_catanh", "jx_catan", "jx_catan2", "jx_clogaddexp", "jx_clog",
                 "jx_casin", "jx_cacos", "jx_casinh", "jx_cacosh"]
    return Dictionary(uniqueKeysWithValues: names.map { ($0 + "_c64", c64) } + names.map { ($0 + "_c128", c128) })
  }()

  /// Declarations of the one-argument libm functions: those the unary
  /// table lowers to; log/log1p/erf/sin/cos (the float64 forms of ports
  /// whose float32 form is in jx_special_text.h); exp (the complex
  /// helpers' and logaddexp's); floor (float64 exp).
  private static let libmDeclarations: String = {
    var names = UnaryOp.allCases.compactMap { $0.info.libm }
    names += ["log", "log1p", "exp", "erf", "sin", "cos", "floor"].filter { !names.contains($0) }
    return names.map { "JX_LIBM1(\($0))" }.joined(separator: " ")
  }()

  /// Non-temporal copies for streamed results (CRenderer+Streaming.swift):
  /// `jx_stream_copy` writes 16-byte aligned chunks with stores that skip
  /// the cache (and the read of each line they write), the unaligned head
  /// and tail with memcpy; `jx_stream_fence` orders them before whatever
  /// the thread stores next (on x86 they are weakly ordered).
  private static let stream = """
    typedef long long jx_v2i __attribute__((vector_size(16)));
    typedef long long jx_v2i_u __attribute__((vector_size(16), aligned(1)));
    JX_INLINE void jx_stream_copy(void *dst, const void *src, int64_t n) {
      char *d = (char *)dst;
      const char *s = (const char *)src;
      int64_t i = (int64_t)((16 - ((size_t)d & 15)) & 15);
      if (i > n) i = n;
      memcpy(d, s, (size_t)i);
      for (; i + 16 <= n; i += 16) __builtin_nontemporal_store(*(const jx_v2i_u *)(s + i), (jx_v2i *)(d + i));
      memcpy(d + i, s + i, (size_t)(n - i));
    }
    JX_INLINE void jx_stream_fence(void) {
    #if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_sfence();
    #else
      __atomic_thread_fence(__ATOMIC_SEQ_CST);
    #endif
    }

    """

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
\#(libmDeclarations)
JX_LIBM2(fmod) JX_LIBM2(pow) JX_LIBM2(atan2) JX_LIBM2(nextafter) JX_LIBM2(hypot)
float fmaf(float, float, float); double fma(double, double, double);

typedef _Float16 jx_f16;
\#(runtimeStruct)
/* Set on entry of jx_main; task functions (thread-pool chunks) use it too.
   The host has a single table, so concurrent calls store the same value. */
static const jx_runtime *jx_rt;

#define JX_INLINE static inline __attribute__((always_inline))

JX_INLINE float jx_f32_bits(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
JX_INLINE double jx_f64_bits(uint64_t b) { double f; memcpy(&f, &b, 8); return f; }

\#(scalarText)
JX_INLINE int64_t jx_clampi(int64_t x, int64_t lo, int64_t hi) { return x < lo ? lo : (x > hi ? hi : x); }

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
