// `jax.custom_jvp` / `jax.custom_vjp` as JAX users write them: decorate a
// function of one to four pytree arguments, then attach the rule with
// `defjvp` / `defvjp`. Because the rule is attached after the object
// exists, it may call the function it decorates — the JAX documentation's
// `log1pexp` example does. Both forward to `customJVPFlat`/`customVJPFlat`,
// like the closure forms in `CustomDerivatives.swift`.
//
// `Args` is the argument type (a tuple for several arguments); each
// arity is an initialiser, `defjvp`/`defvjp` and `callAsFunction`
// constrained to its tuple. (Parameter packs would be shorter, but Swift
// 6.3 crashes compiling closures of tuple-of-pack type.)

import Foundation

/// A function with a custom JVP rule, in JAX's decorator style
/// (`@jax.custom_jvp` + `@f.defjvp`), for one to four pytree arguments.
///
/// ```swift
/// let log1pexp = CustomJVP { (x: Tensor) in jnp.log(1 + jnp.exp(x)) }
/// log1pexp.defjvp { x, xDot in
///   (log1pexp(x), (1 - 1 / (1 + jnp.exp(x))) * xDot)   // the rule calls log1pexp itself
/// }
/// grad { log1pexp($0) }(jnp.array(100.0))              // 1.0, not nan
/// ```
/// With several arguments the rule receives (primals, tangents) as tuples,
/// as in JAX: `f.defjvp { p, t in let (a, b) = p; ... }`. Differentiating
/// before `defjvp` is a ``JAXError``.
public final class CustomJVP<Args, R: PyTree>: @unchecked Sendable {
  private let eager: (Args) -> R
  private let flatten: (Args) -> FlatArguments
  private let rebuild: (FlatArguments, [Tensor]) -> Args
  private let name: String
  private let site: CallSite
  private let lock = NSLock()
  private var rule: ((Args, Args) -> (R, R))?

  private init(
    eager: @escaping (Args) -> R, flatten: @escaping (Args) -> FlatArguments,
    rebuild: @escaping (FlatArguments, [Tensor]) -> Args, name: String, site: CallSite
  ) {
    (self.eager, self.flatten, self.rebuild, self.name, self.site) = (eager, flatten, rebuild, name, site)
  }

  private func setRule(_ rule: @escaping (Args, Args) -> (R, R)) {
    lock.lock()
    self.rule = rule
    lock.unlock()
  }

  private func call(_ args: Args) -> R {
    let ctx = InterpreterContext.current
    if ctx.depth == 0 && ctx.dynamic == nil { return eager(args) }
    lock.lock()
    let rule = self.rule
    lock.unlock()
    let flat = flatten(args)
    let (eager, rebuild, name, site) = (self.eager, self.rebuild, self.name, self.site)
    let (outs, outDef) = customJVPFlat(
      name: name, flat.leaves, f: { treeFlatten(eager(rebuild(flat, $0))) },
      rule: { p, t in
        guard let rule else {
          JAXError.raise(JAXError(.transformation, name, "no JVP rule: call defjvp before differentiating", site: site))
          return (treeLeaves(eager(rebuild(flat, p))).map { _ in .invalid }, [])
        }
        let (y, ty) = rule(rebuild(flat, p), rebuild(flat, t))
        return (treeLeaves(y), treeLeaves(ty).map { Optional($0) })
      }, site: site)
    return treeUnflatten(outDef, outs)
  }
}

