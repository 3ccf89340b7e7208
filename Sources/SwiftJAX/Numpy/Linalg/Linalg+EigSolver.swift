import Foundation

// The host-side solver behind `Linalg.eig` / `eigvals` (JAX calls LAPACK's
// geev on CPU; SwiftJAX has no LAPACK, so this is the same algorithm
// written out in Swift, run in float64 whatever the input precision):
//
// 1. reduce `a` to upper Hessenberg form `h = qᴴ a q` with Householder
//    reflections (zgehrd), accumulating `q`;
// 2. complex single-shift QR on `h` (zlahqr: Wilkinson shifts, an
//    exceptional shift every 10 iterations, deflation on negligible
//    subdiagonal entries) down to the Schur form `t = zᴴ a z`,
//    accumulating `z`;
// 3. the eigenvectors of the triangular `t` by back substitution (ztrevc),
//    mapped back with `z`;
// 4. geev's normalisation: unit 2-norm, largest-magnitude component real.
//
// Real input runs through the same complex code. Real LAPACK (dgeev)
// returns real eigenvalues with exactly zero imaginary part and complex ones
// as exact conjugate pairs, positive imaginary part first; complex
// arithmetic only gets those to rounding, so `pairConjugates` restores the
// exact structure: an eigenvalue λ with Im λ > 0 pairs with the unpaired
// eigenvalue μ (Im μ < 0) nearest to λ̄ when |μ - λ̄| < Im λ (closer to the
// conjugate than λ is to the real axis); the pair becomes (λ', λ̄') with
// their average and conjugate vectors; every other eigenvalue is real.

/// A complex float64 for the solver's arithmetic.
struct EigZ: Equatable {
  var re: Double
  var im: Double
  init(_ re: Double, _ im: Double = 0) { (self.re, self.im) = (re, im) }
  static let zero = EigZ(0)
  static func + (a: EigZ, b: EigZ) -> EigZ { EigZ(a.re + b.re, a.im + b.im) }
  static func - (a: EigZ, b: EigZ) -> EigZ { EigZ(a.re - b.re, a.im - b.im) }
  static func * (a: EigZ, b: EigZ) -> EigZ { EigZ(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re) }
  static func * (a: EigZ, s: Double) -> EigZ { EigZ(a.re * s, a.im * s) }
  /// Smith's division (no overflow in the intermediate |b|²).
  static func / (a: EigZ, b: EigZ) -> EigZ {
    if Swift.abs(b.re) >= Swift.abs(b.im) {
      let r = b.im / b.re, d = b.re + b.im * r
      return EigZ((a.re + a.im * r) / d, (a.im - a.re * r) / d)
    }
    let r = b.re / b.im, d = b.im + b.re * r
    return EigZ((a.re * r + a.im) / d, (a.im * r - a.re) / d)
  }
  var conj: EigZ { EigZ(re, -im) }
  var abs: Double { hypot(re, im) }
  /// |re| + |im|, LAPACK's cheap magnitude for convergence tests.
  var abs1: Double { Swift.abs(re) + Swift.abs(im) }
  var norm2: Double { re * re + im * im }
  var isFinite: Bool { re.isFinite && im.isFinite }
}

/// One square matrix's eigendecomposition, row-major `n × n`.
struct GeneralEigenSolver {
  let n: Int
  var h: [EigZ]
  var z: [EigZ]
  static let eps = Double.ulpOfOne / 2

  init(_ a: [EigZ], n: Int) {
    self.n = n
    h = a
    z = [EigZ](repeating: .zero, count: n * n)
    for i in 0..<n { z[i * n + i] = EigZ(1) }
  }

