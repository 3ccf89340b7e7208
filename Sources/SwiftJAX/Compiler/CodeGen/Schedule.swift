import Foundation

// Fusion planning: which values are computed inline where they are used,
// which are computed by a loop (and possibly stored), which are small enough
// to live in C locals, and in which order the loops and kernels run.
//
// Control-flow bodies (scan, while, cond) are scheduled recursively with
// the same rules: a nested schedule binds the body's inputs to buffers of
// the enclosing code (carries, rows of `xs`, constants) and may be told
// where to put its outputs (a row of the stacked `ys`, the next carry).

/// How a variable's value is available to generated code.
enum Storage {
  /// In memory (an input, output, scratch buffer or C local array).
  case buffer(Buf)
  /// Recomputed inside each consumer's loop (fused).
  case inlined
}

/// A block of memory the generated code reads or writes.
final class Buf {
  /// `bound`: a `char *` named `<name>__` that the enclosing control-flow
  /// code declares (a row of `xs`/`ys`, a double-buffered carry).
  enum Kind { case input(Int), output(Int), scratch, local, bound }
  let id: Int
  let dtype: DType
  let count: Int
  var kind: Kind
  /// Items (by position) where this buffer is first written / last read:
  /// the buffer planner reuses scratch memory between disjoint lifetimes.
  var first = Int.max
  var last = -1
  var offset = 0

  init(id: Int, dtype: DType, count: Int, kind: Kind) {
    self.id = id
    self.dtype = dtype
    self.count = count
    self.kind = kind
  }

  var name: String {
    if case .local = kind { return "v\(id)" }
    return "b\(id)"
  }
  var byteCount: Int { count * dtype.byteSize }
  var isLocal: Bool { if case .local = kind { true } else { false } }
}

/// One unit of generated code, in program order.
enum Item {
  /// A loop over `shape` computing the root equations (fused chains).
  case group(shape: [Int], roots: [Int])
  /// A small value computed by straight-line code with constant indices.
  case small(Int)
  /// A kernel of its own (reduction, dot, update, callback...).
  case opaque(Int)
  /// A dot_general run by the packed GEMM with a loop over its output's
  /// shape as its epilogue (`fuseGemmEpilogues`): the loop reads the
  /// product only at the element it computes.
  case gemmThen(dot: Int, shape: [Int], roots: [Int])
}

/// Values with at most this many elements live in C locals.
let smallElementLimit: Int = 16

final class Schedule {
  /// Whether loops over the same shape are merged into multi-output loops
  /// (`mergeSiblingGroups`). `SWIFTJAX_JIT_MULTI_OUTPUT=0` turns it off,
  /// for measuring what it gains.
  static let multiOutputFusion: Bool = ProcessInfo.processInfo.environment["SWIFTJAX_JIT_MULTI_OUTPUT"] != "0"

  let jaxpr: Jaxpr
  /// The outermost schedule, which owns every buffer (nil at the top).
  private weak var root: Schedule?
  /// Storage chosen by the enclosing code for some outputs.
  private var preassigned: [ObjectIdentifier: Buf] = [:]
  var storage: [ObjectIdentifier: Storage] = [:]
  var producer: [ObjectIdentifier: Int] = [:]
  var consumers: [ObjectIdentifier: [Int]] = [:]
  var outputSlot: [ObjectIdentifier: Int] = [:]
  var rootGroup: [ObjectIdentifier: Int] = [:]
  var needsBuffer = Set<ObjectIdentifier>()
  /// Roots that some item reads other than at the same element of their
  /// own loop, i.e. from memory (outputs aside, the roots that need a
  /// buffer). A result outside this set is read by nothing after its loop.
  private(set) var readFromMemory = Set<ObjectIdentifier>()
  var items: [Item] = []
  var bufs: [Buf] = []
  /// Program outputs that the entry point writes, in slot order.
  var computedOutputs: [Var] = []

  /// A top-level schedule (inputs and outputs are the entry point's), or,
  /// with `inputs`, a nested body whose input binders read those buffers
  /// and whose outputs listed in `outputs` are written to the given ones.
  init(_ jaxpr: Jaxpr, parent: Schedule? = nil, inputs: [Buf]? = nil, outputs: [ObjectIdentifier: Buf] = [:]) {
    self.jaxpr = jaxpr
    self.root = parent.map { $0.root ?? $0 }
    self.preassigned = outputs
    for (i, e) in jaxpr.equations.enumerated() {
      for o in e.outputs { producer[ObjectIdentifier(o)] = i }
      for case .v(let v) in e.inputs { consumers[ObjectIdentifier(v), default: []].append(i) }
    }
    for (k, v) in (jaxpr.constVars + jaxpr.inVars).enumerated() {
      storage[ObjectIdentifier(v)] = .buffer(inputs?[k] ?? newBuf(v.aval, .input(k)))
    }
    for case .v(let v) in jaxpr.outputs where producer[ObjectIdentifier(v)] != nil && outputSlot[ObjectIdentifier(v)] == nil {
      outputSlot[ObjectIdentifier(v)] = computedOutputs.count
      computedOutputs.append(v)
    }
    decideInlining()
    buildItems()
    if Schedule.multiOutputFusion { mergeSiblingGroups() }
    if Schedule.gemmEpilogueFusion { fuseGemmEpilogues() }
    assignBuffers()
  }

