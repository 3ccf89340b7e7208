import Foundation

// Array creation (`jnp.zeros`, `jnp.arange`, `jnp.eye`, ...). Constant
// fills are a broadcast scalar and structured arrays are built from `iota`,
// so under `jit` they stay small programs rather than large constants.

extension Numpy {
  /// `jnp.array`: a tensor from Swift values (row-major, optional shape).
  ///
  /// ```swift
  /// jnp.array([1, 2, 3])                        // int32[3]
  /// jnp.array([1.0, 2.0], dtype: .float64)      // float32 unless x64
  /// ```
  public static func array<T: TensorScalar>(
    _ values: [T], shape: [Int]? = nil, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    Tensor(values, shape: shape, dtype: dtype, file: file, line: line)
  }

  /// `jnp.array` of a Swift number literal: a 0-d tensor, weakly typed as
  /// JAX makes Python scalars (`jnp.array(2.0)` is
  /// `Array(2., dtype=float32, weak_type=True)`), unless `dtype` is given.
  ///
  /// ```swift
  /// jnp.array(2.0)                    // ~float32[]
  /// jnp.array(2)                      // ~int32[]
  /// jnp.array(2.0, dtype: .float16)   // float16[] (strong)
  /// ```
  public static func array(_ value: Double, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    scalarArray(Tensor(weak: value), dtype: dtype, file: file, line: line)
  }

  /// `jnp.array` of a Swift integer literal (weakly typed); see ``array(_:dtype:file:line:)-(Double,_,_,_)``.
  public static func array(_ value: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    scalarArray(Tensor(weak: value), dtype: dtype, file: file, line: line)
  }

  /// `jnp.array` of a Swift `Complex<Double>`: a weakly typed 0-d
  /// complex64 (complex128 with x64), as JAX makes a Python `complex`.
  ///
  /// ```swift
  /// jnp.array(Complex(1, 2))                      // ~complex64[]
  /// jnp.array(Complex(1, 2), dtype: .complex128)  // complex128 with x64
  /// ```
  public static func array(_ value: Complex<Double>, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    scalarArray(Tensor(weak: value), dtype: dtype, file: file, line: line)
  }

  /// `jnp.array(True)`: a 0-d bool tensor (bool is never weakly typed).
  public static func array(_ value: Bool, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    scalarArray(Tensor(weak: value), dtype: dtype ?? .bool, file: file, line: line)
  }

  /// `jnp.array` of a typed Swift scalar (`Float(2)`, `Int32(7)`): a 0-d
  /// tensor of that type, strongly typed as `jnp.array(np.float32(2))` is.
  public static func array<T: TensorScalar>(_ value: T, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Tensor([value], shape: [], dtype: dtype, file: file, line: line)
  }

  private static func scalarArray(_ t: Tensor, dtype: DType?, file: StaticString, line: UInt) -> Tensor {
    guard let dtype else { return t }
    return convert(t, to: dtype.canonical, weak: false, file: file, line: line)
  }

  /// `jnp.array` of nested Swift arrays (a matrix).
  ///
  /// ```swift
  /// jnp.array([[1, 2], [3, 4]])   // int32[2,2]
  /// ```
  public static func array<T: TensorScalar>(
    _ rows: [[T]], dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let n = rows.first?.count ?? 0
    if rows.contains(where: { $0.count != n }) {
      return fail(.shape, "array", "rows have different lengths \(rows.map(\.count)); a tensor must be rectangular", file: file, line: line)
    }
    return Tensor(rows.flatMap { $0 }, shape: [rows.count, n], dtype: dtype, file: file, line: line)
  }

  /// `jnp.array([a, b, c])` of tensors: stacks them along a new leading
  /// axis after promoting to a common dtype (as in the Lorenz example).
  ///
  /// ```swift
  /// jnp.array([x[0], x[1] * 2, x[2]])   // f32[3] from three f32[] scalars
  /// ```
  public static func array(_ tensors: [Tensor], dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if dtype == nil, let r = EagerFastPath.stack(tensors) { return r }
    let s = stack(tensors, axis: 0, file: file, line: line)
    guard let dtype else { return convert(s, to: s.dtype, weak: false, file: file, line: line) }
    return convert(s, to: dtype.canonical, weak: false, file: file, line: line)
  }

