/// The `jax.nn` namespace: activation functions, softmax-family
/// reductions, `oneHot`, `standardize`, `dotProductAttention` and
/// ``NN/Initializers`` (`jax.nn.initializers`), written with ``Numpy`` and
/// ``Lax`` so every function works under `grad`, `vmap` and `jit`. Where
/// JAX gives a function a custom derivative (`relu'(0) = 0`, the
/// non-differentiated max shift of `softmax`/`logsumexp`), so does this
/// namespace.
///
/// ```swift
/// let h = nn.relu(jnp.matmul(x, w) + b)
/// let p = nn.softmax(logits, axis: -1)
/// let w0 = nn.initializers.heNormal()(key, [784, 512], .float32)
/// ```
public enum NN {}

/// `nn`: the spelling JAX programs use (`jax.nn`), so ported code reads
/// line for line like the Python (`nn.gelu(x)`).
public typealias nn = NN

extension NN {
  /// A weak (Python-scalar-like) constant, so `0.5 * x` keeps `x`'s dtype.
  @inline(__always)
  static func w(_ v: Double) -> Tensor { Tensor(weak: v) }

  /// Zeros of `t`'s shape and exact dtype (`lax.full_like(t, 0)`;
  /// `zerosLike` would canonicalise float64 to float32 without x64).
  static func zeros(like t: Tensor) -> Tensor {
    Lax.broadcastInDim(Numpy.scalar(0, t.dtype), shape: t.shape, broadcastDimensions: [])
  }

  /// The input as an inexact (floating) tensor, as `promote_args_inexact`.
  static func inexact(_ x: Tensor, file: StaticString, line: UInt) -> Tensor {
    Numpy.toInexact(x, file: file, line: line)
  }
}
