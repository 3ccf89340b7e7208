import SwiftJAX

// Adafactor's second-moment estimator (optax/_src/factorized.py): for a
// parameter whose two largest axes are both at least the threshold, the
// squared gradients are kept as row and column means (O(n + m) memory);
// other parameters keep a full `v`. Unused buffers are size-1 placeholders,
// as in Optax, so every slot mirrors the parameters' structure.

extension Optim {
  /// The two axes to factor (second largest, largest), or nil.
  static func factoredDims(_ shape: [Int], factored: Bool, minDimSizeToFactor: Int) -> (Int, Int)? {
    guard factored, shape.count >= 2 else { return nil }
    // np.argsort is a stable sort of the sizes.
    let sorted = shape.indices.sorted { shape[$0] < shape[$1] || (shape[$0] == shape[$1] && $0 < $1) }
    let d1 = sorted[sorted.count - 2], d0 = sorted[sorted.count - 1]
    return shape[d1] < minDimSizeToFactor ? nil : (d1, d0)
  }

  /// Adafactor's factored RMS scaling (`optax.scale_by_factored_rms`).
  ///
  /// ```swift
  /// let opt = Optim.scaleByFactoredRms()
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 1. -1.]
  /// ```
  public static func scaleByFactoredRms(
    factored: Bool = true, decayRate: Double = 0.8, stepOffset: Int = 0, minDimSizeToFactor: Int = 128, eps: Double = 1e-30
  ) -> GradientTransformation {
    let name = "scale_by_factored_rms"
    func dims(_ p: Tensor) -> (Int, Int)? { factoredDims(p.shape, factored: factored, minDimSizeToFactor: minDimSizeToFactor) }
    return GradientTransformation(
      name, needsParams: true,
      initFn: { p, d in
        let one = { (x: Tensor) in jnp.zeros([1], dtype: x.dtype) }
        var row: [Tensor] = [], col: [Tensor] = [], v: [Tensor] = []
        for x in p {
          if let (d1, d0) = dims(x) {
            var r = x.shape, c = x.shape
            r.remove(at: d0)
            c.remove(at: d1)
            row.append(jnp.zeros(r, dtype: x.dtype)); col.append(jnp.zeros(c, dtype: x.dtype)); v.append(one(x))
          } else {
            row.append(one(x)); col.append(one(x)); v.append(jnp.zeros(x.shape, dtype: x.dtype))
          }
        }
        return OptState(
          name: name, hyperparams: ["decay_rate": hp(decayRate), "eps": hp(eps)], count: zeroCount(),
          slots: ["v_row": AnyTree(def: d, leaves: row), "v_col": AnyTree(def: d, leaves: col), "v": AnyTree(def: d, leaves: v)])
      },
      updateFn: { g, s, p, d in
        let t = (s.count! - stepOffset + 1).astype(.float32)
        let rate = 1 - t ** (-get(s, "decay_rate"))
        let eps = get(s, "eps")
        var updates: [Tensor] = [], row = slot(s, "v_row"), col = slot(s, "v_col"), v = slot(s, "v")
        for i in g.indices {
          let grad = g[i], param = p![i]
          let sq = grad * grad + eps
          if let (d1, d0) = dims(param) {
            row[i] = (rate * row[i] + (1 - rate) * jnp.mean(sq, axis: d0)).astype(param.dtype)
            col[i] = (rate * col[i] + (1 - rate) * jnp.mean(sq, axis: d1)).astype(param.dtype)
            let reducedD1 = d1 > d0 ? d1 - 1 : d1
            let rowColMean = jnp.mean(row[i], axis: reducedD1, keepDims: true)
            let rowFactor = (row[i] / rowColMean) ** Tensor(weak: -0.5)
            let colFactor = col[i] ** Tensor(weak: -0.5)
            updates.append(grad * jnp.expandDims(rowFactor, axis: d0) * jnp.expandDims(colFactor, axis: d1))
            v[i] = jnp.zeros([1], dtype: param.dtype)
          } else {
            v[i] = (rate * v[i] + (1 - rate) * sq).astype(param.dtype)
            updates.append(grad * v[i] ** Tensor(weak: -0.5))
            row[i] = jnp.zeros([1], dtype: param.dtype)
            col[i] = jnp.zeros([1], dtype: param.dtype)
          }
        }
        let slots = ["v_row": AnyTree(def: d, leaves: row), "v_col": AnyTree(def: d, leaves: col), "v": AnyTree(def: d, leaves: v)]
        return (updates, OptState(name: name, hyperparams: s.hyperparams, count: increment(s.count!), slots: slots))
      })
  }
}
