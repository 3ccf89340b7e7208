import SwiftJAX

// Optax's optimisers (optax/_src/alias.py): chains of the transformations
// in Transforms.swift, in Optax's order.

extension Optim {
  /// Stochastic gradient descent, with optional (Nesterov) momentum (`optax.sgd`).
  ///
  /// ```swift
  /// let opt = Optim.sgd(learningRate: 0.1, momentum: 0.9, nesterov: true)
  /// ```
  public static func sgd(learningRate: LearningRate, momentum: Double? = nil, nesterov: Bool = false) -> GradientTransformation {
    chain(momentum.map { trace(decay: $0, nesterov: nesterov) } ?? identity(), scaleByLearningRate(learningRate))
  }

  /// SGD with heavy-ball momentum (`optax.sgd(lr, momentum=beta)`).
  public static func momentum(learningRate: LearningRate, beta: Double = 0.9) -> GradientTransformation {
    sgd(learningRate: learningRate, momentum: beta)
  }

  /// SGD with Nesterov momentum (`optax.sgd(lr, momentum=beta, nesterov=True)`).
  public static func nesterov(learningRate: LearningRate, beta: Double = 0.9) -> GradientTransformation {
    sgd(learningRate: learningRate, momentum: beta, nesterov: true)
  }

  /// Adam (`optax.adam`).
  ///
  /// ```swift
  /// let opt = Optim.adam(learningRate: 1e-3)
  /// ```
  public static func adam(
    learningRate: LearningRate, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8, epsRoot: Double = 0, nesterov: Bool = false
  ) -> GradientTransformation {
    chain(scaleByAdam(b1: b1, b2: b2, eps: eps, epsRoot: epsRoot, nesterov: nesterov), scaleByLearningRate(learningRate))
  }

  /// NAdam: Adam with Nesterov momentum (`optax.nadam`).
  ///
  /// ```swift
  /// let opt = Optim.nadam(learningRate: 0.1)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [-0.14736743  0.14736743]
  /// ```
  public static func nadam(learningRate: LearningRate, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8, epsRoot: Double = 0) -> GradientTransformation {
    adam(learningRate: learningRate, b1: b1, b2: b2, eps: eps, epsRoot: epsRoot, nesterov: true)
  }

  /// AdamW: Adam with decoupled weight decay on the parameters `mask`
  /// selects by path (all when nil) (`optax.adamw`).
  ///
  /// ```swift
  /// // no decay for biases
  /// let opt = Optim.adamw(learningRate: 1e-3, weightDecay: 1e-2, mask: { !$0.hasSuffix("b") })
  /// ```
  public static func adamw(
    learningRate: LearningRate, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8, epsRoot: Double = 0,
    weightDecay: Double = 1e-4, mask: ((String) -> Bool)? = nil, nesterov: Bool = false
  ) -> GradientTransformation {
    chain(
      scaleByAdam(b1: b1, b2: b2, eps: eps, epsRoot: epsRoot, nesterov: nesterov),
      addDecayedWeights(weightDecay, mask: mask), scaleByLearningRate(learningRate))
  }

  /// Adamax (`optax.adamax`).
  ///
  /// ```swift
  /// let opt = Optim.adamax(learningRate: 0.1)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [-0.09999999  0.09999999]
  /// ```
  public static func adamax(learningRate: LearningRate, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-8) -> GradientTransformation {
    chain(scaleByAdamax(b1: b1, b2: b2, eps: eps), scaleByLearningRate(learningRate))
  }

  /// RMSProp, with optional (Nesterov) momentum after the scaling (`optax.rmsprop`).
  ///
  /// ```swift
  /// let opt = Optim.rmsprop(learningRate: 0.1, momentum: 0.9)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [-0.3162277   0.31622776]
  /// ```
  public static func rmsprop(
    learningRate: LearningRate, decay: Double = 0.9, eps: Double = 1e-8, initialScale: Double = 0,
    momentum: Double? = nil, nesterov: Bool = false
  ) -> GradientTransformation {
    chain(
      scaleByRms(decay: decay, eps: eps, initialScale: initialScale), scaleByLearningRate(learningRate),
      momentum.map { trace(decay: $0, nesterov: nesterov) } ?? identity())
  }

  /// Adagrad (`optax.adagrad`).
  ///
  /// ```swift
  /// let opt = Optim.adagrad(learningRate: 0.1)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [-0.08451542  0.09534625]
  /// ```
  public static func adagrad(learningRate: LearningRate, initialAccumulatorValue: Double = 0.1, eps: Double = 1e-7) -> GradientTransformation {
    chain(scaleByRss(initialAccumulatorValue: initialAccumulatorValue, eps: eps), scaleByLearningRate(learningRate))
  }

