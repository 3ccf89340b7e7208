// The primitive-level API (`jax.lax`): one function per primitive, no
// implicit promotion or broadcasting beyond what the primitive accepts.
// The NumPy layer builds on these.

/// The `jax.lax` namespace: thin wrappers that bind one primitive each.
///
/// ```swift
/// let y = Lax.add(Lax.sin(x), x)      // x: f32[3] → f32[3]
/// let z = Lax.mul(y, Tensor(2 as Float))
/// ```
/// Operands must already agree in dtype; shapes must be equal or one side
/// rank 0. Use the NumPy layer (`Numpy`, operators) for broadcasting and
/// type promotion.
public enum Lax {}
