// `grad` and `valueAndGrad` for functions of one to four arguments. They
// exist (beside the parameter-pack forms in `Grad.swift`) because Swift
// 6.3 cannot infer a pack from a generic function passed as an argument
// or apply a returned closure of pack type in the same expression: with
// them `grad(loss)(w, b)`, `jit(grad(loss))(params, x, y)`,
// `vmap(grad(f))` and `jvp(grad(f), ...)` read as they do in JAX. Each is
// a one-line forward to the shared implementation.

// MARK: one argument

/// `jax.grad` of a function of one argument; see ``grad(_:allowInt:file:line:)``.
public func grad<A: PyTree>(
  _ f: @escaping (A) -> Tensor, allowInt: Bool = false, file: StaticString = #fileID, line: UInt = #line
) -> (A) -> A {
  gradFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.grad(f, argnums=(0, ...))` over every argument of a function of one argument.
public func grad<A: PyTree>(
  _ f: @escaping (A) -> Tensor, argnums: AllArguments, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A) -> (A) {
  gradAllFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.grad(f, argnums=[...])` of a function of one argument.
public func grad<A: PyTree>(
  _ f: @escaping (A) -> Tensor, argnums: [Int], allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A) -> SelectedGradients {
  let vg = valueAndGradSelectedFunction(f, argnums: argnums, allowInt: allowInt, op: "grad", site: CallSite(file: file, line: line))
  return { (a: A) in vg(a).1 }
}

/// `jax.grad(f, has_aux=True)` of a function of one argument.
public func grad<A: PyTree, Aux: PyTree>(
  _ f: @escaping (A) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A) -> (A, Aux) {
  gradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad` of a function of one argument.
///
/// ```swift
/// let (value, dx) = valueAndGrad { (x: Tensor) in x }(jnp.array(2.0))
/// jnp.stack([value, dx])  // [2. 1.]
/// ```
public func valueAndGrad<A: PyTree>(
  _ f: @escaping (A) -> Tensor, allowInt: Bool = false, file: StaticString = #fileID, line: UInt = #line
) -> (A) -> (Tensor, A) {
  valueAndGradFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad(f, argnums=[...])` of a function of one argument.
public func valueAndGrad<A: PyTree>(
  _ f: @escaping (A) -> Tensor, argnums: [Int], allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A) -> (Tensor, SelectedGradients) {
  valueAndGradSelectedFunction(f, argnums: argnums, allowInt: allowInt, op: "value_and_grad", site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad(f, has_aux=True)` of a function of one argument.
public func valueAndGrad<A: PyTree, Aux: PyTree>(
  _ f: @escaping (A) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A) -> ((Tensor, Aux), A) {
  valueAndGradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: CallSite(file: file, line: line))
}

// MARK: two arguments

/// `jax.grad` of a function of two arguments; see ``grad(_:allowInt:file:line:)``.
public func grad<A: PyTree, B: PyTree>(
  _ f: @escaping (A, B) -> Tensor, allowInt: Bool = false, file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> A {
  gradFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.grad(f, argnums=(0, ...))` over every argument of a function of two arguments.
public func grad<A: PyTree, B: PyTree>(
  _ f: @escaping (A, B) -> Tensor, argnums: AllArguments, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> (A, B) {
  gradAllFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.grad(f, argnums=[...])` of a function of two arguments.
public func grad<A: PyTree, B: PyTree>(
  _ f: @escaping (A, B) -> Tensor, argnums: [Int], allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> SelectedGradients {
  let vg = valueAndGradSelectedFunction(f, argnums: argnums, allowInt: allowInt, op: "grad", site: CallSite(file: file, line: line))
  return { (a: A, b: B) in vg(a, b).1 }
}

/// `jax.grad(f, has_aux=True)` of a function of two arguments.
public func grad<A: PyTree, B: PyTree, Aux: PyTree>(
  _ f: @escaping (A, B) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> (A, Aux) {
  gradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad` of a function of two arguments.
///
/// ```swift
/// let (value, dx) = valueAndGrad { (x: Tensor, y: Tensor) in x * y }(jnp.array(2.0), jnp.array(3.0))
/// jnp.stack([value, dx])  // [6. 3.]
/// ```
public func valueAndGrad<A: PyTree, B: PyTree>(
  _ f: @escaping (A, B) -> Tensor, allowInt: Bool = false, file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> (Tensor, A) {
  valueAndGradFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad(f, argnums=[...])` of a function of two arguments.
public func valueAndGrad<A: PyTree, B: PyTree>(
  _ f: @escaping (A, B) -> Tensor, argnums: [Int], allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> (Tensor, SelectedGradients) {
  valueAndGradSelectedFunction(f, argnums: argnums, allowInt: allowInt, op: "value_and_grad", site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad(f, has_aux=True)` of a function of two arguments.
public func valueAndGrad<A: PyTree, B: PyTree, Aux: PyTree>(
  _ f: @escaping (A, B) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> ((Tensor, Aux), A) {
  valueAndGradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: CallSite(file: file, line: line))
}

// MARK: three arguments

/// `jax.grad` of a function of three arguments; see ``grad(_:allowInt:file:line:)``.
public func grad<A: PyTree, B: PyTree, C: PyTree>(
  _ f: @escaping (A, B, C) -> Tensor, allowInt: Bool = false, file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> A {
  gradFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.grad(f, argnums=(0, ...))` over every argument of a function of three arguments.
public func grad<A: PyTree, B: PyTree, C: PyTree>(
  _ f: @escaping (A, B, C) -> Tensor, argnums: AllArguments, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> (A, B, C) {
  gradAllFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.grad(f, argnums=[...])` of a function of three arguments.
public func grad<A: PyTree, B: PyTree, C: PyTree>(
  _ f: @escaping (A, B, C) -> Tensor, argnums: [Int], allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> SelectedGradients {
  let vg = valueAndGradSelectedFunction(f, argnums: argnums, allowInt: allowInt, op: "grad", site: CallSite(file: file, line: line))
  return { (a: A, b: B, c: C) in vg(a, b, c).1 }
}

/// `jax.grad(f, has_aux=True)` of a function of three arguments.
public func grad<A: PyTree, B: PyTree, C: PyTree, Aux: PyTree>(
  _ f: @escaping (A, B, C) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> (A, Aux) {
  gradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad` of a function of three arguments.
///
/// ```swift
/// let (value, dx) = valueAndGrad { (x: Tensor, y: Tensor, z: Tensor) in x * y * z }(jnp.array(2.0), jnp.array(3.0), jnp.array(4.0))
/// jnp.stack([value, dx])  // [24. 12.]
/// ```
public func valueAndGrad<A: PyTree, B: PyTree, C: PyTree>(
  _ f: @escaping (A, B, C) -> Tensor, allowInt: Bool = false, file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> (Tensor, A) {
  valueAndGradFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad(f, argnums=[...])` of a function of three arguments.
public func valueAndGrad<A: PyTree, B: PyTree, C: PyTree>(
  _ f: @escaping (A, B, C) -> Tensor, argnums: [Int], allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> (Tensor, SelectedGradients) {
  valueAndGradSelectedFunction(f, argnums: argnums, allowInt: allowInt, op: "value_and_grad", site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad(f, has_aux=True)` of a function of three arguments.
public func valueAndGrad<A: PyTree, B: PyTree, C: PyTree, Aux: PyTree>(
  _ f: @escaping (A, B, C) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> ((Tensor, Aux), A) {
  valueAndGradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: CallSite(file: file, line: line))
}

// MARK: four arguments

/// `jax.grad` of a function of four arguments; see ``grad(_:allowInt:file:line:)``.
public func grad<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(
  _ f: @escaping (A, B, C, D) -> Tensor, allowInt: Bool = false, file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C, D) -> A {
  gradFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.grad(f, argnums=(0, ...))` over every argument of a function of four arguments.
public func grad<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(
  _ f: @escaping (A, B, C, D) -> Tensor, argnums: AllArguments, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C, D) -> (A, B, C, D) {
  gradAllFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.grad(f, argnums=[...])` of a function of four arguments.
public func grad<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(
  _ f: @escaping (A, B, C, D) -> Tensor, argnums: [Int], allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C, D) -> SelectedGradients {
  let vg = valueAndGradSelectedFunction(f, argnums: argnums, allowInt: allowInt, op: "grad", site: CallSite(file: file, line: line))
  return { (a: A, b: B, c: C, d: D) in vg(a, b, c, d).1 }
}

/// `jax.grad(f, has_aux=True)` of a function of four arguments.
public func grad<A: PyTree, B: PyTree, C: PyTree, D: PyTree, Aux: PyTree>(
  _ f: @escaping (A, B, C, D) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C, D) -> (A, Aux) {
  gradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad` of a function of four arguments.
///
/// ```swift
/// let (value, dx) = valueAndGrad { (x: Tensor, y: Tensor, z: Tensor, w: Tensor) in x * y * z * w }(jnp.array(2.0), jnp.array(3.0), jnp.array(4.0), jnp.array(5.0))
/// jnp.stack([value, dx])  // [120.  60.]
/// ```
public func valueAndGrad<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(
  _ f: @escaping (A, B, C, D) -> Tensor, allowInt: Bool = false, file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C, D) -> (Tensor, A) {
  valueAndGradFunction(f, allowInt: allowInt, site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad(f, argnums=[...])` of a function of four arguments.
public func valueAndGrad<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(
  _ f: @escaping (A, B, C, D) -> Tensor, argnums: [Int], allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C, D) -> (Tensor, SelectedGradients) {
  valueAndGradSelectedFunction(f, argnums: argnums, allowInt: allowInt, op: "value_and_grad", site: CallSite(file: file, line: line))
}

/// `jax.value_and_grad(f, has_aux=True)` of a function of four arguments.
public func valueAndGrad<A: PyTree, B: PyTree, C: PyTree, D: PyTree, Aux: PyTree>(
  _ f: @escaping (A, B, C, D) -> (Tensor, Aux), hasAux: Bool, allowInt: Bool = false,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C, D) -> ((Tensor, Aux), A) {
  valueAndGradAuxFunction(f, hasAux: hasAux, allowInt: allowInt, site: CallSite(file: file, line: line))
}
