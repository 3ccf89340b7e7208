import Foundation
import Testing
@testable import SwiftJAX

/// Rules of the collectives beyond the JAX fixtures: derivatives against
/// finite differences, batching over another axis against a loop, errors,
/// and the device barrier's failure modes.
@Suite struct CollectiveRuleTests {
  /// One collective per entry, applied to a per-member value of shape [4, 8]
  /// on an axis of size 4 (`i`).
  static let ops: [String: (Tensor) -> Tensor] = [
    "psum": { Lax.psum($0, axisName: "i") },
    "pmean": { Lax.pmean($0, axisName: "i") },
    "pmax": { Lax.pmax($0, axisName: "i") },
    "pmin": { Lax.pmin($0, axisName: "i") },
    "all_gather": { Lax.allGather($0, axisName: "i", axis: 1) },
    "all_gather_tiled": { Lax.allGather($0, axisName: "i", axis: 1, tiled: true) },
    "psum_scatter": { Lax.psumScatter($0, axisName: "i") },
    "psum_scatter_tiled_1": { Lax.psumScatter($0, axisName: "i", scatterDimension: 1, tiled: true) },
    "all_to_all_01": { Lax.allToAll($0, axisName: "i", splitAxis: 0, concatAxis: 1) },
    "all_to_all_10_tiled": { Lax.allToAll($0, axisName: "i", splitAxis: 1, concatAxis: 0, tiled: true) },
    "ppermute": { Lax.ppermute($0, axisName: "i", perm: [(0, 1), (1, 3), (3, 0)]) },
    "axis_index": { $0 * Lax.axisIndex(axisName: "i").astype(.float64) },
  ]
  static var names: [String] { ops.keys.sorted() }

  static func input(_ seed: UInt64, _ shape: [Int]) -> Tensor {
    var g = SplitMix64(seed: seed)
    let n = shape.reduce(1, *)
    // Distinct values, so pmax/pmin have no ties.
    let values = (0..<n).map { k in Double(k) * 0.37 + Double(g.next() % 1000) * 1e-4 }.shuffled(using: &g)
    return Tensor(values, shape: shape)
  }

  /// d/dX of sum(w * vmap(op)(X)) by grad against central differences, in
  /// float64 (JVP, transpose and the named-axis batching together).
  @Test(arguments: names) func gradientMatchesFiniteDifferences(_ name: String) {
    JAXConfig.withX64 {
      let op = Self.ops[name]!
      let x = Self.input(7, [4, 4, 8])
      let mapped = vmap(op, axisName: "i")
      let w = Self.input(8, mapped(x).shape)
      let loss = { (x: Tensor) in (w * Numpy.sin(mapped(x))).sum() }
      let g = grad(loss)(x).toArray(Double.self)
      let xs = x.toArray(Double.self)
      let eps = 1e-6
      for k in stride(from: 0, to: xs.count, by: 7) {
        var up = xs, down = xs
        up[k] += eps
        down[k] -= eps
        let fd = (loss(Tensor(up, shape: x.shape)).item(Double.self) - loss(Tensor(down, shape: x.shape)).item(Double.self)) / (2 * eps)
        #expect(abs(fd - g[k]) <= 1e-5 * max(1, abs(fd)), "\(name): element \(k): grad \(g[k]) vs finite difference \(fd)")
      }
    }
  }

  /// grad inside the named vmap (pmap's semantics: each member's gradient
  /// of the sum of every member's loss, as psum transposes to psum) uses
  /// the collectives' own JVP and transpose rules; checked against central
  /// differences of the total.
  @Test(arguments: names) func gradInsideNamedVmapIsGradientOfTotal(_ name: String) {
    JAXConfig.withX64 {
      let op = Self.ops[name]!
      let x = Self.input(9, [4, 4, 8])
      let w = Self.input(10, vmap(op, axisName: "i")(x).shape)
      let memberLoss = { (x: Tensor, w: Tensor) in (w * Numpy.sin(op(x))).sum() }
      let g = vmap({ (x: Tensor, w: Tensor) in grad { (x: Tensor) in memberLoss(x, w) }(x) }, axisName: "i")(x, w).toArray(Double.self)
      let total = { (x: Tensor) in vmap(memberLoss, axisName: "i")(x, w).sum().item(Double.self) }
      let xs = x.toArray(Double.self)
      let eps = 1e-6
      for k in stride(from: 0, to: xs.count, by: 5) {
        var up = xs, down = xs
        up[k] += eps
        down[k] -= eps
        let fd = (total(Tensor(up, shape: x.shape)) - total(Tensor(down, shape: x.shape))) / (2 * eps)
        #expect(abs(fd - g[k]) <= 1e-5 * max(1, abs(fd)), "\(name): element \(k): grad \(g[k]) vs finite difference \(fd)")
      }
    }
  }

