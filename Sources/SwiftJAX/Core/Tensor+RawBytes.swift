import Foundation

// Raw-byte access to concrete tensors, for serialisation (checkpoints in
// the SwiftJAXOptim product): the memory layout is row-major, native
// (little-endian on every supported platform), bool as one byte.

extension Tensor {
  /// A tensor of `dtype` and `shape` copied from row-major raw bytes, or
  /// nil if the byte count is not `count × dtype.byteSize` (or a
  /// dimension is negative).
  ///
  /// ```swift
  /// let t = bytes.withUnsafeBytes { Tensor(rawBytes: $0, shape: [2, 2], dtype: .float32) }
  /// ```
  public init?(rawBytes: UnsafeRawBufferPointer, shape: [Int], dtype: DType) {
    let aval = ShapedArray(shape: shape, dtype: dtype)
    guard !shape.contains(where: { $0 < 0 }), rawBytes.count == aval.byteCount else { return nil }
    let out = ConcreteArray(uninitialized: aval)
    if let base = rawBytes.baseAddress, rawBytes.count > 0 { out.data.copyMemory(from: base, byteCount: rawBytes.count) }
    self.init(value: out)
  }

  /// Calls `body` with this tensor's row-major raw bytes; nil when the
  /// tensor holds no data (a tracer under `jit`, or an invalid value).
  ///
  /// ```swift
  /// jnp.array([1, 2, 3]).withRawBytes { $0.count }!  // 12
  /// ```
  public func withRawBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
    guard let c = concrete else { return nil }
    return try body(UnsafeRawBufferPointer(start: c.data, count: c.aval.byteCount))
  }
}
