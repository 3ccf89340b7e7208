import CSwiftJAXKernels

extension Kernels {
  /// Sorts all operands together along `dimension`, ordered by the first
  /// `numKeys` (lexicographically). The sort is always stable, which also
  /// satisfies `isStable: false`.
  static func sort(_ inputs: [ConcreteArray], _ dimension: Int, _ numKeys: Int, _ outs: [ShapedArray]) -> [ConcreteArray] {
    let results = outs.map { alloc($0) }
    let s = inputs[0].aval.shape
    let dtypes = inputs.map { $0.aval.dtype.rawValue }
    let ins: [UnsafeRawPointer?] = inputs.map { UnsafeRawPointer($0.data) }
    let outPtrs: [UnsafeMutableRawPointer?] = results.map { $0.data }
    check(
      jx_sort(
        Int32(inputs.count), Int32(numKeys), dtypes, ins, outPtrs,
        product(s, 0..<dimension), s[dimension], product(s, (dimension + 1)..<s.count)),
      "sort")
    return results
  }
}