  /// `jnp.asarray`: `x` itself, converted to `dtype` if given.
  ///
  /// ```swift
  /// jnp.asarray(x, dtype: .float32)
  /// ```
  public static func asarray(_ x: Tensor, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    guard let dtype else { return x }
    return convert(x, to: dtype.canonical, weak: false, file: file, line: line)
  }

  /// `jnp.asarray` of Swift values.
  ///
  /// ```swift
  /// jnp.asarray([1.5, 2.5])   // float32[2]
  /// ```
  public static func asarray<T: TensorScalar>(_ values: [T], dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Tensor(values, dtype: dtype, file: file, line: line)
  }

  /// `jnp.full`: `shape` filled with `fillValue` (a scalar or anything
  /// broadcastable to `shape`). With no `dtype`, a Swift literal gives the
  /// default int/float type (weakly typed, as in JAX).
  ///
  /// ```swift
  /// jnp.full([2, 3], 7)              // int32[2,3]
  /// jnp.full([2], 0.5, dtype: .float64)
  /// ```
  public static func full(
    _ shape: [Int], _ fillValue: Tensor, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if let e = validateShape(shape, "full") { return fail(e.kind, "full", e.message, file: file, line: line) }
    let v = dtype.map { convert(fillValue, to: $0.canonical, weak: false, file: file, line: line) } ?? fillValue
    return broadcastTo(v, shape, file: file, line: line)
  }

  /// `jnp.zeros` (default dtype float32, float64 with x64).
  ///
  /// ```swift
  /// jnp.zeros([2, 3])                  // f32[2,3]
  /// jnp.zeros([4], dtype: .int32)
  /// ```
  public static func zeros(_ shape: [Int], dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    full(shape, scalar(0, (dtype ?? .defaultFloat).canonical), file: file, line: line)
  }

  /// `jnp.ones` (default dtype float32).
  ///
  /// ```swift
  /// jnp.ones([3])   // [1., 1., 1.]
  /// ```
  public static func ones(_ shape: [Int], dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    full(shape, scalar(1, (dtype ?? .defaultFloat).canonical), file: file, line: line)
  }

  /// `jnp.empty`: JAX arrays are immutable, so this is `zeros`.
  ///
  /// ```swift
  /// jnp.empty([2, 2])
  /// ```
  public static func empty(_ shape: [Int], dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    zeros(shape, dtype: dtype, file: file, line: line)
  }

  /// `jnp.zeros_like`: zeros with `x`'s shape and dtype (or `dtype`).
  ///
  /// ```swift
  /// jnp.zerosLike(x)
  /// ```
  public static func zerosLike(_ x: Tensor, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    fullLike(x, 0, dtype: dtype, file: file, line: line)
  }

  /// `jnp.ones_like`.
  ///
  /// ```swift
  /// jnp.onesLike(x)
  /// ```
  public static func onesLike(_ x: Tensor, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    fullLike(x, 1, dtype: dtype, file: file, line: line)
  }

  /// `jnp.full_like`: `x`'s shape filled with `fillValue`, in `x`'s dtype
  /// (weak type included) unless `dtype` is given.
  ///
  /// ```swift
  /// jnp.fullLike(x, 3.5)
  /// ```
  public static func fullLike(
    _ x: Tensor, _ fillValue: Tensor, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    let d = (dtype ?? x.dtype).canonical
    let v = convert(fillValue, to: d, weak: dtype == nil && x.weakType, file: file, line: line)
    return broadcastTo(v, x.shape, file: file, line: line)
  }