  /// Eigenvalues, right eigenvectors (with `right`) and left ones (with
  /// `left`) as columns of row-major `n × n` arrays, geev-normalised (empty
  /// when not asked for); NaN everywhere when the input has a non-finite
  /// entry or the QR iteration fails to converge (LAPACK's info > 0, which
  /// JAX reports as NaN).
  static func solve(_ a: [EigZ], n: Int, realInput: Bool, right: Bool, left: Bool) -> (w: [EigZ], vr: [EigZ], vl: [EigZ]) {
    let nan = EigZ(.nan, .nan)
    let nanMatrix = [EigZ](repeating: nan, count: n * n)
    guard a.allSatisfy(\.isFinite) else { return ([EigZ](repeating: nan, count: n), right ? nanMatrix : [], left ? nanMatrix : []) }
    var s = GeneralEigenSolver(a, n: n)
    s.reduceToHessenberg()
    guard s.schur() else { return ([EigZ](repeating: nan, count: n), right ? nanMatrix : [], left ? nanMatrix : []) }
    let w = (0..<n).map { s.h[$0 * n + $0] }
    var sets: [[EigZ]] = []
    if right { sets.append(s.eigenvectors()) }
    if left { sets.append(s.leftEigenvectors()) }
    for i in sets.indices { normalise(&sets[i], n: n) }
    var ow = w
    if realInput { (ow, sets) = pairConjugates(w, sets, n: n) }
    let vr = right ? sets[0] : []
    let vl = left ? sets[sets.count - 1] : []
    return (ow, vr, vl)
  }

  /// Householder reduction to upper Hessenberg form (h ← Pᴴ h P, z ← z P
  /// for each reflection P = I - 2uuᴴ/uᴴu).
  mutating func reduceToHessenberg() {
    let n = self.n
    guard n > 2 else { return }
    for k in 0..<(n - 2) {
      let x = ((k + 1)..<n).map { h[$0 * n + k] }
      let tail = x.dropFirst().reduce(0) { $0 + $1.norm2 }
      if tail == 0 { continue }
      let xnorm = (x[0].norm2 + tail).squareRoot()
      let phase = x[0].abs == 0 ? EigZ(1) : x[0] * (1 / x[0].abs)
      let alpha = phase * (-xnorm)
      var u = x
      u[0] = u[0] - alpha
      let unorm2 = u.reduce(0) { $0 + $1.norm2 }
      if unorm2 == 0 { continue }
      let scale = 2 / unorm2
      // Left: rows k+1..<n of h.
      for j in k..<n {
        var s = EigZ.zero
        for i in 0..<u.count { s = s + u[i].conj * h[(k + 1 + i) * n + j] }
        s = s * scale
        for i in 0..<u.count { h[(k + 1 + i) * n + j] = h[(k + 1 + i) * n + j] - u[i] * s }
      }
      // Right: columns k+1..<n of h and z.
      Self.rightReflect(&h, n: n, u, from: k + 1, scale: scale)
      Self.rightReflect(&z, n: n, u, from: k + 1, scale: scale)
      h[(k + 1) * n + k] = alpha
      for i in (k + 2)..<n { h[i * n + k] = .zero }
    }
  }

  /// m ← m (I - scale·u uᴴ) on columns `from..<from+u.count`.
  private static func rightReflect(_ m: inout [EigZ], n: Int, _ u: [EigZ], from: Int, scale: Double) {
    for i in 0..<n {
      var s = EigZ.zero
      for j in 0..<u.count { s = s + m[i * n + from + j] * u[j] }
      s = s * scale
      for j in 0..<u.count { m[i * n + from + j] = m[i * n + from + j] - s * u[j].conj }
    }
  }
}

extension GeneralEigenSolver {
  /// Shifted QR iterations on the Hessenberg `h` until it is upper
  /// triangular (the Schur form), accumulating the rotations in `z`.
  /// False when an eigenvalue needs more than 30·n iterations.
  mutating func schur() -> Bool {
    var hi = n - 1
    var its = 0
    let hnorm = h.reduce(0) { Swift.max($0, $1.abs1) }
    while hi > 0 {
      let lo = deflationStart(hi, hnorm: hnorm)
      if lo == hi {
        hi -= 1
        its = 0
        continue
      }
      its += 1
      if its > 30 * Swift.max(n, 10) { return false }
      qrStep(lo, hi, shift: shift(lo, hi, exceptional: its % 10 == 0))
    }
    return true
  }

