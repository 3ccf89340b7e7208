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

/// JAX's custom-derivative decorators, any number of arguments, with a
/// rule that calls the function it decorates (the JAX docs' `log1pexp`).
@Suite struct CustomDerivativeUserTests {
  @Test func log1pexpRuleCallsItself() {
    let log1pexp = CustomJVP { (x: Tensor) in jnp.log(1 + jnp.exp(x)) }
    log1pexp.defjvp { x, xDot in
      (log1pexp(x), (1 - 1 / (1 + jnp.exp(x))) * xDot)
    }
    #expect(grad { log1pexp($0) }(jnp.array(100.0)).item(Float.self) == 1)
    #expect(jit(grad { log1pexp($0) })(jnp.array(3.0)).item(Float.self) == grad { log1pexp($0) }(jnp.array(3.0)).item(Float.self))
    #expect(abs(log1pexp(jnp.array(0.0)).item(Float.self) - 0.6931472) < 1e-6)
  }

  @Test func threeArgumentJVP() {
    let fma = CustomJVP { (a: Tensor, b: Tensor, c: Tensor) in a * b + c }
    fma.defjvp { p, t in
      let (a, b, c) = p
      let (ta, tb, tc) = t
      return (fma(a, b, c), ta * b + a * tb + tc)
    }
    let g = grad({ (a: Tensor, b: Tensor, c: Tensor) in fma(a, b, c) }, argnums: .all)
    let (ga, gb, gc) = g(jnp.array(2.0), jnp.array(3.0), jnp.array(4.0))
    #expect(ga.item(Float.self) == 3 && gb.item(Float.self) == 2 && gc.item(Float.self) == 1)
  }

  @Test func twoArgumentVJP() {
    let clipGradient = CustomVJP({ (x: Tensor, bound: Tensor) in x }, residuals: Tensor.self)
    clipGradient.defvjp(
      forward: { x, bound in (x, bound) },
      backward: { bound, g in (jnp.clip(g, min: -bound, max: bound), jnp.zerosLike(bound)) })
    let g = grad { (x: Tensor) in jnp.sum(clipGradient(x * 10, jnp.array(1.0))) }
    #expect(g(jnp.array([1.0, 2.0])).toArray(Float.self) == [10, 10])
  }
}
