// Linked into every test target: before any test runs, points SwiftJAX's
// compilation cache at <repository>/.build/test-cache, so `swift test`
// never writes compiled functions into the user's real cache directory
// (~/.cache/swiftjax) and every run starts from the same place. An explicit
// SWIFTJAX_CACHE_DIR (CI, a developer's choice) wins.
#include <stdlib.h>
#include <string.h>
#include "TestCacheIsolation.h"

static char directory[4096];

__attribute__((constructor)) static void swiftjax_isolate_test_cache(void) {
  if (getenv("SWIFTJAX_CACHE_DIR")) return;
  // __FILE__ is <repository>/Tests/TestCacheIsolation/isolate_cache.c.
  const char *file = __FILE__;
  const char *tests = strstr(file, "/Tests/TestCacheIsolation/");
  if (!tests || (size_t)(tests - file) + sizeof("/.build/test-cache") >= sizeof directory) return;
  size_t n = (size_t)(tests - file);
  memcpy(directory, file, n);
  strcpy(directory + n, "/.build/test-cache");
  setenv("SWIFTJAX_CACHE_DIR", directory, 0);
}

const char *swiftjax_test_cache_directory(void) {
  const char *d = getenv("SWIFTJAX_CACHE_DIR");
  return d ? d : "";
}