  /// `jnp.arange(stop)`: `0, 1, ..., stop-1` as int32 (int64 with x64).
  ///
  /// ```swift
  /// jnp.arange(4)   // [0, 1, 2, 3]
  /// ```
  public static func arange(_ stop: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    arange(0, stop, 1, dtype: dtype, file: file, line: line)
  }

  /// `jnp.arange(start, stop, step)` over integers.
  ///
  /// ```swift
  /// jnp.arange(1, 10, 3)   // [1, 4, 7]
  /// jnp.arange(5, 0, -2)   // [5, 3, 1]
  /// ```
  public static func arange(
    _ start: Int, _ stop: Int, _ step: Int = 1, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if step == 0 { return fail(.value, "arange", "step must not be zero", file: file, line: line) }
    let n = Swift.max(0, (stop - start + step + (step > 0 ? -1 : 1)) / step)
    let d = (dtype ?? .defaultInt).canonical
    if !d.isFloatingPoint {
      // iota * step + start, as JAX stages it.
      var r = Lax.iota(d, shape: [n], file: file, line: line)
      if step != 1 { r = Lax.mul(scalar(Double(step), d), r, file: file, line: line) }
      if start != 0 { r = Lax.add(scalar(Double(start), d), r, file: file, line: line) }
      return r
    }
    return arange(Double(start), Double(stop), Double(step), dtype: d, file: file, line: line)
  }

  /// `jnp.arange` over floats: `start + step * iota`, computed as JAX
  /// does in the result dtype (float32 for half precision), for `i` in
  /// `0..<ceil((stop - start) / step)`. Default dtype float32.
  ///
  /// ```swift
  /// jnp.arange(0.0, 1.0, 0.25)   // [0., 0.25, 0.5, 0.75]
  /// ```
  public static func arange(
    _ start: Double, _ stop: Double, _ step: Double = 1, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if step == 0 || !step.isFinite {
      return fail(.value, "arange", "step must be finite and non-zero, got \(step)", file: file, line: line)
    }
    let n = Swift.max(0, Int(Foundation.ceil((stop - start) / step)))
    let d = (dtype ?? .defaultFloat).canonical
    // JAX's working dtype: half precision computes in float32, so that
    // each value is rounded once.
    let wd = d.isFloatingPoint && d.byteSize < 4 ? DType.float32 : d
    let iota = Lax.iota(wd, shape: [n], file: file, line: line)
    let r = Lax.add(scalar(start, wd), Lax.mul(scalar(step, wd), iota, file: file, line: line), file: file, line: line)
    return wd == d ? r : Lax.convertElementType(r, d, file: file, line: line)
  }

  /// JAX's linspace values for constant float32/float64 bounds, bit for
  /// bit. JAX stages `start * (1 - i/div) + stop * (i/div)`; XLA then turns
  /// the division by the constant `div` into a product with its reciprocal
  /// `r`, folds `stop * r` into one constant, and fuses the last product
  /// and sum into an FMA: `fma(i, stop*r, start * (1 - i*r))`, each step
  /// rounded in the dtype. That is why JAX's midpoint of
  /// `linspace(-3, 3, 37)` is 4.47e-8, not 0; the same steps here give the
  /// same values.
  static func linspaceXLA<T: BinaryFloatingPoint>(_ start: T, _ stop: T, num: Int, endpoint: Bool) -> [Double] {
    if num == 0 { return [] }
    if num == 1 { return [Double(start)] }
    let div = endpoint ? num - 1 : num
    let r = T(1) / T(div)
    let stopR = stop * r
    var out = (0..<div).map { i -> Double in
      let g = T(i)
      let k = start * (1 - g * r)
      return Double(k.addingProduct(g, stopR))
    }
    if endpoint { out.append(Double(stop)) }
    return out
  }

