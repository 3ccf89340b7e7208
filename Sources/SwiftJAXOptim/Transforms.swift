import SwiftJAX

// Optax's gradient transformations (optax 0.2.6, optax/_src/transform.py,
// optax/transforms/*), written formula for formula so that five steps
// agree with Optax to float32 rounding. Hyperparameters live in the state
// as float32 scalars (Optax bakes Python floats into the traced program,
// so `1 - b1` is rounded once in float64 there and computed in float32
// here: the two can differ in the last bit).

extension Optim {
  /// Scales updates by `-learningRate` (or `+` with `flipSign: false`);
  /// a scheduled rate counts steps and records its current value as the
  /// `learning_rate` hyperparameter (`optax.scale_by_learning_rate`).
  ///
  /// ```swift
  /// let opt = Optim.scaleByLearningRate(0.1)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [-0.05  0.1 ]
  /// ```
  public static func scaleByLearningRate(_ lr: LearningRate, flipSign: Bool = true) -> GradientTransformation {
    let sign = flipSign ? -1.0 : 1.0
    let name = "scale_by_learning_rate"
    if let schedule = lr.schedule {
      return GradientTransformation(
        name, initFn: { _, _ in OptState(name: name, hyperparams: ["learning_rate": schedule(zeroCount()).astype(.float32)], count: zeroCount()) },
        updateFn: { u, s, _, _ in
          let c = s.count!
          let value = schedule(c)
          let step = Tensor(weak: sign) * value
          let updates = u.map { jnp.asarray(step, dtype: $0.dtype) * $0 }
          return (updates, OptState(name: name, hyperparams: ["learning_rate": value.astype(.float32)], count: increment(c)))
        })
    }
    return GradientTransformation(
      name, initFn: { _, _ in OptState(name: name, hyperparams: ["learning_rate": hp(lr.value!)]) },
      updateFn: { u, s, _, _ in
        let step = Tensor(weak: sign) * get(s, "learning_rate")
        return (u.map { step * $0 }, s)
      })
  }

  /// Momentum: `trace = g + decay · trace`; updates are the trace, or
  /// `g + decay · trace` with Nesterov (`optax.trace`).
  ///
  /// ```swift
  /// let opt = Optim.trace(decay: 0.9, nesterov: true)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 0.95 -1.9 ]
  /// ```
  public static func trace(decay: Double, nesterov: Bool = false) -> GradientTransformation {
    let name = "trace"
    return GradientTransformation(
      name, initFn: { p, d in OptState(name: name, hyperparams: ["decay": hp(decay)], slots: ["trace": full(p, d, 0)]) },
      updateFn: { u, s, _, d in
        let b = get(s, "decay")
        let t = zip(u, slot(s, "trace")).map { g, t in g + b * t }
        let updates = nesterov ? zip(u, t).map { g, t in g + b * t } : t
        return (updates, OptState(name: name, hyperparams: s.hyperparams, slots: ["trace": AnyTree(def: d, leaves: t)]))
      })
  }

  /// `(1 - decay) · g^order + decay · t` (`tree.update_moment`).
  static func moment(_ g: [Tensor], _ t: [Tensor], _ decay: Tensor, order: Int) -> [Tensor] {
    zip(g, t).map { g, t in (1 - decay) * (order == 1 ? g : g ** Tensor(weak: order)) + decay * t }
  }

  /// `t / (1 - decay^count)` (`tree.bias_correction`).
  static func debias(_ t: [Tensor], _ decay: Tensor, _ count: Tensor) -> [Tensor] {
    let correction = 1 - jnp.power(decay, count)
    return t.map { $0 / correction.astype($0.dtype) }
  }

