// General (non-symmetric) eigendecomposition: jnp.linalg.eig / eigvals and
// lax.linalg.eig.
//
// JAX runs LAPACK's geev on the host for this (there is no XLA lowering);
// SwiftJAX does the same with its own solver (Linalg+EigSolver.swift)
// behind a pure callback, so eig is eager host code that also runs under
// jit (through the runtime callback) and vmap (once per matrix). The
// callback has no derivative of its own: a custom JVP gives JAX's rule
// (eig_jvp_rule), dw = diag(V⁻¹ dA V), and with
// `enableEigenvectorDerivatives` the eigenvector rule (_eig_vec_jvp).
// The rule's host values carry no derivative, so second derivatives of
// eig are an error (JAX's rule calls the differentiable eig again).

extension Linalg {
  /// `jnp.linalg.eig`: the eigenvalues `w: [..., n]` and right
  /// eigenvectors `v: [..., n, n]` (columns) of a general square matrix or
  /// batch of them, so that `a @ v == v * w[..., None, :]`. Results are
  /// complex64 for float32 (and integer) input, complex128 for float64.
  ///
  /// Eigenvectors are normalised as LAPACK's geev does: unit 2-norm with
  /// the largest-magnitude component real. The order of the eigenvalues is
  /// the solver's (it need not equal LAPACK's); for real input complex
  /// eigenvalues come as conjugate pairs, positive imaginary part first,
  /// and real ones have an exactly zero imaginary part. Differentiating
  /// the eigenvectors is an error, as in JAX (see
  /// ``eig(_:computeLeftEigenvectors:computeRightEigenvectors:enableEigenvectorDerivatives:file:line:)``);
  /// use ``eigvals(_:file:line:)`` for eigenvalue gradients.
  ///
  /// ```swift
  /// let (w, v) = Linalg.eig(jnp.array([[0.0, -1.0], [1.0, 0.0]]))   // w = [i, -i]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a square matrix or a batch of them, `[..., n, n]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func eig(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> (eigenvalues: Tensor, eigenvectors: Tensor) {
    let out = eig(a, computeLeftEigenvectors: false, computeRightEigenvectors: true, file: file, line: line)
    guard out.count == 2 else { return (.invalid, .invalid) }
    return (out[0], out[1])
  }

  /// `jnp.linalg.eigvals`: the eigenvalues of a general square matrix or
  /// batch of them (complex; see ``eig(_:file:line:)``). Differentiable:
  /// `dw = diag(V⁻¹ · da · V)`, JAX's rule, defined for distinct eigenvalues.
  ///
  /// ```swift
  /// Linalg.eigvals(jnp.array([[2.0, 1.0], [0.0, 3.0]]))   // [2+0i, 3+0i]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a square matrix or a batch of them, `[..., n, n]`.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func eigvals(_ a: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    let out = eig(a, computeLeftEigenvectors: false, computeRightEigenvectors: false, file: file, line: line)
    return out.first ?? .invalid
  }

  /// `lax.linalg.eig`: `[w, vl, vr]` with the left (`uᴴ a = λ uᴴ`) and
  /// right eigenvectors only when asked for (`[w]`, `[w, vr]`, `[w, vl]`
  /// or `[w, vl, vr]`), normalised like ``eig(_:file:line:)``.
  ///
  /// Eigenvector derivatives are only meaningful for distinct eigenvalues
  /// and differentiate through geev's normalisation; as in JAX they are an
  /// error unless `enableEigenvectorDerivatives` is set.
  ///
  /// ```swift
  /// let out = Linalg.eig(a, computeLeftEigenvectors: true)   // [w, vl, vr]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a square matrix or a batch of them, `[..., n, n]`.
  ///   - computeLeftEigenvectors: also return the left eigenvectors.
  ///   - computeRightEigenvectors: also return the right eigenvectors.
  ///   - enableEigenvectorDerivatives: allow differentiating the
  ///     eigenvectors (JAX's `enable_eigvec_derivs`).
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func eig(
    _ a: Tensor, computeLeftEigenvectors: Bool, computeRightEigenvectors: Bool = true,
    enableEigenvectorDerivatives: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) -> [Tensor] {
    let count = 1 + (computeLeftEigenvectors ? 1 : 0) + (computeRightEigenvectors ? 1 : 0)
    let bad = [Tensor](repeating: .invalid, count: count)
    if a.isInvalid { return bad }
    if a.rank < 2 {
      Numpy.report(.shape, "eig", "input must have rank at least 2, got shape \(shapeString(a.shape))", file: file, line: line)
      return bad
    }
    if !checkSquare(a, "eig", file: file, line: line) { return bad }
    let x = Numpy.toInexact(a, file: file, line: line)
    if x.dtype.isHalfPrecision {
      Numpy.report(.dtype, "eig", "unsupported dtype \(x.dtype) (eig takes float32, float64, complex64 or complex128, as LAPACK's geev)", file: file, line: line)
      return bad
    }
    let spec = EigSpec(left: computeLeftEigenvectors, right: computeRightEigenvectors, vectorDerivatives: enableEigenvectorDerivatives, file: file, line: line)
    let f = customJVP({ (x: Tensor) -> [Tensor] in
      spec.host(x, inverse: false)
    }, jvp: { (x: Tensor, t: Tensor) -> ([Tensor], [Tensor]) in
      spec.jvp(x, t)
    }, name: "eig", file: file, line: line)
    return f(x)
  }
}