  /// The linspace values in computation dtype `cd`: XLA's constant-bound
  /// arithmetic for float32/float64 (``linspaceXLA(_:_:num:endpoint:)``),
  /// else JAX's staged formula.
  static func linspaceValues(_ start: Double, _ stop: Double, num: Int, endpoint: Bool, _ cd: DType, file: StaticString, line: UInt) -> Tensor {
    switch cd {
    case .float32:
      return Tensor(linspaceXLA(Float(start), Float(stop), num: num, endpoint: endpoint), dtype: cd, file: file, line: line)
    case .float64:
      return Tensor(linspaceXLA(start, stop, num: num, endpoint: endpoint), dtype: cd, file: file, line: line)
    default:
      return linspaceFormula(scalar(start, cd), scalar(stop, cd), num: num, endpoint: endpoint, file: file, line: line)
    }
  }

  /// JAX's staged linspace formula in the computation dtype of
  /// `start`/`stop` (0-d tensors): `start * (1 - i/div) + stop * (i/div)`,
  /// every operation rounded in that dtype, with `stop` itself appended
  /// when `endpoint`. Used for traced bounds and half precision.
  static func linspaceFormula(_ start: Tensor, _ stop: Tensor, num: Int, endpoint: Bool, file: StaticString, line: UInt) -> Tensor {
    let cd = start.dtype
    // The steps are real (complex endpoints take them converted, as JAX does).
    let rd = cd.realPart
    if num == 0 { return Lax.convertElementType(Lax.iota(rd, shape: [0], file: file, line: line), cd, file: file, line: line) }
    if num == 1 { return Lax.reshape(start, [1], file: file, line: line) }
    let div = endpoint ? num - 1 : num
    var t = Lax.div(Lax.iota(rd, shape: [div], file: file, line: line), scalar(Double(div), rd), file: file, line: line)
    if rd != cd { t = Lax.convertElementType(t, cd, file: file, line: line) }
    let oneMinus = Lax.sub(scalar(1, cd), t, file: file, line: line)
    let out = Lax.add(Lax.mul(start, oneMinus, file: file, line: line), Lax.mul(stop, t, file: file, line: line), file: file, line: line)
    return endpoint ? Lax.concatenate([out, Lax.reshape(stop, [1], file: file, line: line)], dimension: 0, file: file, line: line) : out
  }

  /// JAX's computation dtype for the *space functions: the inexact dtype
  /// of the requested one.
  static func spaceComputationDType(_ d: DType) -> DType {
    d.isFloatingPoint ? d : inexactDType(ShapedArray(shape: [], dtype: d))
  }

  /// Converts a *space result from the computation dtype to `d`: integer
  /// results are floored first, as in JAX.
  static func spaceResult(_ r: Tensor, _ d: DType, file: StaticString, line: UInt) -> Tensor {
    if r.dtype == d { return r }
    let v = d.isInteger && !r.dtype.isInteger ? Lax.floor(r, file: file, line: line) : r
    return Lax.convertElementType(v, d, file: file, line: line)
  }

  /// `jnp.linspace`: `num` evenly spaced values from `start` to `stop`
  /// (included when `endpoint`), computed with JAX's formula so that the
  /// values are JAX's bit for bit. Default dtype float32.
  ///
  /// ```swift
  /// jnp.linspace(0, 1, num: 5)                    // [0, .25, .5, .75, 1]
  /// jnp.linspace(0, 1, num: 4, endpoint: false)   // [0, .25, .5, .75]
  /// ```
  public static func linspace(
    _ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if num < 0 { return fail(.value, "linspace", "number of samples, \(num), must be non-negative", file: file, line: line) }
    let d = (dtype ?? .defaultFloat).canonical
    let cd = spaceComputationDType(d)
    let r = linspaceValues(start, stop, num: num, endpoint: endpoint, cd, file: file, line: line)
    return spaceResult(r, d, file: file, line: line)
  }

  /// `jnp.logspace`: `base ** linspace(start, stop, num)`, as JAX computes
  /// it.
  ///
  /// ```swift
  /// jnp.logspace(0, 2, num: 3)   // [1, 10, 100]
  /// ```
  public static func logspace(
    _ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true, base: Double = 10,
    dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if num < 0 { return fail(.value, "logspace", "number of samples, \(num), must be non-negative", file: file, line: line) }
    let d = (dtype ?? .defaultFloat).canonical
    let cd = spaceComputationDType(d)
    let lin = linspaceValues(start, stop, num: num, endpoint: endpoint, cd, file: file, line: line)
    let r = Lax.pow(scalar(base, cd), lin, file: file, line: line)
    return spaceResult(r, d, file: file, line: line)
  }

