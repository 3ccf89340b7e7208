// C texts the jit compiler pastes into every generated file, byte for
// byte: jx_scalar_text.h (the kernels compile that file, so both run the
// same scalar semantics) and jx_runtime.h (the host fills that struct, so
// both agree on its layout).
#include "jx_internal.h"

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
static const char jx_scalar_text[] = {
#embed "jx_scalar_text.h"
    , 0};
#pragma clang diagnostic pop

const char *jx_scalar_source(void) { return jx_scalar_text; }

// The same for the runtime table's declaration (include/jx_runtime.h).
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
static const char jx_runtime_text[] = {
#embed "include/jx_runtime.h"
    , 0};
#pragma clang diagnostic pop

const char *jx_runtime_source(void) { return jx_runtime_text; }
