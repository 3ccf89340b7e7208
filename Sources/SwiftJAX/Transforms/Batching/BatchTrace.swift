/// The batching interpreter behind `vmap`
/// (JAX's `BatchTrace`). Each of its tracers holds a value with one extra
/// axis of size ``axisSize`` (the batch dimension) at a known position, or
/// a value shared by the whole batch (not mapped).
///
/// Batching rules (`Primitive.batch`) only `bind` on the
/// unboxed values, so whatever interpreter sits below (eager evaluation,
/// JVP, staging for `jit`, another `vmap`) handles the batched program:
/// that is what makes `vmap(grad(f))`, `grad(vmap(f))` and nested `vmap`
/// compose.
public final class BatchTrace: Trace {
  /// The size of the mapped axis.
  public let axisSize: Int
  /// The name collectives use for the mapped axis (`vmap(_, axisName:)`).
  public let axisName: String?

  init(level: Int, axisSize: Int, axisName: String? = nil) {
    self.axisSize = axisSize
    self.axisName = axisName
    super.init(level: level)
  }

  /// Runs `body` with this trace's axis name (if any) in scope, so that
  /// collectives over it reach this trace.
  func withAxisName<R>(_ body: () throws -> R) rethrows -> R {
    guard let axisName else { return try body() }
    return try AxisEnv.with(AxisFrame(name: axisName, size: axisSize, binder: .batch(self)), body)
  }

  public override var transformationName: String { "vmap" }

  /// A value from outside the `vmap` (a constant or a tracer of an outer
  /// transformation) is the same for every batch element.
  public override func pure(_ value: Tensor) -> Tracer {
    BatchTracer(trace: self, value: value, batchDim: nil)
  }

  public override func lift(_ value: Tensor) -> Tracer { pure(value) }

  public override func process(_ primitive: Primitive, _ tracers: [Tracer], site: CallSite?) -> [Tensor] {
    let outCount = primitive.outputCount(inputCount: tracers.count)
    let boxes = tracers.map { $0 as! BatchTracer }
    // Check the primitive against per-example shapes first, so a user's
    // mistake inside `vmap` is reported in the shapes the user wrote, not
    // in the batched shapes of the rule's output.
    do {
      _ = try primitive.abstractEval(boxes.map(\.aval))
    } catch {
      var e = error
      if e.site == nil { e.site = site }
      JAXError.raise(e)
      return Array(repeating: .invalid, count: outCount)
    }
    let values = boxes.map(\.value)
    let dims = boxes.map(\.batchDim)
    if case .collective(let c) = primitive, c.axisName == axisName {
      let (outs, outDims) = c.batchOwnAxis(values, dims, BatchContext(size: axisSize, site: site, axisName: axisName))
      return zip(outs, outDims).map { box($0, $1) }
    }
    if dims.allSatisfy({ $0 == nil }) {
      return bind(primitive, values, site: site)
    }
    let (outs, outDims) = primitive.batch(values, dims, size: axisSize, axisName: axisName, site: site)
    return zip(outs, outDims).map { box($0, $1) }
  }

  /// Wraps a batched value as a tracer of this trace. A value shared by the
  /// whole batch is returned as is (JAX's `full_lower`): it needs no
  /// batching, and a concrete one keeps evaluating eagerly.
  func box(_ value: Tensor, _ dim: Int?) -> Tensor {
    if value.isInvalid { return value }
    guard let dim else { return value }
    return Tensor(value: BatchTracer(trace: self, value: value, batchDim: dim))
  }

  /// The batched value and batch dimension of a result of the function
  /// being mapped (a value that never met a tracer is not mapped).
  func unbox(_ t: Tensor) -> (Tensor, Int?) {
    if let b = t.value as? BatchTracer, b.trace === self { return (b.value, b.batchDim) }
    return (t, nil)
  }
}

/// A tensor inside `vmap`: `value` has the batch axis at `batchDim`
/// (nil: not mapped); its ``TensorValue/aval`` is the per-example aval,
/// which is what the user's function sees.
final class BatchTracer: Tracer {
  let value: Tensor
  let batchDim: Int?

  init(trace: BatchTrace, value: Tensor, batchDim: Int?) {
    self.value = value
    self.batchDim = batchDim
    var aval = value.aval
    if let d = batchDim { aval.shape.remove(at: d) }
    super.init(trace: trace, aval: aval)
  }

  /// A value that is not mapped is the same for every example, so it is
  /// as concrete as the value it wraps.
  override var concreteValue: ConcreteArray? { batchDim == nil ? value.concrete : nil }

  override var kindName: String { "BatchTracer" }
}
