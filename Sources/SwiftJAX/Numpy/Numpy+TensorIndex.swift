// The index type behind `x[...]` and `x.at[...]`: Swift ints and ranges,
// strides, an ellipsis, a new-axis marker and tensors (integer arrays for
// gathers, bool masks, traced scalar indices).

/// One item of a tensor subscript (NumPy's `int | slice | ... | None |
/// array`). You rarely name it: Swift ints, ranges and tensors convert
/// implicitly, and the markers read as `.ellipsis` and `.newAxis`.
///
/// ```swift
/// x[1]                    // int: removes the axis
/// x[1...], x[..<3], x[2..<5], x[(-2)...]
/// x[.stride(by: -1)]      // x[::-1]
/// x[.slice(1, nil, 2)]    // x[1::2]
/// x[.slice(2, 1)]         // x[2:1] (empty; Swift's `2..<1` traps before SwiftJAX sees it)
/// x[.all, 2]              // x[:, 2]
/// x[.step(2)]             // x[::2]
/// x[0, ..., 2]            // Swift's `...` is the ellipsis
/// x[.newAxis, 0]          // None
/// x[jnp.array([0, 2])]    // gather
/// x[x > 0]                // boolean mask (concrete masks only)
/// ```
public struct TensorIndex {
  enum Kind {
    case int(Int)
    case slice(start: Int?, stop: Int?, step: Int?)
    case ellipsis
    case newAxis
    case tensor(Tensor)
  }
  let kind: Kind
}

/// Values usable as tensor subscripts: `Int`, Swift ranges, `StrideTo`,
/// `Tensor` and ``TensorIndex``.
///
/// ```swift
/// let row: any TensorIndexExpression = 2
/// jnp.arange(12).reshape(3, 4)[row]  // [ 8  9 10 11]
/// ```
public protocol TensorIndexExpression {
  var tensorIndex: TensorIndex { get }
}

extension TensorIndex: TensorIndexExpression {
  public var tensorIndex: TensorIndex { self }
}

extension Int: TensorIndexExpression {
  public var tensorIndex: TensorIndex { TensorIndex(kind: .int(self)) }
}

extension Tensor: TensorIndexExpression {
  public var tensorIndex: TensorIndex { TensorIndex(kind: .tensor(self)) }
}

extension Range<Int>: TensorIndexExpression {
  public var tensorIndex: TensorIndex { TensorIndex(kind: .slice(start: lowerBound, stop: upperBound, step: nil)) }
}

extension ClosedRange<Int>: TensorIndexExpression {
  /// `a...b` includes `b`; `a...(-1)` runs to the end.
  public var tensorIndex: TensorIndex {
    TensorIndex(kind: .slice(start: lowerBound, stop: upperBound == -1 ? nil : upperBound + 1, step: nil))
  }
}

extension PartialRangeFrom<Int>: TensorIndexExpression {
  public var tensorIndex: TensorIndex { TensorIndex(kind: .slice(start: lowerBound, stop: nil, step: nil)) }
}

extension PartialRangeUpTo<Int>: TensorIndexExpression {
  public var tensorIndex: TensorIndex { TensorIndex(kind: .slice(start: nil, stop: upperBound, step: nil)) }
}

extension PartialRangeThrough<Int>: TensorIndexExpression {
  public var tensorIndex: TensorIndex { TensorIndex(kind: .slice(start: nil, stop: upperBound == -1 ? nil : upperBound + 1, step: nil)) }
}

extension StrideTo<Int>: TensorIndexExpression {
  /// `stride(from: 0, to: 6, by: 2)` is the slice `0:6:2`.
  public var tensorIndex: TensorIndex {
    // StrideTo does not expose its bounds; recover them from its elements.
    let xs = Array(self)
    guard let first = xs.first else { return TensorIndex(kind: .slice(start: 0, stop: 0, step: 1)) }
    let step = xs.count > 1 ? xs[1] - xs[0] : 1
    let stop = xs.last! + step
    return TensorIndex(kind: .slice(start: first, stop: stop < 0 && step < 0 ? nil : stop, step: step))
  }
}

