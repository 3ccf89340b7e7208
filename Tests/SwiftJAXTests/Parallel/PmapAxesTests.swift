import Foundation
import Testing
@testable import SwiftJAX

/// `pmap(inAxes:outAxes:)` and `shardMap` against JAX 0.10.2 on 2 host
/// devices (Tests/Fixtures/pmap_axes.json, made by
/// scripts/fixtures/gen_pmap_axes.py), against `vmap(axisName:)`, under
/// `jit`, and their errors.
@Suite struct PmapAxesTests {
  typealias P = PartitionSpec
  static let mesh = Mesh(axisShapes: [2], axisNames: ["i"])

  struct Fixture {
    let inputs: [Tensor]
    let outs: [Tensor]
  }

  private struct File: Decodable {
    struct Case: Decodable {
      let name: String
      let inputs: [FixtureArray]
      let outs: [FixtureArray]
    }
    let cases: [Case]
  }

  /// Empty when the file is missing or malformed (`everyFixtureHasAFunction`
  /// then fails).
  static let fixtures: [String: Fixture] = {
    guard let file = try? Fixtures.decode(File.self, "pmap_axes.json") else { return [:] }
    var out: [String: Fixture] = [:]
    for c in file.cases {
      guard let inputs = try? c.inputs.map({ try $0.tensor() }), let outs = try? c.outs.map({ try $0.tensor() }) else { continue }
      out[c.name] = Fixture(inputs: inputs, outs: outs)
    }
    return out
  }()

  /// The generator's functions, mapped the same way; each returns its
  /// outputs as a list.
  static let functions: [String: ([Tensor]) -> [Tensor]] = [
    "pmap_in_1_none": { a in [pmap({ (x: Tensor, w: Tensor) in x * w }, axisName: "i", inAxes: [1, nil])(a[0], a[1])] },
    "pmap_in_1_out_1": { a in [pmap({ (x: Tensor) in Numpy.sin(x) * 2 }, axisName: "i", inAxes: 1, outAxes: 1)(a[0])] },
    "pmap_out_none_psum": { a in [pmap({ (x: Tensor) in Lax.psum(x, axisName: "i") }, axisName: "i", inAxes: 1, outAxes: nil)(a[0])] },
    "pmap_tuple_out": { a in
      pmap({ (x: Tensor, w: Tensor) in [x * w, Lax.psum(x, axisName: "i")] }, axisName: "i", inAxes: [0, nil], outAxes: [1, nil])(a[0], a[1])
    },
    "pmap_in_none_first": { a in
      [pmap({ (w: Tensor, x: Tensor) in x - Lax.pmean(x, axisName: "i") + w }, axisName: "i", inAxes: [nil, 0])(a[0], a[1])]
    },
    "shard_rows": { a in
      [shardMap({ (x: Tensor) in x * 2 + Lax.axisIndex(axisName: "i").astype(.float32) }, mesh: mesh, inSpecs: P("i"), outSpecs: P("i"))(a[0])]
    },
    "shard_cols_matvec": { a in
      [shardMap({ (x: Tensor, w: Tensor) in Lax.psum(Numpy.matmul(x, w), axisName: "i") },
                mesh: mesh, inSpecs: [P(nil, "i"), P("i")], outSpecs: P())(a[0], a[1])]
    },
    "shard_out_dim1": { a in [shardMap({ (x: Tensor) in x.T * 3 }, mesh: mesh, inSpecs: P("i"), outSpecs: P(nil, "i"))(a[0])] },
    "shard_replicated_in": { a in
      [shardMap({ (x: Tensor, b: Tensor) in x + b }, mesh: mesh, inSpecs: [P("i"), P()], outSpecs: P("i"))(a[0], a[1])]
    },
    "shard_all_gather": { a in
      [shardMap({ (x: Tensor) in Lax.allGather(x, axisName: "i", axis: 1, tiled: true) }, mesh: mesh, inSpecs: P(nil, "i"), outSpecs: P())(a[0])]
    },
  ]
  static var names: [String] { functions.keys.sorted() }

