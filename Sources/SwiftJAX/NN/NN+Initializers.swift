// `jax.nn.initializers` (JAX 0.10.2, jax/_src/nn/initializers.py): each
// builder returns an ``NN/Initializer`` — a function of (key, shape,
// dtype) — that samples exactly as JAX does, so the same key gives the
// same parameters (bit for bit where the samplers are; `orthogonal` goes
// through a QR decomposition and agrees to float rounding).

extension NN {
  /// An initialiser: `(key, shape, dtype) -> array`, like JAX's
  /// `Initializer` protocol.
  public typealias Initializer = (_ key: Tensor, _ shape: [Int], _ dtype: DType) -> Tensor

  /// How `nn.initializers.varianceScaling`
  /// counts the units the variance is divided by.
  ///
  /// ```swift
  /// print(nn.initializers.varianceScaling(scale: 2.0, mode: .fanIn, distribution: .uniform)(Random.PRNGKey(0), [2, 3], .float32))
  /// // ≈ [[ 1.550764    1.6578493  -0.5809593 ]
  /// //  [-0.10853563  0.2421016  -1.1587315 ]]
  /// ```
  public enum FanMode: String, Sendable, CaseIterable {
    case fanIn = "fan_in", fanOut = "fan_out", fanAvg = "fan_avg", fanGeoAvg = "fan_geo_avg"
  }

  /// The distribution a variance-scaling initialiser samples from.
  ///
  /// ```swift
  /// print(nn.initializers.varianceScaling(scale: 1.0, mode: .fanAvg, distribution: .normal)(Random.PRNGKey(1), [3, 2], .float32))
  /// // ≈ [[-0.09767465  0.05357359]
  /// //  [-0.08600161 -0.09805354]
  /// //  [ 0.8011108   0.09379163]]
  /// ```
  public enum Distribution: String, Sendable, CaseIterable {
    case truncatedNormal = "truncated_normal", normal, uniform
  }

  /// `jax.nn.initializers`: builders of ``NN/Initializer``s.
  ///
  /// ```swift
  /// let initW = nn.initializers.glorotUniform()
  /// let w = initW(Random.PRNGKey(0), [784, 512], .float32)
  /// let b = nn.initializers.zeros(Random.PRNGKey(0), [512], .float32)
  /// ```
  public enum Initializers {}

  /// `jax.nn.initializers`, spelled as in JAX (`nn.initializers.heNormal()`).
  public typealias initializers = Initializers
}

extension NN.Initializers {
  /// All zeros (`jax.nn.initializers.zeros`); the key is ignored.
  ///
  /// ```swift
  /// nn.initializers.zeros(Random.PRNGKey(0), [2], .float32)  // [0. 0.]
  /// ```
  public static func zeros(_ key: Tensor, _ shape: [Int], _ dtype: DType) -> Tensor { Numpy.zeros(shape, dtype: dtype) }

  /// All ones (`jax.nn.initializers.ones`); the key is ignored.
  ///
  /// ```swift
  /// nn.initializers.ones(Random.PRNGKey(0), [2], .int32)  // [1 1]
  /// ```
  public static func ones(_ key: Tensor, _ shape: [Int], _ dtype: DType) -> Tensor { Numpy.ones(shape, dtype: dtype) }

  /// Arrays filled with `value` (`jax.nn.initializers.constant`).
  ///
  /// ```swift
  /// nn.initializers.constant(0.5)(Random.PRNGKey(0), [2], .float32)  // [0.5 0.5]
  /// ```
  public static func constant(_ value: Double) -> NN.Initializer {
    { _, shape, dtype in Numpy.full(shape, Tensor(weak: value), dtype: dtype) }
  }

  /// Uniform samples in `[0, scale)` (`jax.nn.initializers.uniform`).
  ///
  /// ```swift
  /// print(nn.initializers.uniform(scale: 1)(Random.PRNGKey(0), [3], .float32))
  /// // [0.947667   0.9785799  0.33229148]
  /// ```
  public static func uniform(scale: Double = 1e-2) -> NN.Initializer {
    { key, shape, dtype in Random.uniform(key, shape: shape, dtype: dtype) * Numpy.scalar(scale, dtype) }
  }

