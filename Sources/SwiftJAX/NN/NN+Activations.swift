// Element-wise activation functions of `jax.nn` (JAX 0.10.2,
// jax/_src/nn/functions.py), each written as JAX writes it so values agree
// to the last bit where the primitives do.

extension NN {
  /// `jax.nn.identity`: returns its argument.
  ///
  /// ```swift
  /// NN.identity(jnp.array([1.5, -2.5]))  // [ 1.5 -2.5]
  /// ```
  public static func identity(_ x: Tensor) -> Tensor { x }

  /// `jax.nn.relu`: `max(x, 0)`, with JAX's derivative choice
  /// `relu'(0) = 0` (a custom JVP: `select(x > 0, g, 0)`).
  ///
  /// ```swift
  /// nn.relu(jnp.array([-1.0, 0.0, 2.0]))   // [0, 0, 2]
  /// ```
  public static func relu(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let f = customJVP(
      { (x: Tensor) in Numpy.maximum(x, Tensor(weak: 0), file: file, line: line) },
      jvp: { x, t in
        (Numpy.maximum(x, Tensor(weak: 0), file: file, line: line), Lax.select(Lax.gt(x, zeros(like: x)), t, zeros(like: t)))
      }, name: "relu", file: file, line: line)
    return f(x)
  }

  /// `jax.nn.relu6`: `min(max(x, 0), 6)`; the derivative is 1 only on the
  /// open interval (0, 6), as in JAX.
  public static func relu6(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    func primal(_ x: Tensor) -> Tensor {
      Numpy.minimum(Numpy.maximum(x, Tensor(weak: 0), file: file, line: line), w(6), file: file, line: line)
    }
    let f = customJVP(primal, jvp: { x, t in
      let inside = Numpy.logicalAnd(x > Tensor(weak: 0), x < Tensor(weak: 6))
      return (primal(x), Lax.select(inside, t, zeros(like: t)))
    }, name: "relu6", file: file, line: line)
    return f(x)
  }

  /// `jax.nn.squareplus`: `(x + sqrt(x² + b)) / 2`.
  public static func squareplus(_ x: Tensor, b: Tensor = 4, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let y = x + Numpy.sqrt(Numpy.square(x, file: file, line: line) + b, file: file, line: line)
    return y / Tensor(weak: 2)
  }

  /// `jax.nn.softplus`: `log(1 + exp(x))`, computed as `logaddexp(x, 0)`
  /// with JAX's custom derivative of `logaddexp` (`exp(x - out)`, i.e.
  /// `sigmoid(x)`; 1/2 at 0 rather than the 0 that differentiating the
  /// max-based formula gives at the tie).
  public static func softplus(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    func primal(_ x: Tensor) -> Tensor { Numpy.logaddexp(x, Tensor(weak: 0), file: file, line: line) }
    let f = customJVP(primal, jvp: { x, t in
      let y = primal(x)
      // JAX's _replace_inf: +inf becomes 0 so inf - inf can't give NaN.
      func finite(_ v: Tensor) -> Tensor { Numpy.where(v == Tensor(weak: Double.infinity), zeros(like: v), v, file: file, line: line) }
      return (y, t * Numpy.exp(finite(x) - finite(y), file: file, line: line))
    }, name: "softplus", file: file, line: line)
    return f(inexact(x, file: file, line: line))
  }

  /// `jax.nn.sparse_plus`: 0 below -1, `x` above 1, `(x + 1)² / 4` between.
  public static func sparsePlus(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let mid = (x + w(1)) ** Tensor(weak: 2) / w(4)
    return Numpy.where(x <= w(-1), w(0), Numpy.where(x >= w(1), x, mid, file: file, line: line), file: file, line: line)
  }

  /// `jax.nn.soft_sign`: `x / (|x| + 1)`.
  public static func softSign(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x / (Numpy.abs(x, file: file, line: line) + Tensor(weak: 1))
  }

  /// `jax.nn.sigmoid`: `1 / (1 + exp(-x))` (`lax.logistic`).
  public static func sigmoid(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Lax.logistic(inexact(x, file: file, line: line), file: file, line: line)
  }

  /// `jax.nn.sparse_sigmoid`: `clip(x + 1, 0, 2) / 2`.
  public static func sparseSigmoid(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    w(0.5) * Numpy.clip(x + w(1), min: w(0), max: w(2), file: file, line: line)
  }

  /// `jax.nn.silu`: `x · sigmoid(x)`.
  public static func silu(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x * sigmoid(x, file: file, line: line)
  }

  /// `jax.nn.swish`: the same function as ``silu(_:file:line:)``.
  public static func swish(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    silu(x, file: file, line: line)
  }

  /// `jax.nn.mish`: `x · tanh(softplus(x))`.
  public static func mish(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x * Numpy.tanh(softplus(x, file: file, line: line), file: file, line: line)
  }

  /// `jax.nn.log_sigmoid`: `-softplus(-x)`.
  public static func logSigmoid(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    -softplus(-x, file: file, line: line)
  }

  /// `jax.nn.elu`: `x` for `x > 0`, else `alpha · (exp(x) - 1)`.
  public static func elu(_ x: Tensor, alpha: Tensor = 1.0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let pos = x > Tensor(weak: 0)
    // expm1 only sees the non-positive part, so large x can't overflow
    // (and the unused branch can't poison gradients with inf * 0).
    let neg = alpha * Numpy.expm1(Numpy.where(pos, w(0), x, file: file, line: line), file: file, line: line)
    return Numpy.where(pos, x, neg, file: file, line: line)
  }

