// The C text of jx_scalar_text.h, byte for byte, for the jit compiler's
// prelude: the kernels compile that file, generated code pastes this
// string, so both run the same scalar semantics.
#include "jx_internal.h"

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
static const char jx_scalar_text[] = {
#embed "jx_scalar_text.h"
    , 0};
#pragma clang diagnostic pop

const char *jx_scalar_source(void) { return jx_scalar_text; }
