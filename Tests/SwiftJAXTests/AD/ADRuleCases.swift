import Foundation
@testable import SwiftJAX

/// One differentiable program for the rule table: inputs are generated
/// (float64) from a seeded generator so shapes and axes vary by case.
struct RuleCase {
  let name: String
  let make: (inout SplitMix64) -> [Tensor]
  let f: ([Tensor]) -> [Tensor]
  /// Compare with finite differences (off for piecewise-constant outputs
  /// where the derivative is exactly zero but FD may straddle a jump).
  var checkFD = true
  var rtol = 1e-5
  /// Operands broadcast size-1 dimensions (values need kernels that do).
  var usesSize1Broadcast = false
}

private func rand(_ shape: [Int], _ r: ClosedRange<Double> = -1...1) -> (inout SplitMix64) -> Tensor {
  { rng in randomTensor(shape, in: r, rng: &rng) }
}

private func randomShape(_ rng: inout SplitMix64, rank: Int) -> [Int] {
  (0..<rank).map { _ in Int.random(in: 1...4, using: &rng) }
}

/// Domains where each unary op is smooth (away from jumps for the
/// piecewise-constant ones).
private func unaryDomain(_ op: UnaryOp) -> ClosedRange<Double>? {
  switch op {
  case .log, .sqrt, .rsqrt, .cbrt: return 0.3...2
  case .log1p: return -0.5...2
  case .tan: return -1...1
  case .asin, .acos, .atanh, .erfInv: return -0.8...0.8
  case .acosh: return 1.2...3
  case .lgamma, .digamma: return 0.4...3
  case .sign, .abs: return 0.2...1
  case .floor, .ceil, .round, .roundEven: return 0.1...0.4
  case .not, .populationCount, .clz: return nil
  // Complex-only ops: their AD is checked in ComplexADTests.
  case .imag, .conj: return nil
  default: return -1.5...1.5
  }
}

