import Foundation
import SwiftJAX
import SwiftJAXOptim
import Testing

// A user-level training loop, written as a user of the two products would
// (plain imports, public API only): MLP parameters as a @PyTree struct,
// jax.nn initialisers and activations, a jitted train step with
// valueAndGrad and Adam, and a checkpoint of the result.

@PyTree struct MLPParams {
  var w1: Tensor
  var b1: Tensor
  var w2: Tensor
  var b2: Tensor
}

func initMLP(_ key: Tensor, inputs: Int, hidden: Int, classes: Int) -> MLPParams {
  let (k1, k2) = Random.split(key)
  return MLPParams(
    w1: nn.initializers.heNormal()(k1, [inputs, hidden], .float32), b1: nn.initializers.zeros(k1, [hidden], .float32),
    w2: nn.initializers.glorotNormal()(k2, [hidden, classes], .float32), b2: nn.initializers.zeros(k2, [classes], .float32))
}

func logits(_ p: MLPParams, _ x: Tensor) -> Tensor {
  jnp.matmul(nn.relu(jnp.matmul(x, p.w1) + p.b1), p.w2) + p.b2
}

func crossEntropy(_ p: MLPParams, _ x: Tensor, _ labels: Tensor) -> Tensor {
  -jnp.mean(jnp.sum(nn.oneHot(labels, numClasses: 3) * nn.logSoftmax(logits(p, x)), axis: -1))
}

@Suite("Training loop")
struct TrainingLoopTests {
  @Test func jittedAdamTrainingReducesTheLoss() throws {
    // Three classes separated by two fixed random directions.
    let (dataKey, initKey) = Random.split(Random.PRNGKey(0))
    let x = Random.normal(dataKey, shape: [256, 4])
    let projection = Random.normal(Random.PRNGKey(1), shape: [4, 3])
    let labels = jnp.argmax(jnp.matmul(x, projection), axis: -1)

    let opt = Optim.adam(learningRate: 0.02)
    var params = initMLP(initKey, inputs: 4, hidden: 32, classes: 3)
    var state = opt.initialize(params)
    let lossAndGrad: (MLPParams, Tensor, Tensor) -> (Tensor, MLPParams) = valueAndGrad(crossEntropy)
    let step = jit { (p: MLPParams, s: OptState, x: Tensor, y: Tensor) -> Tuple3Tree<MLPParams, OptState, Tensor> in
      let (loss, g) = lossAndGrad(p, x, y)
      let (updates, newState) = opt.update(g, s, params: p)
      return Tuple3Tree(Optim.applyUpdates(p, updates), newState, loss)
    }

    var losses: [Float] = []
    for _ in 0..<150 {
      let (p, s, loss) = step(params, state, x, labels).tuple
      (params, state) = (p, s)
      losses.append(loss.toArray(Float.self)[0])
    }
    #expect(step.cacheSize == 1, "the train step recompiled")
    #expect(losses.last! < losses.first! / 4, "loss went from \(losses.first!) to \(losses.last!)")
    #expect(zip(losses.dropFirst(100), losses.dropFirst(101)).allSatisfy { $1 <= $0 * 1.05 }, "loss is not settling: \(losses.suffix(20))")
    let accuracy = jnp.mean(jnp.argmax(logits(params, x), axis: -1) == labels).toArray(Float.self)[0]
    #expect(accuracy > 0.95, "training accuracy \(accuracy)")

    // The trained parameters and optimiser state survive a checkpoint.
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjax-train-\(UUID().uuidString).safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    try Checkpoint.save(Tuple2Tree(params, state), to: url)
    let (restored, restoredState) = try Checkpoint.load(url, like: Tuple2Tree(params, state)).tuple
    #expect(crossEntropy(restored, x, labels).toArray(Float.self) == crossEntropy(params, x, labels).toArray(Float.self))
    #expect(restoredState.hyperparameter("learning_rate")!.toArray(Float.self) == [0.02])
  }
}

/// The train step as a JAX user writes it: `valueAndGrad` applied inline
/// inside the jitted function, which returns a Swift tuple.
@Suite("Training loop, JAX spelling")
struct TrainingLoopJAXSpellingTests {
  @Test func inlineValueAndGradAndTupleResults() {
    let (dataKey, initKey) = Random.split(Random.PRNGKey(3))
    let x = Random.normal(dataKey, shape: [64, 4])
    let labels = jnp.argmax(jnp.matmul(x, Random.normal(Random.PRNGKey(4), shape: [4, 3])), axis: -1)
    let opt = Optim.adam(learningRate: 0.02)
    let params = initMLP(initKey, inputs: 4, hidden: 16, classes: 3)
    let state = opt.initialize(params)
    let step = jit { (p: MLPParams, s: OptState, x: Tensor, y: Tensor) in
      let (loss, g) = valueAndGrad(crossEntropy)(p, x, y)
      let (updates, newState) = opt.update(g, s, params: p)
      return (Optim.applyUpdates(p, updates), newState, loss)
    }
    var (p, s, first) = step(params, state, x, labels)
    var last = first
    for _ in 0..<20 { (p, s, last) = step(p, s, x, labels) }
    #expect(last.item(Float.self) < first.item(Float.self))
    first = crossEntropy(params, x, labels)
    #expect(abs(first.item(Float.self) - step(params, state, x, labels).2.item(Float.self)) < 1e-5)
  }
}
