import Testing
@testable import SwiftJAX

func runShape(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let a = x[0]
  switch c.op {
  case "reshape": return [jnp.reshape(a, c.ints("shape")!)]
  case "ravel": return [a.ravel()]
  case "transpose": return [jnp.transpose(a, axes: c.ints("axes"))]
  case "swapaxes": return [jnp.swapaxes(a, c.int("a")!, c.int("b")!)]
  case "moveaxis": return [jnp.moveaxis(a, source: c.axis("source")!, destination: c.axis("destination")!)]
  case "squeeze": return [jnp.squeeze(a, axis: c.axis())]
  case "expand_dims": return [jnp.expandDims(a, axis: c.axis()!)]
  case "broadcast_to": return [jnp.broadcastTo(a, c.ints("shape")!)]
  case "stack": return [jnp.stack(x, axis: c.int("axis")!)]
  case "hstack": return [jnp.hstack(x)]
  case "vstack": return [jnp.vstack(x)]
  case "concatenate": return [jnp.concatenate(x, axis: c.int("axis"))]
  case "split":
    if let n = c.int("sections") { return jnp.split(a, n, axis: c.int("axis")!) }
    return jnp.split(a, indices: c.ints("indices")!, axis: c.int("axis")!)
  case "array_split": return jnp.arraySplit(a, c.int("sections")!, axis: c.int("axis")!)
  case "repeat":
    if let r = c.ints("repeats") { return [jnp.repeat(a, repeats: r, axis: c.int("axis"))] }
    return [jnp.repeat(a, c.int("repeats")!, axis: c.int("axis"))]
  case "tile": return [jnp.tile(a, c.ints("reps")!)]
  case "flip": return [jnp.flip(a, axis: c.axis())]
  case "roll": return [jnp.roll(a, shift: c.axis("shift")!, axis: c.axis())]
  case "pad":
    let w = (c.params["width"] as! [[Int]]).map { ($0[0], $0[1]) }
    let modes: [String: Numpy.PadMode] = ["constant": .constant, "edge": .edge, "reflect": .reflect, "symmetric": .symmetric, "wrap": .wrap]
    return [jnp.pad(a, w, mode: modes[c.params["mode"] as! String]!, constantValue: Tensor(weak: c.int("value") ?? 0))]
  case "sort": return [jnp.sort(a, axis: c.int("axis"), descending: c.bool("descending"))]
  case "argsort": return [jnp.argsort(a, axis: c.int("axis"), descending: c.bool("descending"))]
  case "take": return [jnp.take(a, x[1], axis: c.int("axis"))]
  case "take_along_axis": return [jnp.takeAlongAxis(a, x[1], axis: c.int("axis"))]
  case "diff": return [jnp.diff(a, n: c.int("n")!, axis: c.int("axis")!)]
  case "gradient": return [jnp.gradient(a, axis: c.int("axis")!, spacing: c.double("spacing")!)]
  case "convolve":
    let m: [String: Numpy.ConvolveMode] = ["full": .full, "same": .same, "valid": .valid]
    return [jnp.convolve(a, x[1], mode: m[c.params["mode"] as! String]!)]
  default: return nil
  }
}

extension NumpySuite {
@Suite struct NumpyShapeTests {
  @Test func float32AndIntegerMatchJAX() { checkFixtures("shape", runShape) }
  @Test func float64MatchesJAX() { checkFixtures("shape_x64", x64: true, runShape) }

  /// Seed 002: `jnp.repeat(1, 5)`.
  @Test func seedRepeat() {
    let r = jnp.repeat(Tensor(1 as Int32), 5)
    #expect(r.toArray(Int32.self) == [1, 1, 1, 1, 1] && r.dtype == .int32)
  }

  /// The seed advection step: `gradient(x, axis: 0)` traces to slices.
  @Test func gradientTraces() throws {
    let j = makeJaxpr({ x in [jnp.gradient(x[0], axis: 0)] }, [ShapedArray(shape: [512, 128], dtype: .float32)])
    try j.jaxpr.typecheck()
    #expect(j.outAvals == [ShapedArray(shape: [512, 128], dtype: .float32)])
    #expect(!j.jaxpr.equations.contains { $0.primitive.name == "gather" })
  }
}
}
