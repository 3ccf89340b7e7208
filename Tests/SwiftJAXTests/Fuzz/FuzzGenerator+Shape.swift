@testable import SwiftJAX

/// Steps that move elements: transposes, flips, slices, pads, reshapes,
/// broadcasts, concatenations, rolls, gathers and dynamic slices.
extension FuzzGenerator {
  mutating func transpose(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 2 else { return nil }
    var perm = Array(0..<x.rank)
    for i in stride(from: perm.count - 1, to: 0, by: -1) { perm.swapAt(i, rng.int(0...i)) }
    if perm == Array(0..<x.rank) { perm.swapAt(0, x.rank - 1) }
    return FuzzStep(text: "transpose %\(a) \(perm)") { Lax.transpose($0[a], perm) }
  }

  mutating func rev(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 1 else { return nil }
    let dims = rng.subset(x.rank, nonEmpty: true)
    return FuzzStep(text: "rev %\(a) \(dims)") { Lax.rev($0[a], dimensions: dims) }
  }

  mutating func slice(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 1, x.aval.count > 0 else { return nil }
    var start: [Int] = [], limit: [Int] = [], strides: [Int] = []
    for n in x.aval.shape {
      // Mostly trims an edge; sometimes a narrow or strided window.
      let s = rng.chance(0.7) ? rng.int(0...min(1, n - 1)) : rng.int(0...(n - 1))
      start.append(s)
      limit.append(rng.chance(0.7) ? max(s + 1, n - rng.int(0...1)) : rng.int((s + 1)...n))
      strides.append(rng.pick([1, 1, 1, 2, 3]))
    }
    return FuzzStep(text: "slice %\(a) \(start)..<\(limit) by \(strides)") { Lax.slice($0[a], start: start, limit: limit, strides: strides) }
  }

  mutating func pad(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 1 else { return nil }
    let config: [PadConfig] = x.aval.shape.map { n in
      let interior = n > 1 && rng.chance(0.3) ? 1 : 0
      let low = rng.int(-1...2), high = rng.int(-1...2)
      let size = n + low + high + interior * (n - 1)
      return size >= 1 && low >= -n && high >= -n ? PadConfig(low: low, high: high, interior: interior) : PadConfig(low: 0, high: 0)
    }
    let (c, text) = FuzzValues.scalar(&rng, x.dtype)
    return FuzzStep(text: "pad %\(a) with \(text) \(config.map { "(\($0.low),\($0.high),\($0.interior))" })") { Lax.pad($0[a], c, config: config) }
  }

  mutating func reshape(_ x: Tensor, _ a: Int) -> FuzzStep? {
    var s = x.aval.shape
    switch rng.int(0...3) {
    case 0: s = [x.aval.count]
    case 1 where s.count >= 2:
      let d = rng.int(0...(s.count - 2))
      s.replaceSubrange(d...(d + 1), with: [s[d] * s[d + 1]])
    case 2:
      // Split the first dimension with a proper factor.
      func factor(_ n: Int) -> Int? { n < 4 ? nil : (2..<n).first { n % $0 == 0 } }
      guard let d = s.indices.first(where: { factor(s[$0]) != nil }) else { return nil }
      let f = factor(s[d])!
      s.replaceSubrange(d...d, with: [f, s[d] / f])
    default: s.insert(1, at: rng.int(0...s.count))
    }
    return FuzzStep(text: "reshape %\(a) to \(s)") { Lax.reshape($0[a], s) }
  }

  mutating func broadcast(_ x: Tensor, _ a: Int) -> FuzzStep? {
    var shape = x.aval.shape
    var dims = Array(0..<x.rank)
    if let one = shape.firstIndex(of: 1), rng.chance(0.4) {
      shape[one] = rng.pick([2, 3, 16])
    } else {
      let p = rng.int(0...x.rank)
      shape.insert(rng.pick([1, 2, 3, 5]), at: p)
      dims = dims.map { $0 >= p ? $0 + 1 : $0 }
    }
    if rng.chance(0.3) {
      return FuzzStep(text: "squeeze(expand_dims %\(a))") { Lax.squeeze(Lax.expandDims($0[a], dimensions: [0]), dimensions: [0]) }
    }
    return FuzzStep(text: "broadcast %\(a) to \(shape) dims \(dims)") { Lax.broadcastInDim($0[a], shape: shape, broadcastDimensions: dims) }
  }

  mutating func concatenate(_ env: [Tensor], _ a: Int) -> FuzzStep? {
    let x = env[a]
    guard x.rank >= 1 else { return nil }
    let d = rng.int(0...(x.rank - 1))
    func fits(_ y: Tensor) -> Bool {
      y.rank == x.rank && y.dtype == x.dtype && (0..<x.rank).allSatisfy { $0 == d || y.aval.shape[$0] == x.aval.shape[$0] }
    }
    let b = rng.pick(env.indices.filter { fits(env[$0]) })
    let flipped = rng.chance(0.5)
    return FuzzStep(text: "concatenate [%\(a), \(flipped ? "rev " : "")%\(b)] dim \(d)") { env in
      Lax.concatenate([env[a], flipped ? Lax.rev(env[b], dimensions: [d]) : env[b]], dimension: d)
    }
  }

  mutating func roll(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 1 else { return nil }
    let d = rng.int(0...(x.rank - 1)), k = rng.int(-3...3)
    return FuzzStep(text: "roll %\(a) by \(k) axis \(d)") { jnp.roll($0[a], shift: k, axis: d) }
  }

  mutating func take(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 1, x.aval.count > 0 else { return nil }
    let d = rng.int(0...(x.rank - 1))
    let idx = (0..<rng.int(1...4)).map { _ in Int32(rng.int(0...(x.aval.shape[d] - 1))) }
    let indices = Tensor(idx)
    return FuzzStep(text: "take %\(a) \(idx) axis \(d)") { jnp.take($0[a], indices, axis: d) }
  }

  /// A dynamic slice at constant starts (clamped into range), or a
  /// dynamic update of such a slice with its own reversal.
  mutating func dynamicSlice(_ x: Tensor, _ a: Int) -> FuzzStep? {
    guard x.rank >= 1, x.aval.count > 0 else { return nil }
    let sizes = x.aval.shape.map { rng.int(1...$0) }
    let starts = x.aval.shape.map { Int32(rng.int(-1...($0 + 1))) }
    let startTensors = starts.map { Tensor($0) }
    if rng.chance(0.5) {
      return FuzzStep(text: "dynamic_slice %\(a) at \(starts) size \(sizes)") { Lax.dynamicSlice($0[a], startIndices: startTensors, sliceSizes: sizes) }
    }
    return FuzzStep(text: "dynamic_update_slice %\(a) at \(starts) with rev(its slice \(sizes))") { env in
      let part = Lax.dynamicSlice(env[a], startIndices: startTensors.reversed(), sliceSizes: sizes)
      return Lax.dynamicUpdateSlice(env[a], Lax.rev(part, dimensions: Array(0..<part.rank)), startIndices: startTensors)
    }
  }
}
