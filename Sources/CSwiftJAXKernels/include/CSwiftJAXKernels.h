#ifndef CSWIFTJAXKERNELS_H
#define CSWIFTJAXKERNELS_H
#include <stdint.h>
#include <stddef.h>

/// Element types; values match Swift's `DType` raw values.
typedef enum {
  JX_BOOL = 0, JX_I8, JX_I16, JX_I32, JX_I64,
  JX_U8, JX_U16, JX_U32, JX_U64,
  JX_F16, JX_F32, JX_F64
} jx_dtype;

#endif
#include "jx_gemm.h"
