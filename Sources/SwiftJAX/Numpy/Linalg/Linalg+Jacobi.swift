// The one-sided Jacobi SVD behind `svd`, `svdvals`, `pinv`, `matrix_rank`
// and the eigh fallback: cyclic sweeps of plane rotations, written in lax
// operations inside a `forLoop` so it is differentiable, batchable and jittable.

extension Linalg {
  /// One-sided Jacobi on an inexact `x: [..., m, n]`. Returns `w = U Σ`
  /// (`[..., p, k]`, p = max(m, n), k = min(m, n); of xᵀ when m < n), the
  /// singular values `s: [..., k]` sorted descending with `w`'s columns,
  /// and (with `wantVectors`) `v: [..., k, k]` with columns sorted likewise;
  /// without, `w` and `v` are `.invalid`.
  static func jacobiSVD(_ x0: Tensor, wantVectors: Bool, file: StaticString, line: UInt) -> (w: Tensor, s: Tensor, v: Tensor) {
    var x = x0
    let r = x.rank
    if x.shape[r - 2] < x.shape[r - 1] { x = Numpy.swapaxes(x, -1, -2, file: file, line: line) }
    let (p, k) = (x.shape[r - 2], x.shape[r - 1])
    let batch = Array(x.shape.dropLast(2))
    let d = x.dtype
    if k == 0 {
      let s = Numpy.zeros(batch + [0], dtype: d, file: file, line: line)
      return (x, s, wantVectors ? Numpy.zeros(batch + [0, 0], dtype: d, file: file, line: line) : .invalid)
    }
    let q = k + k % 2
    let j = JacobiSweep(rank: r, batch: batch, dtype: d, half: q / 2, file: file, line: line)
    // Scale by the largest |x| so the sums of squares neither overflow nor
    // underflow; the singular values are scaled back at the end.
    let amax = Lax.reduceMax(Lax.abs(x, file: file, line: line), axes: [r - 2, r - 1], file: file, line: line)
    let badScale = Lax.or(Lax.eq(amax, j.sc(0), file: file, line: line), Lax.not(Lax.isFinite(amax, file: file, line: line), file: file, line: line), file: file, line: line)
    let scale = j.sel(badScale, Numpy.onesLike(amax, file: file, line: line), amax)
    var w = Lax.div(x, Lax.broadcastInDim(scale, shape: x.shape, broadcastDimensions: j.bd, file: file, line: line), file: file, line: line)
    if q > k { w = Lax.concatenate([w, Numpy.zeros(batch + [p, 1], dtype: d, file: file, line: line)], dimension: r - 1, file: file, line: line) }
    var carry = [j.cols(w, 0, j.h), j.cols(w, j.h, q)]
    if wantVectors {
      let eye = Numpy.broadcastTo(Numpy.eye(q, dtype: d, file: file, line: line), batch + [q, q], file: file, line: line)
      carry += [j.cols(eye, 0, j.h), j.cols(eye, j.h, q)]
    }
    let rounds = Swift.max(q - 1, 1) * svdSweeps
    let final = Lax.forLoop(0, rounds, body: { _, c in j.round(c) }, initial: carry, file: file, line: line)
    return j.finish(final, scale: scale, k: k, wantVectors: wantVectors)
  }
}

/// The one-sided Jacobi SVD's sweep over column blocks `[..., rows, h]`
/// (`h` column pairs (top[i], bot[i]) of a rank-`r` batch): the rotation
/// that makes each pair orthogonal, the circle-method step between
/// rounds, and the final norms and sort.
struct JacobiSweep {
  let r: Int
  let batch: [Int]
  let bd: [Int]
  let d: DType
  let h: Int
  let file: StaticString
  let line: UInt

  init(rank: Int, batch: [Int], dtype: DType, half: Int, file: StaticString, line: UInt) {
    (r, self.batch, bd, d, h, self.file, self.line) = (rank, batch, Array(0..<batch.count), dtype, half, file, line)
  }

