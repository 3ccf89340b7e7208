import Foundation
import Testing
@testable import SwiftJAX

/// `NN` (jax.nn) against JAX 0.10.2 (Tests/Fixtures/nn.json, written by
/// scripts/fixtures/gen_nn.py): values, and JAX's gradients of
/// sum(f(x) · cotangent), including its custom derivative choices.

struct NNCase {
  let name: String
  let fn: String
  let kwargs: [String: Any]
  let inputs: [Tensor]
  let out: Tensor
  let cotangent: Tensor?
  let grads: [Tensor]
}

func decodeFixtureArray(_ a: Any?) -> Tensor {
  let d = a as! [String: Any]
  let dtype = d["dtype"] as! String
  return tensorFromBytes(dtype == "bool" ? "bool" : dtype, d["shape"] as! [Int], [UInt8](Data(base64Encoded: d["b64"] as! String)!))
}

func loadNNFixture() -> [String: Any] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/nn.json")
  guard let data = try? Data(contentsOf: url), let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
  return root
}

let nnFixture = loadNNFixture()

let nnCases: [NNCase] = ((nnFixture["cases"] as? [[String: Any]]) ?? []).map { c in
  NNCase(
    name: c["name"] as! String, fn: c["fn"] as! String, kwargs: c["kwargs"] as? [String: Any] ?? [:],
    inputs: (c["inputs"] as! [Any]).map(decodeFixtureArray), out: decodeFixtureArray(c["out"]),
    cotangent: c["cotangent"].map(decodeFixtureArray), grads: ((c["grads"] as? [Any]) ?? []).map(decodeFixtureArray))
}

/// `expectClose` that also accepts equal infinities.
func expectCloseInf(_ a: Tensor, _ b: Tensor, rtol: Double, atol: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.shape == b.shape, "\(what): shape \(a.shape) vs \(b.shape)", sourceLocation: sourceLocation)
  for (i, (x, y)) in zip(values(a), values(b)).enumerated() {
    let ok = x == y || (x.isNaN && y.isNaN) || abs(x - y) <= atol + rtol * abs(y)
    #expect(ok, "\(what): element \(i): \(x) vs expected \(y)", sourceLocation: sourceLocation)
    if !ok { return }
  }
}

/// The Swift call for a fixture case: inputs → output.
func nnFunction(_ c: NNCase) -> ([Tensor]) -> Tensor {
  let kw = c.kwargs
  let d = { (k: String, def: Double) in Tensor(weak: (kw[k] as? Double) ?? def) }
  let axis = (kw["axis"] as? Int) ?? -1
  switch c.fn {
  case "relu": return { nn.relu($0[0]) }
  case "relu6": return { nn.relu6($0[0]) }
  case "sigmoid": return { nn.sigmoid($0[0]) }
  case "log_sigmoid": return { nn.logSigmoid($0[0]) }
  case "softplus": return { nn.softplus($0[0]) }
  case "soft_sign": return { nn.softSign($0[0]) }
  case "silu": return { nn.silu($0[0]) }
  case "swish": return { nn.swish($0[0]) }
  case "mish": return { nn.mish($0[0]) }
  case "elu": return { nn.elu($0[0], alpha: d("alpha", 1)) }
  case "selu": return { nn.selu($0[0]) }
  case "celu": return { nn.celu($0[0], alpha: d("alpha", 1)) }
  case "leaky_relu": return { nn.leakyRelu($0[0], negativeSlope: d("negative_slope", 0.01)) }
  case "hard_tanh": return { nn.hardTanh($0[0]) }
  case "hard_sigmoid": return { nn.hardSigmoid($0[0]) }
  case "hard_silu": return { nn.hardSilu($0[0]) }
  case "hard_swish": return { nn.hardSwish($0[0]) }
  case "squareplus": return { nn.squareplus($0[0], b: d("b", 4)) }
  case "sparse_plus": return { nn.sparsePlus($0[0]) }
  case "sparse_sigmoid": return { nn.sparseSigmoid($0[0]) }
  case "tanh": return { nn.tanh($0[0]) }
  case "identity": return { nn.identity($0[0]) }
  case "gelu": return { nn.gelu($0[0], approximate: (kw["approximate"] as? Bool) ?? true) }
  case "log1mexp": return { nn.log1mexp($0[0]) }
  case "softmax": return { x in nn.softmax(x[0], axis: axis, where: x.count > 1 ? x[1] : nil) }
  case "log_softmax": return { x in nn.logSoftmax(x[0], axis: axis, where: x.count > 1 ? x[1] : nil) }
  case "logsumexp":
    let ax = kw["axis"] as? Int
    return { nn.logsumexp($0[0], axis: ax, keepDims: (kw["keepdims"] as? Bool) ?? false) }
  case "logmeanexp": return { nn.logmeanexp($0[0], axis: axis) }
  case "glu": return { nn.glu($0[0], axis: axis) }
  case "standardize": return { nn.standardize($0[0], axis: axis) }
  case "one_hot":
    let dtype: DType = (kw["dtype"] as? String) == "int32" ? .int32 : .float32
    return { nn.oneHot($0[0], numClasses: kw["num_classes"] as! Int, dtype: dtype, axis: axis) }
  case "dot_product_attention":
    return { x in
      if kw["seq_lengths"] != nil {
        return nn.dotProductAttention(query: x[0], key: x[1], value: x[2], querySeqLengths: x[3], keyValueSeqLengths: x[4])
      }
      return nn.dotProductAttention(
        query: x[0], key: x[1], value: x[2], bias: x.count > 3 ? x[3] : nil, mask: x.count > 4 ? x[4] : nil,
        scale: kw["scale"] as? Double, isCausal: (kw["is_causal"] as? Bool) ?? false)
    }
  default:
    Issue.record("no Swift function for fixture function \(c.fn)")
    return { _ in .invalid }
  }
}

