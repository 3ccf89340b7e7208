import CSwiftJAXKernels

// Shape kernels. Each one describes its result as a strided view of the
// operand and hands it to the single N-d strided copy kernel in C.

extension Kernels {
  static func iota(_ dimension: Int, _ out: ShapedArray) -> ConcreteArray {
    let y = alloc(out)
    let s = out.shape
    check(
      jx_iota(out.dtype.rawValue, y.data, product(s, 0..<dimension), s[dimension], product(s, dimension + 1..<s.count)),
      "iota")
    return y
  }

  static func broadcastInDim(_ x: ConcreteArray, _ dims: [Int], _ out: ShapedArray) -> ConcreteArray {
    let y = alloc(out)
    let xs = x.aval.shape
    let xstr = rowMajorStrides(xs)
    var src = [Int](repeating: 0, count: out.rank)
    for (i, d) in dims.enumerated() where xs[i] != 1 { src[d] = xstr[i] }
    copyStrided(
      elementSize: out.dtype.byteSize, shape: out.shape, src: x.data, srcStrides: src,
      dst: y.data, dstStrides: rowMajorStrides(out.shape))
    return y
  }

  static func transpose(_ x: ConcreteArray, _ perm: [Int], _ out: ShapedArray) -> ConcreteArray {
    let xstr = rowMajorStrides(x.aval.shape)
    let y = alloc(out)
    copyStrided(
      elementSize: out.dtype.byteSize, shape: out.shape, src: x.data, srcStrides: perm.map { xstr[$0] },
      dst: y.data, dstStrides: rowMajorStrides(out.shape))
    return y
  }

  static func rev(_ x: ConcreteArray, _ dims: [Int], _ out: ShapedArray) -> ConcreteArray {
    let shape = x.aval.shape
    var strides = rowMajorStrides(shape)
    var offset = 0
    for d in dims where shape[d] > 0 {
      offset += (shape[d] - 1) * strides[d]
      strides[d] = -strides[d]
    }
    let y = alloc(out)
    let es = out.dtype.byteSize
    copyStrided(
      elementSize: es, shape: shape, src: x.data + offset * es, srcStrides: strides,
      dst: y.data, dstStrides: rowMajorStrides(shape))
    return y
  }

  static func slice(_ x: ConcreteArray, _ start: [Int], _ steps: [Int]?, _ out: ShapedArray) -> ConcreteArray {
    let xstr = rowMajorStrides(x.aval.shape)
    var offset = 0
    var src = xstr
    for i in 0..<xstr.count {
      offset += start[i] * xstr[i]
      if let steps { src[i] = xstr[i] * steps[i] }
    }
    let y = alloc(out)
    let es = out.dtype.byteSize
    copyStrided(
      elementSize: es, shape: out.shape, src: x.data + offset * es, srcStrides: src,
      dst: y.data, dstStrides: rowMajorStrides(out.shape))
    return y
  }

  /// XLA clamps dynamic start indices so that the slice stays in bounds.
  static func clampedStarts(_ indices: ArraySlice<ConcreteArray>, operand: [Int], window: [Int]) -> [Int] {
    var starts: [Int] = []
    starts.reserveCapacity(operand.count)
    for (i, t) in indices.enumerated() {
      starts.append(min(max(indexValue(t), 0), operand[i] - window[i]))
    }
    return starts
  }

  static func dynamicSlice(_ inputs: [ConcreteArray], _ sizes: [Int], _ out: ShapedArray) -> ConcreteArray {
    let x = inputs[0]
    let starts = clampedStarts(inputs[1...], operand: x.aval.shape, window: sizes)
    return slice(x, starts, nil, out)
  }

  static func dynamicUpdateSlice(_ inputs: [ConcreteArray], _ out: ShapedArray) -> ConcreteArray {
    let (x, u) = (inputs[0], inputs[1])
    let y = copyBytes(x, as: out)
    let starts = clampedStarts(inputs[2...], operand: x.aval.shape, window: u.aval.shape)
    let ystr = rowMajorStrides(out.shape)
    var offset = 0
    for i in 0..<starts.count { offset += starts[i] * ystr[i] }
    let es = out.dtype.byteSize
    copyStrided(
      elementSize: es, shape: u.aval.shape, src: u.data, srcStrides: rowMajorStrides(u.aval.shape),
      dst: y.data + offset * es, dstStrides: ystr)
    return y
  }

  static func concatenate(_ inputs: [ConcreteArray], _ dim: Int, _ out: ShapedArray) -> ConcreteArray {
    let y = alloc(out)
    let ystr = rowMajorStrides(out.shape)
    let es = out.dtype.byteSize
    var position = 0
    for x in inputs {
      let xs = x.aval.shape
      copyStrided(
        elementSize: es, shape: xs, src: x.data, srcStrides: rowMajorStrides(xs),
        dst: y.data + position * ystr[dim] * es, dstStrides: ystr)
      position += xs[dim]
    }
    return y
  }

  /// Fills with the padding value, then copies the operand elements that
  /// survive cropping (negative low/high) to their interior-spaced places.
  static func pad(_ x: ConcreteArray, _ value: ConcreteArray, _ config: [PadConfig], _ out: ShapedArray) -> ConcreteArray {
    let y = alloc(out)
    let es = out.dtype.byteSize
    jx_fill(es, value.data, y.data, out.count)
    let xs = x.aval.shape
    let xstr = rowMajorStrides(xs)
    let ystr = rowMajorStrides(out.shape)
    var shape: [Int] = []
    var dstStrides: [Int] = []
    var srcOffset = 0
    var dstOffset = 0
    for i in 0..<xs.count {
      let step = config[i].interior + 1
      let low = config[i].low
      // Operand index j lands at low + j * step; keep those in [0, out).
      let first = low >= 0 ? 0 : (-low + step - 1) / step
      let room = out.shape[i] - low
      let end = room <= 0 ? 0 : min(xs[i], (room + step - 1) / step)
      if end <= first { return y }
      shape.append(end - first)
      srcOffset += first * xstr[i]
      dstOffset += (low + first * step) * ystr[i]
      dstStrides.append(ystr[i] * step)
    }
    copyStrided(
      elementSize: es, shape: shape, src: x.data + srcOffset * es, srcStrides: xstr,
      dst: y.data + dstOffset * es, dstStrides: dstStrides)
    return y
  }
}
