// Eager evaluation: the kernel of every primitive on concrete buffers.
// The kernels themselves live in Kernels/ (Kernels+*.swift and the C
// target CSwiftJAXKernels); this switch only routes operands to them.

extension Primitive {
  /// Runs the eager kernel. `outputs` are the avals from ``abstractEval(_:)``,
  /// so operands are known to be valid.
  func evaluate(_ inputs: [ConcreteArray], outputs: [ShapedArray]) -> [ConcreteArray] {
    let out = outputs[0]
    switch self {
    case .unary(let op):
      return [Kernels.unary(op, inputs[0], out)]
    case .integerPow(let n):
      return [Kernels.integerPow(n, inputs[0], out)]
    case .binary(let op):
      return [Kernels.binary(op, inputs[0], inputs[1], out)]
    case .compare(let op):
      return [Kernels.compare(op, inputs[0], inputs[1], out)]
    case .selectN:
      return [Kernels.selectN(inputs, out)]
    case .clamp:
      return [Kernels.clamp(inputs[0], inputs[1], inputs[2], out)]
    case .convertElementType:
      return [Kernels.convertElementType(inputs[0], out)]
    case .bitcastConvertType:
      return [Kernels.bitcastConvertType(inputs[0], out)]
    case .iota(_, _, let dimension):
      return [Kernels.iota(dimension, out)]
    case .broadcastInDim(_, let dims):
      return [Kernels.broadcastInDim(inputs[0], dims, out)]
    case .reshape, .squeeze, .expandDims:
      // Row-major order is unchanged: the bytes are the same.
      return [Kernels.copyBytes(inputs[0], as: out)]
    case .transpose(let perm):
      return [Kernels.transpose(inputs[0], perm, out)]
    case .rev(let dims):
      return [Kernels.rev(inputs[0], dims, out)]
    case .slice(let start, _, let strides):
      return [Kernels.slice(inputs[0], start, strides, out)]
    case .dynamicSlice(let sizes):
      return [Kernels.dynamicSlice(inputs, sizes, out)]
    case .dynamicUpdateSlice:
      return [Kernels.dynamicUpdateSlice(inputs, out)]
    case .concatenate(let dim):
      return [Kernels.concatenate(inputs, dim, out)]
    case .pad(let config):
      return [Kernels.pad(inputs[0], inputs[1], config, out)]
    case .gather(let dn, let sliceSizes, let mode, let fill):
      return [Kernels.gather(inputs[0], inputs[1], dn, sliceSizes, mode, fill, out)]
    case .scatter(let op, let dn, let mode):
      return [Kernels.scatter(op, inputs[0], inputs[1], inputs[2], dn, mode, out)]
    case .reduce(let op, let axes):
      return [Kernels.reduce(op, inputs[0], axes, out)]
    case .argReduce(let op, let axis, _):
      return [Kernels.argReduce(op, inputs[0], axis, out)]
    case .cumulative(let op, let axis, let reverse):
      return [Kernels.cumulative(op, inputs[0], axis, reverse, out)]
    case .dotGeneral(let dn, _):
      return [Kernels.dotGeneral(inputs[0], inputs[1], dn, out)]
    case .sort(let dimension, _, let numKeys):
      return Kernels.sort(inputs, dimension, numKeys, outputs)
    case .convGeneralDilated(let p):
      return [Kernels.conv(inputs[0], inputs[1], p, out)]
    case .reduceWindow(let op, let p):
      return [Kernels.reduceWindow(op, inputs[0], p, out)]
    case .fft(let type, let lengths):
      return [Kernels.fft(type, lengths, inputs[0], out)]
    case .scan(let p):
      return p.evaluate(inputs, outputs: outputs)
    case .whileLoop(let p):
      return p.evaluate(inputs)
    case .cond(let p):
      return p.evaluate(inputs)
    case .custom:
      return evaluateCustom(inputs, outputs: outputs)!
    case .hostCallback(let h):
      return h.evaluate(inputs)
    case .collective(let c):
      return c.evaluate(inputs, outputs: outputs)
    }
  }
}
