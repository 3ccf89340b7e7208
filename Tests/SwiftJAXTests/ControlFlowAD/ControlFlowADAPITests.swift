import Testing
@testable import SwiftJAX

/// The public AD API through control flow: the Lorenz Jacobian against
/// JAX, higher-order derivatives, and the reverse-mode while error.
@Suite(.serialized) struct ControlFlowADAPITests {
  /// The state after `steps` RK4 steps of the seed's Lorenz stepper.
  static func finalState(_ steps: Int) -> (Tensor) -> Tensor {
    { c0 in
      let trajectory = LorenzTwin.rolloutScan(LorenzTwin.Stepper())(c0, steps)
      return Lax.reshape(Lax.slice(trajectory, start: [steps - 1, 0], limit: [steps, 3]), [3])
    }
  }

  // float32 over 100 chaotic steps: JAX's own jacrev and jacfwd differ
  // by up to 1.7e-5 relative (rounding differs between the modes); ours
  // are within 3.4e-6 (jacrev) and 4.4e-5 (jacfwd) of JAX's. rtol 1e-4.
  @Test func lorenzJacobianMatchesJAX() throws {
    let x0 = Tensor([1, 1, 1] as [Float])
    let jr = jacrev(Self.finalState(100))(x0)
    let jf = jacfwd(Self.finalState(100))(x0)
    #expect(jr.dtype == .float32 && jr.shape == [3, 3])
    for (name, j) in [("jacrev", jr), ("jacfwd", jf)] {
      let ref = ControlFlowFixtures.values("lorenz_\(name)_100")!.values
      let worst = zip(values(j), ref).map { abs($0 - $1) / abs($1) }.max()!
      print("Lorenz \(name) (100 RK4 steps, float32): max relative difference to JAX \(worst)")
    }
    expectMatches(jr, ControlFlowFixtures.values("lorenz_jacrev_100"), rtol: 1e-4, atol: 1e-6)
    expectMatches(jf, ControlFlowFixtures.values("lorenz_jacfwd_100"), rtol: 1e-4, atol: 1e-6)
  }

  @Test func lorenzJacobianAgreesAcrossModesInFloat64() throws {
    JAXConfig.withX64 {
      let x0 = f64([1, 1, 1])
      let jr = jacrev(Self.finalState(20))(x0), jf = jacfwd(Self.finalState(20))(x0)
      expectClose(jr, jf, rtol: 1e-10, atol: 1e-12, "jacrev vs jacfwd")
    }
  }

  @Test func gradOfGradThroughScan() {
    JAXConfig.withX64 {
      let f = { (x: Tensor) -> Tensor in
        let (c, ys) = Lax.scan({ (c: Tensor, k: Tensor) in (Lax.sin(c * x) + c * k, c * c) }, initial: x, xs: f64([0.5, -0.3, 0.8, 0.1]))
        return c + Lax.reduceSum(ys, axes: [0])
      }
      let x = 0.7, h = 1e-5
      let d1 = grad(f)(f64(x)).item(Double.self)
      let fd1 = (f(f64(x + h)).item(Double.self) - f(f64(x - h)).item(Double.self)) / (2 * h)
      #expect(abs(d1 - fd1) <= 1e-7 * max(1, abs(fd1)), "grad = \(d1), finite differences \(fd1)")
      let d2 = grad(grad(f))(f64(x)).item(Double.self)
      let fd = (grad(f)(f64(x + h)).item(Double.self) - grad(f)(f64(x - h)).item(Double.self)) / (2 * h)
      #expect(abs(d2 - fd) <= 1e-6 * max(1, abs(fd)), "grad(grad) = \(d2), finite differences \(fd)")
      let d3 = grad(grad(grad(f)))(f64(x)).item(Double.self)
      let fd3 = (grad(grad(f))(f64(x + h)).item(Double.self) - grad(grad(f))(f64(x - h)).item(Double.self)) / (2 * h)
      #expect(abs(d3 - fd3) <= 1e-5 * max(1, abs(fd3)), "third derivative \(d3), finite differences \(fd3)")
    }
  }