/// What one `eig` call computes, and its host evaluation and JVP.
struct EigSpec {
  let left: Bool
  let right: Bool
  let vectorDerivatives: Bool
  let file: StaticString
  let line: UInt

  /// `[w, vl?, vr?]` and, with `inverse`, also `vr` (when not already
  /// there) and `vr⁻¹`, from one pure callback.
  func host(_ x: Tensor, inverse: Bool) -> [Tensor] {
    let n = x.shape[x.rank - 1]
    let batch = Array(x.shape.dropLast(2))
    let cd = x.dtype.complexCounterpart ?? .complex64
    let wantRight = right || inverse
    var shapes = [ShapedArray(shape: batch + [n], dtype: cd)]
    let matrix = ShapedArray(shape: batch + [n, n], dtype: cd)
    shapes += [ShapedArray](repeating: matrix, count: (left ? 1 : 0) + (wantRight ? 1 : 0) + (inverse ? 1 : 0))
    let (left, realInput) = (self.left, !x.dtype.isComplex)
    return pureCallback({ args in
      EigSpec.evaluate(args[0], n: n, dtype: cd, realInput: realInput, left: left, right: wantRight, inverse: inverse)
    }, resultShapes: shapes, [x], name: "eig", file: file, line: line)
  }

  /// The callback body: every matrix of the batch through the solver.
  static func evaluate(_ x: Tensor, n: Int, dtype: DType, realInput: Bool, left: Bool, right: Bool, inverse: Bool) -> [Tensor] {
    let values = x.toArray(Complex<Double>.self).map { EigZ($0.real, $0.imaginary) }
    let count = n == 0 ? 0 : values.count / (n * n)
    var w: [EigZ] = [], vl: [EigZ] = [], vr: [EigZ] = [], vinv: [EigZ] = []
    for b in 0..<count {
      let m = Array(values[(b * n * n)..<((b + 1) * n * n)])
      let r = GeneralEigenSolver.solve(m, n: n, realInput: realInput, right: right, left: left)
      w += r.w
      vr += r.vr
      vl += r.vl
      if inverse { vinv += GeneralEigenSolver.inverse(r.vr, n: n) }
    }
    let batch = Array(x.shape.dropLast(2))
    func tensor(_ z: [EigZ], _ shape: [Int]) -> Tensor {
      Tensor(z.map { Complex<Double>($0.re, $0.im) }, shape: shape, dtype: dtype)
    }
    var out = [tensor(w, batch + [n])]
    if left { out.append(tensor(vl, batch + [n, n])) }
    if right { out.append(tensor(vr, batch + [n, n])) }
    if inverse { out.append(tensor(vinv, batch + [n, n])) }
    return out
  }
}

