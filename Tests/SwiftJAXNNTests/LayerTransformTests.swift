import Foundation
import SwiftJAX
import SwiftJAXNN
import SwiftJAXOptim
import Testing

// Layers under transformations, as a user writes them (`import SwiftJAXNN`,
// no @testable): gradients against central finite differences, jit ==
// eager, vmap == a loop over examples, and the explicit train/eval switch.

/// d loss / d leaf[0] of `params` by central differences in float64-free
/// float32 (step 1e-2, so the check tolerates float32 rounding).
func finiteDifference(_ loss: (Params) -> Tensor, _ params: Params, leaf: Int) -> Float {
  let (leaves, def) = treeFlatten(params)
  func shifted(_ h: Float) -> Float {
    var l = leaves
    var values = l[leaf].toArray(Float.self)
    values[0] += h
    l[leaf] = Tensor(values, shape: l[leaf].shape)
    return loss(treeUnflatten(def, l)).item(Float.self)
  }
  let h: Float = 1e-2
  return (shifted(h) - shifted(-h)) / (2 * h)
}

@Suite("Layers under transformations")
struct LayerTransformTests {
  let x = Random.normal(Random.PRNGKey(7), shape: [4, 5, 6])

  @Test(arguments: ["layernorm", "lstm", "gru", "attention", "mlp"])
  func gradientsMatchFiniteDifferences(_ name: String) {
    let layer: any Layer = switch name {
    case "layernorm": LayerNorm()
    case "lstm": RNN(LSTMCell(features: 3))
    case "gru": RNN(GRUCell(features: 3))
    case "attention": MultiHeadAttention(numHeads: 2, isCausal: true)
    default: MLP([6, 8, 3], activation: { nn.gelu($0) })
    }
    let params = layer.initialize(Random.PRNGKey(1), x)
    let loss = { (p: Params) -> Tensor in jnp.sum(jnp.sin(layer.apply(p, self.x))) }
    let g = grad(loss)(params)
    let (gl, _) = treeFlatten(g)
    for i in gl.indices {
      let fd = finiteDifference(loss, params, leaf: i)
      let analytic = gl[i].toArray(Float.self)[0]
      #expect(abs(fd - analytic) < 2e-2 * max(1, abs(analytic)), "\(name) leaf \(i): grad \(analytic) vs finite difference \(fd)")
    }
  }

  @Test func jitMatchesEagerWithStateAndDropout() {
    let model = Sequential(Dense(16), BatchNorm(), Lambda { nn.relu($0) }, Dropout(0.3), Dense(4))
    let x2 = jnp.reshape(x, [20, 6])
    let v = Variables(params: model.initialize(Random.PRNGKey(2), x2), state: model.initialState(Random.PRNGKey(2), x2))
    let key = Random.PRNGKey(3)
    let eager = model.apply(v.params, x2, state: v.state, mode: .train(key: key))
    let jitted = jit { (p: Params, s: Params, x: Tensor, k: Tensor) in model.apply(p, x, state: s, mode: .train(key: k)) }
    let (y, s) = jitted(v.params, v.state, x2, key)
    #expect(maxDiff(y, eager.0) < 1e-5)
    #expect(maxDiff(s["layers_1"]["mean"].tensor, eager.1["layers_1"]["mean"].tensor) < 1e-6)
    // Training changed the running statistics; eval leaves them alone and is deterministic.
    #expect(maxDiff(s["layers_1"]["mean"].tensor, v.state["layers_1"]["mean"].tensor) > 1e-4)
    let (e1, s1) = model.apply(v.params, x2, state: s, mode: .eval)
    #expect(maxDiff(e1, model.apply(v.params, x2, state: s, mode: .eval).0) == 0)
    #expect(treeFlatten(s1).0.map { $0.toArray(Float.self) } == treeFlatten(s).0.map { $0.toArray(Float.self) })
    // Dropout: another key, another mask; about 30% of the units dropped.
    let other = model.apply(v.params, x2, state: v.state, mode: .train(key: Random.PRNGKey(4))).0
    #expect(maxDiff(other, eager.0) > 1e-3)
    let dropped = Dropout(0.3).apply(.empty, jnp.ones([1000]), state: .empty, mode: .train(key: key)).0
    let zeros = dropped.toArray(Float.self).filter { $0 == 0 }.count
    #expect((220...380).contains(zeros), "dropped \(zeros) of 1000")
  }

  @Test func vmapMatchesLoop() {
    let rnn = RNN(GRUCell(features: 3))
    let params = rnn.initialize(Random.PRNGKey(5), x)
    // Per example: [time, features] → [1, time, features] inside the function.
    let single = { (p: Params, xi: Tensor) -> Tensor in rnn.apply(p, jnp.expandDims(xi, axis: 0)) }
    let batched = vmap(single, inAxes: [nil, 0])(params, x)
    let looped = jnp.concatenate((0..<4).map { single(params, x[$0]) }, axis: 0)
    #expect(maxDiff(jnp.reshape(batched, looped.shape), looped) < 1e-5)
    #expect(maxDiff(rnn.apply(params, x), looped) < 1e-5)
  }

  @Test func misuseIsAClearError() {
    let dense = Dense(3)
    let p = dense.initialize(Random.PRNGKey(0), jnp.zeros([2, 4]))
    let error = #expect(throws: JAXError.self) { try JAXError.capture { _ = dense.apply(p, jnp.zeros([2, 5])) } }
    #expect(error.map { "\($0)" }?.contains("Dense") == true)
    #expect(error.map { "\($0)" }?.contains("[2, 5]") == true)
    let dropout = #expect(throws: JAXError.self) {
      try JAXError.capture { _ = Dropout(0.5).apply(.empty, jnp.ones([3]), state: .empty, mode: .train) }
    }
    #expect(dropout.map { "\($0)" }?.contains("random key") == true)
  }

  @Test func paramsWorkWithOptimisersAndCheckpoints() throws {
    let model = MLP([6, 8, 2])
    var params = model.initialize(Random.PRNGKey(0), x)
    let opt = Optim.adam(learningRate: 0.05)
    var state = opt.initialize(params)
    let xs = jnp.reshape(x, [20, 6])
    let target = jnp.sum(xs, axis: -1, keepDims: true) * jnp.ones([1, 2])
    let step = jit { (p: Params, s: OptState) in
      let (l, g) = valueAndGrad({ (p: Params) in jnp.mean(jnp.square(model.apply(p, xs) - target)) })(p)
      let (u, ns) = opt.update(g, s, params: p)
      return (Optim.applyUpdates(p, u), ns, l)
    }
    var first: Float = 0, last: Float = 0
    for i in 0..<60 {
      let (p, s, l) = step(params, state)
      (params, state) = (p, s)
      if i == 0 { first = l.item(Float.self) }
      last = l.item(Float.self)
    }
    #expect(last < first / 5, "loss \(first) → \(last)")
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjax-nn-\(UUID().uuidString).safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    try Checkpoint.save(params, to: url)
    let restored = try Checkpoint.load(url, like: params)
    #expect(maxDiff(model.apply(restored, xs), model.apply(params, xs)) == 0)
  }
}
