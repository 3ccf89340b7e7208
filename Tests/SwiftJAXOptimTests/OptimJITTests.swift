import Foundation
import SwiftJAX
import SwiftJAXOptim
import Testing

/// Optimisers inside a jitted train step: the same results as eager, and
/// hyperparameters are state leaves, so changing one does not recompile.
@Suite("Optim under jit")
struct OptimJITTests {
  typealias Params = [String: Tensor]

  func jittedStep(_ opt: GradientTransformation, _ problem: LeastSquares) -> Jitted<Tuple2Tree<Params, OptState>, Params, OptState> {
    jit { (p: Params, s: OptState) -> Tuple2Tree<Params, OptState> in
      let g = grad({ (q: Params) -> Tensor in problem.loss(q) })(p)
      let (u, ns) = opt.update(g, s, params: p)
      return Tuple2Tree(Optim.applyUpdates(p, u), ns)
    }
  }

  @Test(arguments: ["adam", "adamw_masked", "lamb", "adafactor_factored", "adam_schedule:warmup_cosine_decay", "clip_by_global_norm_sgd"])
  func jitMatchesEager(_ name: String) {
    let opt = swiftOptimiser(name)!
    let problem = LeastSquares()
    let step = jittedStep(opt, problem)
    var params = problem.params
    var state = opt.initialize(params)
    for _ in 0..<5 { (params, state) = step(params, state).tuple }
    let eager = runSteps(opt, problem, count: 5).last!
    // The compiled loss gradient may sum in another order than the eager
    // kernels; Adam's normalisation amplifies that last-bit difference in
    // near-zero gradient components (the same tolerance as against Optax).
    for k in ["w", "b"] {
      expectFloatsClose(params[k]!, eager[k]!.toArray(Double.self), rtol: 1e-5, atol: 4e-6, "\(name) \(k)")
    }
    #expect(step.cacheSize == 1)
  }

  @Test func changingTheLearningRateDoesNotRecompile() {
    let opt = Optim.adam(learningRate: 0.05)
    let problem = LeastSquares()
    let step = jittedStep(opt, problem)
    var params = problem.params
    var state = opt.initialize(params)
    #expect(state.hyperparameter("learning_rate")?.toArray(Float.self) == [0.05])
    (params, state) = step(params, state).tuple
    #expect(state.setHyperparameter("learning_rate", 0) == 1)
    let (frozen, _) = step(params, state).tuple
    // A zero learning rate leaves the parameters where they were.
    #expect(frozen["w"]!.toArray(Float.self) == params["w"]!.toArray(Float.self))
    #expect(step.cacheSize == 1, "the step was recompiled for a new learning rate")
  }

  @Test func scheduledLearningRateIsReadableFromTheState() {
    let schedule = Schedule.linear(initValue: 0.1, endValue: 0.0, transitionSteps: 4)
    let opt = Optim.sgd(learningRate: .schedule(schedule))
    let params: Params = ["w": jnp.ones([2])]
    var state = opt.initialize(params)
    var seen: [Float] = []
    for _ in 0..<3 {
      (_, state) = opt.update(params, state, params: params)
      seen.append(state.hyperparameter("learning_rate")!.toArray(Float.self)[0])
    }
    #expect(seen == [0.1, 0.075, 0.05])
  }

  @Test func stateIsAPyTreeWithParameterPaths() {
    let opt = Optim.adam(learningRate: 1e-3)
    let state = opt.initialize(["w": jnp.zeros([2, 2]), "b": jnp.zeros([2])] as Params)
    let paths = treeLeavesWithPaths(state).map(\.path)
    #expect(paths.contains(".inner[0].slots['mu']['w']"))
    #expect(paths.contains(".inner[1].hyperparams['learning_rate']"))
    #expect(paths.contains(".inner[0].count"))
    let rebuilt: OptState = treeUnflatten(treeStructure(state), treeLeaves(state))
    #expect(treeStructure(rebuilt) == treeStructure(state))
  }
}

@Suite("Optim errors")
struct OptimErrorTests {
  @Test func mismatchedTreesAreJAXErrors() {
    let opt = Optim.adamw(learningRate: 1e-3)
    let params: [String: Tensor] = ["w": jnp.ones([2])]
    let state = opt.initialize(params)
    let other: [String: Tensor] = ["v": jnp.ones([2])]
    #expect(throws: JAXError.self) { try JAXError.capture { _ = opt.update(other, state, params: other) } }
    #expect(throws: JAXError.self) { try JAXError.capture { _ = opt.update(params, state) } }
    #expect(throws: JAXError.self) { try JAXError.capture { _ = opt.update(params, state, params: other) } }
    do {
      try JAXError.capture { _ = opt.update(other, state, params: other) }
    } catch let e as JAXError {
      #expect(e.kind == .treeMismatch && e.description.contains("chain.update") && e.description.contains("OptimJITTests.swift"), "\(e)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
