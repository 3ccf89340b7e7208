/// `jax.scipy`: the SciPy-compatible functions, arranged as JAX arranges
/// its modules: `Scipy.linalg` (``ScipyLinalg``), `Scipy.special`
/// (``ScipySpecial``) and `Scipy.stats` (``ScipyStats``).
///
/// ```swift
/// let x = Scipy.linalg.solveTriangular(l, b, lower: true)
/// let y = Scipy.special.gammaln(jnp.array([0.5, 4.0]))
/// let p = Scipy.stats.norm.logpdf(jnp.array([0.0, 1.0]))
/// ```
public enum Scipy {
  /// `jax.scipy.linalg`.
  public typealias linalg = ScipyLinalg
  /// `jax.scipy.special`.
  public typealias special = ScipySpecial
  /// `jax.scipy.stats`.
  public typealias stats = ScipyStats
}
