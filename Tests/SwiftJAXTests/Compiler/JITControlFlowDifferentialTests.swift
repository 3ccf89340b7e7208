import Foundation
import Testing
@testable import SwiftJAX

/// Native control flow (C loops and branches) against eager evaluation of
/// the same programs, bit for bit. All cases share one jitted function.
@Suite
struct JITControlFlowDifferentialTests {
  static func lorenz(_ c: Tensor) -> Tensor { LorenzTwin.Stepper()(c) }

  @Test func controlFlowMatchesEager() {
    var batch = DifferentialBatch()
    let c0 = Tensor([10, 10, 10] as [Float])
    let seq = Tensor((0..<23).map { Float($0) * 0.7 - 3 })
    let grid = Tensor((0..<(12 * 5)).map { Float(($0 * 37) % 11) * 0.25 }, shape: [12, 5])

    // Lorenz RK4 rollout: small carry in registers, stacked ys in place.
    batch.add([c0]) { a in Lax.scan({ c, _ in let n = Self.lorenz(c); return (n, n) }, initial: a[0], xs: nil, length: 50).1 }
    // Unrolled, with a remainder (length 50, unroll 3), final carry only.
    batch.add([c0]) { a in Lax.scan({ c, _ in (Self.lorenz(c), nil as Tensor?) }, initial: a[0], xs: nil, length: 50, unroll: 3).0 }
    // xs and a captured constant; reverse.
    for reverse in [false, true] {
      batch.add([seq, c0]) { a in
        let (s, ys) = Lax.scan({ c, x in (c * 0.5 + x * a[1][1], Lax.sin(c) + x) }, initial: Tensor(Float(1)), xs: a[0], reverse: reverse)
        return Lax.concatenate([Lax.broadcastInDim(s, shape: [1], broadcastDimensions: []), ys], dimension: 0)
      }
    }
    // Nested scan: the inner one runs inside the outer body.
    batch.add([grid]) { a in
      Lax.scan({ c, row in
        let (inner, partial) = Lax.scan({ s, v in (s + v * c, s * v) }, initial: Tensor(Float(0)), xs: row)
        return (c + inner * 0.125, partial)
      }, initial: Tensor(Float(1)), xs: a[0]).1
    }
    // A large carry (double-buffered), an unchanged carry and swapped carries.
    batch.add([grid, c0]) { a in
      let (s, _) = Lax.scan({ (s: [Tensor], _: Tensor?) -> ([Tensor], Tensor?) in
        let (g, k, p, q) = (s[0], s[1], s[2], s[3])
        return ([g * 0.9 + Numpy.gradient(g, axis: 0) * k[0], k, q, p + 1.0], nil)
      }, initial: [a[0], a[1], Tensor(Float(1)), Tensor(Float(2))], xs: nil, length: 7)
      let (g, k, p, q) = (s[0], s[1], s[2], s[3])
      return Lax.concatenate([Lax.reshape(g, [60]), k, Lax.broadcastInDim(p - q, shape: [1], broadcastDimensions: [])], dimension: 0)
    }
    // Advection (seed 001) with forLoop on a small grid.
    batch.add([grid, grid * 0.3]) { a in
      Lax.forLoop(0, 9, body: { _, d in d + 0.1 * (-a[1] * Numpy.gradient(d, axis: 0)) }, initial: a[0])
    }
    // Length-0 scan.
    batch.add([c0]) { a in Lax.scan({ c, _ in (c * 2.0, c) }, initial: a[0], xs: nil, length: 0).0 }

    // while with a data-dependent trip count, small and large carries.
    batch.add([Tensor(Float(1.5))]) { a in
      let (x, n) = Lax.whileLoop(cond: { x, _ in x < 1000 }, body: { x, n in (x * 1.7 + 1, n + 1) }, initial: (a[0], Tensor(Int32(0))))
      return x + Lax.convertElementType(n, .float32)
    }
    batch.add([grid]) { a in
      func keepGoing(_ g: Tensor, _ i: Tensor) -> Tensor {
        let small: Tensor = Lax.reduceMax(g, axes: [0, 1]) < 40
        let few: Tensor = i < 100
        return Lax.and(small, few)
      }
      let (g, _) = Lax.whileLoop(cond: keepGoing, body: { g, i in (g * 1.5 + 0.25, i + 1) }, initial: (a[0], Tensor(Int32(0))))
      return g
    }
    // forLoop with traced bounds (lowers to while).
    batch.add([Tensor(Int32(3)), c0]) { a in
      Lax.forLoop(Tensor(Int32(0)), a[0], body: { i, v in v * 2.0 + Lax.convertElementType(i, .float32) }, initial: a[1])
    }

    // cond and switch, index clamping, small and large operands.
    for p in [true, false] {
      batch.add([Tensor(p), c0, grid]) { a in
        let r: [Tensor] = Lax.cond(a[0], { (x: Tensor, g: Tensor) -> [Tensor] in [x * 2.0, g + 1.0] }, { x, g in [x - 1.0, Numpy.gradient(g, axis: 1)] }, a[1], a[2])
        return Lax.concatenate([r[0], Lax.reshape(r[1], [60])], dimension: 0)
      }
    }
    for i in [-3, 0, 1, 2, 9] {
      batch.add([Tensor(Int32(i)), c0]) { a in
        Lax.switch(a[0], [{ x in x + 1.0 }, { x in x * 10.0 }, { x in -x }], a[1])
      }
    }
    // A scan whose body holds a cond and a while.
    batch.add([seq]) { a in
      Lax.scan({ c, x in
        let y = Lax.cond(x > 0, { v in v * 2.0 }, { v in v - 1.0 }, c)
        let (w, _) = Lax.whileLoop(cond: { w, k in k < 3 }, body: { w, k in (w + x, k + 1) }, initial: (y, Tensor(Int32(0))))
        return (w * 0.25, w)
      }, initial: Tensor(Float(0)), xs: a[0]).1
    }
    batch.run()
  }

  @Test func scanIsNativeLoop() {
    let f = jit { (c: Tensor) in
      Lax.scan({ c, _ in let n = Self.lorenz(c); return (n, n) }, initial: c, xs: nil, length: 100).1
    }
    let src = f.lower(Tensor([10, 10, 10] as [Float])).cSource
    #expect(src.contains("for (int64_t it"))
    #expect(!src.contains("rt->callback"))
  }
}