  /// Adam's scaling by bias-corrected moments (`optax.scale_by_adam`);
  /// `nesterov` gives NAdam.
  ///
  /// ```swift
  /// let opt = Optim.scaleByAdam()
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 0.9999934 -0.9999934]
  /// ```
  public static func scaleByAdam(b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8, epsRoot: Double = 0, nesterov: Bool = false) -> GradientTransformation {
    let name = "scale_by_adam"
    let hyper = ["b1": b1, "b2": b2, "eps": eps, "eps_root": epsRoot]
    return GradientTransformation(
      name, initFn: { p, d in
        OptState(name: name, hyperparams: hyper.mapValues(hp), count: zeroCount(), slots: ["mu": full(p, d, 0), "nu": full(p, d, 0)])
      },
      updateFn: { u, s, _, d in
        let (b1, b2) = (get(s, "b1"), get(s, "b2"))
        let mu = moment(u, slot(s, "mu"), b1, order: 1)
        let nu = moment(u, slot(s, "nu"), b2, order: 2)
        let c = increment(s.count!)
        let muHat = nesterov
          ? zip(debias(mu, b1, increment(c)), debias(u, b1, c)).map { m, g in b1 * m + (1 - b1) * g }
          : debias(mu, b1, c)
        let nuHat = debias(nu, b2, c)
        let updates = zip(muHat, nuHat).map { m, v in m / (jnp.sqrt(v + get(s, "eps_root")) + get(s, "eps")) }
        return (updates, OptState(name: name, hyperparams: s.hyperparams, count: c, slots: ["mu": AnyTree(def: d, leaves: mu), "nu": AnyTree(def: d, leaves: nu)]))
      })
  }

  /// Adamax: the infinity-norm variant of Adam (`optax.scale_by_adamax`).
  ///
  /// ```swift
  /// let opt = Optim.scaleByAdamax()
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 0.9999998 -0.9999998]
  /// ```
  public static func scaleByAdamax(b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8) -> GradientTransformation {
    let name = "scale_by_adamax"
    return GradientTransformation(
      name, initFn: { p, d in
        OptState(name: name, hyperparams: ["b1": hp(b1), "b2": hp(b2), "eps": hp(eps)], count: zeroCount(), slots: ["mu": full(p, d, 0), "nu": full(p, d, 0)])
      },
      updateFn: { u, s, _, d in
        let c = increment(s.count!)
        let mu = moment(u, slot(s, "mu"), get(s, "b1"), order: 1)
        let nu = zip(u, slot(s, "nu")).map { g, t in jnp.maximum(jnp.abs(g) + get(s, "eps"), get(s, "b2") * t) }
        let updates = zip(debias(mu, get(s, "b1"), c), nu).map { m, v in m / v }
        return (updates, OptState(name: name, hyperparams: s.hyperparams, count: c, slots: ["mu": AnyTree(def: d, leaves: mu), "nu": AnyTree(def: d, leaves: nu)]))
      })
  }

  /// RMSProp's scaling `g / sqrt(nu + eps)` (`optax.scale_by_rms`).
  public static func scaleByRms(decay: Double = 0.9, eps: Double = 1e-8, initialScale: Double = 0) -> GradientTransformation {
    let name = "scale_by_rms"
    return GradientTransformation(
      name, initFn: { p, d in OptState(name: name, hyperparams: ["decay": hp(decay), "eps": hp(eps)], slots: ["nu": full(p, d, initialScale)]) },
      updateFn: { u, s, _, d in
        let nu = moment(u, slot(s, "nu"), get(s, "decay"), order: 2)
        let updates = zip(nu, u).map { n, g in Lax.rsqrt(n + get(s, "eps")) * g }
        return (updates, OptState(name: name, hyperparams: s.hyperparams, slots: ["nu": AnyTree(def: d, leaves: nu)]))
      })
  }

  /// Adagrad's scaling by the root of the summed squares (`optax.scale_by_rss`).
  ///
  /// ```swift
  /// let opt = Optim.scaleByRss()
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 0.84515417 -0.9534625 ]
  /// ```
  public static func scaleByRss(initialAccumulatorValue: Double = 0.1, eps: Double = 1e-7) -> GradientTransformation {
    let name = "scale_by_rss"
    return GradientTransformation(
      name, initFn: { p, d in OptState(name: name, hyperparams: ["eps": hp(eps)], slots: ["sum_of_squares": full(p, d, initialAccumulatorValue)]) },
      updateFn: { u, s, _, d in
        let sos = zip(u, slot(s, "sum_of_squares")).map { g, t in g * g + t }
        let updates = zip(sos, u).map { t, g in jnp.where(t > Tensor(weak: 0), Lax.rsqrt(t + get(s, "eps")), Tensor(weak: 0.0)) * g }
        return (updates, OptState(name: name, hyperparams: s.hyperparams, slots: ["sum_of_squares": AnyTree(def: d, leaves: sos)]))
      })
  }

  /// Adadelta's scaling (`optax.scale_by_adadelta`).
  ///
  /// ```swift
  /// let opt = Optim.scaleByAdadelta()
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 0.00316221 -0.00316226]
  /// ```
  public static func scaleByAdadelta(rho: Double = 0.9, eps: Double = 1e-6) -> GradientTransformation {
    let name = "scale_by_adadelta"
    return GradientTransformation(
      name, initFn: { p, d in OptState(name: name, hyperparams: ["rho": hp(rho), "eps": hp(eps)], slots: ["e_g": full(p, d, 0), "e_x": full(p, d, 0)]) },
      updateFn: { u, s, _, d in
        let (rho, eps) = (get(s, "rho"), get(s, "eps"))
        let eg = moment(u, slot(s, "e_g"), rho, order: 2)
        let updates = zip(zip(u, eg), slot(s, "e_x")).map { ge, ex in jnp.sqrt(ex + eps) / jnp.sqrt(ge.1 + eps) * ge.0 }
        let ex = moment(updates, slot(s, "e_x"), rho, order: 2)
        return (updates, OptState(name: name, hyperparams: s.hyperparams, slots: ["e_g": AnyTree(def: d, leaves: eg), "e_x": AnyTree(def: d, leaves: ex)]))
      })
  }

  /// Lion's sign update (`optax.scale_by_lion`).
  ///
  /// ```swift
  /// let opt = Optim.scaleByLion()
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 1. -1.]
  /// ```
  public static func scaleByLion(b1: Double = 0.9, b2: Double = 0.99) -> GradientTransformation {
    let name = "scale_by_lion"
    return GradientTransformation(
      name, initFn: { p, d in OptState(name: name, hyperparams: ["b1": hp(b1), "b2": hp(b2)], count: zeroCount(), slots: ["mu": full(p, d, 0)]) },
      updateFn: { u, s, _, d in
        let b1 = get(s, "b1")
        let updates = zip(u, slot(s, "mu")).map { g, m in jnp.sign((1 - b1) * g + b1 * m) }
        let mu = moment(u, slot(s, "mu"), get(s, "b2"), order: 1)
        return (updates, OptState(name: name, hyperparams: s.hyperparams, count: increment(s.count!), slots: ["mu": AnyTree(def: d, leaves: mu)]))
      })
  }

  /// Optax's `safe_norm(x, 0)`: the 2-norm, with a 0 norm safe to differentiate.
  static func safeNorm(_ x: Tensor) -> Tensor {
    let norm = jnp.sqrt(jnp.sum(x * x))
    let masked = jnp.where(norm <= Tensor(weak: 0.0), jnp.onesLike(x), x)
    return jnp.where(norm <= Tensor(weak: 0.0), Tensor(weak: 0.0), jnp.sqrt(jnp.sum(masked * masked)))
  }

  /// LAMB's layer-wise trust ratio `‖param‖ / ‖update‖` (`optax.scale_by_trust_ratio`).
  ///
  /// ```swift
  /// let opt = Optim.scaleByTrustRatio()
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 1. -2.]
  /// ```
  public static func scaleByTrustRatio() -> GradientTransformation {
    stateless("scale_by_trust_ratio", needsParams: true) { u, _, p in
      zip(u, p!).map { u, p in
        let (pn, un) = (safeNorm(p), safeNorm(u))
        let ratio = pn / un
        let zero = jnp.logicalOr(pn == Tensor(weak: 0.0), un == Tensor(weak: 0.0))
        return u * jnp.where(zero, jnp.asarray(Tensor(weak: 1.0), dtype: p.dtype), ratio)
      }
    }
  }

  /// `updates + weightDecay · params` for the parameters `mask` selects
  /// (by pytree path, e.g. `{ path in !path.hasSuffix("b") }`), all when
  /// nil (`optax.add_decayed_weights`).
  public static func addDecayedWeights(_ weightDecay: Double = 0, mask: ((String) -> Bool)? = nil) -> GradientTransformation {
    let name = "add_decayed_weights"
    return GradientTransformation(
      name, needsParams: true, initFn: { _, _ in OptState(name: name, hyperparams: ["weight_decay": hp(weightDecay)]) },
      updateFn: { u, s, p, d in
        let paths = d.leafPaths()
        let wd = get(s, "weight_decay")
        let updates = u.indices.map { i in (mask?(paths[i]) ?? true) ? u[i] + wd * p![i] : u[i] }
        return (updates, s)
      })
  }

  /// Clips every update to `[-maxDelta, maxDelta]` (`optax.clip`).
  ///
  /// ```swift
  /// let opt = Optim.clip(0.6)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 0.5 -0.6]
  /// ```
  public static func clip(_ maxDelta: Double) -> GradientTransformation {
    stateless("clip", hyper: ["max_delta": maxDelta]) { u, h, _ in
      u.map { jnp.clip($0, min: -h["max_delta"]!, max: h["max_delta"]!) }
    }
  }

  /// The 2-norm of all leaves together (`optax.global_norm`).
  ///
  /// ```swift
  /// Optim.globalNorm([jnp.array([3.0]), jnp.array([4.0])])  // 5.0
  /// ```
  public static func globalNorm(_ leaves: [Tensor]) -> Tensor {
    jnp.sqrt(leaves.reduce(Tensor(weak: 0)) { $0 + jnp.sum($1 * $1) })
  }

  /// Rescales all updates so their global norm is at most `maxNorm`
  /// (`optax.clip_by_global_norm`).
  ///
  /// ```swift
  /// let opt = Optim.clipByGlobalNorm(0.5)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 0.2236068 -0.4472136]
  /// ```
  public static func clipByGlobalNorm(_ maxNorm: Double) -> GradientTransformation {
    stateless("clip_by_global_norm", hyper: ["max_norm": maxNorm]) { u, h, _ in
      let norm = globalNorm(u)
      let trigger = norm < h["max_norm"]!
      return u.map { t in Lax.select(jnp.broadcastTo(trigger, t.shape), t, t / norm.astype(t.dtype) * h["max_norm"]!) }
    }
  }

  /// Divides each update by `max(1, rms(update) / threshold)` (`optax.clip_by_block_rms`).
  public static func clipByBlockRms(_ threshold: Double) -> GradientTransformation {
    stateless("clip_by_block_rms", hyper: ["threshold": threshold]) { u, h, _ in
      u.map { $0 / jnp.maximum(Tensor(weak: 1.0), jnp.sqrt(jnp.mean($0 * $0)) / h["threshold"]!) }
    }
  }

  /// Multiplies each update by the root-mean-square of its parameter,
  /// at least `minScale` (`optax.scale_by_param_block_rms`).
  ///
  /// ```swift
  /// let opt = Optim.scaleByParamBlockRms()
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 0.7905694 -1.5811388]
  /// ```
  public static func scaleByParamBlockRms(minScale: Double = 1e-3) -> GradientTransformation {
    stateless("scale_by_param_block_rms", hyper: ["min_scale": minScale], needsParams: true) { u, h, p in
      zip(u, p!).map { u, p in
        let minRms = h["min_scale"]!
        let rms = jnp.sqrt(jnp.mean(p * p))
        let x = jnp.where(rms <= minRms, jnp.onesLike(p), p)
        return u * jnp.where(rms <= minRms, minRms, jnp.sqrt(jnp.mean(x * x)))
      }
    }
  }
}