  /// `[..., h]` → `[..., rows, h]`.
  func bcastRow(_ t: Tensor, _ rows: Int) -> Tensor {
    Lax.broadcastInDim(t, shape: batch + [rows, t.shape[t.rank - 1]], broadcastDimensions: bd + [r - 1], file: file, line: line)
  }
  func cols(_ t: Tensor, _ lo: Int, _ hi: Int) -> Tensor { Lax.sliceInDim(t, start: lo, limit: hi, axis: r - 1, file: file, line: line) }
  func cat(_ ts: [Tensor]) -> Tensor {
    let nonEmpty = ts.filter { $0.shape[r - 1] > 0 }
    return nonEmpty.count == 1 ? nonEmpty[0] : Lax.concatenate(nonEmpty, dimension: r - 1, file: file, line: line)
  }
  func sel(_ c: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor { Lax.select(c, a, b, file: file, line: line) }
  func sc(_ v: Double) -> Tensor { Numpy.scalar(v, d) }
  func ones(_ t: Tensor) -> Tensor { Numpy.onesLike(t, file: file, line: line) }
  func zeros(_ t: Tensor) -> Tensor { Numpy.zerosLike(t, file: file, line: line) }

  /// The rotation `(c, s)` per column pair that makes `top[i]` and
  /// `bot[i]` orthogonal; `(1, 0)` for pairs already orthogonal to working
  /// precision (this also covers zero columns). Guarded inputs keep
  /// NaN/inf out of the untaken branches, so gradients stay finite.
  func rotation(_ top: Tensor, _ bot: Tensor) -> (cs: Tensor, sn: Tensor) {
    let (one, zero) = (sc(1), sc(0))
    let alpha = Lax.reduceSum(Lax.square(top, file: file, line: line), axes: [r - 2], file: file, line: line)
    let beta = Lax.reduceSum(Lax.square(bot, file: file, line: line), axes: [r - 2], file: file, line: line)
    let gamma = Lax.reduceSum(Lax.mul(top, bot, file: file, line: line), axes: [r - 2], file: file, line: line)
    let eps = sc(Linalg.jacobiEpsilon(d))
    let coupling = Lax.mul(eps, Lax.sqrt(Lax.mul(alpha, beta, file: file, line: line), file: file, line: line), file: file, line: line)
    let rotate = Lax.gt(Lax.abs(gamma, file: file, line: line), coupling, file: file, line: line)
    let g = sel(rotate, gamma, ones(gamma))
    // zeta = (β - α) / 2γ; t = sign(zeta) / (|zeta| + sqrt(1 + zeta²)), the
    // smaller root of t² + 2 zeta t - 1 = 0; c = 1 / sqrt(1 + t²), s = c t.
    let zeta = Lax.div(Lax.sub(beta, alpha, file: file, line: line), Lax.mul(sc(2), g, file: file, line: line), file: file, line: line)
    let az = Lax.abs(zeta, file: file, line: line)
    let big = Lax.gt(az, one, file: file, line: line)
    let azBig = sel(big, az, ones(az)), azSmall = sel(big, zeros(az), az)
    let invBig = Lax.div(one, azBig, file: file, line: line)
    let rootBig = Lax.mul(azBig, Lax.sqrt(Lax.add(one, Lax.square(invBig, file: file, line: line), file: file, line: line), file: file, line: line), file: file, line: line)
    let rootSmall = Lax.sqrt(Lax.add(one, Lax.square(azSmall, file: file, line: line), file: file, line: line), file: file, line: line)
    let root = sel(big, rootBig, rootSmall)
    let sgn = sel(Lax.ge(zeta, zero, file: file, line: line), ones(zeta), Lax.neg(ones(zeta), file: file, line: line))
    var t = Lax.div(sgn, Lax.add(az, root, file: file, line: line), file: file, line: line)
    t = sel(rotate, t, zeros(t))
    let cs = Lax.rsqrt(Lax.add(one, Lax.square(t, file: file, line: line), file: file, line: line), file: file, line: line)
    return (cs, Lax.mul(cs, t, file: file, line: line))
  }

  /// One round: rotate the pairs (top[i], bot[i]) of `c` (the columns, and
  /// the vectors' columns when present) so they become orthogonal, then
  /// step the columns around the circle.
  func round(_ c: [Tensor]) -> [Tensor] {
    let (cs, sn) = rotation(c[0], c[1])
    var out: [Tensor] = []
    for pair in stride(from: 0, to: c.count, by: 2) {
      let (a, b) = (c[pair], c[pair + 1])
      let rows = a.shape[r - 2]
      let cb = bcastRow(cs, rows), sb = bcastRow(sn, rows)
      var na = Lax.sub(Lax.mul(cb, a, file: file, line: line), Lax.mul(sb, b, file: file, line: line), file: file, line: line)
      var nb = Lax.add(Lax.mul(sb, a, file: file, line: line), Lax.mul(cb, b, file: file, line: line), file: file, line: line)
      if h > 1 {
        // Circle method: top[0] fixed; top[1] ← bot[0], top[i] ← top[i-1],
        // bot[i] ← bot[i+1], bot[h-1] ← top[h-1].
        (na, nb) = (cat([cols(na, 0, 1), cols(nb, 0, 1), cols(na, 1, h - 1)]), cat([cols(nb, 1, h), cols(na, h - 1, h)]))
      }
      out += [na, nb]
    }
    return out
  }

  /// The singular values (column norms, scaled back by `scale`) sorted
  /// descending, with `w`'s and (with `wantVectors`) `v`'s columns sorted
  /// alike, from the final carry of the sweep.
  func finish(_ final: [Tensor], scale: Tensor, k: Int, wantVectors: Bool) -> (w: Tensor, s: Tensor, v: Tensor) {
    var w = cols(cat([final[0], final[1]]), 0, k)
    let norms2 = Lax.reduceSum(Lax.square(w, file: file, line: line), axes: [r - 2], file: file, line: line)
    // sqrt with a zero derivative (not inf) at an exactly zero column.
    let isZero = Lax.eq(norms2, sc(0), file: file, line: line)
    var s = sel(isZero, zeros(norms2), Lax.sqrt(sel(isZero, ones(norms2), norms2), file: file, line: line))
    s = Lax.mul(s, Lax.broadcastInDim(scale, shape: s.shape, broadcastDimensions: bd, file: file, line: line), file: file, line: line)
    w = Lax.mul(w, Lax.broadcastInDim(scale, shape: w.shape, broadcastDimensions: bd, file: file, line: line), file: file, line: line)
    // Sort descending (by -s; stable, so equal values keep their order in
    // every row alike).
    let key = Lax.neg(s, file: file, line: line)
    let sorted = Lax.sort([key, s], dimension: r - 2, numKeys: 1, file: file, line: line)
    guard wantVectors else { return (.invalid, sorted[1], .invalid) }
    var v = cols(cat([final[2], final[3]]), 0, k)
    v = Lax.sliceInDim(v, start: 0, limit: k, axis: r - 2, file: file, line: line)
    let wKey = Lax.broadcastInDim(key, shape: w.shape, broadcastDimensions: bd + [r - 1], file: file, line: line)
    let vKey = Lax.broadcastInDim(key, shape: v.shape, broadcastDimensions: bd + [r - 1], file: file, line: line)
    let ws = Lax.sort([wKey, w], dimension: r - 1, numKeys: 1, file: file, line: line)[1]
    let vs = Lax.sort([vKey, v], dimension: r - 1, numKeys: 1, file: file, line: line)[1]
    return (ws, sorted[1], vs)
  }
}
