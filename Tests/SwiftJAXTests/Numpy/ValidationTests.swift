import Foundation
import Testing
@testable import SwiftJAX

// Issue 11, items 2, 3, 11 and 12: take's modes, integers that do not fit
// their dtype, huge and negative sizes. Values and error kinds come from
// Tests/Fixtures/numpy/validation.json (scripts/fixtures/gen_validation.py,
// JAX 0.10.2); errors are observed through JAXError.capture.

/// Runs `body` in a capture scope and returns the error it raised, if any.
private func capturedError(_ body: () -> Void) -> JAXError? {
  do {
    try JAXError.capture { body() }
    return nil
  } catch {
    return error as? JAXError
  }
}

private func takeMode(_ s: String) -> Numpy.TakeMode {
  switch s {
  case "clip": .clip
  case "wrap": .wrap
  default: .fillOrDrop
  }
}

private func gatherMode(_ s: String) -> GatherMode {
  switch s {
  case "clip": .clip
  case "promise_in_bounds": .promiseInBounds
  default: .fillOrDrop
  }
}

/// The Swift call of a fixture case; nil for an op without a dispatch.
private func runValidation(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  switch c.op {
  case "take":
    return [jnp.take(x[0], x[1], axis: c.int("axis"), mode: takeMode(c.params["mode"] as! String))]
  case "take_along_axis":
    return [jnp.takeAlongAxis(x[0], x[1], axis: c.int("axis"), mode: gatherMode(c.params["mode"] as! String))]
  case "add_weak_int":
    return [x[0] + c.int("value")!]
  case "array_int":
    return [Tensor(c.ints("values")!, dtype: c.dtype())]
  case "array_float":
    return [Tensor((c.params["values"] as! [String]).map { Double($0)! }, dtype: c.dtype())]
  case "jit_sum_broadcast":
    let n = c.int("size")!
    return [jit { (s: Tensor) in jnp.sum(jnp.broadcastTo(s, [n])) }(x[0])]
  case "jit_max_broadcast":
    let n = c.int("size")!
    return [jit { (s: Tensor) in jnp.max(jnp.broadcastTo(s, [n])) }(x[0])]
  case "jit_min_broadcast":
    let n = c.int("size")!
    return [jit { (s: Tensor) in jnp.min(jnp.broadcastTo(s, [n])) }(x[0])]
  case "jit_sum_broadcast_rows":
    let rows = c.int("rows")!
    return [jit { (v: Tensor) in jnp.sum(jnp.broadcastTo(v, [rows, 4]), axis: 0) }(x[0])]
  case "size_error":
    return [sizeErrorCall(c.params["call"] as! String)]
  default:
    return nil
  }
}

/// The Swift twin of each JAX call that must reject a size.
private func sizeErrorCall(_ name: String) -> Tensor {
  let key = Random.PRNGKey(0)
  switch name {
  case "zeros": return jnp.zeros([-1])
  case "ones": return jnp.ones([2, -1])
  case "full": return jnp.full([-2], 1.0)
  case "broadcast_to": return jnp.broadcastTo(Tensor(Float(1)), [-1])
  case "jit_broadcast_to": return jit { (x: Tensor) in jnp.broadcastTo(x, [-1]) }(Tensor(Float(1)))
  case "iota": return Lax.iota(.int32, shape: [-1])
  case "reshape": return jnp.ones([6]).reshape(-2, -3)
  case "random_normal": return Random.normal(key, shape: [2, -3])
  case "random_uniform": return Random.uniform(key, shape: [-1])
  case "random_randint": return Random.randint(key, shape: [-1], minval: 0, maxval: 5)
  case "random_split": return Random.split(key, num: -1)
  case "zeros_huge": return jnp.zeros([1 << 40])
  default: fatalError("no Swift call for \(name)")
  }
}

/// The JAXError kind matching the exception type JAX raised.
private func expectedKind(_ error: String) -> JAXError.Kind {
  if error.hasPrefix("OverflowError") { return .overflow }
  if error.hasPrefix("IndexError") { return .index }
  if error.hasPrefix("ValueError") { return .value }
  if error.contains("RESOURCE_EXHAUSTED") { return .resourceExhausted }
  return .shape
}

