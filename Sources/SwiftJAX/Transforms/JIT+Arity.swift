// `jit` for functions of one to four arguments, for functions that return
// a Swift tuple of pytrees (`jit(valueAndGrad(loss))`), and for an
// already-jitted function. They exist beside the parameter-pack form in
// `JIT.swift` because Swift 6.3 cannot infer a pack from a generic function
// passed as an argument (`jit(grad(loss))(params, x, y)` would not
// type-check) and tuples cannot conform to `PyTree`.

/// `jax.jit` of a function of one argument; see ``jit(_:file:line:)``.
public func jit<A: PyTree, R: PyTree>(
  _ f: @escaping (A) -> R, file: StaticString = #fileID, line: UInt = #line
) -> Jitted<R, A> {
  Jitted(f, file: file, line: line)
}

/// `jax.jit` of a function of one argument that returns a tuple of pytrees:
/// the result is a function returning the same tuple.
///
/// ```swift
/// let step = jit(valueAndGrad(loss))
/// let (value, grads) = step(params, x, y)
/// ```
public func jit<A: PyTree, each R: PyTree>(
  _ f: @escaping (A) -> (repeat each R), file: StaticString = #fileID, line: UInt = #line
) -> (A) -> (repeat each R) {
  let j = Jitted<FlatTree, A>({ (a: A) -> FlatTree in
    let r = f(a)
    let (leaves, def) = flattenTuple(repeat each r)
    return FlatTree(leaves: leaves, def: def)
  }, file: file, line: line)
  return { (a: A) -> (repeat each R) in
    let out = j(a)
    return unflattenTuple(out.def, out.leaves, as: repeat (each R).self)
  }
}

/// `jax.jit` of a function of two arguments; see ``jit(_:file:line:)``.
public func jit<A: PyTree, B: PyTree, R: PyTree>(
  _ f: @escaping (A, B) -> R, file: StaticString = #fileID, line: UInt = #line
) -> Jitted<R, A, B> {
  Jitted(f, file: file, line: line)
}

/// `jax.jit` of a function of two arguments that returns a tuple of pytrees:
/// the result is a function returning the same tuple.
///
/// ```swift
/// let step = jit(valueAndGrad(loss))
/// let (value, grads) = step(params, x, y)
/// ```
public func jit<A: PyTree, B: PyTree, each R: PyTree>(
  _ f: @escaping (A, B) -> (repeat each R), file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> (repeat each R) {
  let j = Jitted<FlatTree, A, B>({ (a: A, b: B) -> FlatTree in
    let r = f(a, b)
    let (leaves, def) = flattenTuple(repeat each r)
    return FlatTree(leaves: leaves, def: def)
  }, file: file, line: line)
  return { (a: A, b: B) -> (repeat each R) in
    let out = j(a, b)
    return unflattenTuple(out.def, out.leaves, as: repeat (each R).self)
  }
}

/// `jax.jit` of a function of three arguments; see ``jit(_:file:line:)``.
public func jit<A: PyTree, B: PyTree, C: PyTree, R: PyTree>(
  _ f: @escaping (A, B, C) -> R, file: StaticString = #fileID, line: UInt = #line
) -> Jitted<R, A, B, C> {
  Jitted(f, file: file, line: line)
}

/// `jax.jit` of a function of three arguments that returns a tuple of pytrees:
/// the result is a function returning the same tuple.
///
/// ```swift
/// let step = jit(valueAndGrad(loss))
/// let (value, grads) = step(params, x, y)
/// ```
public func jit<A: PyTree, B: PyTree, C: PyTree, each R: PyTree>(
  _ f: @escaping (A, B, C) -> (repeat each R), file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> (repeat each R) {
  let j = Jitted<FlatTree, A, B, C>({ (a: A, b: B, c: C) -> FlatTree in
    let r = f(a, b, c)
    let (leaves, def) = flattenTuple(repeat each r)
    return FlatTree(leaves: leaves, def: def)
  }, file: file, line: line)
  return { (a: A, b: B, c: C) -> (repeat each R) in
    let out = j(a, b, c)
    return unflattenTuple(out.def, out.leaves, as: repeat (each R).self)
  }
}

/// `jax.jit` of a function of four arguments; see ``jit(_:file:line:)``.
public func jit<A: PyTree, B: PyTree, C: PyTree, D: PyTree, R: PyTree>(
  _ f: @escaping (A, B, C, D) -> R, file: StaticString = #fileID, line: UInt = #line
) -> Jitted<R, A, B, C, D> {
  Jitted(f, file: file, line: line)
}

/// `jax.jit` of a function of four arguments that returns a tuple of pytrees:
/// the result is a function returning the same tuple.
///
/// ```swift
/// let step = jit(valueAndGrad(loss))
/// let (value, grads) = step(params, x, y)
/// ```
public func jit<A: PyTree, B: PyTree, C: PyTree, D: PyTree, each R: PyTree>(
  _ f: @escaping (A, B, C, D) -> (repeat each R), file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C, D) -> (repeat each R) {
  let j = Jitted<FlatTree, A, B, C, D>({ (a: A, b: B, c: C, d: D) -> FlatTree in
    let r = f(a, b, c, d)
    let (leaves, def) = flattenTuple(repeat each r)
    return FlatTree(leaves: leaves, def: def)
  }, file: file, line: line)
  return { (a: A, b: B, c: C, d: D) -> (repeat each R) in
    let out = j(a, b, c, d)
    return unflattenTuple(out.def, out.leaves, as: repeat (each R).self)
  }
}

/// `jit` of an already-jitted function is that function (`jax.jit(jax.jit(f))`).
public func jit<each A: PyTree, R: PyTree>(
  _ f: Jitted<R, repeat each A>, file: StaticString = #fileID, line: UInt = #line
) -> Jitted<R, repeat each A> {
  f
}