  @Test func hessianThroughForLoopAndCond() {
    JAXConfig.withX64 {
      let f = { (x: Tensor) -> Tensor in
        let v = Lax.forLoop(0, 3, body: { _, v in
          Lax.cond(Lax.reduceSum(v, axes: [0]) > Tensor(0.0), { v in Lax.sin(v) * v }, { v in v * v * 0.5 }, v)
        }, initial: x)
        return Lax.reduceSum(v * x, axes: [0])
      }
      let x = f64([0.3, -0.2, 0.9])
      // The gradient itself against finite differences of f...
      let g = values(grad(f)(x))
      for j in 0..<3 {
        var e = [0.0, 0.0, 0.0]
        e[j] = 1e-6
        let fd = (f(f64(zip(values(x), e).map { $0 + $1 })).item(Double.self) - f(f64(zip(values(x), e).map { $0 - $1 })).item(Double.self)) / 2e-6
        #expect(abs(g[j] - fd) <= 1e-7 * max(1, abs(fd)), "∂f/∂x[\(j)] = \(g[j]), finite differences \(fd)")
      }
      // ...then the Hessian against finite differences of the gradient.
      let h = hessian(f)(x)
      #expect(h.shape == [3, 3])
      // Columns by central differences of the gradient.
      let eps = 1e-6
      for j in 0..<3 {
        var e = [0.0, 0.0, 0.0]
        e[j] = eps
        let gp = values(grad(f)(f64(zip(values(x), e).map { $0 + $1 })))
        let gm = values(grad(f)(f64(zip(values(x), e).map { $0 - $1 })))
        let col = zip(gp, gm).map { ($0 - $1) / (2 * eps) }
        let hcol = (0..<3).map { values(h)[$0 * 3 + j] }
        expectClose(hcol, col, rtol: 1e-6, atol: 1e-7, "hessian column \(j)")
      }
      // Symmetric, as a Hessian must be.
      let hv = values(h)
      for i in 0..<3 { for j in 0..<3 { #expect(abs(hv[i * 3 + j] - hv[j * 3 + i]) < 1e-10) } }
    }
  }

  @Test func gradOfNestedScan() {
    JAXConfig.withX64 {
      let f = { (w: Tensor) -> Tensor in
        let (c, _) = Lax.scan({ (c: Tensor, x: Tensor) in
          let (inner, _) = Lax.scan({ (d: Tensor, _: Tensor?) in (Lax.tanh(d * w + x), nil as Tensor?) }, initial: c, xs: nil, length: 3)
          return (inner, nil as Tensor?)
        }, initial: f64([0.1, 0.2]), xs: f64([0.5, -1, 2, 0.3, 1, -0.4], shape: [3, 2]))
        return Lax.reduceSum(c * c, axes: [0])
      }
      let w = f64([0.9, -0.6])
      let g = values(grad(f)(w))
      let eps = 1e-6
      for j in 0..<2 {
        var e = [0.0, 0.0]
        e[j] = eps
        let fd = (f(f64(zip(values(w), e).map { $0 + $1 })).item(Double.self) - f(f64(zip(values(w), e).map { $0 - $1 })).item(Double.self)) / (2 * eps)
        #expect(abs(g[j] - fd) <= 1e-6 * max(1, abs(fd)), "∂f/∂w[\(j)] = \(g[j]), finite differences \(fd)")
      }
      // vjp and grad agree, and the pullback's program typechecks.
      let (_, pb) = vjp(f, w)
      expectClose(values(pb(f64(1))), g, rtol: 1e-12, atol: 0, "vjp vs grad")
    }
  }

  /// The programs AD produces (a forward scan, its reverse transpose, a
  /// cond and its transpose) also compile.
  @Test func jitOfGradThroughScanAndCond() throws {
    let f = { (x: Tensor) -> Tensor in
      let (c, ys) = Lax.scan({ (c: Tensor, k: Tensor) in (Lax.sin(c * x) + c * k, c * c) }, initial: x, xs: Tensor([0.5, -0.3, 0.8] as [Float]))
      let d: Tensor = Lax.cond(c > Tensor(Float(0)), { v in v * 2.0 }, { v in Lax.sin(v) }, c)
      return d + Lax.reduceSum(ys, axes: [0])
    }
    let g = grad(f)
    let jg = jit(g)
    for x in [0.7, -1.3] as [Float] {
      let eager = g(Tensor(x)).item(Float.self)
      let jitted = try JAXError.capture { jg(Tensor(x)) }.item(Float.self)
      #expect(abs(jitted - eager) <= 1e-5 * max(1, abs(eager)), "x = \(x): jit(grad) \(jitted), grad \(eager)")
    }
  }

  func captured(_ body: () -> Void) -> JAXError? {
    do { try JAXError.capture { body() } } catch let e as JAXError { return e } catch {}
    return nil
  }

  @Test func reverseModeThroughWhileLoopIsAClearError() throws {
    let f = { (x: Tensor) -> Tensor in
      let (_, v) = Lax.whileLoop(cond: { (i: Tensor, _: Tensor) in i < Tensor(Int32(3)) },
                                 body: { (i: Tensor, v: Tensor) in (i + Tensor(Int32(1)), Lax.sin(v)) },
                                 initial: (Tensor(Int32(0)), x))
      return v
    }
    let x = Tensor(Float(0.5))
    let e = try #require(captured { _ = grad(f)(x) })
    #expect(e.kind == .transformation)
    #expect(e.message.contains("whileLoop"))
    #expect(e.message.contains("number of iterations is only known at run time"))
    #expect(e.message.contains("Lax.scan") && e.message.contains("static Int bounds") && e.message.contains("jacfwd"))
    // jacrev and a forLoop with traced bounds hit the same error...
    let traced = { (x: Tensor) in Lax.forLoop(Tensor(Int32(0)), Tensor(Int32(3)), body: { _, v in Lax.sin(v) }, initial: x) }
    #expect(captured { _ = jacrev(traced)(Tensor([0.5, 1] as [Float])) }?.message.contains("whileLoop") == true)
    // A while loop nested in a scan body is found when the scan is transposed.
    let nested = { (x: Tensor) -> Tensor in
      Lax.scan({ (c: Tensor, _: Tensor?) in (f(c), nil as Tensor?) }, initial: x, xs: nil, length: 2).0
    }
    #expect(captured { _ = grad(nested)(x) }?.message.contains("whileLoop") == true)
    // ...while forward mode works and agrees with the static forLoop.
    let (_, t) = jvp(f, primals: x, tangents: Tensor(Float(1)))
    let static3 = { (x: Tensor) in Lax.forLoop(0, 3, body: { _, v in Lax.sin(v) }, initial: x) }
    #expect(abs(t.item(Float.self) - grad(static3)(x).item(Float.self)) < 1e-6)
  }
}
