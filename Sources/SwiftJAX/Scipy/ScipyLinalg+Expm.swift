// The matrix exponential by scaling and squaring with Padé approximants
// (Higham 2005), with JAX's choices: the Padé degree picked from the
// 1-norm (3/5/7 in float32; 3/5/7/9/13 in float64), and squarings applied
// under a fixed-length loop of `maxSquarings` steps, so the traced
// program has a static shape; more squarings than that give NaN, as in
// JAX. All degrees are evaluated and the right one selected, which keeps
// the function a pure dataflow graph (jit, vmap and grad need no
// data-dependent control flow).

extension ScipyLinalg {
  /// `jax.scipy.linalg.expm`: the matrix exponential `e^a` of a square
  /// matrix or batch of them.
  ///
  /// ```swift
  /// Scipy.linalg.expm(jnp.array([[0.0, 1.0], [0.0, 0.0]]))   // [[1, 1], [0, 1]]
  /// ```
  ///
  /// - Parameters:
  ///   - a: a square matrix or batch of them, `[..., n, n]`.
  ///   - maxSquarings: the most squarings allowed (JAX's default 16); a
  ///     matrix whose 1-norm needs more gives NaN.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func expm(_ a: Tensor, maxSquarings: Int = 16, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    if a.isInvalid || !Linalg.checkSquare(a, "expm", file: file, line: line) { return .invalid }
    let o = LinalgOps(file, line)
    let x = Numpy.toInexact(a, file: file, line: line)
    let d = x.dtype, n = x.shape[x.rank - 1]
    if n == 0 { return x }
    let batch = Array(x.shape.dropLast(2))
    let x64 = d == .float64
    // 1-norm (largest column sum), [..., 1, 1] for broadcasting.
    let norm1 = Numpy.max(o.sum(o.abs(x), [x.rank - 2], keepDims: true), axis: -1, keepDims: true, file: file, line: line)
    let theta = x64 ? 5.371920351148152 : 3.925724783138660
    let s = Numpy.maximum(o.c(0, d), Numpy.floor(Numpy.log2(o.div(norm1, o.c(theta, d)), file: file, line: line), file: file, line: line), file: file, line: line)
    let scaled = o.div(x, Numpy.exp2(s, file: file, line: line))
    let bounds = x64
      ? [1.495585217958292e-002, 2.539398330063230e-001, 9.504178996162932e-001, 2.097847961257068e+000]
      : [4.258730016922831e-001, 1.880152677804762e+000]
    let degrees = x64 ? [3, 5, 7, 9, 13] : [3, 5, 7]
    let eye = o.eye(n, d, batch: batch)
    var (u, v) = pade(degrees[0], scaled, eye, o)
    for (bound, degree) in zip(bounds, degrees.dropFirst()) {
      let (ud, vd) = pade(degree, scaled, eye, o)
      let use = Numpy.greaterEqual(norm1, o.c(bound, d), file: file, line: line)
      (u, v) = (o.where(use, ud, u), o.where(use, vd, v))
    }
    // r = (v - u)⁻¹ (v + u), then squared s times.
    let r = Linalg.solve(o.sub(v, u), o.add(v, u), file: file, line: line)
    // s rides in the carry: the loop body sees only its arguments.
    let squared = Lax.forLoop(0, maxSquarings, body: { i, c in
      let more = Lax.lt(Numpy.convert(i, to: d, weak: false, file: file, line: line), c[1], file: file, line: line)
      return [Numpy.where(more, o.mm(c[0], c[0]), c[0], file: file, line: line), c[1]]
    }, initial: [r, Numpy.broadcastTo(s, r.shape, file: file, line: line)], file: file, line: line)[0]
    let tooMany = Numpy.greater(s, o.c(Double(maxSquarings), d), file: file, line: line)
    return o.where(tooMany, o.c(.nan, d), squared)
  }

  /// Padé coefficients b₀…b_m of degree m (Higham 2005, table 10.4).
  static func padeCoefficients(_ m: Int) -> [Double] {
    switch m {
    case 3: return [120, 60, 12, 1]
    case 5: return [30240, 15120, 3360, 420, 30, 1]
    case 7: return [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1]
    case 9: return [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1]
    default:
      return [64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
              10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1]
    }
  }

  /// The odd (`u`) and even (`v`) parts of the degree-m Padé numerator,
  /// so that `r_m(a) = (v - u)⁻¹ (v + u)`.
  static func pade(_ m: Int, _ a: Tensor, _ eye: Tensor, _ o: LinalgOps) -> (Tensor, Tensor) {
    let b = padeCoefficients(m).map { o.c($0, a.dtype) }
    // Even powers I, a², a⁴, ...
    var powers = [eye, o.mm(a, a)]
    let top = m == 13 ? 3 : m / 2
    while powers.count <= top { powers.append(o.mm(powers[powers.count - 1], powers[1])) }
    func combo(_ terms: [(Int, Int)]) -> Tensor {  // Σ b[i] * a^(2k)
      terms.dropFirst().reduce(o.mul(b[terms[0].0], powers[terms[0].1])) { o.add($0, o.mul(b[$1.0], powers[$1.1])) }
    }
    if m == 13 {
      // Degree 13 reuses a⁶ for the high terms, as in Higham's algorithm.
      let (a2, a4, a6) = (powers[1], powers[2], powers[3])
      let uHigh = o.mm(a6, o.add(o.add(o.mul(b[13], a6), o.mul(b[11], a4)), o.mul(b[9], a2)))
      let u = o.mm(a, o.add(uHigh, combo([(7, 3), (5, 2), (3, 1), (1, 0)])))
      let vHigh = o.mm(a6, o.add(o.add(o.mul(b[12], a6), o.mul(b[10], a4)), o.mul(b[8], a2)))
      return (u, o.add(vHigh, combo([(6, 3), (4, 2), (2, 1), (0, 0)])))
    }
    let k = m / 2
    let u = o.mm(a, combo((0...k).reversed().map { (2 * $0 + 1, $0) }))
    let v = combo((0...k).reversed().map { (2 * $0, $0) })
    return (u, v)
  }
}