@Suite("NN fixtures")
struct NNFixtureTests {
  @Test func fixtureLoaded() {
    #expect(nnCases.count >= 50)
    #expect(((nnFixture["initializers"] as? [Any]) ?? []).count >= 100)
  }

  @Test(arguments: nnCases.map(\.name))
  func valuesMatchJAX(_ name: String) {
    let c = nnCases.first { $0.name == name }!
    let y = nnFunction(c)(c.inputs)
    #expect(y.dtype == c.out.dtype, "\(name): dtype \(y.dtype) vs \(c.out.dtype)")
    // The transcendental kernels differ from XLA's in the last bits.
    expectCloseInf(y, c.out, rtol: 4e-6, atol: 1e-6, name)
  }

  @Test(arguments: nnCases.filter { !$0.grads.isEmpty }.map(\.name))
  func gradientsMatchJAX(_ name: String) {
    let c = nnCases.first { $0.name == name }!
    let f = nnFunction(c)
    let floats = c.inputs.indices.filter { c.inputs[$0].dtype.isFloatingPoint }
    let cot = c.cotangent!
    let g = grad({ (xs: [Tensor]) -> Tensor in
      var args = c.inputs
      for (i, x) in zip(floats, xs) { args[i] = x }
      return jnp.sum(f(args) * cot)
    })(floats.map { c.inputs[$0] })
    #expect(g.count == c.grads.count)
    for (a, b) in zip(g, c.grads) { expectCloseInf(a, b, rtol: 2e-5, atol: 2e-6, "\(name) gradient") }
  }

  @Test(arguments: nnCases.filter { ["relu", "gelu", "softmax_axis-1", "attention_bias_mask", "logsumexp_all", "elu"].contains($0.name) }.map(\.name))
  func jitMatchesEager(_ name: String) {
    let c = nnCases.first { $0.name == name }!
    let f = nnFunction(c)
    let jf = jit { (xs: [Tensor]) in f(xs) }
    expectCloseInf(jf(c.inputs), f(c.inputs), rtol: 1e-6, atol: 1e-7, name)
  }
}

@Suite("NN under vmap")
struct NNVmapTests {
  /// Functions with custom derivatives (relu, relu6, softplus, log1mexp)
  /// and the reductions batch like a loop, and their batched gradients too.
  @Test func vmapMatchesLoop() {
    let x = Tensor((0..<15).map { Float($0) / 2 - 3.5 }, shape: [3, 5])
    let fs: [(String, (Tensor) -> Tensor)] = [
      ("relu", { nn.relu($0) }), ("relu6", { nn.relu6($0) }), ("softplus", { nn.softplus($0) }),
      ("softmax", { nn.softmax($0) }), ("logsumexp", { nn.logsumexp($0, axis: -1) }), ("gelu", { nn.gelu($0) }),
      ("log1mexp", { nn.log1mexp(jnp.abs($0) + 0.1) }),
    ]
    for (name, f) in fs {
      let batched = vmap(f)(x)
      let looped = jnp.stack((0..<3).map { f(x[$0]) })
      expectCloseInf(batched, looped, rtol: 1e-6, atol: 1e-7, "vmap \(name)")
      let gb = vmap(grad { (r: Tensor) in jnp.sum(f(r) * r) })(x)
      let gl = jnp.stack((0..<3).map { i in grad { (r: Tensor) in jnp.sum(f(r) * r) }(x[i]) })
      expectCloseInf(gb, gl, rtol: 1e-6, atol: 1e-7, "vmap grad \(name)")
    }
  }
}