extension CustomJVP where Args: PyTree {
  /// Decorates a function of one pytree argument.
  ///
  /// ```swift
  /// let softplus = CustomJVP { (x: Tensor) in jnp.log1p(jnp.exp(x)) }
  /// softplus.defjvp { x, t in (softplus(x), Lax.logistic(x) * t) }
  /// grad { softplus($0) }(jnp.array(100.0))  // 1.0
  /// ```
  public convenience init(_ f: @escaping (Args) -> R, name: String = "custom_jvp", file: StaticString = #fileID, line: UInt = #line) {
    self.init(
      eager: f, flatten: { FlatArguments($0) }, rebuild: { flat, leaves in flat.unflatten(leaves, as: Args.self) },
      name: name, site: CallSite(file: file, line: line))
  }
  /// Attaches the rule: (primal, tangent) → (output, output tangent).
  ///
  /// ```swift
  /// let cube = CustomJVP { (x: Tensor) in x * x * x }
  /// cube.defjvp { x, t in (cube(x), 3 * x * x * t) }
  /// jvp({ (x: Tensor) in cube(x) }, primals: jnp.array(2.0), tangents: jnp.array(1.0)).1  // 12.0
  /// ```
  public func defjvp(_ rule: @escaping (Args, Args) -> (R, R)) { setRule(rule) }
  /// Calls the function; transformations use the attached rule for its derivative.
  ///
  /// ```swift
  /// let f = CustomJVP { (x: Tensor) in x }
  /// f.defjvp { p, t in (f(p), t) }
  /// f(jnp.array(2.0))  // 2.0
  /// ```
  public func callAsFunction(_ a: Args) -> R { call(a) }
}

extension CustomJVP {
  /// Decorates a function of 2 pytree arguments.
  ///
  /// ```swift
  /// let f = CustomJVP { (x: Tensor, y: Tensor) in x * y }
  /// f.defjvp { p, t in (p.0 * p.1, t.0 * p.1 + p.0 * t.1) }
  /// grad { (x: Tensor) in f(x, jnp.array(3.0)) }(jnp.array(2.0))  // 3.0
  /// ```
  public convenience init<A: PyTree, B: PyTree>(
    _ f: @escaping (A, B) -> R, name: String = "custom_jvp", file: StaticString = #fileID, line: UInt = #line
  ) where Args == (A, B) {
    self.init(
      eager: { args in f(args.0, args.1) }, flatten: { args in FlatArguments(args.0, args.1) },
      rebuild: { flat, leaves in flat.unflatten(leaves, as: A.self, B.self) }, name: name, site: CallSite(file: file, line: line))
  }
  /// Attaches the rule: ((primals), (tangents)) → (output, output tangent).
  ///
  /// ```swift
  /// let hyp = CustomJVP { (x: Tensor, y: Tensor) in jnp.sqrt(x * x + y * y) }
  /// hyp.defjvp { p, t in let h = hyp(p.0, p.1); return (h, (p.0 * t.0 + p.1 * t.1) / h) }
  /// grad { (x: Tensor) in hyp(x, jnp.array(4.0)) }(jnp.array(3.0))  // 0.6
  /// ```
  public func defjvp<A: PyTree, B: PyTree>(_ rule: @escaping ((A, B), (A, B)) -> (R, R)) where Args == (A, B) { setRule(rule) }
  /// Calls the function; transformations use the attached rule for its derivative.
  ///
  /// ```swift
  /// let f = CustomJVP { (x: Tensor, y: Tensor) in x * y }
  /// f.defjvp { p, t in (f(p.0, p.1), t.0) }
  /// f(jnp.array(2.0), jnp.array(3.0))  // 6.0
  /// ```
  public func callAsFunction<A: PyTree, B: PyTree>(_ a: A, _ b: B) -> R where Args == (A, B) { call((a, b)) }
}