  /// The start of the unreduced block ending at `hi`: the largest `l ≤ hi`
  /// whose subdiagonal entry h[l, l-1] is negligible (and then set to 0).
  mutating func deflationStart(_ hi: Int, hnorm: Double) -> Int {
    var l = hi
    while l > 0 {
      var ref = h[(l - 1) * n + l - 1].abs1 + h[l * n + l].abs1
      if ref == 0 { ref = hnorm }
      if h[l * n + l - 1].abs1 <= GeneralEigenSolver.eps * ref || h[l * n + l - 1].abs1 < Double.leastNormalMagnitude {
        h[l * n + l - 1] = .zero
        return l
      }
      l -= 1
    }
    return 0
  }

  /// The Wilkinson shift: the eigenvalue of the trailing 2×2 block nearer
  /// its last diagonal entry; an ad hoc shift when `exceptional` (breaks
  /// the cycles plain Wilkinson shifts can fall into).
  func shift(_ lo: Int, _ hi: Int, exceptional: Bool) -> EigZ {
    let d = h[hi * n + hi]
    if exceptional { return d + EigZ(0.75 * h[hi * n + hi - 1].abs1, 0) }
    let a = h[(hi - 1) * n + hi - 1], b = h[(hi - 1) * n + hi], c = h[hi * n + hi - 1]
    let half = (a - d) * 0.5
    let disc = complexSqrt(half * half + b * c)
    // d + half ± disc: take the root nearer d (the smaller |half ± disc|).
    let r1 = half + disc, r2 = half - disc
    return d + (r1.abs < r2.abs ? r1 : r2)
  }

  /// One explicit shifted QR step on the block `lo...hi`: `h - μI = QR`,
  /// `h ← RQ + μI` with Givens rotations, applied to the whole rows and
  /// columns so `h` stays similar to the input (the Schur form needs them).
  mutating func qrStep(_ lo: Int, _ hi: Int, shift mu: EigZ) {
    let n = self.n
    for k in lo...hi { h[k * n + k] = h[k * n + k] - mu }
    var rots: [(c: EigZ, s: EigZ)] = []
    for k in lo..<hi {
      let x = h[k * n + k], y = h[(k + 1) * n + k]
      let r = (x.norm2 + y.norm2).squareRoot()
      let rot = r == 0 ? (EigZ(1), EigZ.zero) : (x * (1 / r), y * (1 / r))
      rots.append(rot)
      // Rows k, k+1: [c̄ s̄; -s c].
      for j in k..<n {
        let p = h[k * n + j], q = h[(k + 1) * n + j]
        h[k * n + j] = rot.0.conj * p + rot.1.conj * q
        h[(k + 1) * n + j] = rot.1 * p * (-1) + rot.0 * q
      }
      h[(k + 1) * n + k] = .zero
    }
    for (offset, rot) in rots.enumerated() {
      let k = lo + offset
      Self.rotateColumns(&h, n: n, k, rot, rows: 0...Swift.min(k + 2, hi))
      Self.rotateColumns(&z, n: n, k, rot, rows: 0...(n - 1))
    }
    for k in lo...hi { h[k * n + k] = h[k * n + k] + mu }
  }

  /// Columns k, k+1 of `m` times [c -s̄; s c̄] (the rotation's adjoint).
  private static func rotateColumns(_ m: inout [EigZ], n: Int, _ k: Int, _ rot: (c: EigZ, s: EigZ), rows: ClosedRange<Int>) {
    for i in rows {
      let p = m[i * n + k], q = m[i * n + k + 1]
      m[i * n + k] = p * rot.c + q * rot.s
      m[i * n + k + 1] = q * rot.c.conj - p * rot.s.conj
    }
  }

