// Methods mirroring `jax.Array`'s (`x.sum(axis=0)`, `x.reshape(...)`,
// `x.T`, `x.astype(...)`), forwarding to the `Numpy` functions.

extension Tensor {
  /// `x.T`: the axes reversed. Example: `m.T.shape  // [3, 2] for m: [2, 3]`
  public var T: Tensor { Numpy.transpose(self) }

  /// `x.mT`: the last two axes swapped. Example: `batch.mT`
  public var mT: Tensor { Numpy.swapaxes(self, -1, -2) }

  /// `x.ndim`. Example: `jnp.ones([2, 3]).ndim  // 2`
  public var ndim: Int { rank }

  /// `x.size`. Example: `jnp.ones([2, 3]).size  // 6`
  public var size: Int { count }

  /// `x.astype(dtype)`. Example: `jnp.arange(3).astype(.float32)`
  public func astype(_ dtype: DType, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.convert(self, to: dtype.canonical, weak: false, file: file, line: line)
  }

  /// `x.reshape(2, -1)`. Example: `jnp.arange(6).reshape(2, 3)`
  public func reshape(_ shape: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.reshape(self, shape, file: file, line: line)
  }

  /// `x.reshape([2, -1])`. Example: `x.reshape([2, 3])`
  public func reshape(_ shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.reshape(self, shape, file: file, line: line)
  }

  /// `x.ravel()` / `x.flatten()`. Example: `m.ravel()`
  public func ravel(file: StaticString = #fileID, line: UInt = #line) -> Tensor { Numpy.ravel(self, file: file, line: line) }
  /// `x.flatten()`. Example: `m.flatten()`
  public func flatten(file: StaticString = #fileID, line: UInt = #line) -> Tensor { Numpy.ravel(self, file: file, line: line) }

  /// `x.transpose(axes)`. Example: `b.transpose(0, 2, 1)`
  public func transpose(_ axes: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.transpose(self, axes: axes.isEmpty ? nil : axes, file: file, line: line)
  }

  /// `x.squeeze(axis)`. Example: `jnp.ones([1, 3]).squeeze()`
  public func squeeze(axis: (any AxesConvertible)? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.squeeze(self, axis: axis, file: file, line: line)
  }

  /// `x.sum(axis:keepDims:)`. Example: `m.sum(axis: 0)`
  public func sum(axis: (any AxesConvertible)? = nil, keepDims: Bool = false, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.sum(self, axis: axis, keepDims: keepDims, dtype: dtype, file: file, line: line)
  }
  /// `x.prod()`. Example: `v.prod()`
  public func prod(axis: (any AxesConvertible)? = nil, keepDims: Bool = false, dtype: DType? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.prod(self, axis: axis, keepDims: keepDims, dtype: dtype, file: file, line: line)
  }
  /// `x.mean()`. Example: `m.mean(axis: -1)`
  public func mean(axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.mean(self, axis: axis, keepDims: keepDims, file: file, line: line)
  }
  /// `x.var()`. Example: `v.var(ddof: 1)`
  public func `var`(axis: (any AxesConvertible)? = nil, ddof: Int = 0, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.var(self, axis: axis, ddof: ddof, keepDims: keepDims, file: file, line: line)
  }
  /// `x.std()`. Example: `v.std()`
  public func std(axis: (any AxesConvertible)? = nil, ddof: Int = 0, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.std(self, axis: axis, ddof: ddof, keepDims: keepDims, file: file, line: line)
  }
  /// `x.max()`. Example: `m.max(axis: 1)`
  public func max(axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.max(self, axis: axis, keepDims: keepDims, file: file, line: line)
  }
  /// `x.min()`. Example: `m.min()`
  public func min(axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.min(self, axis: axis, keepDims: keepDims, file: file, line: line)
  }
  /// `x.argmax()`. Example: `logits.argmax(axis: -1)`
  public func argmax(axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.argmax(self, axis: axis, keepDims: keepDims, file: file, line: line)
  }
  /// `x.argmin()`. Example: `d.argmin()`
  public func argmin(axis: Int? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.argmin(self, axis: axis, keepDims: keepDims, file: file, line: line)
  }
  /// `x.any()`. Example: `(x > 0).any()`
  public func any(axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.any(self, axis: axis, keepDims: keepDims, file: file, line: line)
  }
  /// `x.all()`. Example: `(x > 0).all()`
  public func all(axis: (any AxesConvertible)? = nil, keepDims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.all(self, axis: axis, keepDims: keepDims, file: file, line: line)
  }
  /// `x.cumsum()`. Example: `v.cumsum()`
  public func cumsum(axis: Int? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.cumsum(self, axis: axis, file: file, line: line)
  }
  /// `x.dot(y)`. Example: `a.dot(b)`
  public func dot(_ other: Tensor, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.dot(self, other, file: file, line: line)
  }
  /// `x.clip(min:max:)`. Example: `x.clip(min: 0)`
  public func clip(min: Tensor? = nil, max: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.clip(self, min: min, max: max, file: file, line: line)
  }
  /// `x.round()`. Example: `x.round(decimals: 2)`
  public func round(decimals: Int = 0, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    Numpy.round(self, decimals: decimals, file: file, line: line)
  }
}