extension CustomJVP {
  /// Decorates a function of 3 pytree arguments.
  ///
  /// ```swift
  /// let f = CustomJVP { (x: Tensor, y: Tensor, z: Tensor) in x * y + z }
  /// f.defjvp { p, t in (p.0 * p.1 + p.2, t.0 * p.1 + p.0 * t.1 + t.2) }
  /// grad { (x: Tensor) in f(x, jnp.array(3.0), jnp.array(1.0)) }(jnp.array(2.0))  // 3.0
  /// ```
  public convenience init<A: PyTree, B: PyTree, C: PyTree>(
    _ f: @escaping (A, B, C) -> R, name: String = "custom_jvp", file: StaticString = #fileID, line: UInt = #line
  ) where Args == (A, B, C) {
    self.init(
      eager: { args in f(args.0, args.1, args.2) }, flatten: { args in FlatArguments(args.0, args.1, args.2) },
      rebuild: { flat, leaves in flat.unflatten(leaves, as: A.self, B.self, C.self) }, name: name, site: CallSite(file: file, line: line))
  }
  /// Attaches the rule: ((primals), (tangents)) → (output, output tangent).
  ///
  /// ```swift
  /// let fma = CustomJVP { (x: Tensor, y: Tensor, z: Tensor) in x * y + z }
  /// fma.defjvp { p, t in (fma(p.0, p.1, p.2), t.0 * p.1 + p.0 * t.1 + t.2) }
  /// grad { (y: Tensor) in fma(jnp.array(5.0), y, jnp.array(1.0)) }(jnp.array(2.0))  // 5.0
  /// ```
  public func defjvp<A: PyTree, B: PyTree, C: PyTree>(_ rule: @escaping ((A, B, C), (A, B, C)) -> (R, R)) where Args == (A, B, C) { setRule(rule) }
  /// Calls the function; transformations use the attached rule for its derivative.
  ///
  /// ```swift
  /// let f = CustomJVP { (x: Tensor, y: Tensor, z: Tensor) in x * y * z }
  /// f.defjvp { p, t in (f(p.0, p.1, p.2), t.0) }
  /// f(jnp.array(2.0), jnp.array(3.0), jnp.array(4.0))  // 24.0
  /// ```
  public func callAsFunction<A: PyTree, B: PyTree, C: PyTree>(_ a: A, _ b: B, _ c: C) -> R where Args == (A, B, C) { call((a, b, c)) }
}

extension CustomJVP {
  /// Decorates a function of 4 pytree arguments.
  ///
  /// ```swift
  /// let f = CustomJVP { (x: Tensor, y: Tensor, z: Tensor, w: Tensor) in x * y + z + w }
  /// f.defjvp { p, t in (p.0 * p.1 + p.2 + p.3, t.0 * p.1 + p.0 * t.1 + t.2 + t.3) }
  /// print(grad { (x: Tensor) in f(x, jnp.array(3.0), jnp.array(1.0), jnp.array(2.0)) }(jnp.array(2.0)))
  /// // 3.0
  /// ```
  public convenience init<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(
    _ f: @escaping (A, B, C, D) -> R, name: String = "custom_jvp", file: StaticString = #fileID, line: UInt = #line
  ) where Args == (A, B, C, D) {
    self.init(
      eager: { args in f(args.0, args.1, args.2, args.3) }, flatten: { args in FlatArguments(args.0, args.1, args.2, args.3) },
      rebuild: { flat, leaves in flat.unflatten(leaves, as: A.self, B.self, C.self, D.self) }, name: name, site: CallSite(file: file, line: line))
  }
  /// Attaches the rule: ((primals), (tangents)) → (output, output tangent).
  ///
  /// ```swift
  /// let dot2 = CustomJVP { (a: Tensor, b: Tensor, c: Tensor, d: Tensor) in a * b + c * d }
  /// dot2.defjvp { p, t in (dot2(p.0, p.1, p.2, p.3), t.0 * p.1 + p.0 * t.1 + t.2 * p.3 + p.2 * t.3) }
  /// print(grad { (c: Tensor) in dot2(jnp.array(1.0), jnp.array(2.0), c, jnp.array(7.0)) }(jnp.array(3.0)))
  /// // 7.0
  /// ```
  public func defjvp<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(_ rule: @escaping ((A, B, C, D), (A, B, C, D)) -> (R, R)) where Args == (A, B, C, D) { setRule(rule) }
  /// Calls the function; transformations use the attached rule for its derivative.
  ///
  /// ```swift
  /// let f = CustomJVP { (x: Tensor, y: Tensor, z: Tensor, w: Tensor) in x * y * z * w }
  /// f.defjvp { p, t in (f(p.0, p.1, p.2, p.3), t.0) }
  /// f(jnp.array(2.0), jnp.array(3.0), jnp.array(4.0), jnp.array(5.0))  // 120.0
  /// ```
  public func callAsFunction<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(_ a: A, _ b: B, _ c: C, _ d: D) -> R where Args == (A, B, C, D) { call((a, b, c, d)) }
}

