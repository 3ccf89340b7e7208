import Foundation

/// What a ``Tensor`` holds: a concrete array, a tracer of some
/// transformation, or the invalid value left by a captured error.
/// Subclasses: ``ConcreteArray``, ``Tracer``, ``InvalidValue``.
public class TensorValue {
  public let aval: ShapedArray
  init(aval: ShapedArray) { self.aval = aval }
}

/// A concrete, immutable, row-major array in 64-byte aligned memory.
public final class ConcreteArray: TensorValue {
  public let data: UnsafeMutableRawPointer

  /// Allocates uninitialised memory for `aval`. Callers fill it before the
  /// array escapes; after that it is never written (tensors are values).
  init(uninitialized aval: ShapedArray) {
    let bytes = aval.byteCount
    var p: UnsafeMutableRawPointer? = nil
    if bytes <= 512 {
      // Small arrays dominate eager dispatch cost; malloc is several times
      // cheaper than posix_memalign and its 16-byte alignment is enough
      // for kernels that never assume more.
      p = malloc(max(bytes, 16))
    } else {
      posix_memalign(&p, 64, bytes)
    }
    guard let p else { fatalError("SwiftJAX: out of memory allocating \(aval)") }
    data = p
    super.init(aval: aval)
  }

  deinit { free(data) }

  public var count: Int { aval.count }

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
public class Tracer: TensorValue {
  /// The interpreter this tracer belongs to.
  public let trace: Trace

  public init(trace: Trace, aval: ShapedArray) {
    self.trace = trace
    super.init(aval: aval)
  }

  /// The concrete value behind this tracer, if it has one (a JVP tracer of a
  /// concrete primal does); nil for abstract tracers.
  public var concreteValue: ConcreteArray? { nil }

  /// A short name for messages: "JVPTracer", "BatchTracer"...
  public var kindName: String { "Tracer" }
}
