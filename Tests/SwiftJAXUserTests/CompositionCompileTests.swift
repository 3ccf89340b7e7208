// Transformations compose and apply inline as they do in JAX. This file
// is first of all a compile-only check (no @testable: a user's view of the
// API): each form below must type-check as written. The tests also check
// the values, so a form that compiles to the wrong overload fails.
import Testing
import SwiftJAX

@PyTree struct LinearParams {
  var w: Tensor
  var b: Tensor
}

private func loss(_ p: LinearParams, _ x: Tensor, _ y: Tensor) -> Tensor {
  jnp.sum((jnp.matmul(x, p.w) + p.b - y) ** 2)
}
private func lossWB(_ w: Tensor, _ b: Tensor) -> Tensor { jnp.sum(w * w * b) }
private func f(_ x: Tensor) -> Tensor { jnp.sum(jnp.sin(x) * x) }
private func cube(_ x: Tensor) -> Tensor { x * x * x }

private let params = LinearParams(w: jnp.array([[0.5, -0.25], [1.0, 0.75]]), b: jnp.array([0.1, -0.2]))
private let xb = jnp.array([[1.0, 2.0], [3.0, 4.0]])
private let yb = jnp.array([[1.0, 0.0], [0.0, 1.0]])
private let v = jnp.array([0.5, 1.0, 1.5])

@Suite struct CompositionCompileTests {
  @Test func jitOfGrad() {
    let g1 = jit(grad(f))(v)
    let g2 = jit(grad { (x: Tensor) in jnp.sum(jnp.sin(x) * x) })(v)
    #expect(g1.toArray(Float.self) == grad(f)(v).toArray(Float.self))
    #expect(g2.toArray(Float.self) == g1.toArray(Float.self))
    let gp = jit(grad(loss))(params, xb, yb)
    let ref = grad(loss)(params, xb, yb)
    #expect(gp.w.toArray(Float.self) == ref.w.toArray(Float.self))
  }

  @Test func jitOfValueAndGrad() {
    let (value, g) = jit(valueAndGrad(loss))(params, xb, yb)
    let (value2, g2) = valueAndGrad(loss)(params, xb, yb)
    #expect(value.item(Float.self) == value2.item(Float.self))
    #expect(g.b.toArray(Float.self) == g2.b.toArray(Float.self))
  }

  @Test func jitOfJitAndVmap() {
    #expect(jit(jit(f))(v).item(Float.self) == f(v).item(Float.self))
    #expect(jit(vmap(cube))(v).toArray(Float.self) == cube(v).toArray(Float.self))
    #expect(vmap(grad(cube))(v).toArray(Float.self) == (3 * v * v).toArray(Float.self))
  }

  @Test func gradOfGradAndSeveralArguments() {
    #expect(grad(grad(cube))(jnp.array(2.0)).item(Float.self) == 12)
    let w = jnp.array([1.0, 2.0]), b = jnp.array([3.0, 4.0])
    #expect(grad(lossWB)(w, b).toArray(Float.self) == [6, 16])
    #expect(grad(lossWB, argnums: [1])(w, b)[0].toArray(Float.self) == [1, 4])
    let (val, gs) = valueAndGrad(lossWB, argnums: [0, 1])(w, b)
    #expect(val.item(Float.self) == 19)
    #expect(gs[1].toArray(Float.self) == [1, 4])
  }

  @Test func jvpOfGrad() {
    let (d, dd) = jvp(grad(cube), primals: jnp.array(2.0), tangents: jnp.array(1.0))
    #expect(d.item(Float.self) == 12 && dd.item(Float.self) == 12)
  }

  @Test func jacrevWithPytreeOutputs() {
    let j = jacrev({ (x: Tensor) in ["double": x * 2, "square": x * x] })(jnp.array([1.0, 2.0]))
    #expect(j["square"]!.toArray(Float.self) == [2, 0, 0, 4])
  }
}
