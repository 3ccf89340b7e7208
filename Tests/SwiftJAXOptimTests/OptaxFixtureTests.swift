import Foundation
import SwiftJAX
import SwiftJAXOptim
import Testing

/// Five steps of every optimiser and schedule against real Optax 0.2.6
/// (Tests/Fixtures/optax.json, written by scripts/fixtures/gen_optax.py).

let optaxFixture: [String: Any] = {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fixtures/optax.json")
  guard let data = try? Data(contentsOf: url), let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
  return root
}()

func fixtureFloats(_ key: String) -> [Float] {
  ((optaxFixture["problem"] as? [String: Any])?[key] as? [Double] ?? []).map { Float($0) }
}

struct LeastSquares {
  let x = Tensor(fixtureFloats("x"), shape: [8, 3])
  let y = Tensor(fixtureFloats("y"), shape: [8, 4])
  var params: [String: Tensor] { ["w": Tensor(fixtureFloats("w0"), shape: [3, 4]), "b": Tensor(fixtureFloats("b0"), shape: [4])] }
  func loss(_ p: [String: Tensor]) -> Tensor { jnp.mean((jnp.matmul(x, p["w"]!) + p["b"]! - y) ** 2) }
}

func swiftSchedule(_ name: String) -> Schedule? {
  switch name {
  case "constant": return .constant(0.05)
  case "exponential_decay": return .exponentialDecay(initValue: 0.1, transitionSteps: 2, decayRate: 0.5)
  case "exponential_decay_staircase":
    return .exponentialDecay(initValue: 0.1, transitionSteps: 3, decayRate: 0.5, transitionBegin: 1, staircase: true, endValue: 0.02)
  case "piecewise_constant": return .piecewiseConstant(initValue: 0.1, boundariesAndScales: [2: 0.5, 4: 0.1])
  case "cosine_decay": return .cosineDecay(initValue: 0.1, decaySteps: 4, alpha: 0.1)
  case "warmup_cosine_decay": return .warmupCosineDecay(initValue: 0, peakValue: 0.1, warmupSteps: 2, decaySteps: 8, endValue: 0.01)
  case "linear": return .linear(initValue: 0.1, endValue: 0.01, transitionSteps: 5, transitionBegin: 1)
  case "join": return .join([.constant(0.1), .linear(initValue: 0.1, endValue: 0, transitionSteps: 4)], boundaries: [3])
  default: return nil
  }
}

func swiftOptimiser(_ name: String) -> GradientTransformation? {
  let onlyW: (String) -> Bool = { $0 == "['w']" }
  if name.hasPrefix("adam_schedule:") {
    return swiftSchedule(String(name.dropFirst("adam_schedule:".count))).map { Optim.adam(learningRate: .schedule($0)) }
  }
  switch name {
  case "sgd": return Optim.sgd(learningRate: 0.1)
  case "momentum": return Optim.momentum(learningRate: 0.1, beta: 0.9)
  case "nesterov": return Optim.nesterov(learningRate: 0.1, beta: 0.9)
  case "adam": return Optim.adam(learningRate: 0.05)
  case "adamw": return Optim.adamw(learningRate: 0.05, weightDecay: 0.1)
  case "adamw_masked": return Optim.adamw(learningRate: 0.05, weightDecay: 0.1, mask: onlyW)
  case "nadam": return Optim.nadam(learningRate: 0.05)
  case "adamax": return Optim.adamax(learningRate: 0.05)
  case "rmsprop": return Optim.rmsprop(learningRate: 0.05)
  case "rmsprop_momentum": return Optim.rmsprop(learningRate: 0.05, momentum: 0.9, nesterov: true)
  case "adagrad": return Optim.adagrad(learningRate: 0.1)
  case "adadelta": return Optim.adadelta(learningRate: 1.0, weightDecay: 0.01)
  case "lamb": return Optim.lamb(learningRate: 0.05, weightDecay: 0.01)
  case "lion": return Optim.lion(learningRate: 0.01)
  case "adafactor": return Optim.adafactor(learningRate: 0.05)
  case "adafactor_factored": return Optim.adafactor(learningRate: 0.05, minDimSizeToFactor: 2, momentum: 0.9, weightDecayRate: 0.01)
  case "clip_by_global_norm_sgd": return Optim.chain(Optim.clipByGlobalNorm(0.5), Optim.sgd(learningRate: 0.1))
  case "clip_sgd": return Optim.chain(Optim.clip(0.05), Optim.sgd(learningRate: 0.1))
  case "add_decayed_weights_masked_sgd": return Optim.chain(Optim.addDecayedWeights(0.5, mask: onlyW), Optim.sgd(learningRate: 0.1))
  default: return nil
  }
}

