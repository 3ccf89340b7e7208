// JX_CLONES: the attribute that builds a kernel function twice, for
// baseline x86-64 (no FMA) and for x86-64-v3 (FMA, AVX2), picked at load
// time, so fmaf/floorf are instructions and loops run 8 floats wide where
// the CPU has them. Same operations, so the same bits either way.
// Empty under a sanitizer: target_clones dispatches through an IFUNC whose
// resolver runs while the program is being relocated, before the
// ThreadSanitizer runtime is initialised, and the instrumented resolver
// crashes it (the TSan test binary segfaulted at start-up). The default
// clone alone gives the same bits, only slower.
#ifndef JX_CLONES_H
#define JX_CLONES_H
#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define JX_NO_TARGET_CLONES 1
#endif
#endif
#if defined(__x86_64__) && defined(__clang__) && !defined(JX_NO_TARGET_CLONES)
#define JX_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define JX_CLONES
#endif
#endif
