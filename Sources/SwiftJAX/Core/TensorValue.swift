import Foundation

/// What a ``Tensor`` holds: a concrete array, a tracer of some
/// transformation, or the invalid value left by a captured error.
/// Subclasses: ``ConcreteArray``, ``Tracer``, ``InvalidValue``.
///
/// ```swift
/// jnp.array([1, 2]).value.aval.shape  // [2]
/// ```
public class TensorValue {
  /// The value's shape, dtype and weak-type flag.
  public let aval: ShapedArray
  init(aval: ShapedArray) { self.aval = aval }
}

/// A concrete, immutable, row-major array in 64-byte aligned memory.
///
/// ```swift
/// jnp.array([1.5, 2.5]).concrete!.count  // 2
/// ```
public final class ConcreteArray: TensorValue {
  /// The elements, row-major, `aval.byteCount` bytes, 64-byte aligned.
  public let data: UnsafeMutableRawPointer
  /// `aval.byteCount`, kept because eager fast paths ask on every operation.
  let byteCount: Int

  /// Allocates uninitialised memory for `aval`. Callers fill it before the
  /// array escapes; after that it is never written (tensors are values).
  init(uninitialized aval: ShapedArray) {
    let bytes = aval.byteCount
    // Large buffers come from BufferCache, which reuses freed ones (no
    // page faults on first touch).
    guard let p = BufferCache.allocateStorage(bytes) else {
      fatalError("SwiftJAX: out of memory allocating \(bytes) bytes for \(aval) (operations check sizes with ConcreteArray.allocationError first; this allocation raced with other memory use)")
    }
    data = p
    byteCount = bytes
    super.init(aval: aval)
  }

  /// Results at least this large are test-allocated before a kernel runs,
  /// so that running out of memory is a catchable error, not a crash.
  static let probeBytes: Int = 1 << 28

  /// A `resourceExhausted` error naming `op` if memory for every aval in
  /// `avals` cannot be allocated now (JAX: "RESOURCE_EXHAUSTED: Out of
  /// memory allocating N bytes."), else nil. Large sizes are compared with
  /// the machine's RAM plus swap (Linux may overcommit and kill the process
  /// later) and then test-allocated; small ones cost one comparison.
  static func allocationError(_ avals: [ShapedArray], _ op: String) -> JAXError? {
    for a in avals {
      let bytes: Int = a.byteCount
      if bytes < ConcreteArray.probeBytes { continue }
      var fits = bytes < Int.max && bytes <= physicalMemoryBytes
      var p = fits ? malloc(bytes) : nil
      // Freed buffers kept for reuse must not make a fitting array fail.
      if fits && p == nil {
        BufferCache.shared.empty()
        p = malloc(bytes)
      }
      if let p { free(p) } else { fits = false }
      if !fits {
        return JAXError(.resourceExhausted, op, "RESOURCE_EXHAUSTED: Out of memory allocating \(bytes) bytes (result \(a)).")
      }
    }
    return nil
  }

  /// RAM plus swap: no single allocation larger than this can succeed.
  static let physicalMemoryBytes: Int = {
    let ram = Int(clamping: ProcessInfo.processInfo.physicalMemory)
    // Linux lists swap in /proc/meminfo ("SwapTotal:   2097148 kB").
    guard let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
      let line = info.split(separator: "\n").first(where: { $0.hasPrefix("SwapTotal:") }),
      let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return ram }
    return ram + kb * 1024
  }()

  deinit { BufferCache.deallocateStorage(data, bytes: byteCount) }

  /// The number of elements.
  public var count: Int { aval.count }

  /// The elements as a typed pointer; `T` must be the dtype's Swift type
  /// (`Float` for float32, `Int32` for int32, ...). Read only: arrays are
  /// immutable once they escape.
  ///
  /// ```swift
  /// let c = jnp.array([1.5, 2.5]).concrete!  // the pointer is valid while c lives
  /// withExtendedLifetime(c) { c.pointer(as: Float.self)[1] }  // 2.5
  /// ```
  @inlinable
  public func pointer<T>(as: T.Type) -> UnsafeMutablePointer<T> {
    data.assumingMemoryBound(to: T.self)
  }
}

/// The value of a tensor produced by an operation that failed inside a
/// ``JAXError/capture(file:line:_:)`` scope.
public final class InvalidValue: TensorValue {
  init() { super.init(aval: ShapedArray(shape: [], dtype: .float32)) }
}

/// A value being traced by a transformation (JVP, batching, staging...).
/// Each interpreter defines its own subclass.
///
/// ```swift
/// var traced = false
/// _ = grad { (x: Tensor) -> Tensor in traced = x.value is Tracer; return x * x }(jnp.array(1.0))
/// traced  // true
/// ```
public class Tracer: TensorValue {
  /// The interpreter this tracer belongs to.
  public let trace: Trace

  /// A tracer of `trace` standing for a value of type `aval`.
  ///
  /// - Parameters:
  ///   - trace: The interpreter it belongs to.
  ///   - aval: The shape and dtype it stands for.
  init(trace: Trace, aval: ShapedArray) {
    self.trace = trace
    super.init(aval: aval)
  }

  /// The concrete value behind this tracer, if it has one (a JVP tracer of a
  /// concrete primal does); nil for abstract tracers.
  public var concreteValue: ConcreteArray? { nil }

  /// A short name for messages: "JVPTracer", "BatchTracer"...
  public var kindName: String { "Tracer" }
}