  func newBuf(_ aval: ShapedArray, _ kind: Buf.Kind) -> Buf {
    if let root { return root.newBuf(aval, kind) }
    let b = Buf(id: bufs.count, dtype: aval.dtype, count: aval.count, kind: kind)
    bufs.append(b)
    return b
  }

  func eqn(_ i: Int) -> Equation { jaxpr.equations[i] }

  func isSmall(_ v: Var) -> Bool { v.aval.count <= smallElementLimit }

  func isInlined(_ v: Var) -> Bool {
    if case .inlined? = storage[ObjectIdentifier(v)] { return true }
    return false
  }

  func isRoot(_ v: Var) -> Bool { rootGroup[ObjectIdentifier(v)] != nil }

  // MARK: Inlining

  /// Decides, last equation first, which large fused values are recomputed
  /// in their consumers. An expensive value is inlined only when it would be
  /// evaluated once per element ("replication" 1); index-only operations
  /// (broadcast, reshape, slice...) are always inlined.
  private func decideInlining() {
    var replication: [ObjectIdentifier: Int] = [:]
    let many = Int.max / 4
    for i in stride(from: jaxpr.equations.count - 1, through: 0, by: -1) {
      let e = eqn(i)
      guard e.outputs.count == 1, let v = e.outputs.first else { continue }
      let id = ObjectIdentifier(v)
      guard !isSmall(v), e.primitive.isFusible(e.inputs.map(\.aval)), outputSlot[id] == nil else { continue }
      let uses = consumers[id] ?? []
      guard !uses.isEmpty else { continue }
      var rep = 0
      var ok = true
      for c in uses {
        let ce = eqn(c)
        let fusibleConsumer = ce.primitive.isFusible(ce.inputs.map(\.aval)) && !isSmall(ce.outputs[0])
        let smallConsumer = ce.primitive.isFusible(ce.inputs.map(\.aval)) && isSmall(ce.outputs[0])
        let reduceConsumer: Bool = if case .reduce = ce.primitive { true } else { false }
        if !(fusibleConsumer || smallConsumer || reduceConsumer) { ok = false; break }
        var r = 1
        if fusibleConsumer, let cr = replication[ObjectIdentifier(ce.outputs[0])] { r = cr }
        if ce.primitive.replicatesOperands(e.outputs[0].aval, ce.outputs[0].aval) { r = many }
        rep = rep >= many || r >= many ? many : rep + r
      }
      guard ok else { continue }
      if e.primitive.isIndexOnly || rep == 1 {
        storage[id] = .inlined
        replication[id] = e.primitive.isIndexOnly ? rep : 1
      }
    }
  }

  // MARK: Items

  /// Whether computing element `i` of `e`'s output reads element `i` of
  /// operand `a` and no other: an elementwise operation on a same-shaped
  /// operand. Every other operation (transpose, rev, pad, slice, reshape,
  /// broadcast, gather...) may read another element, even when its operand
  /// has the output's shape.
  static func readsSameElement(_ e: Equation, _ a: Atom) -> Bool {
    e.primitive.isElementwise && a.aval.shape == e.outputs[0].aval.shape
  }

  /// Calls `visit(root, atIdentity)` for every loop-computed value that
  /// computing one element of `e` reads, looking through inlined values.
  /// `atIdentity` is true only when the root is read at the element being
  /// computed (`identity` says whether that element is the loop's own).
  func walkOperandRoots(_ e: Equation, identity: Bool, _ visit: (Var, Bool) -> Void) {
    for a in e.inputs { walkRoots(a, identity: identity && Schedule.readsSameElement(e, a), visit) }
  }

  /// Calls `visit(root, atIdentity)` for every loop-computed value that
  /// computing `a` reads, looking through inlined values.
  func walkRoots(_ a: Atom, identity: Bool, _ visit: (Var, Bool) -> Void) {
    guard case .v(let v) = a else { return }
    if isInlined(v) {
      walkOperandRoots(eqn(producer[ObjectIdentifier(v)]!), identity: identity, visit)
    } else if isRoot(v) {
      visit(v, identity)
    }
  }

