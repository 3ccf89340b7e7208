import Foundation

// GEMM epilogue fusion: a float32/float64 dot_general whose product a
// later loop reads only at the element it computes is moved down to that
// loop, and the loop runs as the GEMM's epilogue (`rt->sgemm_then`): each
// row strip of the product is handed to the loop on the thread that
// computed it, while the strip is still in that core's cache.
//
// An optimiser step is the case in point. The gradient of a weight is a
// product (activations^T x deltas), and Adam's multi-output loop reads it
// once, with the moments and the weight. Run after the product, that
// loop streams the gradient back from memory, and both cores stream at
// the same time, sharing the memory bandwidth while the arithmetic units
// idle. As the epilogue, it reads each strip from cache, and one core's
// memory-bound epilogue can overlap the other core's compute-bound strip.
// On a 2-core Zen 1 VM, a 784x512x128 gradient product plus its Adam loop
// took 0.91x the time with the loop run per 96-row block (a C harness),
// and whole `mlp_adam_step` steps alternating fused and unfused in one
// process 0.97-1.0x (the machine was shared, so the step's own time moved
// by a third between runs).
//
// Moving a product down changes no result: its operands are complete where
// it was (every value is written once), and no item in between reads the
// product (checked). The loop reads the product at its own element only,
// so an element's epilogue needs no other element of the product.

extension Schedule {
  /// `SWIFTJAX_JIT_GEMM_EPILOGUE=0` keeps every product and loop apart,
  /// for measuring what the fusion gains.
  static let gemmEpilogueFusion: Bool = ProcessInfo.processInfo.environment["SWIFTJAX_JIT_GEMM_EPILOGUE"] != "0"

  /// Pairs each product the packed GEMM runs with the first later loop
  /// over its shape that reads it, provided the loop reads it only at the
  /// same element and no item in between reads it; then renumbers
  /// `rootGroup`. Called after `mergeSiblingGroups`, so the loop is the
  /// whole multi-output loop, before buffers are assigned.
  func fuseGemmEpilogues() {
    var k = 0
    while k < items.count {
      guard case .opaque(let d) = items[k], Schedule.runsOnPackedGEMM(eqn(d)), let j = epilogueTarget(of: d, after: k),
        case .group(let shape, let roots) = items[j]
      else {
        k += 1
        continue
      }
      items[j] = .gemmThen(dot: d, shape: shape, roots: roots)
      items.remove(at: k)
    }
    rootGroup = [:]
    for (k, item) in items.enumerated() {
      switch item {
      case .group(_, let roots), .gemmThen(_, _, let roots):
        for r in roots { rootGroup[ObjectIdentifier(eqn(r).outputs[0])] = k }
      case .small, .opaque: break
      }
    }
  }

  /// Whether `e` is a dot_general that generated code hands to the packed
  /// GEMM (float32 or float64 in and out; see `CRenderer.renderDot`).
  static func runsOnPackedGEMM(_ e: Equation) -> Bool {
    guard case .dotGeneral = e.primitive, e.outputs.count == 1, e.outputs[0].aval.count > 0 else { return false }
    let t = e.inputs[0].aval.dtype
    return (t == .float32 || t == .float64) && e.inputs[1].aval.dtype == t && e.outputs[0].aval.dtype == t
  }

  /// The item of the loop that product `d` (item `k`) can run before as
  /// its epilogue: the first later item that reads the product, when that
  /// is a loop over the product's shape reading it only at the same element.
  private func epilogueTarget(of d: Int, after k: Int) -> Int? {
    let product = eqn(d).outputs[0]
    for j in (k + 1)..<items.count {
      let (hit, elsewhere) = reads(product, in: items[j])
      guard hit else { continue }
      if case .group(let shape, _) = items[j], shape == product.aval.shape, !elsewhere { return j }
      return nil
    }
    return nil
  }

  /// Whether `item` reads `value`, and whether any read is at another
  /// element than the one its loop computes (looking through inlined
  /// values).
  private func reads(_ value: Var, in item: Item) -> (hit: Bool, elsewhere: Bool) {
    var hit = false
    var elsewhere = false
    func walk(_ a: Atom, _ identity: Bool) {
      guard case .v(let v) = a else { return }
      if v === value {
        hit = true
        if !identity { elsewhere = true }
      } else if isInlined(v) {
        let e = eqn(producer[ObjectIdentifier(v)]!)
        for x in e.inputs { walk(x, identity && Schedule.readsSameElement(e, x)) }
      }
    }
    func walkLoop(_ roots: [Int]) {
      for r in roots {
        let e = eqn(r)
        for a in e.inputs { walk(a, Schedule.readsSameElement(e, a)) }
      }
    }
    switch item {
    case .group(_, let roots): walkLoop(roots)
    case .small(let i), .opaque(let i): for a in eqn(i).inputs { walk(a, false) }
    case .gemmThen(let d, _, let roots):
      for a in eqn(d).inputs { walk(a, false) }
      walkLoop(roots)
    }
    return (hit, elsewhere)
  }
}
