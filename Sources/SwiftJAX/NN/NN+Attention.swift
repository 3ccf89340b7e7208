// `jax.nn.dot_product_attention`, the XLA implementation of JAX 0.10.2:
// logits in (at least) float32, optional bias, boolean mask, causal mask
// and per-batch sequence lengths; masked logits become a large negative
// number (not -inf, so fully masked rows stay finite); softmax in float32.

extension NN {
  /// Scaled dot-product attention (`jax.nn.dot_product_attention`).
  ///
  /// Shapes use JAX's letters: `query` is `[B, T, N, H]` (or `[T, N, H]`),
  /// `key` and `value` are `[B, S, K, H]` with `N` a multiple of `K`
  /// (grouped-query attention). `bias` and `mask` broadcast to
  /// `[B, N, T, S]` (missing leading axes are added); `mask` is boolean,
  /// true where attention is allowed. `scale` defaults to `1/√H`.
  ///
  /// ```swift
  /// let out = nn.dotProductAttention(query: q, key: k, value: v, isCausal: true)
  /// ```
  public static func dotProductAttention(
    query: Tensor, key: Tensor, value: Tensor, bias: Tensor? = nil, mask: Tensor? = nil,
    scale: Double? = nil, isCausal: Bool = false,
    querySeqLengths: Tensor? = nil, keyValueSeqLengths: Tensor? = nil,
    file: StaticString = #fileID, line: UInt = #line
  ) -> Tensor {
    let site = CallSite(file: file, line: line)
    if [query, key, value].contains(where: \.isInvalid) { return .invalid }
    let q = ensure4D(query, file: file, line: line), k = ensure4D(key, file: file, line: line), v = ensure4D(value, file: file, line: line)
    if let problem = attentionShapeProblem(q, k, v, mask: mask) {
      JAXError.raise(JAXError(.shape, "dot_product_attention", problem, site: site))
      return .invalid
    }
    let (b, t, n, h) = (q.shape[0], q.shape[1], q.shape[2], q.shape[3])
    let s = k.shape[1], groups = n / k.shape[2]
    // Grouped-query attention: query head i reads key/value head i / G.
    let kk = groups == 1 ? k : Numpy.repeat(k, groups, axis: 2, file: file, line: line)
    let vv = groups == 1 ? v : Numpy.repeat(v, groups, axis: 2, file: file, line: line)
    let logitsDType = DType.resultType(q.aval.promotionType, PromotionType(.float32)).dtype
    var logits = Numpy.einsum("BTNH,BSNH->BNTS", Numpy.convert(q, to: logitsDType, weak: false), Numpy.convert(kk, to: logitsDType, weak: false), file: file, line: line)
    logits = logits * Numpy.scalar(scale ?? 1 / Double(h).squareRoot(), logitsDType)
    if let bias { logits = Numpy.convert(Numpy.add(logits, ensure4D(bias, file: file, line: line), file: file, line: line), to: logitsDType, weak: false, file: file, line: line) }
    var allowed: Tensor? = mask.map { ensure4D($0, file: file, line: line) }
    func and(_ m: Tensor) { allowed = allowed.map { Numpy.logicalAnd($0, m, file: file, line: line) } ?? m }
    if isCausal {
      and(Numpy.reshape(Numpy.tril(Numpy.ones([t, s], dtype: .bool, file: file, line: line), file: file, line: line), [1, 1, t, s]))
    }
    if let ql = querySeqLengths {
      and(Numpy.reshape(Lax.iota(.int32, shape: [1, t, 1], dimension: 1) < Numpy.reshape(ql, [b, 1, 1], file: file, line: line), [b, 1, t, 1]))
    }
    if let kl = keyValueSeqLengths {
      and(Numpy.reshape(Lax.iota(.int32, shape: [1, 1, s], dimension: 2) < Numpy.reshape(kl, [b, 1, 1], file: file, line: line), [b, 1, 1, s]))
    }
    if let allowed {
      // -0.7 × the largest float32: finite after the cast to float32.
      let largeNegative = Numpy.scalar(-0.7 * Double(Float.greatestFiniteMagnitude), logitsDType)
      logits = Numpy.where(Numpy.broadcastTo(allowed, logits.shape, file: file, line: line), logits, largeNegative, file: file, line: line)
    }
    let probs = Numpy.convert(softmax(Numpy.convert(logits, to: .float32, weak: false), axis: -1, file: file, line: line), to: k.dtype, weak: false)
    var encoded = Numpy.einsum("BNTS,BSNH->BTNH", probs, vv, file: file, line: line)
    if let ql = querySeqLengths {
      let keepRow = Numpy.reshape(Lax.iota(.int32, shape: [1, t], dimension: 1) < Numpy.reshape(ql, [b, 1], file: file, line: line), [b, t, 1, 1])
      encoded = encoded * Numpy.convert(keepRow, to: encoded.dtype, weak: false)
    }
    return Numpy.reshape(encoded, query.shape, file: file, line: line)
  }

  /// Adds leading size-1 axes up to rank 4 (JAX's `_ensure_4d`).
  static func ensure4D(_ x: Tensor, file: StaticString, line: UInt) -> Tensor {
    x.rank >= 4 ? x : Numpy.reshape(x, [Int](repeating: 1, count: 4 - x.rank) + x.shape, file: file, line: line)
  }

  /// JAX's argument checks of `dot_product_attention`, as a message.
  static func attentionShapeProblem(_ q: Tensor, _ k: Tensor, _ v: Tensor, mask: Tensor?) -> String? {
    guard q.rank == 4, k.rank == 4, v.rank == 4 else {
      return "query, key and value must have rank 3 or 4, got \(shapeString(q.shape)), \(shapeString(k.shape)), \(shapeString(v.shape))"
    }
    if v.shape != k.shape || v.dtype != k.dtype {
      return "value must have the shape and dtype of key: \(v.dtype)\(shapeString(v.shape)) vs \(k.dtype)\(shapeString(k.shape))"
    }
    if q.shape[0] != k.shape[0] || q.shape[3] != k.shape[3] || q.dtype != k.dtype {
      return "query \(q.dtype)\(shapeString(q.shape)) must match key \(k.dtype)\(shapeString(k.shape)) in batch, head size and dtype"
    }
    if k.shape[2] == 0 || q.shape[2] % k.shape[2] != 0 {
      return "the number of query heads must be a multiple of key/value heads, but got \(q.shape[2]) vs \(k.shape[2])"
    }
    if let mask, mask.dtype != .bool { return "mask must be boolean, got \(mask.dtype)" }
    return nil
  }
}
