// Tensors cross threads and Swift tasks freely. A tensor is an immutable
// value: its `TensorValue` never changes after construction (a concrete
// array's buffer is written once, before the tensor escapes, and then only
// read), so sharing one between threads needs no synchronisation. The
// conformance is unchecked because the buffer is a raw pointer, which the
// compiler cannot prove immutable. Tracers belong to the transformation
// that made them and should not leave it (on any thread).
extension Tensor: @unchecked Sendable {}