  static func logspaceFormula(
    _ start: Tensor, _ stop: Tensor, num: Int, endpoint: Bool, base: Double, file: StaticString, line: UInt
  ) -> Tensor {
    let lin = linspaceFormula(start, stop, num: num, endpoint: endpoint, file: file, line: line)
    return Lax.pow(scalar(base, lin.dtype), lin, file: file, line: line)
  }

  /// `jnp.geomspace`: `num` values from `start` to `stop` in geometric
  /// progression (both must have the same sign and be non-zero), computed
  /// as JAX does: `sign * logspace(log10(start / sign), log10(stop / sign))`.
  ///
  /// ```swift
  /// jnp.geomspace(1, 16, num: 5)   // [1, 2, 4, 8, 16]
  /// ```
  public static func geomspace(
    _ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true, dtype: DType? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if num < 0 { return fail(.value, "geomspace", "number of samples, \(num), must be non-negative", file: file, line: line) }
    if start == 0 || stop == 0 {
      return fail(.value, "geomspace", "geometric sequence cannot include zero (start \(start), stop \(stop))", file: file, line: line)
    }
    let d = (dtype ?? .defaultFloat).canonical
    let cd = spaceComputationDType(d)
    let (s, e) = (scalar(start, cd), scalar(stop, cd))
    let sign = Lax.sign(s, file: file, line: line)
    let lo = log10(Lax.div(s, sign, file: file, line: line), file: file, line: line)
    let hi = log10(Lax.div(e, sign, file: file, line: line), file: file, line: line)
    let r = Lax.mul(sign, logspaceFormula(lo, hi, num: num, endpoint: endpoint, base: 10, file: file, line: line), file: file, line: line)
    return spaceResult(r, d, file: file, line: line)
  }

  /// `jnp.eye`: ones on diagonal `k` of an `n × m` matrix.
  ///
  /// ```swift
  /// jnp.eye(3)            // 3×3 identity
  /// jnp.eye(2, 3, k: 1)   // [[0,1,0],[0,0,1]]
  /// ```
  public static func eye(
    _ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let m = m ?? n
    if n < 0 || m < 0 { return fail(.shape, "eye", "negative dimensions are not allowed: \(n) × \(m)", file: file, line: line) }
    let d = (dtype ?? .defaultFloat).canonical
    let rows = Lax.iota(.int32, shape: [n, m], dimension: 0, file: file, line: line)
    let cols = Lax.iota(.int32, shape: [n, m], dimension: 1, file: file, line: line)
    let mask = Lax.eq(Lax.add(rows, scalar(Double(k), .int32), file: file, line: line), cols, file: file, line: line)
    return Lax.convertElementType(mask, d, file: file, line: line)
  }

  /// `jnp.identity`: the `n × n` identity matrix.
  ///
  /// ```swift
  /// jnp.identity(2, dtype: .int32)   // [[1,0],[0,1]]
  /// ```
  public static func identity(_ n: Int, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    eye(n, dtype: dtype, file: file, line: line)
  }

  /// The bool mask `row + k >= col` of shape `n × m` (the lower triangle).
  static func triMask(_ n: Int, _ m: Int, k: Int, file: StaticString, line: UInt) -> Tensor {
    let rows = Lax.iota(.int32, shape: [n, m], dimension: 0, file: file, line: line)
    let cols = Lax.iota(.int32, shape: [n, m], dimension: 1, file: file, line: line)
    return Lax.ge(Lax.add(rows, scalar(Double(k), .int32), file: file, line: line), cols, file: file, line: line)
  }

