@testable import SwiftJAX

/// Elementwise steps: unary, binary (with a same-shaped partner or a
/// scalar constant), compare-and-select, conversions, iota.
extension FuzzGenerator {
  static let floatUnary: [UnaryOp] = [
    .sin, .cos, .tanh, .exp, .log, .sqrt, .abs, .neg, .floor, .ceil, .round, .roundEven, .logistic, .square,
    .expm1, .log1p, .rsqrt, .erf, .atan, .sinh, .cbrt, .sign, .isFinite, .exp2, .tan, .asinh,
  ]
  static let intUnary: [UnaryOp] = [.neg, .abs, .sign, .square, .not]
  static let floatBinary: [BinaryOp] = [.add, .sub, .mul, .div, .max, .min, .pow, .atan2, .rem, .nextafter, .add, .mul]
  static let intBinary: [BinaryOp] = [
    .add, .sub, .mul, .div, .rem, .max, .min, .and, .or, .xor, .shiftLeft, .shiftRightLogical, .shiftRightArithmetic, .pow,
  ]
  static let boolBinary: [BinaryOp] = [.and, .or, .xor, .max, .min]

  mutating func unary(_ x: Tensor, _ a: Int) -> FuzzStep? {
    let ops = x.dtype.isFloatingPoint ? Self.floatUnary : x.dtype == .bool ? [.not] : Self.intUnary
    let op = rng.pick(ops)
    return FuzzStep(text: "\(op.name) %\(a)") { bind1(.unary(op), [$0[a]]) }
  }

  /// A partner for a binary operation on `env[a]`: another value of the
  /// same shape and dtype (possibly itself), or a rank-0 constant.
  mutating func partner(_ env: [Tensor], _ a: Int) -> (text: String, get: ([Tensor]) -> Tensor) {
    let x = env[a]
    let same = env.indices.filter { env[$0].aval.shape == x.aval.shape && env[$0].dtype == x.dtype }
    if rng.chance(0.7), !same.isEmpty {
      let b = rng.pick(same)
      return ("%\(b)", { $0[b] })
    }
    let (c, text) = FuzzValues.scalar(&rng, x.dtype)
    return (text, { _ in c })
  }

  mutating func binary(_ env: [Tensor], _ a: Int) -> FuzzStep? {
    let d = env[a].dtype
    let op = rng.pick(d.isFloatingPoint ? Self.floatBinary : d == .bool ? Self.boolBinary : Self.intBinary)
    let b = partner(env, a)
    if rng.chance(0.5) {
      return FuzzStep(text: "\(op.name) %\(a), \(b.text)") { bind1(.binary(op), [$0[a], b.get($0)]) }
    }
    return FuzzStep(text: "\(op.name) \(b.text), %\(a)") { bind1(.binary(op), [b.get($0), $0[a]]) }
  }

  mutating func select(_ env: [Tensor], _ a: Int) -> FuzzStep? {
    let op = rng.pick(CompareOp.allCases)
    let b = partner(env, a)
    if rng.chance(0.3) {
      return FuzzStep(text: "\(op.name) %\(a), \(b.text)") { bind1(.compare(op), [$0[a], b.get($0)]) }
    }
    return FuzzStep(text: "select(\(op.name) %\(a), \(b.text); %\(a), \(b.text))") { env in
      let y = b.get(env)
      let pred = bind1(.compare(op), [env[a], y])
      return Lax.select(pred, env[a], y.aval.shape == env[a].aval.shape ? y : Lax.broadcastInDim(y, shape: env[a].aval.shape, broadcastDimensions: []))
    }
  }

  mutating func convert(_ x: Tensor, _ a: Int) -> FuzzStep? {
    if x.dtype != .bool && x.rank >= 1 && rng.chance(0.25) {
      let dim = rng.int(0...(x.rank - 1))
      let shape = x.aval.shape
      return FuzzStep(text: "add %\(a), iota(dim \(dim))") { env in
        bind1(.binary(.add), [env[a], Lax.iota(env[a].dtype, shape: shape, dimension: dim)])
      }
    }
    let to = rng.pick(FuzzValues.dtypes.filter { $0 != x.dtype })
    return FuzzStep(text: "convert %\(a) to \(to)") { Lax.convertElementType($0[a], to) }
  }
}
