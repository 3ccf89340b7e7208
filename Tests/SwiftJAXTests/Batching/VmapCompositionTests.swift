import Testing
@testable import SwiftJAX

/// A minimal forward-mode interpreter (primal + tangent per value), defined
/// here and not in the library, to check that `vmap` composes with another
/// transformation only through `bind` — in both nesting orders — without
/// either knowing about the other. (The library's `jvp`/`grad` compose the
/// same way.)
final class ToyJVPTrace: Trace {
  override func pure(_ value: Tensor) -> Tracer {
    let zero = bind1(.broadcastInDim(shape: value.shape, broadcastDimensions: []), [Tensor(0 as Float)])
    return ToyJVPTracer(trace: self, primal: value, tangent: zero)
  }

  override func process(_ p: Primitive, _ tracers: [Tracer], site: CallSite?) -> [Tensor] {
    let ps = tracers.map { ($0 as! ToyJVPTracer).primal }
    let ts = tracers.map { ($0 as! ToyJVPTracer).tangent }
    let out = bind1(p, ps)
    let tangent: Tensor
    switch p {
    case .binary(.add): tangent = bind1(p, ts)
    case .binary(.mul): tangent = Lax.add(Lax.mul(ts[0], ps[1]), Lax.mul(ps[0], ts[1]))
    case .unary(.sin): tangent = Lax.mul(Lax.cos(ps[0]), ts[0])
    // Linear structural primitives (what vmap's rules bind) act on the
    // tangent as on the primal.
    case .transpose, .broadcastInDim, .reshape, .expandDims, .squeeze, .reduce(.sum, _): tangent = bind1(p, [ts[0]])
    default: fatalError("ToyJVPTrace has no rule for \(p.name)")
    }
    return [Tensor(value: ToyJVPTracer(trace: self, primal: out, tangent: tangent))]
  }
}

final class ToyJVPTracer: Tracer {
  let primal: Tensor
  let tangent: Tensor
  init(trace: ToyJVPTrace, primal: Tensor, tangent: Tensor) {
    self.primal = primal
    self.tangent = tangent
    super.init(trace: trace, aval: primal.aval)
  }
}

/// `jvp` with the toy interpreter: (f(x), f'(x)·v).
func toyJVP(_ f: (Tensor) -> Tensor, _ x: Tensor, _ v: Tensor) -> (Tensor, Tensor) {
  InterpreterContext.withNewTrace({ ToyJVPTrace(level: $0) }) { trace in
    let out = f(Tensor(value: ToyJVPTracer(trace: trace, primal: x, tangent: v)))
    guard let t = out.value as? ToyJVPTracer, t.trace === trace else { return (out, Lax.mul(out, Tensor(0 as Float))) }
    return (t.primal, t.tangent)
  }
}

@Suite struct VmapCompositionTests {
  /// f(x) = Σ sin(x)·x over a vector; f'(x)·v = Σ (cos(x)·x + sin(x))·v.
  func f(_ x: Tensor) -> Tensor { Lax.reduceSum(Lax.mul(Lax.sin(x), x), axes: [0]) }

  let xs = Tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6] as [Float], shape: [2, 3])
  let vs = Tensor([1, 0, 2, 0.5, 1, -1] as [Float], shape: [2, 3])

  /// The per-row values from a plain loop.
  func loop() -> (Tensor, Tensor) {
    let rows = (0..<2).map { toyJVP(f, take(xs, axis: 0, index: $0), take(vs, axis: 0, index: $0)) }
    return (stack(rows.map(\.0), axis: 0), stack(rows.map(\.1), axis: 0))
  }

  @Test func vmapOfJVP() {
    let batched = vmap({ (x: Tensor, v: Tensor) -> [Tensor] in
      let (y, t) = toyJVP(f, x, v)
      return [y, t]
    })(xs, vs)
    let (y, t) = loop()
    expectSameValues(batched[0], y)
    expectSameValues(batched[1], t)
  }

  @Test func jvpOfVmap() {
    let (y, t) = toyJVP({ x in vmap(f)(x) }, xs, vs)
    let (ly, lt) = loop()
    expectSameValues(y, ly)
    expectSameValues(t, lt)
  }

  /// vmap over axis 1 makes the batching rules bind `transpose`, which the
  /// JVP interpreter underneath must see as an ordinary primitive.
  @Test func jvpOfVmapOverSecondAxis() {
    let (y, t) = toyJVP({ x in vmap(f, inAxes: 1)(x) }, Lax.transpose(xs, [1, 0]), Lax.transpose(vs, [1, 0]))
    let (ly, lt) = loop()
    expectSameValues(y, ly)
    expectSameValues(t, lt)
  }

  @Test func vmapUnderStagingAndNestedVmap() throws {
    // vmap(vmap(f)) under makeJaxpr: both batch axes end up in one program.
    let g = vmap(vmap({ (x: Tensor) in Lax.mul(Lax.sin(x), x) }))
    let j = makeJaxpr({ a in [g(a[0])] }, [ShapedArray(shape: [2, 3], dtype: .float32)])
    try j.jaxpr.typecheck()
    #expect(j.description == "{ lambda ; a:f32[2,3]. let b:f32[2,3] = sin a; c:f32[2,3] = mul b a in (c,) }")
  }
}

/// Composition with the library's own `grad` and `jit`.
@Suite struct VmapGradJitTests {
  /// f(x) = Σ sin(x)·x; ∇f = cos(x)·x + sin(x).
  static func f(_ x: Tensor) -> Tensor { Lax.reduceSum(Lax.mul(Lax.sin(x), x), axes: [0]) }

  let xs = Tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6] as [Float], shape: [2, 3])

  /// The analytic gradient, row by row.
  var expected: Tensor { Lax.add(Lax.mul(Lax.cos(xs), xs), Lax.sin(xs)) }

  @Test func vmapOfGrad() {
    expectSameValues(vmap(grad(Self.f))(xs), expected)
  }

  @Test func gradOfVmap() {
    let total = grad({ (x: Tensor) in Lax.reduceSum(vmap(Self.f)(x), axes: [0]) })
    expectSameValues(total(xs), expected)
    // Mapping over axis 1 makes vmap bind transposes that AD must transpose back.
    let overColumns = grad({ (x: Tensor) in Lax.reduceSum(vmap(Self.f, inAxes: 1)(x), axes: [0]) })
    expectSameValues(overColumns(Lax.transpose(xs, [1, 0])), Lax.transpose(expected, [1, 0]))
  }

  /// Per-example gradients of a loss with shared weights, the classic use.
  @Test func perExampleGradients() {
    let w = Tensor([0.5, -1, 2] as [Float])
    func loss(_ w: Tensor, _ x: Tensor) -> Tensor { Lax.reduceSum(Lax.mul(Lax.mul(w, x), Lax.mul(w, x)), axes: [0]) }
    let perExample = vmap(grad(loss), inAxes: [nil, 0])(w, xs)
    // ∂/∂w Σ (w x)² = 2 w x².
    let want = Lax.mul(Lax.mul(Tensor(2 as Float), Lax.broadcastInDim(w, shape: [2, 3], broadcastDimensions: [1])), Lax.mul(xs, xs))
    expectSameValues(perExample, want)
  }

  @Test func jitOfVmapAndVmapOfJit() {
    let eager = vmap(Self.f)(xs)
    expectSameValues(jit(vmap(Self.f))(xs), eager)
    expectSameValues(vmap({ (x: Tensor) in jit(Self.f)(x) })(xs), eager)
  }
}
