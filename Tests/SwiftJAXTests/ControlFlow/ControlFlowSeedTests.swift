import Testing
@testable import SwiftJAX

/// The seed articles' control-flow examples, against JAX's values.
@Suite struct ControlFlowSeedTests {
  // Seed 002: cumulative sum with scan.
  @Test func cumulativeSum() {
    func cumsumFn(_ prevSum: Tensor, _ nextValue: Tensor) -> (Tensor, Tensor) {
      (prevSum + nextValue, prevSum + nextValue)
    }
    let sequence = Tensor([1, 2, 3, 4, 5])
    let initialSum = Tensor(0, dtype: .int32)
    let (cumulativeSum, partials) = Lax.scan(cumsumFn, initial: initialSum, xs: sequence)
    expectMatches(cumulativeSum, ControlFlowFixtures.sub("cumsum", "total"))
    expectMatches(partials, ControlFlowFixtures.sub("cumsum", "ys"))
  }

  // Seed 002: moving average with a tuple carry.
  @Test func movingAverage() {
    func movingAverage(_ state: (Tensor, Tensor), _ nextValue: Tensor) -> ((Tensor, Tensor), Tensor) {
      let (prevAvg, _) = state
      let newAvg = (prevAvg * 2 + nextValue) / 3
      return ((newAvg, nextValue), newAvg)
    }
    let initialState: (Tensor, Tensor) = (0.0, 0.0)
    let sensorData = Tensor([10.0, 12.0, 14.0, 16.0, 18.0] as [Float])
    let (finalState, movingAverages) = Lax.scan(movingAverage, initial: initialState, xs: sensorData)
    expectMatches(movingAverages, ControlFlowFixtures.sub("moving_average", "ys"))
    expectMatches(finalState.0, ControlFlowFixtures.sub("moving_average", "final0"))
    expectMatches(finalState.1, ControlFlowFixtures.sub("moving_average", "final1"))
  }

  // Seed 003: the while_loop counter.
  @Test func whileCounter() {
    func condFun(_ i: Tensor, _ n: Tensor) -> Tensor { i < n }
    func bodyFun(_ i: Tensor, _ n: Tensor) -> (Tensor, Tensor) { (i + 1, n) }
    func g(_ x: Tensor, _ n: Tensor) -> Tensor {
      let (end, _) = Lax.whileLoop(cond: condFun, body: bodyFun, initial: (Tensor(weak: 0), n))
      return x + end
    }
    expectMatches(g(Tensor(weak: 1), Tensor(weak: 5)), ControlFlowFixtures.values("while_counter"))
  }

  @Test func forLoopStaticAndDynamic() {
    let s = Lax.forLoop(0, 10, body: { i, v in v + i }, initial: Tensor(weak: 1.0))
    expectMatches(s, ControlFlowFixtures.values("fori_sum"))
    let d = Lax.forLoop(Tensor(Int32(0)), Tensor(Int32(5)), body: { _, v in v * 2 }, initial: Tensor(weak: 1))
    expectMatches(d, ControlFlowFixtures.values("fori_dynamic"))
  }

  @Test func condAndSwitch() {
    let x = Tensor(Float(3))
    expectMatches(Lax.cond(Tensor(true), { x in x * 2.0 }, { x in x + 1.0 }, x), ControlFlowFixtures.values("cond_true"))
    expectMatches(Lax.cond(Tensor(false), { x in x * 2.0 }, { x in x + 1.0 }, x), ControlFlowFixtures.values("cond_false"))
    let refs = ControlFlowFixtures.root["switch"] as? [Any] ?? []
    for (k, i) in [-3, 0, 1, 2, 9].enumerated() {
      let r: Tensor = Lax.switch(Tensor(Int32(i)), [{ x in x + 1 }, { x in x * 10 }, { x in -x }], Tensor(Int32(7)))
      expectMatches(r, ControlFlowFixtures.values(refs[k]))
    }
  }

  @Test func reverseScanKeepsIndexOrder() {
    let (_, ys) = Lax.scan({ c, x in (c + x, c * x) }, initial: Tensor(Float(1)), xs: Tensor([0, 1, 2, 3, 4] as [Float]), reverse: true)
    expectMatches(ys, ControlFlowFixtures.values("scan_reverse"))
  }

  // Seed 000: the Lorenz RK4 rollout with scan, 200 float32 steps.
  @Test func lorenzRollout() {
    let trajectory = LorenzTwin.rolloutScan(LorenzTwin.Stepper())(Tensor([10, 10, 10], dtype: .int32).weakened(), 200)
    expectMatches(trajectory, ControlFlowFixtures.values("lorenz_200"), rtol: 1e-4, atol: 1e-4)
  }
}

/// The seed 000 stepper, written with the Lax layer (the NumPy layer's
/// indexing makes it read even closer to the Python).
enum LorenzTwin {
  struct Stepper {
    var sigma = 10.0, rho = 28.0, beta = 8.0 / 3.0, tau = 0.01

    func rhs(_ c: Tensor) -> Tensor {
      let x = component(c, 0), y = component(c, 1), z = component(c, 2)
      return stack3(sigma * (y - x), x * (rho - z) - y, x * y - beta * z)
    }

    func callAsFunction(_ coords: Tensor) -> Tensor {
      let k1 = tau * rhs(coords)
      let k2 = tau * rhs(coords + (1.0 / 2.0) * k1)
      let k3 = tau * rhs(coords + (1.0 / 2.0) * k2)
      let k4 = tau * rhs(coords + k3)
      return coords + (1.0 / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4)
    }
  }

  static func component(_ c: Tensor, _ i: Int) -> Tensor {
    Lax.squeeze(Lax.slice(c, start: [i], limit: [i + 1]), dimensions: [0])
  }

  static func stack3(_ a: Tensor, _ b: Tensor, _ c: Tensor) -> Tensor {
    Lax.concatenate([a, b, c].map { Lax.broadcastInDim($0, shape: [1], broadcastDimensions: []) }, dimension: 0)
  }

  static func rolloutScan(_ stepper: Stepper) -> (Tensor, Int) -> Tensor {
    func scanFn(_ coords: Tensor, _: Tensor?) -> (Tensor, Tensor) {
      let newCoords = stepper(coords)
      return (newCoords, newCoords)
    }
    return { initCoords, length in
      let (_, trajectory) = Lax.scan(scanFn, initial: initCoords, xs: nil, length: length)
      return trajectory
    }
  }
}

extension Tensor {
  /// The same values marked weakly typed, like `jnp.full((3,), 10)`.
  func weakened() -> Tensor {
    let c = ConcreteArray(uninitialized: aval.with(dtype: dtype, weakType: true))
    c.data.copyMemory(from: concrete!.data, byteCount: aval.byteCount)
    return Tensor(value: c)
  }
}
