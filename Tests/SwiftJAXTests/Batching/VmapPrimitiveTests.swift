import Testing
@testable import SwiftJAX

/// One way to batch a case: the batch size, which axis of each operand is
/// mapped (nil: shared), and where the batch axis goes in the outputs.
struct BatchVariant: CustomStringConvertible {
  let size: Int
  let inAxes: [Int?]
  let outAxis: Int

  var description: String { "size \(size), inAxes \(inAxes.map { $0.map(String.init) ?? "nil" }), outAxis \(outAxis)" }

  /// Random variants of `c` (seeded by its name): every operand mapped at a
  /// random (sometimes negative) axis or shared, at least one mapped.
  static func draw(for c: BatchCase, count: Int = 4) -> [BatchVariant] {
    var rng = SplitMix64(seed: UInt64(truncatingIfNeeded: c.name.hashValueStable))
    return (0..<count).map { k in
      var axes: [Int?] = c.args.map { a in
        if Bool.random(using: &rng) && Bool.random(using: &rng) { return nil }
        let ax = Int.random(in: 0...a.shape.count, using: &rng)
        return Bool.random(using: &rng) ? ax - (a.shape.count + 1) : ax
      }
      // The first variant maps everything at 0; every variant maps something.
      if k == 0 { axes = c.args.map { _ in 0 } }
      if axes.allSatisfy({ $0 == nil }) { axes[Int.random(in: 0..<axes.count, using: &rng)] = 0 }
      return BatchVariant(size: Int.random(in: 1...4, using: &rng), inAxes: axes, outAxis: Int.random(in: -1...3, using: &rng))
    }
  }

  /// The output axis for an output of per-example rank `rank`.
  func outAxis(rank: Int) -> Int {
    let r = rank + 1
    return ((outAxis % r) + r) % r
  }
}

extension String {
  /// FNV-1a: a hash that is the same in every process (Swift's `hashValue`
  /// is randomly seeded).
  var hashValueStable: UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
  }
}

@Suite struct VmapPrimitiveTests {
  /// Batched operand avals of a variant.
  func batchedAvals(_ c: BatchCase, _ v: BatchVariant) -> [ShapedArray] {
    zip(c.args, v.inAxes).map { a, ax in
      var shape = a.shape
      if let ax { shape.insert(v.size, at: ax < 0 ? ax + a.shape.count + 1 : ax) }
      return ShapedArray(shape: shape, dtype: a.dtype)
    }
  }

  func vmapped(_ c: BatchCase, _ v: BatchVariant, outRanks: [Int]) -> ([Tensor]) -> [Tensor] {
    let spec: AxisSpec = .children(v.inAxes.map { $0.map(AxisSpec.axis) })
    let outSpec: AxisSpec = .children(outRanks.map { .axis(v.outAxis(rank: $0)) })
    return vmap(c.fn, inAxes: [spec], outAxes: outSpec)
  }

  /// Output ranks of the unbatched function, from its shape rule.
  func outRanks(_ c: BatchCase) -> [Int] {
    let avals = c.args.map { ShapedArray(shape: $0.shape, dtype: $0.dtype) }
    return makeJaxpr(c.fn, avals).outAvals.map(\.rank)
  }

  /// The batched program is well typed and has the shapes of the loop's
  /// result. Needs no kernels: everything is staged.
  @Test(arguments: batchCases)
  func stagedProgramTypechecks(_ c: BatchCase) throws {
    let avals0 = c.args.map { ShapedArray(shape: $0.shape, dtype: $0.dtype) }
    let perExample = makeJaxpr(c.fn, avals0).outAvals
    for v in BatchVariant.draw(for: c) {
      let j = makeJaxpr(vmapped(c, v, outRanks: perExample.map(\.rank)), batchedAvals(c, v))
      try j.jaxpr.typecheck()
      let want = perExample.map { a -> ShapedArray in
        var s = a.shape
        s.insert(v.size, at: v.outAxis(rank: a.rank))
        return ShapedArray(shape: s, dtype: a.dtype)
      }
      #expect(j.outAvals.map(\.shape) == want.map(\.shape), "\(v)")
      #expect(j.outAvals.map(\.dtype) == want.map(\.dtype), "\(v)")
    }
  }

  /// vmap gives what a loop over the batch gives.
  @Test(arguments: batchCases)
  func matchesLoop(_ c: BatchCase) throws {
    let ranks = outRanks(c)
    var rng = SplitMix64(seed: c.name.hashValueStable ^ 0x5eed)
    for v in BatchVariant.draw(for: c) {
      let args = zip(c.args, v.inAxes).map { a, ax in
        randomTensor(a, batch: ax.map { (v.size, $0 < 0 ? $0 + a.shape.count + 1 : $0) }, &rng)
      }
      let got = try JAXError.capture { vmapped(c, v, outRanks: ranks)(args) }
      var perExample: [[Tensor]] = []
      for b in 0..<v.size {
        let slice = zip(args, v.inAxes).map { x, ax in ax.map { take(x, axis: $0 < 0 ? $0 + x.rank : $0, index: b) } ?? x }
        perExample.append(c.fn(slice))
      }
      for (k, rank) in ranks.enumerated() {
        let want = stack(perExample.map { $0[k] }, axis: v.outAxis(rank: rank))
        expectSameValues(got[k], want, "output \(k), \(v)")
      }
    }
  }
}