  private func buildItems() {
    var open: (shape: [Int], roots: [Int])? = nil
    var openRoots = Set<ObjectIdentifier>()
    func close() {
      if let g = open { items.append(.group(shape: g.shape, roots: g.roots)) }
      open = nil
      openRoots = []
    }
    func readsOpenGroup(_ e: Equation) -> Bool {
      var hit = false
      for a in e.inputs { walkRoots(a, identity: false) { r, _ in if openRoots.contains(ObjectIdentifier(r)) { hit = true } } }
      return hit
    }
    for (i, e) in jaxpr.equations.enumerated() {
      let fusible = e.primitive.isFusible(e.inputs.map(\.aval))
      let v = e.outputs[0]
      if e.outputs.count == 1 && isInlined(v) { continue }
      if fusible && e.outputs.count == 1 && !isSmall(v) {
        // A loop-computed root: join the open loop when it has the same
        // shape and reads the loop's earlier roots only at the same element.
        // A root read at any other element must be complete before this
        // loop starts (a transpose of an earlier root reads elements the
        // fused loop has not written yet), so it closes the loop.
        var compatible = open?.shape == v.aval.shape
        if compatible {
          walkOperandRoots(e, identity: true) { r, id in
            if openRoots.contains(ObjectIdentifier(r)) && !id { compatible = false }
          }
        }
        if !compatible {
          close()
          open = (v.aval.shape, [])
        }
        open!.roots.append(i)
        openRoots.insert(ObjectIdentifier(v))
        rootGroup[ObjectIdentifier(v)] = items.count
        continue
      }
      if readsOpenGroup(e) || !(fusible && isSmall(v)) { close() }
      items.append(fusible && e.outputs.count == 1 ? .small(i) : .opaque(i))
    }
    close()
  }

  // MARK: Storage

  private func assignBuffers() {
    // A root needs memory when it is an output or read anywhere but at
    // the same element of its own loop.
    for (k, item) in items.enumerated() {
      switch item {
      case .group(_, let roots):
        for r in roots {
          walkOperandRoots(eqn(r), identity: true) { x, id in
            if !(id && rootGroup[ObjectIdentifier(x)] == k) { needsBuffer.insert(ObjectIdentifier(x)) }
          }
        }
      case .small(let i), .opaque(let i):
        for a in eqn(i).inputs { walkRoots(a, identity: false) { x, _ in needsBuffer.insert(ObjectIdentifier(x)) } }
      case .gemmThen(let d, _, let roots):
        for a in eqn(d).inputs { walkRoots(a, identity: false) { x, _ in needsBuffer.insert(ObjectIdentifier(x)) } }
        for r in roots {
          walkOperandRoots(eqn(r), identity: true) { x, id in
            if !(id && rootGroup[ObjectIdentifier(x)] == k) { needsBuffer.insert(ObjectIdentifier(x)) }
          }
        }
      }
    }
    readFromMemory = needsBuffer
    for v in computedOutputs { needsBuffer.insert(ObjectIdentifier(v)) }

    // In-place dynamic_update_slice and scatter: when the operand is a
    // scratch value used only by the update, the update writes into the
    // operand's memory. Decided last-first so a chain of updates shares one
    // buffer.
    var aliasOf: [ObjectIdentifier: ObjectIdentifier] = [:]
    for e in jaxpr.equations.reversed() {
      guard e.primitive.updatesOperandInPlace, case .v(let op) = e.inputs[0] else { continue }
      let oid = ObjectIdentifier(op)
      guard producer[oid] != nil, outputSlot[oid] == nil, consumers[oid]?.count == 1,
        !isSmall(op), !isInlined(op)
      else { continue }
      aliasOf[oid] = aliasOf[ObjectIdentifier(e.outputs[0])] ?? ObjectIdentifier(e.outputs[0])
    }

    var byId: [ObjectIdentifier: Var] = [:]
    for e in jaxpr.equations { for o in e.outputs { byId[ObjectIdentifier(o)] = o } }
    func bufFor(_ v: Var) -> Buf {
      let id = ObjectIdentifier(v)
      if case .buffer(let b)? = storage[id] { return b }
      let b: Buf
      if let p = preassigned[id] {
        b = p
      } else if let target = aliasOf[id] {
        b = bufFor(byId[target]!)
      } else if isSmall(v) {
        b = newBuf(v.aval, .local)
      } else if let k = outputSlot[id], root == nil {
        b = newBuf(v.aval, .output(k))
      } else {
        b = newBuf(v.aval, .scratch)
      }
      storage[id] = .buffer(b)
      return b
    }
    for e in jaxpr.equations {
      for o in e.outputs {
        let id = ObjectIdentifier(o)
        if isInlined(o) { continue }
        if isRoot(o) && !needsBuffer.contains(id) && !isSmall(o) { continue }
        _ = bufFor(o)
      }
    }
  }
}
