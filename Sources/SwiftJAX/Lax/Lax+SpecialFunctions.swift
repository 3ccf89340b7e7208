import Foundation

// jax.lax's incomplete gamma/beta family, zeta and polygamma. JAX 0.10.2
// defines igamma, igammac, igamma_grad_a, random_gamma_grad and betainc in
// jax/_src/lax/special.py as compositions of lax ops (series, continued
// fractions in while loops), and zeta/polygamma through XLA's CHLO
// decompositions. SwiftJAX builds them from the same ops in the same
// order (Lax+IncompleteGamma.swift, Lax+IncompleteBeta.swift,
// Lax+Zeta.swift), so jit and vmap come for free; each is wrapped in a
// custom JVP carrying JAX's derivative rule, which also lets reverse mode
// skip the while loops.

/// How an argument of a special function is differentiated: JAX's
/// `ad.defjvp` rule for it, or the error JAX raises.
enum SpecialPartial {
  /// (arguments, result, this argument's tangent) → the output tangent.
  case rule(([Tensor], Tensor, Tensor) -> Tensor)
  /// JAX refuses to differentiate this argument (the error message).
  case refuse(String)
}

extension Lax {
  /// Checks the operands of an n-ary special function as JAX's
  /// `standard_naryop([_float, ...])` does (one floating dtype, shapes
  /// equal or broadcastable as lax allows) and broadcasts them to the
  /// common shape, as JAX's `_up_and_broadcast`. Nil after raising.
  static func specialOperands(_ name: String, _ xs: [Tensor], _ site: CallSite) -> [Tensor]? {
    if xs.contains(where: \.isInvalid) { return nil }
    let d = xs[0].dtype
    if let bad = xs.firstIndex(where: { $0.dtype != d }) {
      JAXError.raise(JAXError(
        .dtype, name, "requires arguments to have the same dtypes, got \(xs.map(\.dtype.name).joined(separator: ", ")) (argument \(bad))",
        site: site))
      return nil
    }
    if !d.isFloatingPoint || d.isComplex {
      JAXError.raise(JAXError(.dtype, name, "does not accept dtype \(d.name): accepted dtypes are subtypes of floating (real)", site: site))
      return nil
    }
    var shape = xs[0].shape
    do throws(JAXError) {
      for x in xs.dropFirst() {
        shape = try elementwiseShape(shape, x.shape) { kind, msg in JAXError(kind, name, msg, site: site) }
      }
    } catch {
      JAXError.raise(error)
      return nil
    }
    return xs.map { x in x.shape == shape ? x : broadcastInDim(x, shape: shape, broadcastDimensions: Array(0..<x.rank)) }
  }

  /// Runs `value` in float32 for float16/bfloat16 operands and converts
  /// back (JAX's `_up_and_broadcast` / CHLO's minimum-precision upcast:
  /// the algorithms' constants assume at least float32).
  static func upcastSpecial(_ xs: [Tensor], _ value: ([Tensor]) -> Tensor) -> Tensor {
    let d = xs[0].dtype
    if d == .float32 || d == .float64 { return value(xs) }
    return convertElementType(value(xs.map { convertElementType($0, .float32) }), d)
  }

  /// A composite special function with JAX's derivative rules: `value`
  /// computes it from operands already checked by ``specialOperands``;
  /// `partials[i]` says how argument `i` is differentiated. Eager calls
  /// run `value` directly; under a transformation it is a custom JVP.
  static func specialFunction(
    _ name: String, _ args: [Tensor], partials: [SpecialPartial], site: CallSite, value: @escaping ([Tensor]) -> Tensor
  ) -> Tensor {
    guard let xs = specialOperands(name, args, site) else { return .invalid }
    if isEager { return upcastSpecial(xs, value) }
    var refused: [Int: String] = [:]
    for (i, p) in partials.enumerated() { if case .refuse(let m) = p { refused[i] = m } }
    let (outs, _) = customJVPFlat(
      name: name, xs, f: { ([upcastSpecial($0, value)], .leaf) },
      rule: { p, t in
        let y = upcastSpecial(p, value)
        var tangent: Tensor? = nil
        for (i, partial) in partials.enumerated() {
          guard case .rule(let r) = partial else { continue }
          let term = r(p, y, t[i])
          tangent = tangent.map { add($0, term) } ?? term
        }
        return ([y], [tangent])
      }, nonDifferentiable: refused, site: site)
    return outs[0]
  }