  /// A collective over `i` inside an unnamed inner vmap (the other-axis
  /// batching rule) equals a loop over the inner axis.
  @Test(arguments: names) func batchingOverAnotherAxisEqualsLoop(_ name: String) {
    JAXConfig.withX64 {
      let op = Self.ops[name]!
      let x = Self.input(11, [4, 3, 4, 8])   // [i, j, per-member...]
      let batched = vmap({ (xi: Tensor) in vmap(op, inAxes: 0, outAxes: 0)(xi) }, axisName: "i")(x)
      let slices = (0..<3).map { j in vmap(op, axisName: "i")(Lax.squeeze(Lax.sliceInDim(x, start: j, limit: j + 1, axis: 1), dimensions: [1])) }
      let looped = Numpy.stack(slices, axis: 1)
      expectSameValues(batched, looped, rtol: 1e-14, atol: 1e-14, name)
    }
  }

  /// pmap (device threads, compiled) equals vmap(axisName:) for every op.
  @Test(arguments: names) func pmapEqualsNamedVmap(_ name: String) {
    JAXConfig.withX64 {
      Devices.localCount = max(Devices.localCount, 4)
      let op = Self.ops[name]!
      let x = Self.input(13, [4, 4, 8])
      expectSameValues(pmap(op, axisName: "i")(x), vmap(op, axisName: "i")(x), rtol: 1e-14, atol: 1e-14, name)
    }
  }

  @Test func unboundAxisNameIsAnError() {
    #expect {
      try JAXError.capture { _ = Lax.psum(Tensor([1, 2] as [Float]), axisName: "batch") }
    } throws: { e in
      let e = e as! JAXError
      return e.operation == "psum" && e.message.contains("unbound axis name: 'batch'") && e.site?.file.hasSuffix("CollectiveRuleTests.swift") == true
    }
  }

  @Test func shapeErrorsNameTheCollective() {
    let x = Tensor([Float](repeating: 1, count: 12), shape: [4, 3])
    #expect {
      try JAXError.capture { _ = vmap({ Lax.psumScatter($0, axisName: "i") }, axisName: "i")(x) }
    } throws: { e in
      let e = e as! JAXError
      return e.operation == "reduce_scatter" && e.message.contains("must match shard count 4")
    }
    #expect {
      try JAXError.capture { _ = vmap({ Lax.allGather($0, axisName: "i", axis: 3) }, axisName: "i")(x) }
    } throws: { e in (e as! JAXError).message.contains("all_gather axis 3 is out of bounds") }
    #expect {
      try JAXError.capture { _ = vmap({ Lax.ppermute($0, axisName: "i", perm: [(0, 1), (2, 1)]) }, axisName: "i")(x) }
    } throws: { e in (e as! JAXError).message.contains("unique") }
  }

  @Test func pmapChecksDevicesAndSizes() {
    Devices.localCount = max(Devices.localCount, 4)
    let tooMany = Tensor([Float](repeating: 1, count: Devices.localCount + 1))
    #expect {
      try JAXError.capture { _ = pmap({ Lax.psum($0, axisName: "i") }, axisName: "i")(tooMany) }
    } throws: { e in (e as! JAXError).message.contains("device(s) are available") }
    #expect {
      try JAXError.capture {
        _ = pmap({ (a: Tensor, b: Tensor) in a + b }, axisName: "i")(Tensor([1, 2] as [Float]), Tensor([1, 2, 3] as [Float]))
      }
    } throws: { e in (e as! JAXError).message.contains("inconsistent sizes") }
  }

  /// A member that never arrives makes the others fail within the timeout.
  @Test func barrierTimesOut() {
    let group = DeviceGroup(size: 2, timeout: 0.2)
    let t0 = Date()
    #expect(throws: JAXError.self) { try group.allGather(ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: .float32)), rank: 0) }
    #expect(Date().timeIntervalSince(t0) < 5)
  }

  /// A member that fails releases the others at once (no timeout wait).
  @Test func abortReleasesWaitingMembers() {
    let group = DeviceGroup(size: 2, timeout: 60)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { group.abort("device 1 failed: test") }
    let t0 = Date()
    #expect {
      try group.allGather(ConcreteArray(uninitialized: ShapedArray(shape: [], dtype: .float32)), rank: 0)
    } throws: { e in (e as! JAXError).message.contains("device 1 failed: test") }
    #expect(Date().timeIntervalSince(t0) < 10)
  }

  /// A jitted program holding a collective runs it through the runtime on
  /// each device thread: one compiled function per data-parallel step.
  @Test func jittedStepInsidePmapIsOneProgram() {
    Devices.localCount = max(Devices.localCount, 2)
    let step = jit { (x: Tensor) in Lax.pmean(x * x, axisName: "i") + Lax.axisIndex(axisName: "i").astype(.float32) }
    let out = pmap({ (x: Tensor) in step(x) }, axisName: "i")(Tensor([1, 2, 3, 4] as [Float], shape: [2, 2]))
    #expect(out.toArray(Float.self) == [5, 10, 6, 11])
  }
}
