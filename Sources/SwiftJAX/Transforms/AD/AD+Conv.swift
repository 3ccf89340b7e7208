// JVP and transpose rules of conv_general_dilated and reduce_window,
// following jax/_src/lax/convolution.py and windowed_reductions.py.

/// JAX's `_reshape_axis_into`: moves axis `src` next to `dst` (numbered
/// after removing `src`) and merges it in as the major part.
func reshapeAxisInto(_ src: Int, _ dst: Int, _ x: Tensor) -> Tensor {
  var perm = (0..<x.rank).filter { $0 != src }
  perm.insert(src, at: dst)
  var shape = x.shape
  shape.remove(at: src)
  shape[dst] *= x.shape[src]
  return Lax.reshape(Lax.transpose(x, perm), shape)
}

/// JAX's `_reshape_axis_out_of`: splits axis `src` into `(size1, rest)`.
func reshapeAxisOutOf(_ src: Int, _ size1: Int, _ x: Tensor) -> Tensor {
  var shape = x.shape
  shape.replaceSubrange(src...src, with: [size1, shape[src] / size1])
  return Lax.reshape(x, shape)
}

private func swapFirstTwo(_ s: [Int]) -> [Int] { [s[1], s[0]] + s[2...] }

/// `_conv_general_vjp_lhs_padding`.
func convVJPLhsPadding(
  inShape: [Int], window: [Int], strides: [Int], outShape: [Int], padding: [WindowPadding], lhsDilation: [Int], rhsDilation: [Int]
) -> [WindowPadding] {
  (0..<inShape.count).map { s in
    let l = dilateDim(inShape[s], lhsDilation[s]), r = dilateDim(window[s], rhsDilation[s]), o = dilateDim(outShape[s], strides[s])
    let before = r - padding[s].low - 1
    return WindowPadding(before, l + r - 1 - o - before)
  }
}

/// `_conv_general_vjp_rhs_padding`.
func convVJPRhsPadding(
  inShape: [Int], window: [Int], strides: [Int], outShape: [Int], padding: [WindowPadding], lhsDilation: [Int], rhsDilation: [Int]
) -> [WindowPadding] {
  (0..<inShape.count).map { s in
    let l = dilateDim(inShape[s], lhsDilation[s]), r = dilateDim(window[s], rhsDilation[s]), o = dilateDim(outShape[s], strides[s])
    let lo = padding[s].low
    return WindowPadding(lo, (o - l) + (r - lo - 1))
  }
}

extension ConvParams {
  /// The convolution is bilinear: one term per operand with a tangent.
  func jvp(_ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    let y = bind1(.convGeneralDilated(self), x, site: site)
    var out: Tensor? = nil
    if let ta = t[0] { out = addTangents(out, bind1(.convGeneralDilated(self), [ta, x[1]], site: site)) }
    if let tb = t[1] { out = addTangents(out, bind1(.convGeneralDilated(self), [x[0], tb], site: site)) }
    return ([y], [out])
  }

  private func spatial(_ shape: [Int], _ spec: [Int]) -> [Int] { spec.dropFirst(2).map { shape[$0] } }

  private func bindConv(_ a: Tensor, _ b: Tensor, _ p: ConvParams, castTo dtype: DType) -> Tensor {
    let b2 = b.dtype == a.dtype ? b : Lax.convertElementType(b, a.dtype)
    let r = bind1(.convGeneralDilated(p), [a, b2])
    return r.dtype == dtype ? r : Lax.convertElementType(r, dtype)
  }

  /// `_conv_general_dilated_transpose_lhs`: the cotangent of the input.
  func transposeLHS(_ g: Tensor, lhs: ShapedArray, rhs: Tensor) -> Tensor {
    let dn = dimensionNumbers
    var rhs = rhs
    var fgc = featureGroupCount
    if fgc > 1 || batchGroupCount > 1 {
      // Move the group axis into the transposed kernel's output features.
      let groups = max(fgc, batchGroupCount)
      rhs = reshapeAxisInto(dn.rhsSpec[0], dn.rhsSpec[1], reshapeAxisOutOf(dn.rhsSpec[0], groups, rhs))
      fgc = groups
    }
    let trans = ConvDimensionNumbers(lhsSpec: dn.outSpec, rhsSpec: swapFirstTwo(dn.rhsSpec), outSpec: dn.lhsSpec)
    let pads = convVJPLhsPadding(
      inShape: spatial(lhs.shape, dn.lhsSpec), window: spatial(rhs.shape, dn.rhsSpec), strides: windowStrides,
      outShape: spatial(g.shape, dn.outSpec), padding: padding, lhsDilation: lhsDilation, rhsDilation: rhsDilation)
    let revd = Lax.rev(rhs, dimensions: Array(dn.rhsSpec[2...]))
    let p = ConvParams(
      windowStrides: lhsDilation, padding: pads, lhsDilation: windowStrides, rhsDilation: rhsDilation,
      dimensionNumbers: trans, featureGroupCount: fgc, batchGroupCount: 1, preferredElementType: preferredElementType)
    var out = bindConv(g.dtype == rhs.dtype ? g : Lax.convertElementType(g, rhs.dtype), revd, p, castTo: lhs.dtype)
    if batchGroupCount > 1 {
      out = reshapeAxisInto(dn.lhsSpec[1], dn.lhsSpec[0], reshapeAxisOutOf(dn.lhsSpec[1], batchGroupCount, out))
    }
    return out
  }

