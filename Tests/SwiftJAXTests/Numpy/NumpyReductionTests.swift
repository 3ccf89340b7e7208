import Testing
@testable import SwiftJAX

func runReduction(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let a = x[0], axis = c.axis(), keep = c.bool("keepdims")
  switch c.op {
  case "sum": return [jnp.sum(a, axis: axis, keepDims: keep)]
  case "prod": return [jnp.prod(a, axis: axis, keepDims: keep)]
  case "max": return [jnp.max(a, axis: axis, keepDims: keep)]
  case "min": return [jnp.min(a, axis: axis, keepDims: keep)]
  case "mean": return [jnp.mean(a, axis: axis, keepDims: keep)]
  case "var": return [jnp.var(a, axis: axis, ddof: c.int("ddof") ?? 0, keepDims: keep)]
  case "std": return [jnp.std(a, axis: axis, ddof: c.int("ddof") ?? 0, keepDims: keep)]
  case "any": return [jnp.any(a, axis: axis, keepDims: keep)]
  case "all": return [jnp.all(a, axis: axis, keepDims: keep)]
  case "logsumexp": return [jnp.logsumexp(a, axis: axis, keepDims: keep)]
  case "argmax": return [jnp.argmax(a, axis: c.int("axis"), keepDims: keep)]
  case "argmin": return [jnp.argmin(a, axis: c.int("axis"), keepDims: keep)]
  case "cumsum": return [jnp.cumsum(a, axis: c.int("axis"))]
  case "cumprod": return [jnp.cumprod(a, axis: c.int("axis"))]
  case "softmax": return [jnp.softmax(a, axis: axis!)]
  case "log_softmax": return [jnp.logSoftmax(a, axis: axis!)]
  case "median": return [jnp.median(a, axis: c.int("axis"))]
  case "quantile": return [jnp.quantile(a, c.double("q")!, axis: c.int("axis"))]
  default: return nil
  }
}

extension NumpySuite {
@Suite struct NumpyReductionTests {
  @Test func float32AndIntegerMatchJAX() { checkFixtures("reductions", runReduction) }
  @Test func float64MatchesJAX() { checkFixtures("reductions_x64", x64: true, runReduction) }

  /// Seed 002: `jnp.sum(array, axis=0/1)` of `jnp.array([jnp.repeat(1,5), jnp.repeat(2,5)])`.
  @Test func seedSumAxes() {
    let array = jnp.array([jnp.repeat(Tensor(1 as Int32), 5), jnp.repeat(Tensor(2 as Int32), 5)])
    #expect(array.shape == [2, 5] && array.dtype == .int32)
    let s0 = jnp.sum(array, axis: 0), s1 = jnp.sum(array, axis: 1)
    #expect(s0.toArray(Int32.self) == [3, 3, 3, 3, 3] && s0.dtype == .int32)
    #expect(s1.toArray(Int32.self) == [5, 10] && s1.dtype == .int32)
  }

  @Test func meanOfIntsTracesLikeJAX() throws {
    let j = makeJaxpr({ x in [jnp.mean(x[0], axis: 0)] }, [ShapedArray(shape: [3, 4], dtype: .int32)])
    try j.jaxpr.typecheck()
    #expect(j.jaxpr.equations.map(\.primitive.name) == ["convert_element_type", "reduce_sum", "div"])
  }

  @Test func badAxisIsAnError() {
    #expect(throws: JAXError.self) { try JAXError.capture { _ = jnp.sum(jnp.ones([2, 3]), axis: 2) } }
  }
}
}
