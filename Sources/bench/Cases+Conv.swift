import Foundation
import SwiftJAX
import SwiftJAXOptim

// Convolution cases. Peer versions (plain JAX + real Optax):
// Benchmarks/peers/jax_cases_train.py.

private let nhwc = ("NHWC", "HWIO", "NHWC")

/// conv3x3(32) - relu - maxpool2 - conv3x3(64) - relu - maxpool2 - dense(10).
private func cnnLogits(_ p: [String: Tensor], _ x: Tensor) -> Tensor {
  func block(_ h: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
    let c = nn.relu(Lax.convGeneralDilated(h, w, windowStrides: [1, 1], padding: .same, dimensionNumbers: nhwc) + b)
    return Lax.reduceWindow(c, .max, windowDimensions: [1, 2, 2, 1], windowStrides: [1, 2, 2, 1], padding: .valid)
  }
  let h = block(block(x, p["c1"]!, p["b1"]!), p["c2"]!, p["b2"]!)
  return jnp.matmul(jnp.reshape(h, [h.shape[0], 7 * 7 * 64]), p["w3"]!) + p["b3"]!
}

private func cnnLoss(_ p: [String: Tensor], _ x: Tensor, _ y: Tensor) -> Tensor {
  -jnp.mean(jnp.sum(nn.oneHot(y, numClasses: 10) * nn.logSoftmax(cnnLogits(p, x)), axis: -1))
}

let convCases: [BenchCase] = [
  BenchCase(name: "cnn_train_step", summary: "jitted SGD step, conv3x3(32)-pool-conv3x3(64)-pool-dense(10), 28x28x1, batch 64, float32") {
    let keys = Random.split(Random.PRNGKey(0), num: 4)
    let he = nn.initializers.heNormal()
    let params: [String: Tensor] = [
      "c1": he(keys[0], [3, 3, 1, 32], .float32), "b1": jnp.zeros([32], dtype: .float32),
      "c2": he(keys[1], [3, 3, 32, 64], .float32), "b2": jnp.zeros([64], dtype: .float32),
      "w3": he(keys[2], [7 * 7 * 64, 10], .float32), "b3": jnp.zeros([10], dtype: .float32),
    ]
    let x = Random.normal(keys[3], shape: [64, 28, 28, 1])
    let y = Tensor((0..<64).map { Int32($0 % 10) }, shape: [64])
    return timeTrainStep(params, x, y, Optim.sgd(learningRate: 1e-2), inner: 5, loss: cnnLoss)
  },
  BenchCase(name: "conv2d_forward", summary: "jitted conv 3x3, 64->64 channels, 56x56, batch 8, NHWC, SAME, float32") {
    let keys = Random.split(Random.PRNGKey(1), num: 2)
    let x = Random.normal(keys[0], shape: [8, 56, 56, 64])
    let w = Random.normal(keys[1], shape: [3, 3, 64, 64])
    let f = jit { (x: Tensor, w: Tensor) in
      Lax.convGeneralDilated(x, w, windowStrides: [1, 1], padding: .same, dimensionNumbers: nhwc)
    }
    var y = f(x, w)
    y.blockUntilReady()
    let inner = 5
    return timePerOp(reps: 15, inner: inner) {
      for _ in 0..<inner { y = f(x, w) }
      y.blockUntilReady()
    }
  },
]