/// A function with a custom VJP, in JAX's decorator style
/// (`@jax.custom_vjp` + `f.defvjp(fwd, bwd)`), for one to four pytree
/// arguments.
///
/// ```swift
/// let clipGradient = CustomVJP({ (x: Tensor, bound: Tensor) in x }, residuals: Tensor.self)
/// clipGradient.defvjp(
///   forward: { x, bound in (x, bound) },                       // output, residuals
///   backward: { bound, g in (jnp.clip(g, min: -bound, max: bound), jnp.zerosLike(bound)) })
/// ```
/// `backward` maps (residuals, output cotangent) to the arguments'
/// cotangents (a tuple for several arguments). Forward mode is an error,
/// as in JAX; so is differentiating before `defvjp`.
public final class CustomVJP<Args, R: PyTree, Res: PyTree>: @unchecked Sendable {
  private let eager: (Args) -> R
  private let flatten: (Args) -> FlatArguments
  private let rebuild: (FlatArguments, [Tensor]) -> Args
  private let name: String
  private let site: CallSite
  private let lock = NSLock()
  private var rules: (forward: (Args) -> (R, Res), backward: (Res, R) -> Args)?

  private init(
    eager: @escaping (Args) -> R, flatten: @escaping (Args) -> FlatArguments,
    rebuild: @escaping (FlatArguments, [Tensor]) -> Args, name: String, site: CallSite
  ) {
    (self.eager, self.flatten, self.rebuild, self.name, self.site) = (eager, flatten, rebuild, name, site)
  }

  private func setRules(_ forward: @escaping (Args) -> (R, Res), _ backward: @escaping (Res, R) -> Args) {
    lock.lock()
    rules = (forward, backward)
    lock.unlock()
  }

  private func call(_ args: Args) -> R {
    let ctx = InterpreterContext.current
    if ctx.depth == 0 && ctx.dynamic == nil { return eager(args) }
    lock.lock()
    let rules = self.rules
    lock.unlock()
    guard let rules else {
      JAXError.raise(JAXError(.transformation, name, "no VJP rule: call defvjp before differentiating", site: site))
      return eager(args)
    }
    let flat = flatten(args)
    let (eager, rebuild, flatten) = (self.eager, self.rebuild, self.flatten)
    var resDef: TreeDef = .leaf
    let (outs, outDef) = customVJPFlat(
      name: name, flat.leaves, f: { treeFlatten(eager(rebuild(flat, $0))) },
      forward: { p in
        let (y, res) = rules.forward(rebuild(flat, p))
        let (rl, rd) = treeFlatten(res)
        resDef = rd
        return (treeLeaves(y), rl)
      },
      backward: { res, cts, od in flatten(rules.backward(treeUnflatten(resDef, res), treeUnflatten(od, cts))).leaves },
      site: site)
    return treeUnflatten(outDef, outs)
  }
}

extension CustomVJP where Args: PyTree {
  /// Decorates a function of one pytree argument; `residuals` names the
  /// type the forward rule saves for the backward one.
  ///
  /// ```swift
  /// let clip = CustomVJP({ (x: Tensor) in x }, residuals: Tensor.self)
  /// clip.defvjp(forward: { x in (x, x) }, backward: { _, g in jnp.clip(g, min: -1, max: 1) })
  /// grad { (x: Tensor) in jnp.sum(clip(x) * 5) }(jnp.array([1.0, 2.0]))  // [1. 1.]
  /// ```
  public convenience init(
    _ f: @escaping (Args) -> R, residuals: Res.Type = Res.self, name: String = "custom_vjp",
    file: StaticString = #fileID, line: UInt = #line
  ) {
    self.init(
      eager: f, flatten: { FlatArguments($0) }, rebuild: { flat, leaves in flat.unflatten(leaves, as: Args.self) },
      name: name, site: CallSite(file: file, line: line))
  }
  /// Attaches the forward (output and residuals) and backward rules.
  ///
  /// ```swift
  /// let square = CustomVJP({ (x: Tensor) in x * x }, residuals: Tensor.self)
  /// square.defvjp(forward: { x in (x * x, x) }, backward: { x, g in 2 * x * g })
  /// grad { square($0) }(jnp.array(3.0))  // 6.0
  /// ```
  public func defvjp(forward: @escaping (Args) -> (R, Res), backward: @escaping (Res, R) -> Args) { setRules(forward, backward) }
  /// Calls the function; transformations use the attached rule for its derivative.
  ///
  /// ```swift
  /// let f = CustomVJP({ (x: Tensor) in x }, residuals: Tensor.self)
  /// f.defvjp(forward: { x in (x, x) }, backward: { _, g in g })
  /// f(jnp.array(2.0))  // 2.0
  /// ```
  public func callAsFunction(_ a: Args) -> R { call(a) }
}