  /// The principal square root.
  func complexSqrt(_ x: EigZ) -> EigZ {
    let r = x.abs
    if r == 0 { return .zero }
    let re = ((r + Swift.abs(x.re)) / 2).squareRoot()
    if x.re >= 0 { return EigZ(re, x.im / (2 * re)) }
    return EigZ(Swift.abs(x.im) / (2 * re), x.im < 0 ? -re : re)
  }
}

extension GeneralEigenSolver {
  /// The largest |re| + |im| in the Schur form, the scale of the pivot floor.
  var schurNorm: Double { h.reduce(0) { Swift.max($0, $1.abs1) } }

  /// The smallest pivot the substitutions divide by for eigenvalue
  /// `lambda`: a tiny pivot replaced by this floor (as LAPACK's ztrevc
  /// does) gives the eigenvector of a nearby matrix instead of an inf/NaN.
  func pivotFloor(_ lambda: EigZ, _ hnorm: Double) -> Double {
    Swift.max(GeneralEigenSolver.eps * Swift.max(lambda.abs1, hnorm), Double.leastNormalMagnitude)
  }

  /// The right eigenvectors of the Schur form `h` (back substitution on
  /// (T[0..<k, 0..<k] - λₖ I) x = -T[0..<k, k], xₖ = 1, as ztrevc),
  /// mapped back by `z`; column k of the row-major result is vector k.
  func eigenvectors() -> [EigZ] {
    let hnorm = schurNorm
    var v = [EigZ](repeating: .zero, count: n * n)
    for k in 0..<n {
      let lambda = h[k * n + k]
      let smin = pivotFloor(lambda, hnorm)
      var x = [EigZ](repeating: .zero, count: k + 1)
      x[k] = EigZ(1)
      var j = k - 1
      while j >= 0 {
        var s = h[j * n + k]
        for m in (j + 1)..<k { s = s + h[j * n + m] * x[m] }
        var pivot = h[j * n + j] - lambda
        if pivot.abs1 < smin { pivot = EigZ(smin) }
        x[j] = (s * (-1)) / pivot
        j -= 1
      }
      for i in 0..<n {
        var s = EigZ.zero
        for m in 0...k { s = s + z[i * n + m] * x[m] }
        v[i * n + k] = s
      }
    }
    return v
  }

  /// geev's normalisation of each column: unit 2-norm, then a phase that
  /// makes the largest-magnitude component (the first of equals) real and
  /// positive.
  static func normalise(_ v: inout [EigZ], n: Int) {
    for k in 0..<n {
      let col = (0..<n).map { v[$0 * n + k] }
      let norm = col.reduce(0) { $0 + $1.norm2 }.squareRoot()
      if norm == 0 { continue }
      var big = 0
      for i in 1..<n where col[i].norm2 > col[big].norm2 { big = i }
      let phase = col[big].conj * (1 / (col[big].abs * norm))
      for i in 0..<n { v[i * n + k] = col[i] * phase }
      v[big * n + k].im = 0
    }
  }

  /// Real input: real eigenvalues exactly real with real vectors, complex
  /// ones as exact conjugate pairs (positive imaginary part first, vectors
  /// conjugate), as real LAPACK returns them (see the file comment). Every
  /// vector set in `sets` is reordered alike.
  static func pairConjugates(_ w: [EigZ], _ sets: [[EigZ]], n: Int) -> (w: [EigZ], sets: [[EigZ]]) {
    let partner = conjugatePartners(w)
    let taken = Set(partner.compactMap { $0 })
    var order: [(index: Int, conjugateOf: Int?)] = []
    for j in 0..<n {
      if let p = partner[j] {
        order += [(j, nil), (p, j)]
      } else if !taken.contains(j) {
        order.append((j, nil))
      }
    }
    var ow: [EigZ] = []
    var out = sets.map { _ in [EigZ](repeating: .zero, count: n * n) }
    for (col, entry) in order.enumerated() {
      let src = entry.conjugateOf ?? entry.index
      var lambda = w[src]
      if let p = partner[src] { lambda = (w[src] + w[p].conj) * 0.5 } else { lambda.im = 0 }
      ow.append(entry.conjugateOf == nil ? lambda : lambda.conj)
      for k in sets.indices {
        for i in 0..<n {
          var e = sets[k][i * n + src]
          if partner[src] == nil { e.im = 0 } else if entry.conjugateOf != nil { e = e.conj }
          out[k][i * n + col] = e
        }
      }
    }
    return (ow, out)
  }

