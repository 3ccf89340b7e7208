#ifndef TEST_CACHE_ISOLATION_H
#define TEST_CACHE_ISOLATION_H
/// The compilation cache directory the tests use (SWIFTJAX_CACHE_DIR as set
/// by this target's constructor, or by the environment).
const char *swiftjax_test_cache_directory(void);
#endif