  /// Normal samples with standard deviation `stddev` (`jax.nn.initializers.normal`).
  ///
  /// ```swift
  /// print(nn.initializers.normal(stddev: 1)(Random.PRNGKey(0), [3], .float32))
  /// // [ 1.6226422   2.0252647  -0.43359444]
  /// ```
  public static func normal(stddev: Double = 1e-2) -> NN.Initializer {
    { key, shape, dtype in Random.normal(key, shape: shape, dtype: dtype) * Numpy.scalar(stddev, dtype) }
  }

  /// Normal samples truncated to `(lower, upper)` before scaling by
  /// `stddev` (`jax.nn.initializers.truncated_normal`; no variance
  /// correction, as in JAX).
  public static func truncatedNormal(stddev: Double = 1e-2, lower: Double = -2, upper: Double = 2) -> NN.Initializer {
    { key, shape, dtype in
      Random.truncatedNormal(key, lower: Tensor(weak: lower), upper: Tensor(weak: upper), shape: shape, dtype: dtype)
        * Numpy.scalar(stddev, dtype)
    }
  }

  /// JAX's `_compute_fans`: input and output sizes times the receptive
  /// field (every axis that is not an in, out or batch axis).
  static func fans(_ shape: [Int], inAxis: [Int], outAxis: [Int], batchAxis: [Int]) -> (Double, Double)? {
    let r = shape.count
    func size(_ axes: [Int]) -> Double? {
      var p = 1.0
      for a in axes {
        let i = a < 0 ? a + r : a
        guard i >= 0, i < r else { return nil }
        p *= Double(shape[i])
      }
      return p
    }
    guard let inSize = size(inAxis), let outSize = size(outAxis), let batchSize = size(batchAxis) else { return nil }
    let receptive = Double(shape.reduce(1, *)) / inSize / outSize / batchSize
    return (inSize * receptive, outSize * receptive)
  }

  /// `jax.nn.initializers.variance_scaling`: samples with variance
  /// `scale / n`, `n` chosen by `mode` from the fans computed with
  /// `inAxis`/`outAxis`/`batchAxis` (other axes are the receptive field of
  /// a convolution kernel). Truncated normals are cut at 2 standard
  /// deviations and rescaled so the variance after truncation is right.
  ///
  /// ```swift
  /// let initConv = nn.initializers.varianceScaling(scale: 2, mode: .fanIn, distribution: .normal)
  /// let k = initConv(key, [3, 3, 32, 64], .float32)   // HWIO kernel
  /// ```
  public static func varianceScaling(
    scale: Double, mode: NN.FanMode, distribution: NN.Distribution,
    inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = [],
    file: StaticString = #fileID, line: UInt = #line
  ) -> NN.Initializer {
    return { key, shape, dtype in
      guard shape.count >= 2 || inAxis != [-2], let (fanIn, fanOut) = fans(shape, inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis) else {
        JAXError.raise(JAXError(
          .shape, "variance_scaling",
          "can't compute input and output sizes of a weights tensor of shape \(shapeString(shape)) with in_axis \(inAxis), out_axis \(outAxis)",
          site: CallSite(file: file, line: line)))
        return .invalid
      }
      let denominator: Double
      switch mode {
      case .fanIn: denominator = fanIn
      case .fanOut: denominator = fanOut
      case .fanAvg: denominator = (fanIn + fanOut) / 2
      case .fanGeoAvg: denominator = (fanIn * fanOut).squareRoot()
      }
      // jnp.array(scale / denominator, dtype): rounded to dtype first.
      let variance = Numpy.scalar(scale / denominator, dtype)
      switch distribution {
      case .truncatedNormal:
        // The standard deviation of a standard normal truncated to (-2, 2).
        let stddev = Numpy.sqrt(variance) / Numpy.scalar(0.87962566103423978, dtype)
        return Random.truncatedNormal(key, lower: Tensor(weak: -2), upper: Tensor(weak: 2), shape: shape, dtype: dtype) * stddev
      case .normal:
        return Random.normal(key, shape: shape, dtype: dtype) * Numpy.sqrt(variance)
      case .uniform:
        return Random.uniform(key, shape: shape, dtype: dtype, minval: Tensor(weak: -1)) * Numpy.sqrt(Tensor(weak: 3) * variance)
      }
    }
  }

  /// Glorot (Xavier) uniform: `varianceScaling(1, .fanAvg, .uniform)`.
  public static func glorotUniform(inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = []) -> NN.Initializer {
    varianceScaling(scale: 1, mode: .fanAvg, distribution: .uniform, inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis)
  }