  /// `_conv_general_dilated_transpose_rhs`: the cotangent of the kernel.
  func transposeRHS(_ g: Tensor, lhs: Tensor, rhs: ShapedArray) -> Tensor {
    let dn = dimensionNumbers
    let (fgc, bgc) = batchGroupCount > 1 ? (batchGroupCount, 1) : (1, featureGroupCount)
    let trans = ConvDimensionNumbers(lhsSpec: swapFirstTwo(dn.lhsSpec), rhsSpec: swapFirstTwo(dn.outSpec), outSpec: swapFirstTwo(dn.rhsSpec))
    let pads = convVJPRhsPadding(
      inShape: spatial(lhs.shape, dn.lhsSpec), window: spatial(rhs.shape, dn.rhsSpec), strides: windowStrides,
      outShape: spatial(g.shape, dn.outSpec), padding: padding, lhsDilation: lhsDilation, rhsDilation: rhsDilation)
    let p = ConvParams(
      windowStrides: rhsDilation, padding: pads, lhsDilation: lhsDilation, rhsDilation: windowStrides,
      dimensionNumbers: trans, featureGroupCount: fgc, batchGroupCount: bgc, preferredElementType: preferredElementType)
    return bindConv(lhs, g, p, castTo: rhs.dtype)
  }
}

extension WindowParams {
  /// The tangent of `reduce_window_max/min` as XLA's
  /// `select_and_gather_add` (JAX's JVP) computes it: a fold over the
  /// window's real elements in row-major order, skipping padding and
  /// base-dilation holes, of (value, tangent) pairs from (identity, 0),
  /// where an element replaces the accumulator unless `acc >= x` (`<=` for
  /// min). So ties keep the first extreme, a NaN replaces the accumulator
  /// and is replaced by the next real element, and an all-identity window
  /// has tangent 0. Written with pad, strided slices and selects, so it is
  /// itself differentiable, transposable and batchable.
  func chooserJVP(_ op: ReduceWindowOp, _ x: Tensor, _ t: Tensor?, site: CallSite?) -> ([Tensor], [Tensor?]) {
    let y = bind1(.reduceWindow(op, self), [x], site: site)
    guard let t else { return ([y], [nil]) }
    if y.aval.count == 0 { return ([y], [adZeros(y.aval)]) }
    let identity = adConst(x, op == .max ? -Double.infinity : Double.infinity)
    let xs = patches(x, fill: identity, outShape: y.shape)
    let ts = patches(t, fill: adConst(t, 0), outShape: y.shape)
    // Window positions that read padding or holes hold (identity, 0), which
    // is the fold's start; they only matter after a NaN (which `>=` does not
    // keep), so a mask is built only where they exist.
    let holes = padding.contains { $0.low > 0 || $0.high > 0 } || baseDilation.contains { $0 > 1 }
    let filler = holes ? patches(Lax.broadcastInDim(adScalar(0, .bool), shape: x.shape, broadcastDimensions: []), fill: adScalar(1, .bool), outShape: y.shape) : nil
    // Step 0 from (identity, 0): the value is always xs[0]; the tangent
    // stays 0 when xs[0] is the identity itself (or a filler).
    var accX = xs[0]
    var accT = Lax.select(Lax.eq(xs[0], Lax.broadcastInDim(identity, shape: y.shape, broadcastDimensions: [])), adZeros(y.aval), ts[0])
    for k in 1..<xs.count {
      var keep = op == .max ? Lax.ge(accX, xs[k]) : Lax.le(accX, xs[k])
      if let filler { keep = Lax.or(keep, filler[k]) }
      accX = Lax.select(keep, accX, xs[k])
      accT = Lax.select(keep, accT, ts[k])
    }
    return ([y], [accT])
  }