enum RuleCases {
  static func all() -> [RuleCase] {
    var cases: [RuleCase] = []
    // Unary family: every op on a random-rank tensor.
    for op in UnaryOp.allCases {
      guard let dom = unaryDomain(op) else { continue }
      cases.append(RuleCase(
        name: "unary.\(op)", make: { rng in [randomTensor(randomShape(&rng, rank: 2), in: dom, rng: &rng)] },
        f: { [bind1(.unary(op), $0)] }))
      if op == .abs || op == .sign {
        cases.append(RuleCase(name: "unary.\(op).negative", make: { [rand([5], -1...(-0.2))(&$0)] }, f: { [bind1(.unary(op), $0)] }))
      }
    }
    for n in [0, 1, 2, 3, -2] {
      cases.append(RuleCase(name: "integer_pow.\(n)", make: { [rand([3, 2], 0.5...1.5)(&$0)] }, f: { [Lax.integerPow($0[0], n)] }))
    }
    // Binary family, including scalar and size-1 broadcasting operands.
    let binaryDomains: [(BinaryOp, ClosedRange<Double>, ClosedRange<Double>)] = [
      (.add, -1...1, -1...1), (.sub, -1...1, -1...1), (.mul, -1...1, -1...1), (.div, -1...1, 0.5...2),
      (.rem, 2.1...2.9, 1.0...1.04), (.pow, 0.5...2, -1.5...1.5), (.max, -1...0, 0.1...1), (.min, -1...0, 0.1...1),
      (.atan2, -1...1, 0.2...1), (.nextafter, -1...1, -1...1),
    ]
    for (op, da, db) in binaryDomains {
      // nextafter: JAX defines no derivative; SwiftJAX gives zero (not the FD slope 1).
      cases.append(RuleCase(name: "binary.\(op)", make: { rng in [rand([2, 3], da)(&rng), rand([2, 3], db)(&rng)] }, f: { [bind1(.binary(op), $0)] }, checkFD: op != .nextafter))
      cases.append(RuleCase(name: "binary.\(op).scalar", make: { rng in [rand([], da)(&rng), rand([4], db)(&rng)] }, f: { [bind1(.binary(op), $0)] }, checkFD: op != .nextafter))
      cases.append(RuleCase(name: "binary.\(op).size1", make: { rng in [rand([2, 3], da)(&rng), rand([1, 3], db)(&rng)] }, f: { [bind1(.binary(op), $0)] }, checkFD: op != .nextafter, usesSize1Broadcast: true))
    }
    cases.append(RuleCase(name: "binary.pow.intExponent", make: { rng in [rand([4], 0.5...2)(&rng), Tensor([0, 1, 2, -3] as [Int32])] }, f: { [Lax.pow($0[0], $0[1])] }))
    cases.append(RuleCase(name: "binary.max.ties", make: { _ in [f64([1.0, 2.0, 3.0]), f64([1.0, 0.0, 3.0])] }, f: { [Lax.max($0[0], $0[1])] }, checkFD: false))
    cases.append(RuleCase(name: "compare.lt", make: { rng in [rand([3])(&rng), rand([3])(&rng)] }, f: { [Lax.lt($0[0], $0[1])] }))
    cases.append(RuleCase(name: "select_n", make: { rng in [rand([2, 3])(&rng), rand([2, 3])(&rng), rand([2, 3])(&rng)] },
      f: { [Lax.select(Lax.gt($0[2], adScalar(0, .float64)), $0[0], $0[1])] }))
    cases.append(RuleCase(name: "select_n.int32", make: { rng in [rand([4])(&rng), rand([4])(&rng), rand([4])(&rng)] },
      f: { [Lax.selectN(Tensor([0, 2, 1, 2] as [Int32]), [$0[0], $0[1], $0[2]])] }))
    cases.append(RuleCase(name: "clamp", make: { _ in
      [f64([-0.5, -0.5, -0.5, -0.5]), f64([-1.0, 0.0, 0.3, 2.0]), f64([0.5, 0.5, 0.5, 0.5])]
    }, f: { [Lax.clamp($0[0], $0[1], $0[2])] }))
    cases.append(RuleCase(name: "clamp.scalarBounds", make: { rng in [rand([])(&rng), rand([5], -2...2)(&rng), f64(1.5)] }, f: { [Lax.clamp(Lax.neg(Lax.abs($0[0])), $0[1], $0[2])] }))
    cases.append(RuleCase(name: "convert_element_type.weak", make: { [rand([3])(&$0)] }, f: { [Lax.convertElementType($0[0], .float64, weakType: true)] }))
    cases.append(RuleCase(name: "convert_element_type.toInt", make: { [rand([3], 0.1...0.4)(&$0)] }, f: { [Lax.convertElementType($0[0], .int32)] }))
    cases.append(RuleCase(name: "convert_element_type.fromInt", make: { rng in [rand([3])(&rng), Tensor([1, 2, 3] as [Int32])] },
      f: { [Lax.mul($0[0], Lax.convertElementType($0[1], .float64))] }))
    cases.append(RuleCase(name: "bitcast", make: { [rand([3])(&$0)] }, f: { [Lax.bitcastConvertType($0[0], .int64)] }))
    cases.append(RuleCase(name: "iota.mul", make: { [rand([4])(&$0)] }, f: { [Lax.mul($0[0], Lax.iota(.float64, shape: [4]))] }))
    // Shape family.
    cases.append(RuleCase(name: "broadcast_in_dim", make: { [rand([3, 1])(&$0)] }, f: { [Lax.broadcastInDim($0[0], shape: [2, 3, 4], broadcastDimensions: [1, 2])] }))
    cases.append(RuleCase(name: "reshape", make: { [rand([2, 6])(&$0)] }, f: { [Lax.reshape($0[0], [3, 4])] }))
    cases.append(RuleCase(name: "transpose", make: { [rand([2, 3, 4])(&$0)] }, f: { [Lax.transpose($0[0], [2, 0, 1])] }))
    cases.append(RuleCase(name: "squeeze", make: { [rand([2, 1, 3, 1])(&$0)] }, f: { [Lax.squeeze($0[0], dimensions: [3, 1])] }))
    cases.append(RuleCase(name: "expand_dims", make: { [rand([2, 3])(&$0)] }, f: { [Lax.expandDims($0[0], dimensions: [0, 2])] }))
    cases.append(RuleCase(name: "rev", make: { [rand([3, 4])(&$0)] }, f: { [Lax.rev($0[0], dimensions: [1])] }))
    cases.append(RuleCase(name: "slice", make: { [rand([5, 6])(&$0)] }, f: { [Lax.slice($0[0], start: [1, 0], limit: [4, 6], strides: [2, 3])] }))
    cases.append(RuleCase(name: "slice.unstrided", make: { [rand([5, 6])(&$0)] }, f: { [Lax.slice($0[0], start: [1, 2], limit: [3, 5])] }))
    cases.append(RuleCase(name: "dynamic_slice", make: { [rand([5, 4])(&$0)] }, f: { [Lax.dynamicSlice($0[0], startIndices: [Tensor(1 as Int32), Tensor(3 as Int32)], sliceSizes: [3, 2])] }))
    cases.append(RuleCase(name: "dynamic_update_slice", make: { rng in [rand([5, 4])(&rng), rand([2, 2])(&rng)] },
      f: { [Lax.dynamicUpdateSlice($0[0], $0[1], startIndices: [Tensor(2 as Int32), Tensor(1 as Int32)])] }))
    cases.append(RuleCase(name: "concatenate", make: { rng in [rand([2, 3])(&rng), rand([2, 1])(&rng), rand([2, 2])(&rng)] }, f: { [Lax.concatenate($0, dimension: 1)] }))
    cases.append(RuleCase(name: "pad", make: { rng in [rand([3, 4])(&rng), rand([])(&rng)] },
      f: { [Lax.pad($0[0], $0[1], config: [PadConfig(low: 1, high: -1, interior: 1), PadConfig(low: -1, high: 2, interior: 0)])] }))
    // Indexing family.
    let rowsDN = GatherDimensionNumbers(offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0])
    cases.append(RuleCase(name: "gather.rows", make: { [rand([5, 3])(&$0)] },
      f: { [Lax.gather($0[0], Tensor([4, 0, 4, 2] as [Int32], shape: [4, 1]), dimensionNumbers: rowsDN, sliceSizes: [1, 3])] }))
    cases.append(RuleCase(name: "gather.fill", make: { [rand([5, 3])(&$0)] },
      f: { [Lax.gather($0[0], Tensor([1, 7] as [Int32], shape: [2, 1]), dimensionNumbers: rowsDN, sliceSizes: [1, 3], mode: .fillOrDrop, fillValue: 2)] }))
    let sdn = ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
    let idx = Tensor([3, 0, 3] as [Int32], shape: [3, 1])
    for op in [ScatterOp.add, .set, .min, .max] {
      cases.append(RuleCase(name: "scatter.\(op)", make: { rng in [rand([4, 2])(&rng), rand([3, 2])(&rng)] },
        f: { [Lax.scatter($0[0], idx, $0[1], op, dimensionNumbers: sdn)] }))
    }
    cases.append(RuleCase(name: "scatter.mul.operand", make: { rng in [rand([4, 2])(&rng)] },
      f: { [Lax.scatter($0[0], idx, f64([2.0, 3.0, -1.0, 0.5, 4.0, 1.5], shape: [3, 2]), .mul, dimensionNumbers: sdn)] }))
    // Reductions.
    for op in [ReduceOp.sum, .prod, .max, .min] {
      cases.append(RuleCase(name: "reduce.\(op)", make: { [rand([3, 4, 2], 0.2...1.5)(&$0)] }, f: { [Lax.reduce($0[0], op, axes: [0, 2])] }))
    }
    cases.append(RuleCase(name: "reduce.prod.withZero", make: { _ in [f64([2.0, 0.0, 3.0, 0.5, 1.5])] }, f: { [Lax.reduceProd($0[0], axes: [0])] }))
    cases.append(RuleCase(name: "reduce.max.ties", make: { _ in [f64([1.0, 3.0, 3.0, 2.0])] }, f: { [Lax.reduceMax($0[0], axes: [0])] }, checkFD: false))
    cases.append(RuleCase(name: "argmax", make: { [rand([3, 4])(&$0)] }, f: { [Lax.argmax($0[0], axis: 1)] }))
    for op in CumulativeOp.allCases {
      for reverse in [false, true] {
        cases.append(RuleCase(name: "cumulative.\(op).\(reverse ? "rev" : "fwd")", make: { [rand([2, 5], 0.2...1.5)(&$0)] },
          f: { [Lax.cumulative($0[0], op, axis: 1, reverse: reverse)] }))
      }
    }
    cases.append(RuleCase(name: "dot_general.matmul", make: { rng in [rand([2, 3])(&rng), rand([3, 4])(&rng)] },
      f: { [Lax.dotGeneral($0[0], $0[1], DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0]))] }))
    cases.append(RuleCase(name: "dot_general.batched", make: { rng in [rand([2, 3, 4])(&rng), rand([4, 2, 5])(&rng)] },
      f: { [Lax.dotGeneral($0[0], $0[1], DotDimensionNumbers(lhsContracting: [2], rhsContracting: [0], lhsBatch: [0], rhsBatch: [1]))] }))
    cases.append(RuleCase(name: "dot_general.twoContractions", make: { rng in [rand([3, 2, 4])(&rng), rand([4, 5, 3])(&rng)] },
      f: { [Lax.dotGeneral($0[0], $0[1], DotDimensionNumbers(lhsContracting: [2, 0], rhsContracting: [0, 2]))] }))
    cases.append(RuleCase(name: "sort", make: { rng in [rand([3, 5])(&rng), rand([3, 5])(&rng)] }, f: { Lax.sort($0, dimension: 1) }))
    cases.append(RuleCase(name: "sort.axis0", make: { [rand([4, 3])(&$0)] }, f: { Lax.sort($0, dimension: 0) }))
    // Composite: several families chained, random shape.
    cases.append(RuleCase(name: "composite", make: { rng in
      let s = randomShape(&rng, rank: 2)
      return [randomTensor(s, rng: &rng), randomTensor([s[1], 3], rng: &rng)]
    }, f: { xs in
      let h = Lax.tanh(Lax.dot(xs[0], xs[1]))
      return [Lax.reduceSum(Lax.mul(h, Lax.exp(h)), axes: [0]), Lax.reduceMax(h, axes: [1])]
    }))
    return cases
  }
}
