// Transposed products computed in the order they are read. The transpose
// rule of dot_general (as JAX writes it) stages the weight gradient of a
// dense layer, dW = xᵀ·g, as `transpose(dot_general(g, x))`: the product
// comes out as (out, in) and is flipped to (in, out). Left alone, the flip
// is fused into every consumer as a strided read (an optimiser's moment
// updates then gather with a stride of the layer's width); XLA's layout
// assignment instead computes the product in the order it is read. This
// pass does the same: (A·B)ᵀ = Bᵀ·Aᵀ, so the transpose of a dot_general
// that swaps its two free-axis groups is the dot_general with operands
// (and dimension numbers) swapped. Each output element is the same sum of
// the same products in the same order of the contracted index (the packed
// GEMM and the generic loop both run the contraction in index order, and
// `fma(a, b, c) == fma(b, a, c)`), so results stay bit for bit.

extension Optimizer {
  /// Rewrites `t = transpose(d, perm)` of `d = dot_general(a, b)` into
  /// `t = dot_general(b, a)` with swapped dimension numbers when `perm`
  /// keeps the batch axes first and swaps the left and right free axes,
  /// and `d` has no other reader (otherwise both products would run).
  /// Returns whether anything changed; dead-code elimination removes the
  /// original product.
  ///
  /// ```swift
  /// // c = dot_general[((0,), (0,))] g x; d = transpose[(1, 0)] c
  /// //   →   d = dot_general[((0,), (0,))] x g
  /// Optimizer.foldTransposedDots(&program)
  /// ```
  @discardableResult
  public static func foldTransposedDots(_ program: inout ClosedJaxpr) -> Bool {
    let j = program.jaxpr
    var readers: [ObjectIdentifier: Int] = [:]
    for e in j.equations { for case .v(let v) in e.inputs { readers[ObjectIdentifier(v), default: 0] += 1 } }
    for case .v(let v) in j.outputs { readers[ObjectIdentifier(v), default: 0] += 1 }
    var producer: [ObjectIdentifier: Equation] = [:]
    var changed = false
    var eqns: [Equation] = []
    eqns.reserveCapacity(j.equations.count)
    for e in j.equations {
      if case .transpose(let perm) = e.primitive, case .v(let d) = e.inputs[0], readers[ObjectIdentifier(d)] == 1,
        let dot = producer[ObjectIdentifier(d)], let swapped = swappedProduct(dot, perm)
      {
        eqns.append(Equation(swapped.primitive, swapped.inputs, e.outputs))
        changed = true
        continue
      }
      for o in e.outputs { producer[ObjectIdentifier(o)] = e }
      eqns.append(e)
    }
    guard changed else { return false }
    program.jaxpr = Jaxpr(constVars: j.constVars, inVars: j.inVars, equations: eqns, outputs: j.outputs)
    deadCodeElimination(&program)
    return true
  }

  /// `dot_general(b, a)` when `perm` applied to `dot`'s output (batch
  /// axes, then the left operand's free axes, then the right's) gives
  /// batch axes, right free axes, left free axes; else nil.
  private static func swappedProduct(_ dot: Equation, _ perm: [Int]) -> Equation? {
    guard case .dotGeneral(let dn, let preferred) = dot.primitive else { return nil }
    let (a, b) = (dot.inputs[0].aval, dot.inputs[1].aval)
    let nb = dn.lhsBatch.count
    let nl = a.rank - nb - dn.lhsContracting.count
    let nr = b.rank - nb - dn.rhsContracting.count
    // Nothing to gain when one side has no free axes (the transpose only
    // moves size-1 or no axes then) or the permutation is anything else.
    guard nl > 0, nr > 0, perm == Array(0..<nb) + Array((nb + nl)..<(nb + nl + nr)) + Array(nb..<(nb + nl)) else {
      return nil
    }
    let flipped = DotDimensionNumbers(
      lhsContracting: dn.rhsContracting, rhsContracting: dn.lhsContracting, lhsBatch: dn.rhsBatch, rhsBatch: dn.lhsBatch)
    return Equation(.dotGeneral(flipped, preferredElementType: preferred), [dot.inputs[1], dot.inputs[0]], dot.outputs)
  }
}
