import Foundation
import Testing
@testable import SwiftJAX

/// `nn.initializers` against JAX 0.10.2 with the same keys: bit for bit,
/// except `orthogonal`, whose QR decomposition agrees to float rounding.

struct InitCase {
  let name: String
  let seed: Int
  let shape: [Int]
  let out: Tensor
}

let initCases: [InitCase] = ((nnFixture["initializers"] as? [[String: Any]]) ?? []).map { c in
  InitCase(name: c["name"] as! String, seed: c["seed"] as! Int, shape: c["shape"] as! [Int], out: decodeFixtureArray(c["out"]))
}

func swiftInitializer(_ name: String) -> NN.Initializer? {
  typealias I = NN.Initializers
  let parts = name.split(separator: ":").map(String.init)
  if parts[0] == "variance_scaling" {
    if parts[1] == "conv_axes" {
      return I.varianceScaling(scale: 1.3, mode: .fanAvg, distribution: .normal, inAxis: [0, 1], outAxis: [-1], batchAxis: [2])
    }
    guard let mode = NN.FanMode(rawValue: parts[1]), let dist = NN.Distribution(rawValue: parts[2]) else { return nil }
    return I.varianceScaling(scale: 0.7, mode: mode, distribution: dist)
  }
  switch name {
  case "zeros": return I.zeros
  case "ones": return I.ones
  case "constant": return I.constant(-7.5)
  case "uniform": return I.uniform()
  case "uniform_scale": return I.uniform(scale: 3)
  case "normal": return I.normal()
  case "normal_stddev": return I.normal(stddev: 2)
  case "truncated_normal": return I.truncatedNormal()
  case "truncated_normal_bounds": return I.truncatedNormal(stddev: 0.5, lower: -1, upper: 3)
  case "glorot_uniform": return I.glorotUniform()
  case "glorot_normal": return I.glorotNormal()
  case "xavier_uniform": return I.xavierUniform()
  case "xavier_normal": return I.xavierNormal()
  case "lecun_uniform": return I.lecunUniform()
  case "lecun_normal": return I.lecunNormal()
  case "he_uniform": return I.heUniform()
  case "he_normal": return I.heNormal()
  case "kaiming_uniform": return I.kaimingUniform()
  case "kaiming_normal": return I.kaimingNormal()
  case "orthogonal": return I.orthogonal()
  case "orthogonal_scale": return I.orthogonal(scale: 2)
  case "orthogonal_col0": return I.orthogonal(columnAxis: 0)
  default: return nil
  }
}

@Suite("NN initializers")
struct NNInitializerTests {
  @Test(arguments: initCases.indices)
  func matchesJAX(_ i: Int) {
    let c = initCases[i]
    guard let initializer = swiftInitializer(c.name) else {
      Issue.record("no Swift initializer for \(c.name)")
      return
    }
    let y = initializer(Random.PRNGKey(c.seed), c.shape, .float32)
    #expect(y.shape == c.out.shape && y.dtype == .float32, "\(c.name) \(c.shape)")
    if c.name.hasPrefix("orthogonal") {
      expectClose(y, c.out, rtol: 1e-5, atol: 2e-6, "\(c.name) \(c.shape)")
    } else {
      #expect(tensorBytes(y) == tensorBytes(c.out), "\(c.name) \(c.shape): not bit-identical to JAX")
    }
  }

  @Test func orthogonalColumnsAreOrthonormal() {
    let w = NN.Initializers.orthogonal()(Random.PRNGKey(3), [16, 8], .float32)
    expectClose(jnp.matmul(w.T, w), jnp.eye(8), rtol: 0, atol: 2e-6, "wᵀw")
  }

  @Test func badShapesAreErrors() {
    #expect(throws: JAXError.self) {
      try JAXError.capture { _ = NN.Initializers.heNormal()(Random.PRNGKey(0), [5], .float32) }
    }
    #expect(throws: JAXError.self) {
      try JAXError.capture { _ = NN.Initializers.orthogonal()(Random.PRNGKey(0), [5], .float32) }
    }
  }

  @Test func initializersWorkUnderJit() {
    let f = jit { (k: Tensor) in NN.Initializers.glorotNormal()(k, [4, 3], .float32) }
    let k = Random.PRNGKey(7)
    #expect(tensorBytes(f(k)) == tensorBytes(NN.Initializers.glorotNormal()(k, [4, 3], .float32)))
  }
}