  @Test func everyFixtureHasAFunction() {
    #expect(Self.fixtures.count == Self.functions.count, "run scripts/fixtures/gen_pmap_axes.py")
    for name in Self.fixtures.keys { #expect(Self.functions[name] != nil, "no Swift function for fixture \(name)") }
  }

  /// On device threads (compiled, one per device).
  @Test(arguments: names) func matchesJAX(_ name: String) throws {
    let fx = try #require(Self.fixtures[name])
    Devices.localCount = max(Devices.localCount, 2)
    let outs = Self.functions[name]!(fx.inputs)
    #expect(outs.count == fx.outs.count)
    for (o, e) in zip(outs, fx.outs) { expectSameValues(o, e, rtol: 2e-6, atol: 1e-6, name) }
  }

  /// Under `jit` the same function is computed by the named `vmap`.
  @Test(arguments: names) func underJITMatchesJAX(_ name: String) throws {
    let fx = try #require(Self.fixtures[name])
    let outs = jit(Self.functions[name]!)(fx.inputs)
    for (o, e) in zip(outs, fx.outs) { expectSameValues(o, e, rtol: 2e-6, atol: 1e-6, name) }
  }

  /// pmap with in/out axes equals vmap with the same axes and name.
  @Test func pmapEqualsNamedVmapWithAxes() {
    Devices.localCount = max(Devices.localCount, 3)
    let f = { (x: Tensor, w: Tensor) in [Numpy.tanh(x) * w, Lax.pmax(x.sum(), axisName: "i")] }
    let x = Numpy.arange(12, dtype: .float32).reshape(4, 3) * 0.3
    let w = Tensor([1, -2, 0.5, 3] as [Float])
    let p = pmap(f, axisName: "i", inAxes: [1, nil], outAxes: [-1, nil])(x, w)
    let v = vmap(f, inAxes: [1, nil], outAxes: [-1, nil], axisName: "i")(x, w)
    #expect(p.map(\.shape) == [[4, 3], []])
    #expect(p.count == v.count)
    for (a, b) in zip(p, v) { #expect(a.toArray(Float.self) == b.toArray(Float.self)) }
  }

  /// shardMap equals a loop over the blocks, for a sharded middle axis.
  @Test func shardMapEqualsLoopOverBlocks() {
    Devices.localCount = max(Devices.localCount, 3)
    let mesh = Mesh(axisShapes: [3], axisNames: ["d"])
    let x = Numpy.arange(2 * 6 * 2, dtype: .float32).reshape(2, 6, 2)
    let f = { (b: Tensor) in Numpy.cumsum(b, axis: 1) * (Lax.axisIndex(axisName: "d").astype(.float32) + 1) }
    let sharded = shardMap(f, mesh: mesh, inSpecs: P(nil, "d"), outSpecs: P(nil, "d"))(x)
    let blocks = (0..<3).map { r in
      Numpy.cumsum(Lax.sliceInDim(x, start: 2 * r, limit: 2 * r + 2, axis: 1), axis: 1) * Float(r + 1)
    }
    #expect(sharded.toArray(Float.self) == Lax.concatenate(blocks, dimension: 1).toArray(Float.self))
  }

  @Test func pmapErrorsNameTheArgumentsAndShapes() {
    Devices.localCount = max(Devices.localCount, 3)
    let add = pmap({ (a: Tensor, b: Tensor) in a + b }, axisName: "i", inAxes: [0, 1])
    #expect {
      try JAXError.capture { _ = add(Numpy.zeros([2, 3]), Numpy.zeros([2, 3])) }
    } throws: { e in
      let m = (e as! JAXError).message
      return m.contains("pmap got inconsistent sizes") && m.contains("axis 0 of argument 0 of type float32[2,3]")
        && m.contains("axis 1 of argument 1 of type float32[2,3]")
    }
    #expect {
      try JAXError.capture { _ = pmap({ (a: Tensor) in a }, axisName: "i", inAxes: nil)(Numpy.zeros([2])) }
    } throws: { e in (e as! JAXError).message.contains("at least one argument with a mapped axis") }
    #expect {
      try JAXError.capture { _ = pmap({ (a: Tensor) in a }, axisName: "i", inAxes: 2)(Numpy.zeros([2, 3])) }
    } throws: { e in (e as! JAXError).message.contains("argument 0 along axis 2") }
  }

  /// A nil output axis is for values the same on every device.
  @Test func nilOutAxisNeedsTheSameValueOnEveryDevice() {
    Devices.localCount = max(Devices.localCount, 2)
    let (bad, line) = (pmap({ (x: Tensor) in x * 2 }, axisName: "i", outAxes: nil), #line)
    #expect {
      try JAXError.capture { _ = bad(Tensor([1, 2] as [Float])) }
    } throws: { e in
      let e = e as! JAXError
      return e.message.contains("device 1 computed a different value") && e.site?.line == UInt(line)
    }
    // A value that does not depend on the mapped argument is fine.
    let same = pmap({ (x: Tensor, w: Tensor) in w * 2 }, axisName: "i", inAxes: [0, nil], outAxes: nil)
    #expect(same(Tensor([1, 2] as [Float]), Tensor([3] as [Float])).toArray(Float.self) == [6])
  }

  @Test func shardMapErrors() {
    Devices.localCount = max(Devices.localCount, 2)
    let f = shardMap({ (x: Tensor) in x }, mesh: Self.mesh, inSpecs: P("i"), outSpecs: P("i"))
    #expect {
      try JAXError.capture { _ = f(Numpy.zeros([3, 2])) }
    } throws: { e in
      let m = (e as! JAXError).message
      return m.contains("argument 0 of type float32[3,2]") && m.contains("not divisible by 2")
    }
    let wrongAxis = shardMap({ (x: Tensor) in x }, mesh: Self.mesh, inSpecs: P("j"), outSpecs: P("i"))
    #expect {
      try JAXError.capture { _ = wrongAxis(Numpy.zeros([2])) }
    } throws: { e in (e as! JAXError).message.contains("names mesh axis 'j'") }
    let twoD = shardMap({ (x: Tensor) in x }, mesh: Mesh(axisShapes: [1, 2], axisNames: ["a", "b"]), inSpecs: P("a"), outSpecs: P("a"))
    #expect {
      try JAXError.capture { _ = twoD(Numpy.zeros([2])) }
    } throws: { e in (e as! JAXError).message.contains("one-dimensional meshes") }
  }

  /// shardMap under `grad` (the named vmap) and eagerly agree.
  @Test func shardMapUnderGrad() {
    Devices.localCount = max(Devices.localCount, 2)
    let x = Numpy.arange(8, dtype: .float32).reshape(4, 2) * 0.25
    let loss = { (w: Tensor) in
      shardMap({ (x: Tensor, w: Tensor) in Lax.psum((Numpy.sin(x) * w).sum(), axisName: "i") },
               mesh: Self.mesh, inSpecs: [P("i"), P()], outSpecs: P())(x, w)
    }
    let w = Tensor([0.5, -1] as [Float])
    let g = grad(loss)(w)
    let want = Numpy.sin(x).sum(axis: 0)
    expectSameValues(g, want, rtol: 1e-6, atol: 1e-6)
    expectSameValues(loss(w), (Numpy.sin(x) * w).sum(), rtol: 1e-6, atol: 1e-6)
  }
}