  /// Adadelta (`optax.adadelta`).
  ///
  /// ```swift
  /// let opt = Optim.adadelta(learningRate: 0.1)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [-0.00031622  0.00031623]
  /// ```
  public static func adadelta(
    learningRate: LearningRate, rho: Double = 0.9, eps: Double = 1e-6, weightDecay: Double = 0, weightDecayMask: ((String) -> Bool)? = nil
  ) -> GradientTransformation {
    chain(addDecayedWeights(weightDecay, mask: weightDecayMask), scaleByAdadelta(rho: rho, eps: eps), scaleByLearningRate(learningRate))
  }

  /// LAMB: Adam with weight decay and a layer-wise trust ratio (`optax.lamb`).
  ///
  /// ```swift
  /// let opt = Optim.lamb(learningRate: 0.1)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [-0.1581138   0.15811399]
  /// ```
  public static func lamb(
    learningRate: LearningRate, b1: Double = 0.9, b2: Double = 0.999, eps: Double = 1e-6, epsRoot: Double = 0,
    weightDecay: Double = 0, mask: ((String) -> Bool)? = nil
  ) -> GradientTransformation {
    chain(
      scaleByAdam(b1: b1, b2: b2, eps: eps, epsRoot: epsRoot), addDecayedWeights(weightDecay, mask: mask),
      scaleByTrustRatio(), scaleByLearningRate(learningRate))
  }

  /// Lion (`optax.lion`).
  ///
  /// ```swift
  /// let opt = Optim.lion(learningRate: 0.1)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [-0.1001      0.09980001]
  /// ```
  public static func lion(
    learningRate: LearningRate, b1: Double = 0.9, b2: Double = 0.99, weightDecay: Double = 1e-3, mask: ((String) -> Bool)? = nil
  ) -> GradientTransformation {
    chain(scaleByLion(b1: b1, b2: b2), addDecayedWeights(weightDecay, mask: mask), scaleByLearningRate(learningRate))
  }

  /// Adafactor: factored second moments for matrices whose two largest
  /// axes are at least `minDimSizeToFactor` (`optax.adafactor`).
  ///
  /// ```swift
  /// let opt = Optim.adafactor(learningRate: 0.1)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [-0.15811388  0.15811388]
  /// ```
  public static func adafactor(
    learningRate: LearningRate, minDimSizeToFactor: Int = 128, decayRate: Double = 0.8, decayOffset: Int = 0,
    multiplyByParameterScale: Bool = true, clippingThreshold: Double? = 1.0, momentum: Double? = nil,
    weightDecayRate: Double? = nil, eps: Double = 1e-30, factored: Bool = true, weightDecayMask: ((String) -> Bool)? = nil
  ) -> GradientTransformation {
    var tx = [scaleByFactoredRms(factored: factored, decayRate: decayRate, stepOffset: decayOffset, minDimSizeToFactor: minDimSizeToFactor, eps: eps)]
    if let clippingThreshold { tx.append(clipByBlockRms(clippingThreshold)) }
    tx.append(scaleByLearningRate(learningRate, flipSign: false))
    if multiplyByParameterScale { tx.append(scaleByParamBlockRms()) }
    if let momentum { tx.append(ema(decay: momentum, debias: false)) }
    if let weightDecayRate { tx.append(addDecayedWeights(weightDecayRate, mask: weightDecayMask)) }
    tx.append(scale(-1))
    return chain(tx)
  }

  /// An exponential moving average of the updates (`optax.ema`).
  ///
  /// ```swift
  /// let opt = Optim.ema(decay: 0.9)
  /// let params = jnp.array([1.0, 2.0])
  /// let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)
  /// updates  // ≈ [ 0.4999999 -0.9999998]
  /// ```
  public static func ema(decay: Double, debias: Bool = true) -> GradientTransformation {
    let name = "ema"
    return GradientTransformation(
      name, initFn: { p, d in OptState(name: name, hyperparams: ["decay": hp(decay)], count: zeroCount(), slots: ["ema": full(p, d, 0)]) },
      updateFn: { u, s, _, d in
        let e = moment(u, slot(s, "ema"), get(s, "decay"), order: 1)
        let c = increment(s.count!)
        return (debias ? Optim.debias(e, get(s, "decay"), c) : e, OptState(name: name, hyperparams: s.hyperparams, count: c, slots: ["ema": AnyTree(def: d, leaves: e)]))
      })
  }
}