extension TensorIndexExpression where Self == TensorIndex {
  /// NumPy's `...`: as many full slices as needed. Swift's own `...`
  /// works too in the first two positions (`x[..., 0]`, `x[0, ..., 1]`).
  public static var ellipsis: TensorIndex { TensorIndex(kind: .ellipsis) }
  /// NumPy's `None` / `np.newaxis`: inserts an axis of size 1.
  public static var newAxis: TensorIndex { TensorIndex(kind: .newAxis) }
  /// A Python slice `start:stop:step` (nil = default).
  ///
  /// ```swift
  /// jnp.arange(6)[.slice(1, nil, 2)]  // [1 3 5]
  /// ```
  public static func slice(_ start: Int?, _ stop: Int?, _ step: Int? = nil) -> TensorIndex {
    TensorIndex(kind: .slice(start: start, stop: stop, step: step))
  }
  /// The slice `::step` (e.g. `.stride(by: -1)` reverses).
  public static func stride(by step: Int) -> TensorIndex { TensorIndex(kind: .slice(start: nil, stop: nil, step: step)) }
  /// NumPy's bare `:` (every element of the axis): `x[.all, 2]` is `x[:, 2]`.
  public static var all: TensorIndex { TensorIndex(kind: .slice(start: nil, stop: nil, step: nil)) }
  /// NumPy's `::step`: `x[.step(2)]` is `x[::2]`, `x[.step(-1)]` is `x[::-1]`.
  public static func step(_ step: Int) -> TensorIndex { TensorIndex(kind: .slice(start: nil, stop: nil, step: step)) }
}

/// The type of Swift's bare `...` (`UnboundedRange`), accepted as the
/// ellipsis in subscripts.
public typealias UnboundedRangeMarker = (UnboundedRange_) -> ()

extension Tensor {
  /// NumPy indexing: ints, ranges, strides, `...`, `.newAxis`, integer
  /// tensors (gather, out-of-range entries clamp) and concrete bool masks.
  /// Static ints out of range are an error; traced scalar indices clamp.
  ///
  /// ```swift
  /// let x = jnp.arange(12).reshape(3, 4)
  /// x[1]          // row 1
  /// x[1..., ..<2] // rows 1..., first two columns
  /// x[..., -1]    // last column
  /// ```
  public subscript(_ items: any TensorIndexExpression...) -> Tensor {
    // `x[i]`, the most common index, has an eager fast path (a copy of the
    // row; Numpy+EagerFastPaths.swift). It is not a separate `Int`
    // subscript: that would make `xs.map { x[$0] }` ambiguous.
    if items.count == 1, case .int(let i) = items[0].tensorIndex.kind, let r = EagerFastPath.index(self, i) { return r }
    return Numpy.getItem(self, items.map(\.tensorIndex.kind), file: #fileID, line: #line)
  }

  /// `x[..., i, ...]` with Swift's `...` first.
  ///
  /// ```swift
  /// jnp.arange(12).reshape(3, 4)[..., 1]  // [1 5 9]
  /// ```
  public subscript(_ e: UnboundedRangeMarker, _ items: any TensorIndexExpression...) -> Tensor {
    Numpy.getItem(self, [.ellipsis] + items.map(\.tensorIndex.kind), file: #fileID, line: #line)
  }

  /// `x[i, ..., j]` with Swift's `...` second.
  ///
  /// ```swift
  /// jnp.arange(24).reshape(2, 3, 4)[1, ..., 0]  // [12 16 20]
  /// ```
  public subscript(_ a: any TensorIndexExpression, _ e: UnboundedRangeMarker, _ items: any TensorIndexExpression...) -> Tensor {
    Numpy.getItem(self, [a.tensorIndex.kind, .ellipsis] + items.map(\.tensorIndex.kind), file: #fileID, line: #line)
  }

  /// Indexing as a method, with the caller's location for errors.
  ///
  /// ```swift
  /// x.get(0, .ellipsis)   // same as x[0, ...]
  /// ```
  public func get(_ items: any TensorIndexExpression..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.getItem(self, items.map(\.tensorIndex.kind), file: file, line: line)
  }
}