  /// For each eigenvalue λ with Im λ > 0, the unpaired μ (Im μ < 0) nearest
  /// λ̄ when |μ - λ̄| < Im λ; nil otherwise.
  static func conjugatePartners(_ w: [EigZ]) -> [Int?] {
    var partner = [Int?](repeating: nil, count: w.count)
    var taken = [Bool](repeating: false, count: w.count)
    for j in w.indices where w[j].im > 0 {
      var best: Int?
      for p in w.indices where !taken[p] && w[p].im < 0 {
        if best == nil || (w[p] - w[j].conj).abs < (w[best!] - w[j].conj).abs { best = p }
      }
      if let p = best, (w[p] - w[j].conj).abs < w[j].im {
        partner[j] = p
        taken[p] = true
      }
    }
    return partner
  }

  /// The left eigenvectors of the Schur form: `yᴴ t = λₖ yᴴ` with yₖ = 1,
  /// yⱼ = 0 for j < k, by forward substitution on the conjugates
  /// cⱼ = ȳⱼ: cⱼ (t[j, j] - λₖ) = -Σₘ cₘ t[m, j] (m = k..<j); then `z y`.
  func leftEigenvectors() -> [EigZ] {
    let hnorm = schurNorm
    var v = [EigZ](repeating: .zero, count: n * n)
    for k in 0..<n {
      let lambda = h[k * n + k]
      let smin = pivotFloor(lambda, hnorm)
      var c = [EigZ](repeating: .zero, count: n)
      c[k] = EigZ(1)
      for j in (k + 1)..<n {
        var s = EigZ.zero
        for m in k..<j { s = s + c[m] * h[m * n + j] }
        var pivot = h[j * n + j] - lambda
        if pivot.abs1 < smin { pivot = EigZ(smin) }
        c[j] = (s * (-1)) / pivot
      }
      for i in 0..<n {
        var s = EigZ.zero
        for m in k..<n { s = s + z[i * n + m] * c[m].conj }
        v[i * n + k] = s
      }
    }
    return v
  }

  /// The inverse of a row-major complex `n × n` matrix (Gauss–Jordan with
  /// partial pivoting); a singular matrix gives inf/NaN, as a solve would.
  static func inverse(_ a: [EigZ], n: Int) -> [EigZ] {
    var m = a
    var inv = [EigZ](repeating: .zero, count: n * n)
    for i in 0..<n { inv[i * n + i] = EigZ(1) }
    for col in 0..<n {
      var piv = col
      for r in col..<n where m[r * n + col].abs > m[piv * n + col].abs { piv = r }
      if piv != col {
        for j in 0..<n {
          m.swapAt(col * n + j, piv * n + j)
          inv.swapAt(col * n + j, piv * n + j)
        }
      }
      let d = m[col * n + col]
      for j in 0..<n {
        m[col * n + j] = m[col * n + j] / d
        inv[col * n + j] = inv[col * n + j] / d
      }
      for r in 0..<n where r != col {
        let f = m[r * n + col]
        if f == .zero { continue }
        for j in 0..<n {
          m[r * n + j] = m[r * n + j] - f * m[col * n + j]
          inv[r * n + j] = inv[r * n + j] - f * inv[col * n + j]
        }
      }
    }
    return inv
  }
}
