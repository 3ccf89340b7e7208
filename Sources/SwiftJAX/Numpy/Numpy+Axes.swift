// Axis arguments: NumPy accepts an int, a tuple of ints or None, with
// negative axes counting from the end. Swift spells these `axis: 0`,
// `axis: [0, -1]` and omitting the argument.

/// Something that names one or more axes: an `Int` or an `[Int]`.
///
/// ```swift
/// jnp.sum(x, axis: 0)        // one axis
/// jnp.sum(x, axis: [0, -1])  // several
/// jnp.sum(x)                 // all (axis omitted, NumPy's None)
/// ```
public protocol AxesConvertible {
  /// The axes, possibly negative.
  var axesList: [Int] { get }
}

extension Int: AxesConvertible {
  public var axesList: [Int] { [self] }
}

extension Array: AxesConvertible where Element == Int {
  public var axesList: [Int] { self }
}

extension Numpy {
  /// Reports `error` (recorded inside `JAXError.capture`, fatal otherwise)
  /// and returns the invalid tensor that stands for the failed result.
  static func fail(
    _ kind: JAXError.Kind, _ op: String, _ message: String, file: StaticString, line: UInt
  ) -> Tensor {
    JAXError.raise(JAXError(kind, op, message, site: CallSite(file: file, line: line)))
    return .invalid
  }

  /// Like ``fail(_:_:_:file:line:)`` for call sites that return something
  /// other than a tensor.
  static func report(_ kind: JAXError.Kind, _ op: String, _ message: String, file: StaticString, line: UInt) {
    JAXError.raise(JAXError(kind, op, message, site: CallSite(file: file, line: line)))
  }

  /// Resolves one possibly-negative axis against `rank`, or reports an
  /// axis error naming `op` and returns nil.
  static func normalizeAxis(_ axis: Int, rank: Int, _ op: String, file: StaticString, line: UInt) -> Int? {
    let a = axis < 0 ? axis + rank : axis
    if a < 0 || a >= rank {
      report(.axis, op, "axis \(axis) is out of bounds for array of dimension \(rank)", file: file, line: line)
      return nil
    }
    return a
  }

  /// Resolves an axis argument (nil = all axes) to sorted, distinct,
  /// non-negative axes, or reports an error and returns nil.
  static func normalizeAxes(
    _ axis: (any AxesConvertible)?, rank: Int, _ op: String, file: StaticString, line: UInt
  ) -> [Int]? {
    guard let axis else { return Array(0..<rank) }
    var out: [Int] = []
    for a in axis.axesList {
      guard let n = normalizeAxis(a, rank: rank, op, file: file, line: line) else { return nil }
      if out.contains(n) {
        report(.axis, op, "repeated axis \(a) in \(axis.axesList)", file: file, line: line)
        return nil
      }
      out.append(n)
    }
    return out.sorted()
  }

  /// True if any operand is the invalid result of an earlier captured
  /// error; callers then return `.invalid` without further checks (so a
  /// first error is not followed by confusing secondary ones).
  static func anyInvalid(_ xs: Tensor...) -> Bool { xs.contains { $0.isInvalid } }

  /// A scalar literal of `dtype` (weak if asked), for use inside
  /// expressions: concrete, so it stays a literal under `jit`.
  static func scalar(_ v: Double, _ dtype: DType, weak: Bool = false) -> Tensor {
    let out = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: dtype, weakType: weak))
    if dtype.isComplex {
      out.setElement(0, .complex(v, 0))
    } else if dtype.isFloatingPoint {
      out.setElement(0, .float(v))
    } else if dtype.isBool {
      out.setElement(0, .bool(v != 0))
    } else {
      out.setElement(0, .int(Int64(v)))
    }
    return Tensor(value: out)
  }

  /// A scalar of `dtype` holding a raw element value (used for extreme
  /// integer values that do not round-trip through `Double`).
  static func scalar(_ v: ScalarValue, _ dtype: DType) -> Tensor {
    let out = ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: dtype))
    out.setElement(0, v)
    return Tensor(value: out)
  }
}
