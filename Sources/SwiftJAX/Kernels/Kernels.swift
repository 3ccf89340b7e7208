import CSwiftJAXKernels

/// The eager kernel library: one function per primitive family, working on
/// ``ConcreteArray`` buffers. The heavy loops live in C (CSwiftJAXKernels,
/// built with -O3 and strict IEEE semantics); Swift computes layouts and
/// picks the C entry point once per call, never per element.
///
/// Kernels trust their operands: ``Primitive/abstractEval(_:)`` has already
/// validated shapes and dtypes, and `out` avals come from it.
enum Kernels {
  /// Stops on a nonzero C status. The shape rules exclude every
  /// (op, dtype) pair the C kernels reject, so this is an internal error.
  @inline(__always)
  static func check(_ rc: Int32, _ what: @autoclosure () -> String) {
    if rc != 0 {
      fatalError("SwiftJAX internal error: the \(what()) kernel failed (status \(rc))")
    }
  }

  @inline(__always)
  static func alloc(_ aval: ShapedArray) -> ConcreteArray {
    ConcreteArray(uninitialized: aval)
  }

  /// A fresh array with the same bytes as `x` and the aval `aval`
  /// (reshape, squeeze, expand_dims, copy and same-type conversions).
  static func copyBytes(_ x: ConcreteArray, as aval: ShapedArray) -> ConcreteArray {
    let out = alloc(aval)
    let bytes = min(x.aval.byteCount, aval.byteCount)
    if bytes > 0 { out.data.copyMemory(from: x.data, byteCount: bytes) }
    return out
  }

  /// `x` converted to `dtype` (a new array; `x` itself if it already has it).
  static func converted(_ x: ConcreteArray, to dtype: DType) -> ConcreteArray {
    if x.aval.dtype == dtype { return x }
    let out = alloc(x.aval.with(dtype: dtype))
    check(jx_convert(x.aval.dtype.rawValue, dtype.rawValue, x.data, out.data, x.count), "convert_element_type")
    return out
  }

  /// Copies the N-d region `shape` from `src` (element strides `srcStrides`)
  /// to `dst` (element strides `dstStrides`). Dimensions of size 1 are
  /// dropped and dimensions that are contiguous in both source and
  /// destination merged, so most shape ops reach C as one or two loops.
  static func copyStrided(
    elementSize: Int, shape: [Int],
    src: UnsafeRawPointer, srcStrides: [Int],
    dst: UnsafeMutableRawPointer, dstStrides: [Int]
  ) {
    var sh: [Int] = []
    var ss: [Int] = []
    var ds: [Int] = []
    sh.reserveCapacity(shape.count)
    ss.reserveCapacity(shape.count)
    ds.reserveCapacity(shape.count)
    for i in 0..<shape.count {
      let n = shape[i]
      if n == 0 { return }
      if n == 1 { continue }
      if let last = sh.last, ss.last! == srcStrides[i] * n, ds.last! == dstStrides[i] * n {
        sh[sh.count - 1] = last * n
        ss[ss.count - 1] = srcStrides[i]
        ds[ds.count - 1] = dstStrides[i]
      } else {
        sh.append(n)
        ss.append(srcStrides[i])
        ds.append(dstStrides[i])
      }
    }
    if sh.isEmpty {
      dst.copyMemory(from: src, byteCount: elementSize)
      return
    }
    precondition(sh.count <= 64, "SwiftJAX: arrays of rank > 64 are not supported")
    jx_copy_strided(elementSize, Int32(sh.count), sh, src, ss, dst, ds)
  }

  /// Product of `shape[range]`.
  @inline(__always)
  static func product(_ shape: [Int], _ range: Range<Int>) -> Int {
    var p = 1
    for i in range { p *= shape[i] }
    return p
  }

  /// The value of a scalar integer operand (a dynamic index).
  static func indexValue(_ x: ConcreteArray) -> Int {
    Int(x.element(0).asInt64)
  }

  /// Whether permuting `shape`/`strides` by `perm` is already row-major
  /// contiguous, so the transpose can be skipped (size-1 dims ignored).
  static func isContiguous(_ shape: [Int], permutedBy perm: [Int]) -> Bool {
    let strides = rowMajorStrides(shape)
    var expected = 1
    for i in stride(from: perm.count - 1, through: 0, by: -1) {
      let n = shape[perm[i]]
      if n == 1 { continue }
      if strides[perm[i]] != expected { return false }
      expected *= n
    }
    return true
  }

  /// `x` transposed by `perm` into a new row-major array (or `x` when that
  /// is already its layout).
  static func transposed(_ x: ConcreteArray, _ perm: [Int]) -> ConcreteArray {
    if isContiguous(x.aval.shape, permutedBy: perm) { return x }
    let shape = x.aval.shape
    let strides = rowMajorStrides(shape)
    let outShape = perm.map { shape[$0] }
    let out = alloc(x.aval.with(shape: outShape))
    copyStrided(
      elementSize: x.aval.dtype.byteSize, shape: outShape,
      src: x.data, srcStrides: perm.map { strides[$0] },
      dst: out.data, dstStrides: rowMajorStrides(outShape))
    return out
  }
}