  /// `jnp.tri`: ones at and below diagonal `k`.
  ///
  /// ```swift
  /// jnp.tri(3)          // lower-triangular ones
  /// jnp.tri(2, 3, k: -1)
  /// ```
  public static func tri(
    _ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let m = m ?? n
    if n < 0 || m < 0 { return fail(.shape, "tri", "negative dimensions are not allowed: \(n) × \(m)", file: file, line: line) }
    return Lax.convertElementType(triMask(n, m, k: k, file: file, line: line), (dtype ?? .defaultFloat).canonical, file: file, line: line)
  }

  /// `jnp.tril`: zeroes the elements above diagonal `k` of the last two
  /// axes.
  ///
  /// ```swift
  /// jnp.tril(a)          // lower triangle of a
  /// jnp.tril(a, k: -1)   // strictly lower
  /// ```
  public static func tril(_ x: Tensor, k: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    triangle(x, k: k, lower: true, file: file, line: line)
  }

  /// `jnp.triu`: zeroes the elements below diagonal `k`.
  ///
  /// ```swift
  /// jnp.triu(a, k: 1)   // strictly upper
  /// ```
  public static func triu(_ x: Tensor, k: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    triangle(x, k: k, lower: false, file: file, line: line)
  }

  static func triangle(_ x: Tensor, k: Int, lower: Bool, file: StaticString, line: UInt) -> Tensor {
    if x.isInvalid { return .invalid }
    let op = lower ? "tril" : "triu"
    if x.rank < 2 { return fail(.shape, op, "input must be at least 2-D, got shape \(shapeString(x.shape))", file: file, line: line) }
    let (n, m) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
    // triu keeps row + k <= col, i.e. not(row + (k - 1) >= col).
    var mask = triMask(n, m, k: lower ? k : k - 1, file: file, line: line)
    if !lower { mask = Lax.not(mask, file: file, line: line) }
    mask = Lax.broadcastInDim(mask, shape: x.shape, broadcastDimensions: [x.rank - 2, x.rank - 1], file: file, line: line)
    let zero = Lax.broadcastInDim(scalar(0, x.dtype), shape: x.shape, broadcastDimensions: [], file: file, line: line)
    return Lax.select(mask, x, zero, file: file, line: line)
  }

  /// How ``meshgrid(_:indexing:file:line:)`` orders the output axes.
  public enum MeshIndexing: Sendable {
    /// Cartesian: the first two outputs axes are swapped (NumPy default).
    case xy
    /// Matrix indexing: output axis `i` follows input `i`.
    case ij
  }

  /// `jnp.meshgrid`: coordinate matrices from 1-D coordinate vectors.
  ///
  /// ```swift
  /// let (xs, ys) = (jnp.arange(3), jnp.arange(2))
  /// let g = jnp.meshgrid([xs, ys])            // two int32[2,3]
  /// let h = jnp.meshgrid([xs, ys], indexing: .ij)  // two int32[3,2]
  /// ```
  public static func meshgrid(_ xs: [Tensor], indexing: MeshIndexing = .xy, file: StaticString = #fileID, line: UInt = #line) -> [Tensor] {
    if xs.contains(where: \.isInvalid) { return xs.map { _ in .invalid } }
    if let bad = xs.first(where: { $0.rank != 1 }) {
      report(.shape, "meshgrid", "inputs must be 1-D, got shape \(shapeString(bad.shape))", file: file, line: line)
      return xs.map { _ in .invalid }
    }
    var shape = xs.map { $0.shape[0] }
    if indexing == .xy && xs.count >= 2 { shape.swapAt(0, 1) }
    return xs.enumerated().map { i, x in
      var dim = i
      if indexing == .xy && xs.count >= 2 && i < 2 { dim = 1 - i }
      return Lax.broadcastInDim(x, shape: shape, broadcastDimensions: [dim], file: file, line: line)
    }
  }