  /// The tangent of the window product as JAX's JVP of
  /// `lax.reduce_window(x, 1, lax.mul, ...)` computes it
  /// (`reduce_window_jvp`: a reduce_window of (value, tangent) pairs whose
  /// computation is mul's JVP, accumulator first): each real element x
  /// with tangent t takes (p, q) to (p·x, q·x + p·t), in row-major window
  /// order, skipping padding and base-dilation holes. The fold starts at
  /// the first real element, not at (1, 0), as XLA's does: an infinite
  /// element gives an infinite tangent, not 0·inf = NaN. Written with pad,
  /// strided slices, mul, add and select, so it is itself
  /// differentiable, transposable and batchable. (JAX's generic
  /// reduce_window has no transpose rule, so JAX's `grad` stops here;
  /// SwiftJAX's transposes this JVP.)
  func productJVP(_ x: Tensor, _ t: Tensor?, site: CallSite?) -> ([Tensor], [Tensor?]) {
    let y = bind1(.reduceWindow(.prod, self), [x], site: site)
    guard let t else { return ([y], [nil]) }
    if y.aval.count == 0 { return ([y], [adZeros(y.aval)]) }
    let xs = patches(x, fill: adConst(x, 1), outShape: y.shape)
    let ts = patches(t, fill: adConst(t, 0), outShape: y.shape)
    let holes = padding.contains { $0.low > 0 || $0.high > 0 } || baseDilation.contains { $0 > 1 }
    let filler = holes ? patches(Lax.broadcastInDim(adScalar(0, .bool), shape: x.shape, broadcastDimensions: []), fill: adScalar(1, .bool), outShape: y.shape) : nil
    // A window position that is a hole holds (1, 0): the state before the
    // first real element.
    var accP = xs[0], accT = ts[0]
    var started = filler.map { Lax.not($0[0]) }
    for k in 1..<xs.count {
      var nextT = Lax.add(Lax.mul(accT, xs[k]), Lax.mul(accP, ts[k]))
      var nextP = Lax.mul(accP, xs[k])
      if let filler, let s = started {
        nextT = Lax.select(s, nextT, ts[k])
        nextP = Lax.select(s, nextP, xs[k])
        accT = Lax.select(filler[k], accT, nextT)
        accP = Lax.select(filler[k], accP, nextP)
        started = Lax.or(s, Lax.not(filler[k]))
      } else {
        (accT, accP) = (nextT, nextP)
      }
    }
    return ([y], [accT])
  }

  /// For each window position (row-major), the operand element every
  /// output window reads there: a strided slice of the padded, dilated
  /// operand with the output's shape.
  private func patches(_ x: Tensor, fill: Tensor, outShape: [Int]) -> [Tensor] {
    let config = (0..<x.rank).map { PadConfig(low: padding[$0].low, high: padding[$0].high, interior: baseDilation[$0] - 1) }
    let xp = Lax.pad(x, fill, config: config)
    var result: [Tensor] = []
    var w = [Int](repeating: 0, count: x.rank)
    let count = windowDimensions.reduce(1, *)
    for _ in 0..<count {
      let start = (0..<x.rank).map { w[$0] * windowDilation[$0] }
      let limit = (0..<x.rank).map { start[$0] + (outShape[$0] - 1) * windowStrides[$0] + 1 }
      result.append(Lax.slice(xp, start: start, limit: limit, strides: windowStrides))
      for d in stride(from: x.rank - 1, through: 0, by: -1) {
        w[d] += 1
        if w[d] < windowDimensions[d] { break }
        w[d] = 0
      }
    }
    return result
  }

  /// `_reduce_window_sum_transpose_rule`: pad the cotangent (its strides
  /// become interior padding) and sum it over the same windows.
  func sumTranspose(_ ct: Tensor, operand: ShapedArray) -> Tensor {
    let ones = operand.shape.map { _ in 1 }
    let pads = convVJPLhsPadding(
      inShape: operand.shape, window: windowDimensions, strides: windowStrides, outShape: ct.shape, padding: padding,
      lhsDilation: baseDilation, rhsDilation: windowDilation)
    let config = (0..<operand.rank).map { PadConfig(low: pads[$0].low, high: pads[$0].high, interior: windowStrides[$0] - 1) }
    let padded = Lax.pad(ct, adConst(ct, 0), config: config)
    let p = WindowParams(
      windowDimensions: windowDimensions, windowStrides: baseDilation, padding: ones.map { _ in WindowPadding(0, 0) },
      baseDilation: ones, windowDilation: windowDilation)
    return bind1(.reduceWindow(.sum, p), [padded])
  }
}
