// Short spellings of the NumPy operations the linear-algebra code composes,
// each forwarding the caller's file:line so errors point at user code.
// (The formulas in the decompositions read better as `o.mm(p, o.sub(i, a))`
// than with a `file:line:` pair on every call.)

struct LinalgOps {
  let file: StaticString
  let line: UInt

  init(_ file: StaticString, _ line: UInt) {
    self.file = file
    self.line = line
  }

  func mm(_ a: Tensor, _ b: Tensor) -> Tensor { Numpy.matmul(a, b, file: file, line: line) }
  func add(_ a: Tensor, _ b: Tensor) -> Tensor { Numpy.add(a, b, file: file, line: line) }
  func sub(_ a: Tensor, _ b: Tensor) -> Tensor { Numpy.subtract(a, b, file: file, line: line) }
  func mul(_ a: Tensor, _ b: Tensor) -> Tensor { Numpy.multiply(a, b, file: file, line: line) }
  func div(_ a: Tensor, _ b: Tensor) -> Tensor { Numpy.divide(a, b, file: file, line: line) }
  func neg(_ a: Tensor) -> Tensor { Numpy.negative(a, file: file, line: line) }
  func log(_ a: Tensor) -> Tensor { Numpy.log(a, file: file, line: line) }
  func abs(_ a: Tensor) -> Tensor { Numpy.abs(a, file: file, line: line) }
  func `where`(_ c: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor { Numpy.where(c, a, b, file: file, line: line) }
  /// Swaps the last two axes.
  func t(_ a: Tensor) -> Tensor { Numpy.swapaxes(a, -1, -2, file: file, line: line) }
  /// A scalar of `dtype` (not weak, so it never changes the result type).
  func c(_ v: Double, _ dtype: DType) -> Tensor { Numpy.scalar(v, dtype) }
  /// The identity broadcast to `[..., n, n]` for a batch shape.
  func eye(_ n: Int, _ dtype: DType, batch: [Int] = []) -> Tensor {
    Numpy.broadcastTo(Numpy.eye(n, dtype: dtype, file: file, line: line), batch + [n, n], file: file, line: line)
  }
  /// The main diagonal of the last two axes.
  func diag(_ a: Tensor) -> Tensor { Numpy.diagonal(a, axis1: -2, axis2: -1, file: file, line: line) }
  /// `v[..., None, :] * a`: scales column j of `a` by `v[..., j]`.
  func scaleCols(_ a: Tensor, _ v: Tensor) -> Tensor { mul(a, Lax.expandDims(v, dimensions: [v.rank - 1], file: file, line: line)) }
  /// Element `i` of the last axis, the axis kept (`[..., 1]`).
  func last(_ a: Tensor, _ i: Int) -> Tensor { Lax.sliceInDim(a, start: i, limit: i + 1, axis: a.rank - 1, file: file, line: line) }
  func sum(_ a: Tensor, _ axes: [Int], keepDims: Bool = false) -> Tensor { Numpy.sum(a, axis: axes, keepDims: keepDims, file: file, line: line) }
}