extension EigSpec {
  /// JAX's eig_jvp_rule: with `p = vr⁻¹ · da · vr`, `dw = diag(p)`; the
  /// right eigenvectors' tangent (opt-in) is `_eig_vec_jvp`'s.
  func jvp(_ x: Tensor, _ t: Tensor) -> ([Tensor], [Tensor]) {
    let outs = host(x, inverse: true)
    let primalCount = 1 + (left ? 1 : 0) + (right ? 1 : 0)
    let primal = Array(outs[0..<primalCount])
    let (w, vr, vinv) = (outs[0], outs[outs.count - 2], outs[outs.count - 1])
    let o = LinalgOps(file, line)
    let da = Lax.convertElementType(t, w.dtype, file: file, line: line)
    let p = o.mm(o.mm(vinv, da), vr)
    let dw = o.diag(p)
    if !(left || right) { return (primal, [dw]) }
    let zeros = primal.dropFirst().map { Numpy.zerosLike($0, file: file, line: line) }
    if !vectorDerivatives {
      Numpy.report(
        .transformation, "eig",
        "derivatives of non-symmetric eigenvectors are only valid under assumptions on the input that cannot be checked; pass enableEigenvectorDerivatives: true to Linalg.eig(_:computeLeftEigenvectors:...) to opt in (JAX's enable_eigvec_derivs), or differentiate eigvals",
        file: file, line: line)
      return (primal, [dw] + zeros)
    }
    if left {
      Numpy.report(.unsupported, "eig", "derivatives of left eigenvectors are not implemented; differentiate the right eigenvectors or eigvals", file: file, line: line)
      return (primal, [dw] + zeros)
    }
    return (primal, [dw, vectorTangent(w, vr, p)])
  }

  /// `_eig_vec_jvp`: `u = v (F ∘ p)` with `F[i, j] = 1 / (w[j] - w[i])`
  /// off the diagonal, plus the multiple `c v` of each vector that keeps
  /// geev's normalisation (unit norm, largest component real):
  /// `c = -Re(vᴴu) - i Im(u[k]) / v[k]`, `k` the largest component.
  func vectorTangent(_ w: Tensor, _ v: Tensor, _ p: Tensor) -> Tensor {
    let o = LinalgOps(file, line)
    let n = w.shape[w.rank - 1]
    let cd = w.dtype
    let eye = Lax.convertElementType(Numpy.eye(n, dtype: cd.realPart, file: file, line: line), cd, file: file, line: line)
    let wRow = Lax.expandDims(w, dimensions: [w.rank - 1], file: file, line: line)
    let wCol = Lax.expandDims(w, dimensions: [w.rank], file: file, line: line)
    let fmat = o.sub(Numpy.reciprocal(o.sub(o.add(eye, wRow), wCol), file: file, line: line), eye)
    let u = o.mm(v, o.mul(fmat, p))
    let k = Lax.argmax(Numpy.abs(v, file: file, line: line), axis: v.rank - 2, file: file, line: line)
    let rows = Lax.reshape(Numpy.arange(n, file: file, line: line), [n, 1], file: file, line: line)
    let kRow = Lax.expandDims(k, dimensions: [k.rank - 1], file: file, line: line)
    let mask = Lax.convertElementType(Numpy.equal(rows, kRow, file: file, line: line), cd, file: file, line: line)
    let re = o.neg(Numpy.real(o.sum(o.mul(Numpy.conj(v, file: file, line: line), u), [v.rank - 2]), file: file, line: line))
    let num = Numpy.imag(o.sum(o.mul(mask, u), [v.rank - 2]), file: file, line: line)
    let den = Numpy.real(o.sum(o.mul(mask, v), [v.rank - 2]), file: file, line: line)
    let c = Lax.complex(re, o.neg(o.div(num, den)), file: file, line: line)
    return o.add(u, o.mul(v, Lax.expandDims(c, dimensions: [c.rank - 1], file: file, line: line)))
  }
}