extension CustomVJP {
  /// Decorates a function of 2 pytree arguments.
  ///
  /// ```swift
  /// let f = CustomVJP({ (x: Tensor, y: Tensor) in x * y }, residuals: [Tensor].self)
  /// f.defvjp(forward: { x, y in (x * y, [x, y]) }, backward: { res, g in (2 * g * res[1], 2 * g * res[0]) })
  /// grad { (x: Tensor) in f(x, jnp.array(3.0)) }(jnp.array(2.0))  // 6.0
  /// ```
  public convenience init<A: PyTree, B: PyTree>(
    _ f: @escaping (A, B) -> R, residuals: Res.Type = Res.self, name: String = "custom_vjp",
    file: StaticString = #fileID, line: UInt = #line
  ) where Args == (A, B) {
    self.init(
      eager: { args in f(args.0, args.1) }, flatten: { args in FlatArguments(args.0, args.1) },
      rebuild: { flat, leaves in flat.unflatten(leaves, as: A.self, B.self) }, name: name, site: CallSite(file: file, line: line))
  }
  /// Attaches the forward (output and residuals) and backward rules.
  ///
  /// ```swift
  /// let mul = CustomVJP({ (x: Tensor, y: Tensor) in x * y }, residuals: [Tensor].self)
  /// mul.defvjp(forward: { x, y in (x * y, [x, y]) }, backward: { r, g in (g * r[1], g * r[0]) })
  /// grad { (y: Tensor) in mul(jnp.array(4.0), y) }(jnp.array(3.0))  // 4.0
  /// ```
  public func defvjp<A: PyTree, B: PyTree>(
    forward: @escaping (A, B) -> (R, Res), backward: @escaping (Res, R) -> (A, B)
  ) where Args == (A, B) {
    setRules({ args in forward(args.0, args.1) }, backward)
  }
  /// Calls the function; transformations use the attached rule for its derivative.
  ///
  /// ```swift
  /// let f = CustomVJP({ (x: Tensor, y: Tensor) in x * y }, residuals: Tensor.self)
  /// f.defvjp(forward: { x, y in (x * y, x) }, backward: { _, g in (g, g) })
  /// f(jnp.array(2.0), jnp.array(3.0))  // 6.0
  /// ```
  public func callAsFunction<A: PyTree, B: PyTree>(_ a: A, _ b: B) -> R where Args == (A, B) { call((a, b)) }
}

extension CustomVJP {
  /// Decorates a function of 3 pytree arguments.
  ///
  /// ```swift
  /// let f = CustomVJP({ (x: Tensor, y: Tensor, z: Tensor) in x * y + z }, residuals: [Tensor].self)
  /// f.defvjp(forward: { x, y, z in (x * y + z, [x, y]) }, backward: { res, g in (2 * g * res[1], 2 * g * res[0], 2 * g) })
  /// grad { (x: Tensor) in f(x, jnp.array(3.0), jnp.array(1.0)) }(jnp.array(2.0))  // 6.0
  /// ```
  public convenience init<A: PyTree, B: PyTree, C: PyTree>(
    _ f: @escaping (A, B, C) -> R, residuals: Res.Type = Res.self, name: String = "custom_vjp",
    file: StaticString = #fileID, line: UInt = #line
  ) where Args == (A, B, C) {
    self.init(
      eager: { args in f(args.0, args.1, args.2) }, flatten: { args in FlatArguments(args.0, args.1, args.2) },
      rebuild: { flat, leaves in flat.unflatten(leaves, as: A.self, B.self, C.self) }, name: name, site: CallSite(file: file, line: line))
  }
  /// Attaches the forward (output and residuals) and backward rules.
  ///
  /// ```swift
  /// let affine = CustomVJP({ (a: Tensor, x: Tensor, b: Tensor) in a * x + b }, residuals: [Tensor].self)
  /// affine.defvjp(forward: { a, x, b in (a * x + b, [a, x]) }, backward: { r, g in (g * r[1], g * r[0], g) })
  /// grad { (a: Tensor) in affine(a, jnp.array(6.0), jnp.array(1.0)) }(jnp.array(2.0))  // 6.0
  /// ```
  public func defvjp<A: PyTree, B: PyTree, C: PyTree>(
    forward: @escaping (A, B, C) -> (R, Res), backward: @escaping (Res, R) -> (A, B, C)
  ) where Args == (A, B, C) {
    setRules({ args in forward(args.0, args.1, args.2) }, backward)
  }
  /// Calls the function; transformations use the attached rule for its derivative.
  ///
  /// ```swift
  /// let f = CustomVJP({ (x: Tensor, y: Tensor, z: Tensor) in x * y * z }, residuals: Tensor.self)
  /// f.defvjp(forward: { x, y, z in (x * y * z, x) }, backward: { _, g in (g, g, g) })
  /// f(jnp.array(2.0), jnp.array(3.0), jnp.array(4.0))  // 24.0
  /// ```
  public func callAsFunction<A: PyTree, B: PyTree, C: PyTree>(_ a: A, _ b: B, _ c: C) -> R where Args == (A, B, C) { call((a, b, c)) }
}