func expectFloatsClose(_ a: Tensor, _ b: [Double], rtol: Double, atol: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let av = a.toArray(Double.self)
  #expect(av.count == b.count, "\(what): \(av.count) vs \(b.count) values", sourceLocation: sourceLocation)
  for (i, (x, y)) in zip(av, b).enumerated() where !(abs(x - y) <= atol + rtol * abs(y)) {
    Issue.record("\(what): element \(i): \(x) vs expected \(y)", sourceLocation: sourceLocation)
    return
  }
}

/// The parameters after each of `count` eager steps of `opt`.
func runSteps(_ opt: GradientTransformation, _ problem: LeastSquares, count: Int) -> [[String: Tensor]] {
  var params: [String: Tensor] = problem.params
  var state: OptState = opt.initialize(params)
  let lossGrad: ([String: Tensor]) -> [String: Tensor] = grad({ (p: [String: Tensor]) -> Tensor in problem.loss(p) })
  var out: [[String: Tensor]] = []
  for _ in 0..<count {
    let g: [String: Tensor] = lossGrad(params)
    let (updates, s): ([String: Tensor], OptState) = opt.update(g, state, params: params)
    state = s
    params = Optim.applyUpdates(params, updates)
    out.append(params)
  }
  return out
}

let optaxRuns = (optaxFixture["runs"] as? [[String: Any]]) ?? []

@Suite("Optax fixtures")
struct OptaxFixtureTests {
  @Test func fixtureLoaded() {
    #expect(optaxRuns.count == 27)
    #expect(optaxFixture["optax"] as? String == "0.2.6")
  }

  @Test(arguments: optaxRuns.map { $0["name"] as! String })
  func fiveStepsMatchOptax(_ name: String) {
    guard let opt = swiftOptimiser(name) else {
      Issue.record("no Swift optimiser for \(name)")
      return
    }
    let runs: [[String: Any]] = optaxRuns.filter { ($0["name"] as? String) == name }
    let steps: [[String: Any]] = (runs.first?["steps"] as? [[String: Any]]) ?? []
    let trajectory: [[String: Tensor]] = runSteps(opt, LeastSquares(), count: steps.count)
    for i in steps.indices {
      let expected: [String: Any] = steps[i]
      let p: [String: Tensor] = trajectory[i]
      // float32 rounding: hyperparameters are float32 leaves here and
      // Python floats in Optax, and each side computes its own gradients
      // (XLA sums in another order). Adam-style normalisation turns a
      // last-bit difference in a near-zero gradient component into an
      // O(lr · 1e-5) difference, hence the absolute tolerance (the
      // parameters are O(1)).
      expectFloatsClose(p["w"]!, (expected["w"] as? [Double]) ?? [], rtol: 1e-5, atol: 4e-6, "\(name) step \(i + 1) w")
      expectFloatsClose(p["b"]!, (expected["b"] as? [Double]) ?? [], rtol: 1e-5, atol: 4e-6, "\(name) step \(i + 1) b")
    }
  }

  @Test(arguments: ((optaxFixture["schedules"] as? [String: [Double]]) ?? [:]).keys.sorted())
  func scheduleMatchesOptax(_ name: String) {
    let expected = (optaxFixture["schedules"] as! [String: [Double]])[name]!
    guard let s = swiftSchedule(name) else {
      Issue.record("no Swift schedule for \(name)")
      return
    }
    let got = Tensor(expected.indices.map { s($0).astype(.float32).toArray(Float.self)[0] })
    expectFloatsClose(got, expected, rtol: 1e-6, atol: 1e-8, name)
  }
}
