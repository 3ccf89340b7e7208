#include "CSwiftJAXKernels.h"
