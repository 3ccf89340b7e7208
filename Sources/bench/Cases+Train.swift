import Foundation
import SwiftJAX
import SwiftJAXOptim

// Training-step cases. Peer versions (plain JAX + real Optax):
// Benchmarks/peers/jax_cases_train.py.

/// The 784-512-512-10 MLP of `mlp_adam_step`, as a plain dictionary pytree.
private func mlpLogits(_ p: [String: Tensor], _ x: Tensor) -> Tensor {
  let h1 = nn.relu(jnp.matmul(x, p["w1"]!) + p["b1"]!)
  let h2 = nn.relu(jnp.matmul(h1, p["w2"]!) + p["b2"]!)
  return jnp.matmul(h2, p["w3"]!) + p["b3"]!
}

/// Mean softmax cross-entropy against integer labels.
private func mlpLoss(_ p: [String: Tensor], _ x: Tensor, _ y: Tensor) -> Tensor {
  -jnp.mean(jnp.sum(nn.oneHot(y, numClasses: 10) * nn.logSoftmax(mlpLogits(p, x)), axis: -1))
}

let trainCases: [BenchCase] = [
  BenchCase(name: "mlp_adam_step", summary: "jitted Adam step, 784-512-512-10 ReLU MLP, softmax xent, batch 128, float32") {
    let sizes = [784, 512, 512, 10]
    let keys = Random.split(Random.PRNGKey(0), num: 4)
    var params: [String: Tensor] = [:]
    for i in 0..<3 {
      params["w\(i + 1)"] = nn.initializers.heNormal()(keys[i], [sizes[i], sizes[i + 1]], .float32)
      params["b\(i + 1)"] = jnp.zeros([sizes[i + 1]], dtype: .float32)
    }
    let x = Random.normal(keys[3], shape: [128, 784])
    let y = Tensor((0..<128).map { Int32($0 % 10) }, shape: [128])
    return timeTrainStep(params, x, y, Optim.adam(learningRate: 1e-3), inner: 20, loss: mlpLoss)
  },
]

/// Times one jitted training step (`valueAndGrad` of `loss`, `opt`'s
/// update, `applyUpdates`) on a fixed batch, compiled outside the timing:
/// 15 repetitions of `inner` steps. The scaffold of every training case;
/// the peers in Benchmarks/peers/jax_cases_train.py mirror it.
func timeTrainStep(
  _ initial: [String: Tensor], _ x: Tensor, _ y: Tensor, _ opt: GradientTransformation, inner: Int,
  loss: @escaping ([String: Tensor], Tensor, Tensor) -> Tensor
) -> [Double] {
  var params = initial
  var state = opt.initialize(params)
  let step = jit { (p: [String: Tensor], s: OptState, x: Tensor, y: Tensor) in
    let (l, g) = valueAndGrad(loss)(p, x, y)
    let (updates, newState) = opt.update(g, s, params: p)
    return (Optim.applyUpdates(p, updates), newState, l)
  }
  var value = Tensor(Float(0))
  (params, state, value) = step(params, state, x, y)  // compile outside the timing
  return timePerOp(reps: 15, inner: inner) {
    for _ in 0..<inner { (params, state, value) = step(params, state, x, y) }
    value.blockUntilReady()
  }
}