  /// `lax.igamma`: the regularized lower incomplete gamma function
  /// P(a, x) = γ(a, x) / Γ(a), elementwise, as JAX computes it (a power
  /// series for x < a or x < 1, else one minus a continued fraction).
  /// NaN for a < 0, x < 0, or a = x = 0. Differentiable in both
  /// arguments (in `a` through ``igammaGradA(_:_:file:line:)``).
  ///
  /// ```swift
  /// Lax.igamma(Tensor([1, 2] as [Float]), Tensor([1, 1] as [Float]))   // [0.63212055, 0.26424113]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the shape parameter (floating point).
  ///   - x: the upper limit of integration, same dtype as `a`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func igamma(_ a: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    return specialFunction("igamma", [a, x], partials: [
      .rule { p, _, t in mul(t, igammaGradA(p[0], p[1], file: file, line: line)) },
      .rule { p, _, t in mul(t, igammaDensity(p[0], p[1])) },
    ], site: site) { igammaImpl($0[0], $0[1]) }
  }

  /// `lax.igammac`: the regularized upper incomplete gamma function
  /// Q(a, x) = 1 - P(a, x), computed directly where it is small (JAX's
  /// algorithm). NaN for a < 0, x < 0, or a = x = 0.
  ///
  /// ```swift
  /// Lax.igammac(Tensor([1, 2] as [Float]), Tensor([1, 1] as [Float]))   // ≈ [0.3678793, 0.7357589]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the shape parameter (floating point).
  ///   - x: the lower limit of integration, same dtype as `a`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func igammac(_ a: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let site = CallSite(file: file, line: line)
    return specialFunction("igammac", [a, x], partials: [
      .rule { p, _, t in neg(mul(t, igammaGradA(p[0], p[1], file: file, line: line))) },
      .rule { p, _, t in neg(mul(t, igammaDensity(p[0], p[1]))) },
    ], site: site) { igammacImpl($0[0], $0[1]) }
  }

  /// `lax.igamma_grad_a`: ∂P(a, x)/∂a, the derivative of
  /// ``igamma(_:_:file:line:)`` in its shape parameter (NaN for a ≤ 0 or
  /// x < 0). Like JAX, it is not itself differentiable.
  ///
  /// ```swift
  /// Lax.igammaGradA(Tensor([2] as [Float]), Tensor([1] as [Float]))   // ≈ [-0.27619603]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the shape parameter (floating point).
  ///   - x: the upper limit of integration, same dtype as `a`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func igammaGradA(_ a: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let refuse = SpecialPartial.refuse("Differentiation rule for 'igamma_grad_a' not implemented")
    return specialFunction("igamma_grad_a", [a, x], partials: [refuse, refuse], site: CallSite(file: file, line: line)) {
      igammaDerivative($0[0], $0[1], mode: .derivative)
    }
  }

  /// `lax.random_gamma_grad`: the derivative of a standard gamma sample
  /// `x ~ Gamma(a, 1)` with respect to `a` at fixed quantile
  /// (`-(∂P/∂a) / (∂P/∂x)`), as `jax.random.gamma`'s gradient uses it.
  /// NaN for a ≤ 0 or x < 0.
  ///
  /// ```swift
  /// Lax.randomGammaGrad(Tensor([2] as [Float]), Tensor([1] as [Float]))   // ≈ [0.7507787]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the shape parameter (floating point).
  ///   - x: the sample, same dtype as `a`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func randomGammaGrad(_ a: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    // A plain composite in JAX (no primitive, no custom rule): forward
    // mode goes through the while loops, reverse mode cannot.
    guard let xs = specialOperands("random_gamma_grad", [a, x], CallSite(file: file, line: line)) else { return .invalid }
    return upcastSpecial(xs) { igammaDerivative($0[0], $0[1], mode: .sampleDerivative) }
  }

  /// `lax.betainc`: the regularized incomplete beta function
  /// I_x(a, b), elementwise, by JAX's continued fraction (Lentz's
  /// algorithm, with the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where that
  /// converges faster). NaN outside a, b ≥ 0, 0 ≤ x ≤ 1. Differentiable in
  /// `x` only; differentiating in `a` or `b` is an error, as in JAX.
  ///
  /// ```swift
  /// Lax.betainc(Tensor([2] as [Float]), Tensor([3] as [Float]), Tensor([0.5] as [Float]))   // ≈ [0.6875]
  /// ```
  ///
  /// - Parameters:
  ///   - a: the first shape parameter (floating point).
  ///   - b: the second shape parameter, same dtype.
  ///   - x: the point in [0, 1], same dtype.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func betainc(_ a: Tensor, _ b: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let refuse = SpecialPartial.refuse("Betainc gradient with respect to a and b not supported.")
    return specialFunction("regularized_incomplete_beta", [a, b, x], partials: [
      refuse, refuse, .rule { p, _, t in mul(betaincDensity(p[0], p[1], p[2]), t) },
    ], site: CallSite(file: file, line: line)) { betaincImpl($0[0], $0[1], $0[2]) }
  }

  /// `lax.zeta`: the Hurwitz zeta function ζ(x, q) = Σₖ (q + k)^(-x),
  /// elementwise, by XLA's Euler–Maclaurin algorithm. NaN for x < 1,
  /// +inf at x = 1; for q ≤ 0 only integer x is defined. Not
  /// differentiable, as in JAX.
  ///
  /// ```swift
  /// Lax.zeta(Tensor([2] as [Float]), Tensor([1] as [Float]))   // [1.644934] (π²/6)
  /// ```
  ///
  /// - Parameters:
  ///   - x: the exponent (floating point).
  ///   - q: the shift, same dtype.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func zeta(_ x: Tensor, _ q: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let refuse = SpecialPartial.refuse("Differentiation rule for 'zeta' not implemented")
    return specialFunction("zeta", [x, q], partials: [refuse, refuse], site: CallSite(file: file, line: line)) {
      zetaImpl($0[0], $0[1])
    }
  }

  /// `lax.polygamma`: ψ⁽ᵐ⁾(x), the m-th derivative of the digamma
  /// function, for a natural number `m` held as a float (NaN otherwise),
  /// as XLA computes it: digamma for m = 0, else
  /// (-1)^(m+1) m! ζ(m + 1, x). Differentiable in `x`
  /// (ψ⁽ᵐ⁺¹⁾); differentiating in `m` is an error, as in JAX.
  ///
  /// ```swift
  /// Lax.polygamma(Tensor([1] as [Float]), Tensor([1] as [Float]))   // [1.644934] (π²/6)
  /// ```
  ///
  /// - Parameters:
  ///   - m: the derivative order (a natural number, floating dtype).
  ///   - x: the argument, same dtype.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func polygamma(_ m: Tensor, _ x: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    return specialFunction("polygamma", [m, x], partials: [
      .refuse("polygamma gradient with respect to m is not supported"),
      .rule { p, _, t in mul(t, polygamma(add(p[0], scalarConst(1, p[0].dtype)), p[1], file: file, line: line)) },
    ], site: CallSite(file: file, line: line)) { polygammaImpl($0[0], $0[1]) }
  }
}