  /// `jax.nn.leaky_relu`: `x` for `x >= 0`, else `negativeSlope · x`.
  ///
  /// ```swift
  /// NN.leakyRelu(jnp.array([1.5, -2.5]))  // [ 1.5   -0.025]
  /// ```
  public static func leakyRelu(_ x: Tensor, negativeSlope: Tensor = 1e-2, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.where(x >= Tensor(weak: 0), x, negativeSlope * x, file: file, line: line)
  }

  /// `jax.nn.hard_tanh`: `x` clipped to [-1, 1].
  ///
  /// ```swift
  /// NN.hardTanh(jnp.array([1.5, -2.5]))  // [ 1. -1.]
  /// ```
  public static func hardTanh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.where(x > w(1), w(1), Numpy.where(x < w(-1), w(-1), x, file: file, line: line), file: file, line: line)
  }

  /// `jax.nn.celu`: `max(x, 0) + alpha · expm1(min(x, 0) / alpha)`.
  public static func celu(_ x: Tensor, alpha: Tensor = 1.0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.maximum(x, w(0), file: file, line: line)
      + alpha * Numpy.expm1(Numpy.minimum(x, w(0), file: file, line: line) / alpha, file: file, line: line)
  }

  /// `jax.nn.selu`: `scale · elu(x, alpha)` with the self-normalising
  /// constants of Klambauer et al.
  public static func selu(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let alpha = 1.6732632423543772848170429916717
    let scale = 1.0507009873554804934193349852946
    return w(scale) * elu(x, alpha: w(alpha), file: file, line: line)
  }

  /// `jax.nn.gelu`: the tanh approximation by default (as JAX), or the
  /// exact `x/2 · erfc(-x/√2)` with `approximate: false`.
  ///
  /// ```swift
  /// nn.gelu(x)                        // tanh approximation
  /// nn.gelu(x, approximate: false)    // exact, via erfc
  /// ```
  public static func gelu(_ x: Tensor, approximate: Bool = true, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let a = inexact(x, file: file, line: line)
    if approximate {
      // np.sqrt(2/pi).astype(dtype): a strongly typed scalar of x's dtype.
      let c = Numpy.scalar((2 / Double.pi).squareRoot(), a.dtype)
      let inner = c * (a + w(0.044715) * (a ** Tensor(weak: 3)))
      let cdf = w(0.5) * (w(1) + Numpy.tanh(inner, file: file, line: line))
      return a * cdf
    }
    let sqrtHalf = Numpy.scalar(0.5.squareRoot(), a.dtype)
    return w(0.5) * a * Lax.erfc(-a * sqrtHalf, file: file, line: line)
  }

  /// `jax.nn.glu`: splits `x` in two halves along `axis` and returns
  /// `first · sigmoid(second)`. The axis size must be even.
  public static func glu(_ x: Tensor, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if x.isInvalid { return .invalid }
    let ax = axis < 0 ? axis + x.rank : axis
    guard ax >= 0, ax < x.rank, x.shape[ax] % 2 == 0 else {
      JAXError.raise(JAXError(
        .shape, "glu", "axis \(axis) of an array of shape \(shapeString(x.shape)) must exist and have even size",
        site: CallSite(file: file, line: line)))
      return .invalid
    }
    let halves = Numpy.split(x, 2, axis: ax, file: file, line: line)
    return halves[0] * sigmoid(halves[1], file: file, line: line)
  }

  /// `jax.nn.hard_sigmoid`: `relu6(x + 3) / 6`.
  public static func hardSigmoid(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    relu6(x + w(3), file: file, line: line) / w(6)
  }

  /// `jax.nn.hard_silu`: `x · hard_sigmoid(x)`.
  public static func hardSilu(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    x * hardSigmoid(x, file: file, line: line)
  }

  /// `jax.nn.hard_swish`: the same function as ``hardSilu(_:file:line:)``.
  public static func hardSwish(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    hardSilu(x, file: file, line: line)
  }

  /// `jax.nn.tanh`: the hyperbolic tangent.
  ///
  /// ```swift
  /// NN.tanh(jnp.array([1.5, -2.5]))  // [ 0.9051482  -0.98661435]
  /// ```
  public static func tanh(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.tanh(x, file: file, line: line)
  }

  /// `jax.nn.log1mexp`: `log(1 - exp(-x))` for `x > 0`, accurate across
  /// the range (Mächler's switch at log 2), with JAX's custom derivative
  /// `1 / expm1(x)`.
  public static func log1mexp(_ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    func primal(_ x: Tensor) -> Tensor {
      let c = Numpy.log(w(2.0), file: file, line: line)
      return Numpy.where(
        x < c, Numpy.log(-Numpy.expm1(-x, file: file, line: line), file: file, line: line),
        Numpy.log1p(-Numpy.exp(-x, file: file, line: line), file: file, line: line), file: file, line: line)
    }
    let f = customJVP(primal, jvp: { x, t in (primal(x), t / Numpy.expm1(x, file: file, line: line)) }, name: "log1mexp", file: file, line: line)
    return f(inexact(x, file: file, line: line))
  }
}
