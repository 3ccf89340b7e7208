import Foundation
import SwiftJAX
import SwiftJAXNN
import Testing

// Forward values of every layer against flax.linen 0.12.8
// (Tests/Fixtures/layers.json, written by scripts/fixtures/gen_layers.py):
// Flax's parameters are loaded by name into the SwiftJAXNN layer, so this
// also checks that parameter names and layouts are Flax's.

let layerFixture: [String: [String: Any]] = {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fixtures/layers.json")
  let json = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
  return json["cases"] as! [String: [String: Any]]
}()

/// A fixture array as a tensor (float32 or int32).
func fixtureTensor(_ e: Any?) -> Tensor {
  let d = e as! [String: Any]
  let shape = d["shape"] as! [Int], data = d["data"] as! [Double]
  if (d["dtype"] as! String).hasPrefix("int") { return Tensor(data.map { Int32($0) }, shape: shape) }
  return Tensor(data.map { Float($0) }, shape: shape)
}

/// `{'a/b': array}` as nested ``Params``.
func fixtureParams(_ e: Any?) -> Params {
  var p = Params.empty
  for (path, value) in (e as? [String: Any]) ?? [:] {
    let parts = path.split(separator: "/").map(String.init)
    func insert(_ node: inout Params, _ rest: ArraySlice<String>) {
      if rest.count == 1 { node[rest.first!] = .tensor(fixtureTensor(value)); return }
      var child = node[rest.first!]
      insert(&child, rest.dropFirst())
      node[rest.first!] = child
    }
    insert(&p, parts[...])
  }
  return p
}

/// The largest |a − b| over elements (shapes must match).
func maxDiff(_ a: Tensor, _ b: Tensor) -> Float {
  #expect(a.shape == b.shape)
  guard a.shape == b.shape else { return .infinity }
  return zip(a.toArray(Float.self), b.toArray(Float.self)).map { abs($0 - $1) }.max() ?? 0
}

/// The SwiftJAXNN layer configured as the fixture's Flax module.
let fixtureLayers: [String: any Layer] = [
  "dense": Dense(5),
  "sequential": Sequential(Dense(8), Lambda { nn.relu($0) }, Dense(3)),
  "layernorm": LayerNorm(),
  "rmsnorm": RMSNorm(),
  "groupnorm": GroupNorm(numGroups: 2),
  "batchnorm_eval": BatchNorm(),
  "batchnorm_train": BatchNorm(),
  "embedding": Embedding(10, 4),
  "attention": MultiHeadAttention(numHeads: 2),
  "attention_causal": MultiHeadAttention(numHeads: 2, qkvFeatures: 8, outFeatures: 6, isCausal: true),
  "lstm": RNN(LSTMCell(features: 6)),
  "gru": RNN(GRUCell(features: 6)),
  "conv2d": Conv(4, kernelSize: [3, 3]),
  "conv1d_valid_strided": Conv(3, kernelSize: [3], strides: [2], padding: .valid),
  "conv3d": Conv(2, kernelSize: [2, 3, 2]),
  "conv_grouped_dilated": Conv(
    6, kernelSize: [3, 3], padding: .explicit([WindowPadding(1, 1), WindowPadding(2, 0)]), kernelDilation: [2, 2], featureGroupCount: 2),
  "conv_unbatched": Conv(3, kernelSize: [3, 3], strides: [2, 1]),
  "conv_transpose": ConvTranspose(3, kernelSize: [3, 3], strides: [2, 2]),
  "conv_transpose_valid": ConvTranspose(2, kernelSize: [2, 3], strides: [2, 1], padding: .valid),
  "max_pool": Sequential(Dense(3), MaxPool(windowShape: [2, 2], strides: [2, 2], padding: .same)),
  "avg_pool": Sequential(Dense(3), AvgPool(windowShape: [3, 3], strides: [2, 2], padding: .same)),
  "avg_pool_exclude_pad": Sequential(Dense(3), AvgPool(windowShape: [3, 2], strides: [2, 1], padding: .same, countIncludePad: false)),
]

@Suite("Layers vs flax.linen")
struct LayerFixtureTests {
  @Test(arguments: fixtureLayers.keys.sorted())
  func forwardMatchesFlax(_ name: String) throws {
    let c = try #require(layerFixture[name], "no fixture \(name)")
    let layer = fixtureLayers[name]!
    let params = fixtureParams(c["params"]), x = fixtureTensor(c["x"])
    // Flax's parameter tree and ours have the same paths and shapes.
    let ours = layer.initialize(Random.PRNGKey(0), x)
    #expect(treeFlatten(ours).1.leafPaths() == treeFlatten(params).1.leafPaths())
    #expect(treeFlatten(ours).0.map(\.shape) == treeFlatten(params).0.map(\.shape))
    let mode: Mode = name.hasSuffix("_train") ? .train : .eval
    let (y, newState) = layer.apply(params, x, state: fixtureParams(c["state"]), mode: mode)
    #expect(maxDiff(y, fixtureTensor(c["y"])) < 2e-5, "\(name)")
    if c["new_state"] != nil {
      let expected = fixtureParams(c["new_state"])
      #expect(maxDiff(newState["mean"].tensor, expected["mean"].tensor) < 1e-6)
      #expect(maxDiff(newState["var"].tensor, expected["var"].tensor) < 1e-6)
    }
  }
}