extension NumpySuite {
@Suite struct ValidationTests {
  /// Every fixture case: values where JAX returns, the same kind of error
  /// where JAX raises.
  @Test func casesMatchJAX() {
    let cases = loadFixtures("validation")
    #expect(cases.count >= 60)
    for (k, c) in cases.enumerated() {
      let label = "validation[\(k)] \(c.op) \(c.params)"
      let ins = c.inputs.map(\.tensor)
      if let want = c.params["error"] as? String {
        var outs: [Tensor]? = nil
        let e = capturedError { outs = runValidation(c, ins) }
        #expect(outs != nil, "\(label): no Swift dispatch")
        #expect(e?.kind == expectedKind(want), "\(label): got \(e.map(String.init(describing:)) ?? "no error"), JAX raised \(want)")
        continue
      }
      var outs: [Tensor]? = nil
      if let e = capturedError({ outs = runValidation(c, ins) }) {
        Issue.record("\(label): unexpected error \(e)")
        continue
      }
      guard let outs else { Issue.record("\(label): no Swift dispatch"); continue }
      #expect(outs.count == c.outputs.count, "\(label)")
      for (o, w) in zip(outs, c.outputs) { expectMatches(o, w, label, rtol: 0) }
    }
  }

  /// Item 2's reproducer: clip clamps -1 to 0 (JAX and NumPy), fill and
  /// wrap read the last element.
  @Test func takeClipDoesNotWrapNegatives() {
    let x = jnp.array([10, 20, 30])
    #expect(jnp.take(x, jnp.array([-1]), mode: .clip).toArray(Int32.self) == [10])
    #expect(jnp.take(x, jnp.array([-1])).toArray(Int32.self) == [30])
    #expect(jit { (x: Tensor, i: Tensor) in jnp.take(x, i, mode: .clip) }(x, jnp.array([-1, 5])).toArray(Int32.self) == [10, 30])
    #expect(jnp.take(x, jnp.array([-1, 4, -5]), mode: .wrap).toArray(Int32.self) == [30, 20, 20])
  }

  /// Item 3: the error names the value and the dtype; a weak int that does
  /// not fit int32 is rejected wherever it is used, with x64 it fits.
  @Test func integerOverflowNamesValueAndDType() {
    let e1 = capturedError { _ = Tensor([3_000_000_000]) }
    #expect(e1?.kind == .overflow && e1!.message.contains("3000000000") && e1!.message.contains("int32"))
    #expect(e1?.site != nil)
    let tooBig: Int = 1 << 40
    let e2 = capturedError { _ = jnp.array([Int32(5)]) + tooBig }
    #expect(e2?.kind == .overflow && e2!.message.contains("1099511627776"))
    let e3 = capturedError { _ = Tensor([Int64(1) << 40]) }
    #expect(e3?.kind == .overflow && e3!.message.contains("JAXConfig.enableX64"))
    let e4 = capturedError { _ = Tensor([UInt8(200)], dtype: .int8) }
    #expect(e4?.kind == .overflow && e4!.message.contains("int8"))
    JAXConfig.withX64 {
      #expect(Tensor([1 << 40]).toArray(Int64.self) == [1 << 40])
      #expect((jnp.array([Int64(5)]) + tooBig).toArray(Int64.self) == [Int64(5 + tooBig)])
    }
  }

  /// Item 12: every negative size is rejected with JAX's wording, through
  /// eager, jit and random sampling, and nothing traps.
  @Test func negativeSizesAreRejected() {
    let key = Random.PRNGKey(0)
    let calls: [(String, () -> Void)] = [
      ("normal", { _ = Random.normal(key, shape: [2, -3]) }),
      ("split", { _ = Random.split(key, num: -1) }),
      ("uniform", { _ = Random.uniform(key, shape: [-1]) }),
      ("randint", { _ = Random.randint(key, shape: [-1], minval: 0, maxval: 5) }),
      ("bits", { _ = Random.bits(key, shape: [-4]) }),
      ("broadcastTo", { _ = jnp.broadcastTo(jnp.ones([3]), [-1]) }),
      ("jit broadcastTo", { _ = jit { (x: Tensor) in jnp.broadcastTo(x, [-1]) }(Tensor(Float(1))) }),
      ("makeJaxpr broadcast", { _ = makeJaxpr({ x in [Lax.broadcastInDim(x[0], shape: [2, -1], broadcastDimensions: [])] }, [ShapedArray(shape: [], dtype: .float32)]) }),
      ("array shape", { _ = Tensor([Float](), shape: [0, -1]) }),
      ("iota", { _ = Lax.iota(.float32, shape: [3, -2], dimension: 0) }),
      ("permutation", { _ = Random.permutation(key, -1) }),
      ("choice", { _ = Random.choice(key, 5, shape: [-2], replace: false) }),
      ("choice a", { _ = Random.choice(key, jnp.arange(4), shape: [-2]) }),
    ]
    for (name, call) in calls {
      let e = capturedError(call)
      #expect(e?.kind == .shape, "\(name): \(e.map(String.init(describing:)) ?? "no error")")
      #expect(e?.message.contains("nonnegative") == true, "\(name): \(e.map(String.init(describing:)) ?? "no error")")
    }
    // Functions with their own earlier, more specific message.
    #expect(capturedError { _ = jnp.tile(jnp.ones([2]), [-1]) }?.message.contains("reps must be non-negative") == true)
    #expect(capturedError { _ = jnp.reshape(jnp.ones([1]), [-1, -3]) }?.kind == .shape)
  }