extension CustomVJP {
  /// Decorates a function of 4 pytree arguments.
  ///
  /// ```swift
  /// let f = CustomVJP({ (x: Tensor, y: Tensor, z: Tensor, w: Tensor) in x * y + z + w }, residuals: [Tensor].self)
  /// f.defvjp(forward: { x, y, z, w in (x * y + z + w, [x, y]) }, backward: { res, g in (2 * g * res[1], 2 * g * res[0], 2 * g, 2 * g) })
  /// print(grad { (x: Tensor) in f(x, jnp.array(3.0), jnp.array(1.0), jnp.array(2.0)) }(jnp.array(2.0)))
  /// // 6.0
  /// ```
  public convenience init<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(
    _ f: @escaping (A, B, C, D) -> R, residuals: Res.Type = Res.self, name: String = "custom_vjp",
    file: StaticString = #fileID, line: UInt = #line
  ) where Args == (A, B, C, D) {
    self.init(
      eager: { args in f(args.0, args.1, args.2, args.3) }, flatten: { args in FlatArguments(args.0, args.1, args.2, args.3) },
      rebuild: { flat, leaves in flat.unflatten(leaves, as: A.self, B.self, C.self, D.self) }, name: name, site: CallSite(file: file, line: line))
  }
  /// Attaches the forward (output and residuals) and backward rules.
  ///
  /// ```swift
  /// let dot2 = CustomVJP({ (a: Tensor, b: Tensor, c: Tensor, d: Tensor) in a * b + c * d }, residuals: [Tensor].self)
  /// dot2.defvjp(forward: { a, b, c, d in (a * b + c * d, [a, b, c, d]) },
  ///             backward: { r, g in (g * r[1], g * r[0], g * r[3], g * r[2]) })
  /// print(grad { (d: Tensor) in dot2(jnp.array(1.0), jnp.array(2.0), jnp.array(3.0), d) }(jnp.array(4.0)))
  /// // 3.0
  /// ```
  public func defvjp<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(
    forward: @escaping (A, B, C, D) -> (R, Res), backward: @escaping (Res, R) -> (A, B, C, D)
  ) where Args == (A, B, C, D) {
    setRules({ args in forward(args.0, args.1, args.2, args.3) }, backward)
  }
  /// Calls the function; transformations use the attached rule for its derivative.
  ///
  /// ```swift
  /// let f = CustomVJP({ (x: Tensor, y: Tensor, z: Tensor, w: Tensor) in x * y * z * w }, residuals: Tensor.self)
  /// f.defvjp(forward: { x, y, z, w in (x * y * z * w, x) }, backward: { _, g in (g, g, g, g) })
  /// f(jnp.array(2.0), jnp.array(3.0), jnp.array(4.0), jnp.array(5.0))  // 120.0
  /// ```
  public func callAsFunction<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(_ a: A, _ b: B, _ c: C, _ d: D) -> R where Args == (A, B, C, D) { call((a, b, c, d)) }
}
