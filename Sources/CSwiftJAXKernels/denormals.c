// Subnormal flushing, as XLA's CPU runtime does it: XLA runs every
// computation inside tsl::port::ScopedFlushDenormal, which sets x86's FTZ
// (subnormal results become zero of the same sign) and DAZ (subnormal
// operands read as zero) bits, or AArch64's FPCR.FZ. With
// JAXConfig.flushDenormals on (the default), SwiftJAX sets the same bits around every
// eager primitive and every jit call, and thread-pool chunks take their
// caller's bits; the caller's own mode is restored on return. Off, SwiftJAX
// leaves the mode alone.
#include "CSwiftJAXKernels.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <strings.h>
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define JX_FLUSH_BITS 0x8040u  // FTZ (bit 15) | DAZ (bit 6) of MXCSR
static inline uint32_t jx_fp_get(void) { return _mm_getcsr(); }
static inline void jx_fp_set(uint32_t m) { _mm_setcsr(m); }
#elif defined(__aarch64__)
#define JX_FLUSH_BITS (1u << 24)  // FPCR.FZ (flushes both operands and results)
static inline uint32_t jx_fp_get(void) {
  uint64_t r;
  __asm__ volatile("mrs %0, fpcr" : "=r"(r));
  return (uint32_t)r;
}
static inline void jx_fp_set(uint32_t m) { __asm__ volatile("msr fpcr, %0" : : "r"((uint64_t)m)); }
#else
#define JX_FLUSH_BITS 0u  // no flushing mode known here: IEEE subnormals
static inline uint32_t jx_fp_get(void) { return 0; }
static inline void jx_fp_set(uint32_t m) { (void)m; }
#endif

// JAXConfig.flushDenormals: -1 until first read, when
// $SWIFTJAX_FLUSH_DENORMALS decides (on, as XLA:CPU, unless 0/false/no/off).
// Relaxed atomics: a plain switch read on every op, ordered with nothing
// else.
static _Atomic int jx_flush_enabled = -1;

void jx_set_flush_denormals(int enabled) { atomic_store_explicit(&jx_flush_enabled, enabled != 0, memory_order_relaxed); }

static int jx_flush_from_environment(void) {
  const char *v = getenv("SWIFTJAX_FLUSH_DENORMALS");
  if (!v) return 1;
  static const char *const off[] = {"0", "false", "no", "off"};
  for (size_t i = 0; i < sizeof off / sizeof off[0]; i++)
    if (strcasecmp(v, off[i]) == 0) return 0;
  return 1;
}

// JAXConfig.withFlushDenormals: this thread's override, -1 for none.
static _Thread_local int jx_flush_override = -1;

int jx_swap_flush_denormals_override(int value) {
  int old = jx_flush_override;
  jx_flush_override = value;
  return old;
}

int jx_flush_denormals_enabled(void) {
  if (jx_flush_override >= 0) return jx_flush_override;
  int e = atomic_load_explicit(&jx_flush_enabled, memory_order_relaxed);
  if (e >= 0) return e;
  // Racing first readers compute the same value; the first store wins.
  int expected = -1;
  atomic_compare_exchange_strong(&jx_flush_enabled, &expected, jx_flush_from_environment());
  return atomic_load_explicit(&jx_flush_enabled, memory_order_relaxed);
}

// enter()'s token: the saved control word with JX_RESTORE set when enter()
// changed it, or JX_UNTOUCHED. Bits 16-31 of MXCSR are reserved (zero),
// and FPCR's bit 31 is RES0, so the marker cannot be a saved bit. Reading
// the register costs ~8 ns here (stmxcsr), so off and nested scopes read it
// at most once and write nothing.
#define JX_UNTOUCHED 0xFFFFFFFFu
#define JX_RESTORE 0x80000000u

uint32_t jx_flush_denormals_enter(void) {
  // Off: SwiftJAX leaves the floating-point mode as the caller has it.
  if (!jx_flush_denormals_enabled() || JX_FLUSH_BITS == 0) return JX_UNTOUCHED;
  uint32_t saved = jx_fp_get();
  if ((saved & JX_FLUSH_BITS) == JX_FLUSH_BITS) return JX_UNTOUCHED;  // nested, or the caller's own mode
  jx_fp_set(saved | JX_FLUSH_BITS);
  return saved | JX_RESTORE;
}

// Float16 operations run with IEEE subnormals: their float32 arithmetic
// never produces a float32 subnormal (float16's smallest magnitude is
// 2^-24, products of two are 2^-48), so the only thing flushing could
// change is the conversions, which XLA does with F16C instructions or
// Eigen's bit arithmetic that ignore FTZ/DAZ, while the C library's
// (Swift's runtime __truncsfhf2, used by the eager kernels) compute
// through float arithmetic that FTZ/DAZ would zero.
uint32_t jx_flush_denormals_enter_ieee(void) {
  if (JX_FLUSH_BITS == 0) return JX_UNTOUCHED;
  uint32_t saved = jx_fp_get();
  if ((saved & JX_FLUSH_BITS) == 0) return JX_UNTOUCHED;
  jx_fp_set(saved & ~JX_FLUSH_BITS);
  return saved | JX_RESTORE;
}

void jx_flush_denormals_exit(uint32_t token) {
  if (token != JX_UNTOUCHED) jx_fp_set(token & ~JX_RESTORE);
}

uint32_t jx_denormal_mode(void) { return jx_fp_get() & JX_FLUSH_BITS; }

void jx_set_denormal_mode(uint32_t mode) {
  uint32_t cur = jx_fp_get();
  uint32_t want = (cur & ~JX_FLUSH_BITS) | (mode & JX_FLUSH_BITS);
  if (want != cur) jx_fp_set(want);
}

// The thread pool's spin (ThreadPool.swift): loops of a compiled function
// come back to back, and a worker that went to sleep between them costs a
// futex wake (on a VM, an interrupt to a halted virtual CPU) of tens of
// microseconds per loop; a worker that polls a counter for a little while
// first picks the next loop up at once.
int64_t jx_atomic_load_i64(const int64_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }

void jx_atomic_store_i64(int64_t *p, int64_t value) { __atomic_store_n(p, value, __ATOMIC_RELEASE); }

int64_t jx_atomic_add_i64(int64_t *p, int64_t delta) {
  return __atomic_add_fetch(p, delta, __ATOMIC_ACQ_REL);
}

// The generation in the word is what keeps a worker that read one loop's
// body from claiming a chunk of the next loop, posted after the caller
// finished the first without it.
int64_t jx_claim_chunk(int64_t *word, int64_t generation, int64_t parts) {
  int64_t w = __atomic_load_n(word, __ATOMIC_ACQUIRE);
  for (;;) {
    const int64_t next = w & 0xffffffff;
    if ((w >> 32) != generation || next >= parts) return -1;
    if (__atomic_compare_exchange_n(word, &w, w + 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return next;
  }
}

int jx_spin_while(const int64_t *p, int64_t value, int equal, int64_t spins) {
  for (int64_t k = 0; k < spins; k++) {
    if ((__atomic_load_n(p, __ATOMIC_ACQUIRE) == value) != (equal != 0)) return 1;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
  }
  return 0;
}