  /// Item 11: element counts that overflow `Int` are a clear error, never a
  /// trap, and `count` saturates instead of overflowing.
  @Test func overflowingCountsAreRejected() {
    let big: [Int] = [1 << 32, 1 << 32]
    #expect(ShapedArray(shape: big, dtype: .float32).count == Int.max)
    #expect(ShapedArray(shape: big + [0], dtype: .float32).count == 0)
    #expect(validateShape(big, "op") != nil)
    #expect(validateShape([1 << 62], "op", dtype: .float32) != nil)  // bytes overflow
    #expect(validateShape([1 << 40, 0], "op") == nil)
    for (name, call) in [
      ("zeros", { _ = jnp.zeros(big) }),
      ("uniform", { _ = Random.uniform(Random.PRNGKey(0), shape: big) }),
      ("reshape", { _ = Lax.reshape(jnp.ones([1]), big) }),
      ("jnp.reshape", { _ = jnp.reshape(jnp.ones([1]), big + [-1]) }),
      ("jit", { _ = jit { (x: Tensor) in jnp.broadcastTo(x, big) }(Tensor(Float(1))) }),
    ] as [(String, () -> Void)] {
      let e = capturedError(call)
      #expect(e?.kind == .shape && e!.message.contains("overflow"), "\(name): \(e.map(String.init(describing:)) ?? "no error")")
    }
  }

  /// Item 11: results too large for memory are a catchable error naming
  /// the byte count (JAX: RESOURCE_EXHAUSTED), eager and under jit.
  @Test func hugeAllocationsAreCatchable() {
    let e1 = capturedError { _ = jnp.zeros([1 << 40]) }
    #expect(e1?.kind == .resourceExhausted && e1!.message.contains("4398046511104 bytes"))
    let e2 = capturedError { _ = jit { (x: Tensor) in jnp.broadcastTo(x, [1 << 40]) }(Tensor(Float(1))) }
    #expect(e2?.kind == .resourceExhausted)
    // A small-operand product whose result would take 4 TiB.
    let e3 = capturedError { _ = jnp.matmul(jnp.ones([1 << 20, 1]), jnp.ones([1, 1 << 20])) }
    #expect(e3?.kind == .resourceExhausted && e3?.operation == "dot_general")
    // Small results still allocate normally after a failed large one.
    #expect(jnp.zeros([4]).toArray(Float.self) == [0, 0, 0, 0])
  }

  /// Item 11: the fold of reductions of broadcasts; float sums below the
  /// fold threshold stay the loop and so bit-identical to eager.
  @Test func reducedBroadcastFolds() {
    let f = { (s: Tensor) in jnp.sum(jnp.broadcastTo(s, [1000])) }
    let s = Tensor(Float(0.1))
    #expect(jit(f)(s).item(Float.self).bitPattern == f(s).item(Float.self).bitPattern)
    let g = { (s: Tensor) in jnp.sum(jnp.broadcastTo(s, [1 << 20, 3]), axis: 0) }
    let v = jnp.array([Int32(7), -3, Int32.max])
    #expect(jit(g)(v).toArray(Int32.self) == g(v).toArray(Int32.self))
    // The staged program no longer reduces: the broadcast folded away.
    var p = makeJaxpr({ x in [jnp.sum(jnp.broadcastTo(x[0], [1 << 40]))] }, [ShapedArray(shape: [], dtype: .int32)])
    Optimizer.optimize(&p)
    #expect(!p.description.contains("reduce_sum") && p.description.contains("mul"), "\(p)")
    var q = makeJaxpr({ x in [jnp.max(jnp.broadcastTo(x[0], [1 << 33, 5]), axis: 0)] }, [ShapedArray(shape: [5], dtype: .float32)])
    Optimizer.optimize(&q)
    #expect(!q.description.contains("reduce_max"), "\(q)")
  }
}
}