  /// Glorot (Xavier) normal: `varianceScaling(1, .fanAvg, .truncatedNormal)`.
  public static func glorotNormal(inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = []) -> NN.Initializer {
    varianceScaling(scale: 1, mode: .fanAvg, distribution: .truncatedNormal, inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis)
  }

  /// `xavier_uniform`: the same as ``glorotUniform(inAxis:outAxis:batchAxis:)``.
  public static func xavierUniform(inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = []) -> NN.Initializer {
    glorotUniform(inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis)
  }

  /// `xavier_normal`: the same as ``glorotNormal(inAxis:outAxis:batchAxis:)``.
  public static func xavierNormal(inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = []) -> NN.Initializer {
    glorotNormal(inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis)
  }

  /// LeCun uniform: `varianceScaling(1, .fanIn, .uniform)`.
  public static func lecunUniform(inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = []) -> NN.Initializer {
    varianceScaling(scale: 1, mode: .fanIn, distribution: .uniform, inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis)
  }

  /// LeCun normal: `varianceScaling(1, .fanIn, .truncatedNormal)`.
  public static func lecunNormal(inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = []) -> NN.Initializer {
    varianceScaling(scale: 1, mode: .fanIn, distribution: .truncatedNormal, inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis)
  }

  /// He (Kaiming) uniform: `varianceScaling(2, .fanIn, .uniform)`.
  public static func heUniform(inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = []) -> NN.Initializer {
    varianceScaling(scale: 2, mode: .fanIn, distribution: .uniform, inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis)
  }

  /// He (Kaiming) normal: `varianceScaling(2, .fanIn, .truncatedNormal)`.
  public static func heNormal(inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = []) -> NN.Initializer {
    varianceScaling(scale: 2, mode: .fanIn, distribution: .truncatedNormal, inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis)
  }

  /// `kaiming_uniform`: the same as ``heUniform(inAxis:outAxis:batchAxis:)``.
  public static func kaimingUniform(inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = []) -> NN.Initializer {
    heUniform(inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis)
  }

  /// `kaiming_normal`: the same as ``heNormal(inAxis:outAxis:batchAxis:)``.
  public static func kaimingNormal(inAxis: [Int] = [-2], outAxis: [Int] = [-1], batchAxis: [Int] = []) -> NN.Initializer {
    heNormal(inAxis: inAxis, outAxis: outAxis, batchAxis: batchAxis)
  }

  /// `jax.nn.initializers.orthogonal`: a (semi-)orthogonal matrix along
  /// `columnAxis` (the other axes are flattened into rows), scaled by
  /// `scale`, from the QR decomposition of a normal sample with the signs
  /// of R's diagonal folded in (`jax.random.orthogonal`).
  ///
  /// ```swift
  /// let w = nn.initializers.orthogonal()(key, [64, 64], .float32)   // wᵀw = I
  /// ```
  public static func orthogonal(scale: Double = 1, columnAxis: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> NN.Initializer {
    return { key, shape, dtype in
      let col = columnAxis < 0 ? columnAxis + shape.count : columnAxis
      guard shape.count >= 2, col >= 0, col < shape.count else {
        JAXError.raise(JAXError(
          .shape, "orthogonal", "orthogonal initializer requires at least a 2D shape with column axis \(columnAxis), got \(shapeString(shape))",
          site: CallSite(file: file, line: line)))
        return .invalid
      }
      if shape.contains(0) { return Numpy.zeros(shape, dtype: dtype) }
      let nCols = shape[col], nRows = shape.reduce(1, *) / nCols
      let z = Random.normal(key, shape: [max(nRows, nCols), min(nRows, nCols)], dtype: dtype)
      let (q, r) = Linalg.qr(z)
      let d = Numpy.diagonal(r, axis1: -2, axis2: -1)
      var m = q * Numpy.expandDims(Numpy.sign(d), axis: -2)
      if nRows < nCols { m = Numpy.swapaxes(m, -1, -2) }
      var rest = shape
      rest.remove(at: col)
      let placed = Numpy.moveaxis(Numpy.reshape(m, rest + [nCols]), source: [-1], destination: [col])
      return Numpy.scalar(scale, dtype) * placed
    }
  }
}
