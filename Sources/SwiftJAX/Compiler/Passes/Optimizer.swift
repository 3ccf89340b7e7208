// The pass pipeline jit runs on a staged program before code generation.

/// Optimisation passes on ``ClosedJaxpr`` programs: dead-code
/// elimination, common-subexpression elimination, constant folding,
/// algebraic simplification, and the same inside control-flow bodies plus
/// scan pruning, loop-invariant code motion, transposed products computed
/// in the order they are read (Pass+TransposedDot) and the loop
/// interchange of vmapped scans (Pass+BatchInterchange). Every pass preserves the program's results
/// bit for bit (no reassociation, no `x + 0.0 → x` for floats, since
/// `-0.0 + 0.0` is `+0.0`).
///
/// ```swift
/// var program = makeJaxpr({ x in [x[0] * 1.0 + 0.0] }, [ShapedArray(shape: [3], dtype: .float32)])
/// Optimizer.optimize(&program)
/// print(program)   // { lambda ; a:f32[3]. let b:f32[3] = add a 0.0:f32[] in (b,) }
/// ```
public enum Optimizer {
  /// Runs the passes to a fixed point (at most a few rounds).
  ///
  /// ```swift
  /// var program = traceToJaxpr({ xs in [xs[0] * 1.0 + xs[0] * 1.0] }, [ShapedArray(shape: [2], dtype: .float32)])
  /// Optimizer.optimize(&program)   // folds the repeated product
  /// program([jnp.array([1.0, 2.0])])[0]  // [2. 4.]
  /// ```
  public static func optimize(_ program: inout ClosedJaxpr) {
    // Custom-derivative calls become their functions' equations, before
    // the division rules (see Pass+InlineCustom).
    inlineCustomCalls(&program)
    // Then, while divisors still have the shapes they were staged with
    // (simplification turns broadcasts of scalars into scalar operands).
    program.jaxpr = program.jaxpr.withXLADivisions(literalDivisors: false)
    deadCodeElimination(&program)
    for round in 0..<4 {
      let before = program.jaxpr.equations.count
      simplify(&program)
      foldConstants(&program)
      eliminateCommonSubexpressions(&program)
      deadCodeElimination(&program)
      if round == 0 { optimizeControlFlow(&program) }
      if program.jaxpr.equations.count == before && round > 0 { break }
    }
    // Products read transposed are computed in the order they are read.
    foldTransposedDots(&program)
    // Last, because it changes the loop structure the passes above see;
    // the transposes it adds may cancel with vmap's own.
    if interchangeBatchedScans(&program) {
      simplify(&program)
      deadCodeElimination(&program)
    }
  }
}

/// Replaces variables by atoms throughout a program (the rewriting step
/// shared by CSE, folding and simplification).
struct Substitution {
  // Keyed by the variable itself, not its ObjectIdentifier: the map must
  // keep replaced variables alive. A pass that drops the last reference to
  // a replaced variable (an inlined function's parameters) would otherwise
  // let a new variable be allocated at the same address and silently
  // inherit the old replacement (a float operand fed to `or`).
  private var map: [Var: Atom] = [:]

  var isEmpty: Bool { map.isEmpty }

  mutating func replace(_ v: Var, with a: Atom) { map[v] = resolve(a) }

  func resolve(_ a: Atom) -> Atom {
    var a = a
    while case .v(let v) = a, let r = map[v] { a = r }
    return a
  }

  func apply(_ eqn: Equation) -> Equation {
    var e = eqn
    e.inputs = e.inputs.map(resolve)
    return e
  }
}

extension Jaxpr {
  /// How many times each variable is read (by equations and outputs).
  func useCounts() -> [ObjectIdentifier: Int] {
    var n: [ObjectIdentifier: Int] = [:]
    for e in equations { for case .v(let v) in e.inputs { n[ObjectIdentifier(v), default: 0] += 1 } }
    for case .v(let v) in outputs { n[ObjectIdentifier(v), default: 0] += 1 }
    return n
  }
}
