// Batching of the custom-derivative primitive. Its rules are Swift
// closures over unbatched values, so the call cannot simply be re-bound at
// batched shapes, and inlining its function would silently drop the custom
// derivative for an enclosing `grad` (and with it `stopGradient`).
//
// - `stop_gradient` is elementwise: it is re-applied to the batched operand.
// - Any other custom call is applied to each example of the batch with the
//   original primitive (custom rules intact) and the results are stacked.
//   This is correct under every enclosing transformation; it costs one call
//   per example, which matters only for large batches of user-defined
//   custom-derivative functions.

extension Primitive {
  func batchCustom(_ call: CustomCall, _ xs: [Tensor], _ dims: [Int?], _ c: BatchContext) -> ([Tensor], [Int?]) {
    if call.kind == .jvp && call.name == "stop_gradient" && xs.count == 1 {
      return ([stopGradient(xs[0])], [dims[0]])
    }
    let front = zip(xs, dims).map { c.atFront($0, $1) }
    var perExample: [[Tensor]] = []
    for b in 0..<c.size {
      let slices = front.map { x -> Tensor in
        var start = [Int](repeating: 0, count: x.rank)
        var limit = x.shape
        start[0] = b
        limit[0] = b + 1
        return Lax.reshape(Lax.slice(x, start: start, limit: limit), Array(x.shape.dropFirst()))
      }
      perExample.append(bind(self, slices, site: c.site))
    }
    let outCount = outputCount(inputCount: xs.count)
    let outs = (0..<outCount).map { k -> Tensor in
      Lax.concatenate(perExample.map { Lax.reshape($0[k], [1] + $0[k].shape) }, dimension: 0)
    }
    return (outs, Array(repeating: 0, count: outCount))
  }
}