/// Gradients of the activations against central finite differences in
/// float64, away from the kinks where derivatives are a convention.
@Suite("NN finite differences")
struct NNFiniteDifferenceTests {
  static let points: [Double] = [-7.3, -2.2, -0.7, -0.2, 0.3, 0.9, 2.4, 7.7]
  static let functions: [(String, (Tensor) -> Tensor)] = [
    ("relu", { nn.relu($0) }), ("relu6", { nn.relu6($0) }), ("gelu", { nn.gelu($0) }),
    ("gelu_exact", { nn.gelu($0, approximate: false) }), ("silu", { nn.silu($0) }), ("sigmoid", { nn.sigmoid($0) }),
    ("log_sigmoid", { nn.logSigmoid($0) }), ("softplus", { nn.softplus($0) }), ("soft_sign", { nn.softSign($0) }),
    ("elu", { nn.elu($0) }), ("selu", { nn.selu($0) }), ("celu", { nn.celu($0, alpha: 1.5) }),
    ("leaky_relu", { nn.leakyRelu($0) }), ("hard_tanh", { nn.hardTanh($0) }), ("hard_sigmoid", { nn.hardSigmoid($0) }),
    ("hard_silu", { nn.hardSilu($0) }), ("mish", { nn.mish($0) }), ("squareplus", { nn.squareplus($0) }),
    ("sparse_plus", { nn.sparsePlus($0) }), ("sparse_sigmoid", { nn.sparseSigmoid($0) }),
  ]

  @Test(arguments: functions.indices)
  func elementwiseDerivative(_ i: Int) {
    JAXConfig.withX64(true) { elementwiseDerivativeX64(i) }
  }

  func elementwiseDerivativeX64(_ i: Int) {
    let (name, f) = Self.functions[i]
    let x = f64(Self.points)
    let g = grad { (x: Tensor) in jnp.sum(f(x)) }(x)
    let h = 1e-6
    let fd = zip(values(f(f64(Self.points.map { $0 + h }))), values(f(f64(Self.points.map { $0 - h })))).map { ($0 - $1) / (2 * h) }
    expectClose(values(g), fd, rtol: 1e-6, atol: 1e-7, name)
  }

  @Test func reductionsAndAttention() {
    JAXConfig.withX64(true) { reductionsAndAttentionX64() }
  }

  func reductionsAndAttentionX64() {
    var rng = SplitMix64(seed: 11)
    let x = randomTensor([3, 4], in: -3...3, rng: &rng)
    let cot = randomTensor([3, 4], rng: &rng)
    let q = randomTensor([1, 3, 2, 4], rng: &rng), k = randomTensor([1, 5, 2, 4], rng: &rng), v = randomTensor([1, 5, 2, 4], rng: &rng)
    let cases: [(String, ([Tensor]) -> [Tensor], [Tensor])] = [
      ("softmax", { [jnp.sum(nn.softmax($0[0]) * cot)] }, [x]),
      ("log_softmax", { [jnp.sum(nn.logSoftmax($0[0], axis: 0) * cot)] }, [x]),
      ("logsumexp", { [nn.logsumexp($0[0])] }, [x]),
      ("standardize", { [jnp.sum(nn.standardize($0[0]) * cot)] }, [x]),
      ("glu", { [jnp.sum(nn.glu($0[0]))] }, [x]),
      ("attention", { [jnp.sum(nn.dotProductAttention(query: $0[0], key: $0[1], value: $0[2], isCausal: true) ** 2)] }, [q, k, v]),
    ]
    for (name, f, xs) in cases {
      let ts = xs.map { randomTensor($0.shape, rng: &rng) }
      let (_, tangent) = jvp({ (a: [Tensor]) in f(a) }, primals: xs, tangents: ts)
      // Attention runs its softmax in float32 even for float64 inputs (as
      // JAX does), so its difference quotient needs a larger step.
      let coarse = name == "attention"
      let fd = finiteDifference(f, xs, ts.map { Optional($0) }, eps: coarse ? 1e-3 : 1e-6)
      expectClose(values(tangent[0]), fd[0], rtol: coarse ? 1e-3 : 1e-5, atol: 1e-7, name)
    }
  }
}