  /// `jnp.diag`: for a 1-D `v`, the square matrix with `v` on diagonal
  /// `k`; for a 2-D `v`, its diagonal `k`.
  ///
  /// ```swift
  /// jnp.diag(jnp.array([1, 2]))   // [[1,0],[0,2]]
  /// jnp.diag(m, k: 1)             // superdiagonal of m
  /// ```
  public static func diag(_ v: Tensor, k: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if v.isInvalid { return .invalid }
    if v.rank == 2 { return diagonal(v, offset: k, file: file, line: line) }
    guard v.rank == 1 else {
      return fail(.shape, "diag", "input must be 1-D or 2-D, got shape \(shapeString(v.shape))", file: file, line: line)
    }
    let n = v.shape[0] + Swift.abs(k)
    let mask = Lax.eq(
      Lax.add(Lax.iota(.int32, shape: [n, n], dimension: 0, file: file, line: line), scalar(Double(k), .int32), file: file, line: line),
      Lax.iota(.int32, shape: [n, n], dimension: 1, file: file, line: line), file: file, line: line)
    // The diagonal element in row i is v[i] (k >= 0) or v[i + k] (k < 0):
    // pad v to length n on the side the diagonal leaves empty and read it
    // by row.
    let padded = Lax.pad(v, scalar(0, v.dtype), config: [k >= 0 ? PadConfig(low: 0, high: k) : PadConfig(low: -k, high: 0)], file: file, line: line)
    let rowsOrCols = Lax.broadcastInDim(padded, shape: [n, n], broadcastDimensions: [0], file: file, line: line)
    let zero = Lax.broadcastInDim(scalar(0, v.dtype), shape: [n, n], broadcastDimensions: [], file: file, line: line)
    return Lax.select(mask, rowsOrCols, zero, file: file, line: line)
  }

  /// `jnp.diagonal`: diagonal `offset` of the planes spanned by `axis1`
  /// and `axis2`; those axes are removed and the diagonal is the new last
  /// axis.
  ///
  /// ```swift
  /// jnp.diagonal(m)                 // main diagonal of a matrix
  /// jnp.diagonal(b, offset: -1)     // b: [batch, n, n] → [batch, n-1]
  /// ```
  public static func diagonal(
    _ x: Tensor, offset: Int = 0, axis1: Int = 0, axis2: Int = 1, file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    if x.isInvalid { return .invalid }
    if x.rank < 2 { return fail(.shape, "diagonal", "input must be at least 2-D, got shape \(shapeString(x.shape))", file: file, line: line) }
    guard let a1 = normalizeAxis(axis1, rank: x.rank, "diagonal", file: file, line: line),
      let a2 = normalizeAxis(axis2, rank: x.rank, "diagonal", file: file, line: line)
    else { return .invalid }
    if a1 == a2 { return fail(.axis, "diagonal", "axis1 and axis2 cannot be the same (\(axis1), \(axis2))", file: file, line: line) }
    let rest = (0..<x.rank).filter { $0 != a1 && $0 != a2 }
    let t = Lax.transpose(x, rest + [a1, a2], file: file, line: line)
    let batch = rest.map { x.shape[$0] }
    let (n, m) = (x.shape[a1], x.shape[a2])
    let len = Swift.max(0, offset >= 0 ? Swift.min(n, m - offset) : Swift.min(n + offset, m))
    // Element i of the diagonal sits at flat position start + i*(m+1) of
    // the row-major n×m plane: a strided slice of the flattened plane.
    let flat = Lax.reshape(t, batch + [n * m], file: file, line: line)
    if len == 0 { return zeros(batch + [0], dtype: x.dtype, file: file, line: line) }
    let start = offset >= 0 ? offset : -offset * m
    let limit = start + (len - 1) * (m + 1) + 1
    var s = [Int](repeating: 0, count: batch.count + 1), l = batch + [limit], st = [Int](repeating: 1, count: batch.count + 1)
    s[batch.count] = start
    l[batch.count] = limit
    st[batch.count] = m + 1
    return Lax.slice(flat, start: s, limit: l, strides: m + 1 == 1 ? nil : st, file: file, line: line)
  }
}
