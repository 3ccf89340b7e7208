import SwiftJAX

/// Multi-head dot-product attention (Flax's
/// `nn.MultiHeadDotProductAttention`): projections `query`, `key`, `value`
/// with kernels `[in, heads, headDim]` and biases `[heads, headDim]`, then
/// `nn.dotProductAttention`,
/// then `out` with kernel `[heads, headDim, outFeatures]` and bias
/// `[outFeatures]`. Inputs are `[batch, length, features]`.
///
/// ```swift
/// let mha = MultiHeadAttention(numHeads: 4)
/// let p = mha.initialize(key, x)
/// let y = mha(p, x, mask: nil, isCausal: true)      // self-attention
/// let z = mha(p, q, keyValue: kv)                    // cross-attention
/// ```
public struct MultiHeadAttention: Layer {
  /// The number of attention heads.
  public var numHeads: Int
  /// The total projection size (heads · headDim); defaults to the query's features.
  public var qkvFeatures: Int?
  /// The output size; defaults to the query's features.
  public var outFeatures: Int?
  /// Whether each position attends only to itself and earlier positions.
  public var isCausal: Bool
  let site: CallSite

  /// Multi-head attention: `MultiHeadAttention(numHeads: 4)`.
  public init(numHeads: Int, qkvFeatures: Int? = nil, outFeatures: Int? = nil, isCausal: Bool = false,
              file: StaticString = #fileID, line: UInt = #line) {
    self.numHeads = numHeads
    self.qkvFeatures = qkvFeatures
    self.outFeatures = outFeatures
    self.isCausal = isCausal
    site = CallSite(file: file, line: line)
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    let inF = sample.shape.last ?? 1
    let qkv = qkvFeatures ?? inF, out = outFeatures ?? inF, hd = qkv / max(numHeads, 1)
    let keys = Random.split(key, num: 4)
    // Flax's DenseGeneral initialises the kernel with the in axes as fan-in
    // and the (heads, headDim) axes as fan-out: a LeCun normal of the
    // flattened matrix has the same distribution.
    func proj(_ k: Tensor) -> Params {
      Params(["kernel": jnp.reshape(nn.initializers.lecunNormal()(k, [inF, qkv], .float32), [inF, numHeads, hd]),
              "bias": jnp.zeros([numHeads, hd], dtype: .float32)])
    }
    var p = Params.dict(["query": proj(keys[0]), "key": proj(keys[1]), "value": proj(keys[2])])
    p["out"] = Params(["kernel": jnp.reshape(nn.initializers.lecunNormal()(keys[3], [qkv, out], .float32), [numHeads, hd, out]),
                       "bias": jnp.zeros([out], dtype: .float32)])
    return Variables(params: p)
  }

  /// Attention of `query` over `keyValue` (itself when nil). `mask` is
  /// boolean, broadcastable to `[batch, heads, queryLength, keyLength]`,
  /// true where attention is allowed.
  public func callAsFunction(_ params: Params, _ query: Tensor, keyValue: Tensor? = nil, mask: Tensor? = nil) -> Tensor {
    let kv = keyValue ?? query
    guard query.rank == 3, kv.rank == 3, query.shape[0] == kv.shape[0], query.shape[2] == kv.shape[2] else {
      JAXError.report(JAXError(.shape, "MultiHeadAttention", "query \(query.shape) and key/value \(kv.shape) must be [batch, length, features] with equal batch and features", site: site))
      return .failed
    }
    func project(_ name: String, _ x: Tensor) -> Tensor {
      jnp.einsum("btf,fnh->btnh", x, params[name]["kernel"].tensor) + params[name]["bias"].tensor
    }
    let attended = nn.dotProductAttention(
      query: project("query", query), key: project("key", kv), value: project("value", kv), mask: mask, isCausal: isCausal)
    return jnp.einsum("btnh,nho->bto", attended, params["out"]["kernel"].tensor) + params["out"]["bias"].tensor
  }

  /// Self-attention (the ``Layer`` entry point, for ``Sequential``).
  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor { self(params, x) }
}
