@testable import SwiftJAX

/// Steps with kernels of their own: reductions, cumulative reductions,
/// dots (including self-products of computed values), and nested
/// programs under scan and vmap.
extension FuzzGenerator {
  mutating func reduce(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 1 else { return nil }
    let axes = rng.subset(x.rank, nonEmpty: true)
    if x.dtype != .bool && x.aval.count > 0 && rng.chance(0.2) {
      let axis = axes[0]
      return FuzzStep(text: "argmax %\(a) axis \(axis)") { Lax.argmax($0[a], axis: axis) }
    }
    switch rng.int(0...2) {
    case 0 where x.dtype != .bool: return FuzzStep(text: "reduce_sum %\(a) \(axes)") { Lax.reduceSum($0[a], axes: axes) }
    case 1: return FuzzStep(text: "reduce_min %\(a) \(axes)") { Lax.reduceMin($0[a], axes: axes) }
    default: return FuzzStep(text: "reduce_max %\(a) \(axes)") { Lax.reduceMax($0[a], axes: axes) }
    }
  }

  mutating func cumulative(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 1, x.dtype != .bool else { return nil }
    let axis = rng.int(0...(x.rank - 1)), reverse = rng.chance(0.3)
    let op = rng.pick(x.dtype.isFloatingPoint ? [CumulativeOp.sum, .max, .min, .prod, .logsumexp] : [.sum, .max, .min])
    return FuzzStep(text: "\(op.name) %\(a) axis \(axis)\(reverse ? " reverse" : "")") { Lax.cumulative($0[a], op, axis: axis, reverse: reverse) }
  }

  /// `x @ x.T`, `x.T @ x`, `x @ flip(x)`, `x @ y` for a compatible `y`,
  /// or a vector dot, on float and int32 values.
  mutating func dot(_ env: [Tensor], _ a: Int) -> FuzzStep? {
    let x = env[a]
    guard [.float32, .float64, .float16, .int32].contains(x.dtype), x.rank >= 1 else { return nil }
    if x.rank == 1 {
      return FuzzStep(text: "dot %\(a), %\(a)") { Lax.dotGeneral($0[a], $0[a], DotDimensionNumbers(lhsContracting: [0], rhsContracting: [0])) }
    }
    let s = x.aval.shape, m = s[s.count - 2], k = s[s.count - 1]
    guard s.elementCount * max(m, k) <= 1 << 20 else { return nil }
    let swap = { (t: Tensor) in jnp.swapaxes(t, -1, -2) }
    let partners = env.indices.filter { j in
      let t = env[j].aval
      return t.dtype == x.dtype && t.rank == x.rank && t.shape[t.rank - 2] == k && Array(t.shape.dropLast(2)) == Array(s.dropLast(2))
        && s.elementCount * t.shape[t.rank - 1] <= 1 << 20
    }
    switch rng.int(0...3) {
    case 0: return FuzzStep(text: "matmul %\(a), %\(a).T") { jnp.matmul($0[a], swap($0[a])) }
    case 1: return FuzzStep(text: "matmul %\(a).T, %\(a)") { jnp.matmul(swap($0[a]), $0[a]) }
    case 2 where m == k: return FuzzStep(text: "matmul %\(a), flip(%\(a))") { jnp.matmul($0[a], Lax.rev($0[a], dimensions: [x.rank - 2])) }
    default:
      guard !partners.isEmpty else { return FuzzStep(text: "matmul %\(a), %\(a).T") { jnp.matmul($0[a], swap($0[a])) } }
      let b = rng.pick(partners)
      return FuzzStep(text: "matmul %\(a), %\(b)") { jnp.matmul($0[a], $0[b]) }
    }
  }

  /// The value's first row (index 0 along axis 0).
  static func row0(_ t: Tensor) -> Tensor {
    Lax.reshape(Lax.sliceInDim(t, start: 0, limit: 1, axis: 0), Array(t.aval.shape.dropFirst()))
  }

  /// A scan over the leading axis: an elementwise carry update, and per
  /// step a random sub-program of the new carry and the row, stacked.
  mutating func scan(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 1, x.aval.shape[0] >= 1, x.dtype != .bool, x.dtype != .uint8 else { return nil }
    let update = rng.pick(x.dtype.isFloatingPoint ? [BinaryOp.add, .max, .mul, .sub] : [.add, .max, .xor])
    let squash = x.dtype.isFloatingPoint && rng.chance(0.7)
    let carry: (Tensor, Tensor) -> Tensor = { c, r in
      let n = bind1(.binary(update), [c, r])
      return squash ? Lax.tanh(n) : n
    }
    let row = Self.row0(x)
    var sub = FuzzGenerator(rng: FuzzRNG(seed: rng.next()), depth: depth + 1)
    var body = FuzzProgram(seed: 0, inputs: [carry(row, row), row])
    sub.extend(&body, steps: rng.int(0...3))
    let program = body
    let returnsCarry = rng.chance(0.3), reverse = rng.chance(0.3)
    let text = "scan over %\(a)\(reverse ? " reverse" : ""): carry = \(squash ? "tanh " : "")\(update.name)(c, row); y = {\n"
      + program.text.split(separator: "\n").dropFirst().map { "      " + $0 }.joined(separator: "\n") + "\n    } returning \(returnsCarry ? "carry" : "ys")"
    return FuzzStep(text: text) { env in
      let (c, ys) = Lax.scan({ (c: Tensor, r: Tensor) -> (Tensor, Tensor) in
        let n = carry(c, r)
        return (n, program.run([n, r])[0])
      }, initial: Self.row0(env[a]), xs: env[a], reverse: reverse)
      return returnsCarry ? c : ys
    }
  }

  /// vmap of a random sub-program over one axis of the value.
  mutating func vmapStep(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 1, x.aval.shape.allSatisfy({ $0 >= 1 }) else { return nil }
    let axis = rng.int(0...(x.rank - 1))
    let example = Self.row0(Lax.transpose(x, [axis] + (0..<x.rank).filter { $0 != axis }))
    var sub = FuzzGenerator(rng: FuzzRNG(seed: rng.next()), depth: depth + 1)
    var body = FuzzProgram(seed: 0, inputs: [example])
    sub.extend(&body, steps: rng.int(1...4))
    let program = body
    let text = "vmap over axis \(axis) of %\(a) {\n"
      + program.text.split(separator: "\n").dropFirst().map { "      " + $0 }.joined(separator: "\n") + "\n    }"
    return FuzzStep(text: text) { env in
      let f: (Tensor) -> Tensor = vmap({ (r: Tensor) in program.run([r])[0] }, inAxes: .axis(axis))
      return f(env[a])
    }
  }
}
