/// A variable of a ``Jaxpr``: bound once, by an input binder or one
/// equation. Compared by identity.
///
/// ```swift
/// Var(ShapedArray(shape: [3], dtype: .float32)).aval   // f32[3]
/// ```
public final class Var: Hashable, CustomStringConvertible {
  /// The variable's shape and dtype.
  public let aval: ShapedArray
  /// A fresh variable of type `aval`.
  ///
  /// - Parameter aval: Its shape and dtype.
  ///
  /// ```swift
  /// Var(ShapedArray(shape: [4], dtype: .int32)).aval.shape   // [4]
  /// ```
  public init(_ aval: ShapedArray) { self.aval = aval }
  public static func == (a: Var, b: Var) -> Bool { a === b }
  public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
  public var description: String { "Var(\(aval))" }
}

/// A constant scalar written inline in a Jaxpr, e.g. `2.0:f32[]`.
///
/// ```swift
/// let x = Var(ShapedArray(shape: [], dtype: .float32)), y = Var(ShapedArray(shape: [], dtype: .float32))
/// let three = Atom.literal(Literal(jnp.array(Float(3)).concrete!))
/// let times3 = Jaxpr(constVars: [], inVars: [x], equations: [Equation(.binary(.mul), [.v(x), three], [y])], outputs: [.v(y)])
/// evalJaxpr(times3, consts: [], args: [jnp.array(Float(2))])[0]  // 6.0
/// ```
public struct Literal: Hashable {
  /// The scalar value.
  public let value: ConcreteArray
  /// A literal holding the scalar `value`.
  ///
  /// - Parameter value: A rank-0 value.
  ///
  /// ```swift
  /// Literal(jnp.array([1, 2, 3]).concrete!).aval.shape  // [3]
  /// ```
  public init(_ value: ConcreteArray) { self.value = value }
  /// The literal's shape and dtype.
  public var aval: ShapedArray { value.aval }
  public static func == (a: Literal, b: Literal) -> Bool {
    a.aval == b.aval && a.value.element(0) == b.value.element(0)
  }
  public func hash(into h: inout Hasher) {
    h.combine(aval)
    h.combine(value.element(0).asDouble)
  }
}

/// An equation operand: a variable or an inline literal.
///
/// ```swift
/// Atom.v(Var(ShapedArray(shape: [2], dtype: .int32))).aval   // i32[2]
/// ```
public enum Atom: Hashable {
  case v(Var)
  case literal(Literal)

  /// The operand's shape and dtype.
  public var aval: ShapedArray {
    switch self {
    case .v(let v): v.aval
    case .literal(let l): l.aval
    }
  }
}

/// One primitive application: `outputs = primitive(inputs)`.
public struct Equation {
  /// The operation and its parameters.
  public var primitive: Primitive
  /// The operands: variables or literals.
  public var inputs: [Atom]
  /// The variables the equation defines.
  public var outputs: [Var]
  /// `outputs = primitive(inputs)`.
  public init(_ primitive: Primitive, _ inputs: [Atom], _ outputs: [Var]) {
    self.primitive = primitive
    self.inputs = inputs
    self.outputs = outputs
  }
}

/// JAX's typed, first-order IR: a list of equations in SSA form over
/// constant binders, input binders and outputs. Produced by staging a
/// Swift function (``makeJaxpr(_:_:)``), transformed and optimised by the
/// compiler, and printed in JAX's `make_jaxpr` layout.
///
/// ```swift
/// let j = makeJaxpr({ x in [Lax.mul(Lax.sin(x[0]), 2.0)] }, [ShapedArray(shape: [3], dtype: .float32)])
/// print(j)  // { lambda ; a:f32[3]. let b:f32[3] = sin a; c:f32[3] = mul b 2.0:f32[] in (c,) }
/// ```
public final class Jaxpr {
  /// Binders of constants captured by the traced function (values in ``ClosedJaxpr/consts``).
  public var constVars: [Var]
  /// Binders of the arguments, one per flattened leaf.
  public var inVars: [Var]
  /// The equations, in order.
  public var equations: [Equation]
  /// The results, one per flattened leaf.
  public var outputs: [Atom]

  /// A program from its parts (passes build programs this way).
  ///
  /// ```swift
  /// let x = Var(ShapedArray(shape: [2], dtype: .float32))
  /// let identity = Jaxpr(constVars: [], inVars: [x], equations: [], outputs: [.v(x)])
  /// evalJaxpr(identity, consts: [], args: [jnp.array([1.0, 2.0])])[0]  // [1. 2.]
  /// ```
  public init(constVars: [Var], inVars: [Var], equations: [Equation], outputs: [Atom]) {
    self.constVars = constVars
    self.inVars = inVars
    self.equations = equations
    self.outputs = outputs
  }

  /// The arguments' abstract values.
  public var inAvals: [ShapedArray] { inVars.map(\.aval) }
  /// The results' abstract values.
  public var outAvals: [ShapedArray] { outputs.map(\.aval) }
}

/// A ``Jaxpr`` with the values of its constant binders.
///
/// ```swift
/// print(makeJaxpr({ xs in [xs[0] + 1, xs[0] * 2] }, [ShapedArray(shape: [2], dtype: .float32)]).outAvals.count)
/// // 2
/// ```
public struct ClosedJaxpr: CustomStringConvertible {
  /// The program.
  public var jaxpr: Jaxpr
  /// The values of its constant binders, in order.
  public var consts: [Tensor]
  /// A program with its constants.
  ///
  /// ```swift
  /// let staged = traceToJaxpr({ xs in [xs[0] * 2] }, [ShapedArray(shape: [2], dtype: .float32)])
  /// let closed = ClosedJaxpr(jaxpr: staged.jaxpr, consts: staged.consts)
  /// closed([jnp.array([1.0, 2.0])])[0]  // [2. 4.]
  /// ```
  public init(jaxpr: Jaxpr, consts: [Tensor]) {
    self.jaxpr = jaxpr
    self.consts = consts
  }
  /// The arguments' abstract values.
  public var inAvals: [ShapedArray] { jaxpr.inAvals }
  /// The results' abstract values.
  public var outAvals: [ShapedArray] { jaxpr.outAvals }
  /// The program in JAX's `make_jaxpr` format.
  public var description: String { jaxpr.description }
}
