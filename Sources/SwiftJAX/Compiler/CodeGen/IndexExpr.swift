// Integer index arithmetic for generated loops, folded when operands are
// known: small arrays are computed with constant indices so the C
// compiler keeps them in registers.

/// An integer C expression, or a known constant.
enum IE: Equatable {
  case c(Int)
  case e(String)

  var s: String {
    switch self {
    case .c(let v): v < 0 ? "(\(v))" : "\(v)"
    case .e(let x): x
    }
  }

  static func + (a: IE, b: IE) -> IE {
    switch (a, b) {
    case (.c(let x), .c(let y)): .c(x + y)
    case (.c(0), _): b
    case (_, .c(0)): a
    default: .e("(\(a.s) + \(b.s))")
    }
  }

  static func - (a: IE, b: IE) -> IE {
    switch (a, b) {
    case (.c(let x), .c(let y)): .c(x - y)
    case (_, .c(0)): a
    default: .e("(\(a.s) - \(b.s))")
    }
  }

  static func * (a: IE, k: Int) -> IE {
    switch a {
    case .c(let x): .c(x * k)
    case _ where k == 1: a
    case _ where k == 0: .c(0)
    default: .e("(\(a.s) * \(k))")
    }
  }

  /// Floor division for non-negative operands (index arithmetic).
  static func / (a: IE, k: Int) -> IE {
    switch a {
    case .c(let x): .c(x / k)
    case _ where k == 1: a
    default: .e("(\(a.s) / \(k))")
    }
  }

  static func % (a: IE, k: Int) -> IE {
    switch a {
    case .c(let x): .c(x % k)
    case _ where k == 1: .c(0)
    default: .e("(\(a.s) % \(k))")
    }
  }

  func clamped(_ lo: Int, _ hi: Int) -> IE {
    if case .c(let x) = self { return .c(Swift.min(Swift.max(x, lo), hi)) }
    return .e("jx_clampi(\(s), \(lo), \(hi))")
  }
}

/// A boolean C condition, or a known truth value.
enum Cond {
  case known(Bool)
  case e(String)

  static func && (a: Cond, b: Cond) -> Cond {
    switch (a, b) {
    case (.known(false), _), (_, .known(false)): .known(false)
    case (.known(true), _): b
    case (_, .known(true)): a
    case (.e(let x), .e(let y)): .e("(\(x) && \(y))")
    }
  }

  static func lt(_ a: IE, _ b: Int) -> Cond {
    if case .c(let x) = a { return .known(x < b) }
    return .e("(\(a.s) < \(b))")
  }

  static func ge(_ a: IE, _ b: Int) -> Cond {
    if case .c(let x) = a { return .known(x >= b) }
    return .e("(\(a.s) >= \(b))")
  }

  static func divisible(_ a: IE, _ k: Int) -> Cond {
    if k == 1 { return .known(true) }
    if case .c(let x) = a { return .known(x % k == 0) }
    return .e("(\(a.s) % \(k) == 0)")
  }
}

/// The position of one element of an array of `shape`: a flat row-major
/// offset, a multi-index, or both. Each form is derived from the other on
/// demand.
struct Index {
  let shape: [Int]
  private var flatForm: IE?
  private var multiForm: [IE]?

  init(shape: [Int], flat: IE) {
    self.shape = shape
    flatForm = flat
  }

  init(shape: [Int], multi: [IE]) {
    self.shape = shape
    multiForm = multi
  }

  static let scalar = Index(shape: [], flat: .c(0))

  var flat: IE {
    if let f = flatForm { return f }
    var acc = IE.c(0)
    for (d, i) in zip(shape, multiForm!) { acc = acc * d + i }
    return acc
  }

  var multi: [IE] {
    if let m = multiForm { return m }
    let strides = rowMajorStrides(shape)
    return zip(shape, strides).map { n, st in n == 1 ? .c(0) : (flatForm! / st) % n }
  }

  /// Memoisation key: equal keys denote the same element.
  var key: String {
    if let f = flatForm { return f.s }
    return flat.s
  }
}

extension Array where Element == Int {
  /// Product of the elements (the element count of a shape).
  var elementCount: Int {
    var n = 1
    for x in self { n *= x }
    return n
  }
}
