// Renders a scheduled program as one C file: the runtime prelude, one
// outlined function per parallel loop, and the entry point `jx_main`.

/// The C source of one jitted function and what the executor needs to run
/// it.
struct CProgram {
  var source: String
  /// Bytes of scratch memory the entry point needs (intermediates).
  var scratchBytes: Int
  /// Program outputs the entry point writes, in slot order.
  var computedOutputs: [Var]
  /// Equations the generated code runs through the runtime callback.
  var callbackEquations: [Equation]
  /// Whether the program has array loops (worth -O2's vectorisers).
  var hasArrayLoops = true
  /// Whether the program runs jammed copies of a per-example body (an
  /// interchanged vmap of scan), worth SLP vectorisation.
  var hasLanes = false
}

/// Elements above which a loop is split across the thread pool.
let parallelElementThreshold: Int = 1 << 16

final class CRenderer {
  let schedule: Schedule
  /// The top-level renderer when this one renders a control-flow body:
  /// names, outlined functions and callbacks are the file's, and every
  /// buffer a body touches lives for the whole enclosing item.
  private let parent: CRenderer?
  private var counter = 0
  private(set) var currentItem = 0
  private var used: [Int: Buf] = [:]
  private var functions: [String] = []
  private var callbackList: [Equation] = []
  private var arrayLoops = false
  private var lanes = false

  /// Records that the program has jammed per-example code.
  func noteLanes() {
    if let parent { parent.noteLanes() } else { lanes = true }
  }

  /// Records that the program has a loop over array elements.
  func noteArrayLoop() {
    if let parent { parent.noteArrayLoop() } else { arrayLoops = true }
  }

  init(_ schedule: Schedule) {
    self.schedule = schedule
    parent = nil
  }

  /// A renderer for a body nested in `parent`'s current item.
  init(body schedule: Schedule, parent: CRenderer) {
    self.schedule = schedule
    self.parent = parent.parent ?? parent
    currentItem = parent.currentItem
  }

  /// Loops are split across the thread pool only at the top level: inside
  /// a loop body, waking the pool every iteration costs more than it saves.
  var allowParallel: Bool { parent == nil }

  var callbacks: [Equation] {
    get { parent?.callbacks ?? callbackList }
    set { if let parent { parent.callbacks = newValue } else { callbackList = newValue } }
  }

  func freshName(_ prefix: String) -> String {
    if let parent { return parent.freshName(prefix) }
    counter += 1
    return "\(prefix)\(counter)"
  }

  /// Records that the current item reads or writes `b`.
  func touch(_ b: Buf) {
    used[b.id] = b
    keepAlive(b)
  }

  /// Extends `b`'s lifetime over the current item without declaring a
  /// typed pointer for it (control-flow code uses the raw `__` pointers).
  func keepAlive(_ b: Buf) {
    b.first = min(b.first, currentItem)
    b.last = max(b.last, currentItem)
  }

  /// Renders a nested body's items in program order.
  func renderItems() -> [String] {
    var lines: [String] = []
    for item in schedule.items {
      used = [:]
      lines.append("  /* \(describe(item)) */")
      lines += renderItem(item)
    }
    return lines
  }

  static func render(_ jaxpr: Jaxpr) -> CProgram {
    let s = Schedule(jaxpr)
    return CRenderer(s).render()
  }

  func render() -> CProgram {
    var body: [String] = []
    for (k, item) in schedule.items.enumerated() {
      currentItem = k
      used = [:]
      body.append("  /* \(describe(item)) */")
      body += renderItem(item)
    }
    // Small outputs live in locals until the end.
    currentItem = schedule.items.count
    var tail: [String] = []
    for (k, v) in schedule.computedOutputs.enumerated() {
      guard case .buffer(let b)? = schedule.storage[ObjectIdentifier(v)], b.isLocal else { continue }
      touch(b)
      if b.byteCount > 0 { tail.append("  memcpy(outs[\(k)], \(b.name), \(b.byteCount));") }
    }
    let scratch = planScratch()
    var head: [String] = []
    for b in schedule.bufs where b.last >= 0 {
      switch b.kind {
      case .input(let k): head.append("  char *\(b.name)__ = (char *)ins[\(k)];")
      case .output(let k): head.append("  char *\(b.name)__ = (char *)outs[\(k)];")
      case .scratch: head.append("  char *\(b.name)__ = scratch + \(b.offset);")
      case .local: head.append("  \(b.dtype.cType) \(b.name)[\(max(b.count, 1))];")
      case .bound: break
      }
    }
    var code = functions.joined(separator: "\n")
    code += "\n__attribute__((visibility(\"default\"))) int jx_main(const jx_runtime *rt, void *cbctx, void *const *ins, void *const *outs, char *scratch) {\n  jx_rt = rt;\n"
    code += (head + body + tail).joined(separator: "\n")
    code += "\n  return 0;\n}\n"
    let src = RuntimeHeader.source(for: code) + "\n" + code
    return CProgram(source: src, scratchBytes: scratch, computedOutputs: schedule.computedOutputs, callbackEquations: callbacks,
                    hasArrayLoops: arrayLoops, hasLanes: lanes)
  }

  private func describe(_ item: Item) -> String {
    switch item {
    case .group(let shape, let roots):
      return "loop \(shapeString(shape)): " + roots.map { schedule.eqn($0).primitive.name }.joined(separator: ", ")
    case .small(let i): return "small \(schedule.eqn(i).primitive.name) \(schedule.eqn(i).outputs[0].aval)"
    case .opaque(let i): return "\(schedule.eqn(i).primitive.name) \(schedule.eqn(i).outputs.map(\.aval.description).joined(separator: ", "))"
    }
  }

  /// Greedy first-fit over lifetimes; returns the arena size.
  private func planScratch() -> Int {
    let bufs = schedule.bufs.filter { if case .scratch = $0.kind { $0.last >= 0 } else { false } }
      .sorted { $0.first < $1.first }
    var live: [Buf] = []
    var size = 0
    for b in bufs {
      live.removeAll { $0.last < b.first }
      let need = (b.byteCount + 63) & ~63
      var candidate = 0
      for l in live.sorted(by: { $0.offset < $1.offset }) {
        let lend = l.offset + ((l.byteCount + 63) & ~63)
        if candidate + need <= l.offset { break }
        candidate = max(candidate, lend)
      }
      b.offset = candidate
      size = max(size, candidate + need)
      live.append(b)
    }
    return size
  }

  // MARK: Items

  private func renderItem(_ item: Item) -> [String] {
    switch item {
    case .group(let shape, let roots): return renderGroup(shape, roots)
    case .small(let i): return renderSmall(i)
    case .opaque(let i): return renderOpaque(i)
    }
  }

  /// Declarations of the restrict-qualified element pointers an item uses.
  func declarations(indent: String) -> [String] {
    used.values.sorted { $0.id < $1.id }.compactMap { b in
      b.isLocal ? nil : "\(indent)\(b.dtype.cType) *restrict \(b.name) = (\(b.dtype.cType) *)\(b.name)__;"
    }
  }

  /// Wraps item lines in a block with pointer declarations.
  func block(_ lines: [String]) -> [String] {
    ["  {"] + declarations(indent: "    ") + lines + ["  }"]
  }

  /// A loop nest over `shape` (innermost last). Returns opening lines,
  /// closing lines and the multi-index.
  func loopNest(_ shape: [Int], indent: String, from lo: String? = nil, to hi: String? = nil,
                range: (dim: Int, Range<Int>)? = nil) -> ([String], [String], [IE], String) {
    var open: [String] = []
    var close: [String] = []
    var idx: [IE] = []
    var ind = indent
    for (d, n) in shape.enumerated() {
      let name = freshName("i")
      var start = d == 0 ? (lo ?? "0") : "0"
      var end = d == 0 ? (hi ?? "\(n)") : "\(n)"
      if let (rd, r) = range, rd == d {
        start = "\(r.lowerBound)"
        end = "\(r.upperBound)"
      }
      open.append("\(ind)for (int64_t \(name) = \(start); \(name) < \(end); \(name)++) {")
      close.insert("\(ind)}", at: 0)
      idx.append(.e(name))
      ind += "  "
    }
    return (open, close, idx, ind)
  }

  private func renderSmall(_ i: Int) -> [String] {
    let e = schedule.eqn(i)
    let v = e.outputs[0]
    guard case .buffer(let out)? = schedule.storage[ObjectIdentifier(v)] else { fatalError("small value without storage") }
    let em = Emitter(schedule, self, indent: "    ")
    for k in 0..<v.aval.count {
      let x = em.compute(e, Index(shape: v.aval.shape, flat: .c(k)))
      em.store(out, .c(k), x)
    }
    return block(em.lines)
  }

  /// Whether computing `a` moves indices (needs a multi-index loop).
  private func movesIndices(_ a: Atom) -> Bool {
    guard case .v(let v) = a, schedule.isInlined(v) else { return false }
    let e = schedule.eqn(schedule.producer[ObjectIdentifier(v)]!)
    if !e.primitive.isElementwise { return true }
    return e.inputs.contains { $0.aval.rank > 0 && $0.aval.shape != v.aval.shape || movesIndices($0) }
  }

  private func renderGroup(_ shape: [Int], _ roots: [Int]) -> [String] {
    let total = shape.elementCount
    if total == 0 { return [] }
    noteArrayLoop()
    let multi = shape.count > 1 && roots.contains { r in
      let e = schedule.eqn(r)
      return !e.primitive.isElementwise
        || e.inputs.contains { $0.aval.rank > 0 && $0.aval.shape != shape || movesIndices($0) }
    }
    let loopShape = multi ? shape : [total]
    let parallel = allowParallel && total >= parallelElementThreshold && loopShape[0] >= 2
    // A fused concatenate (numpy.gradient's edges and interior) splits the
    // loop at its boundaries, so each piece reads one operand unconditionally.
    let split = multi && !parallel ? concatenateSplit(shape, roots) : nil
    var loops: [String] = []
    for piece in split?.pieces ?? [0..<shape[0]] {
      let dim = split?.dim ?? 0
      let (open, close, idx, ind) = loopNest(loopShape, indent: parallel ? "  " : "    ", from: parallel ? "lo" : nil, to: parallel ? "hi" : nil,
                                             range: split == nil ? nil : (dim, piece))
      let index = multi ? Index(shape: shape, multi: idx) : Index(shape: shape, flat: idx[0])
      let em = Emitter(schedule, self, indent: ind)
      em.loopIndex = index
      if split != nil, case .e(let name) = idx[dim] { em.ranges[name] = piece }
      for r in roots {
        let e = schedule.eqn(r)
        let v = e.outputs[0]
        let x = em.compute(e, index)
        em.groupLocals[ObjectIdentifier(v)] = x
        if case .buffer(let b)? = schedule.storage[ObjectIdentifier(v)] { em.store(b, index.flat, x) }
      }
      loops += open + em.lines + close
    }
    if !parallel { return block(loops) }
    return outline(loops, extent: loopShape[0])
  }

  /// The pieces of a group loop along the dimension of a concatenate
  /// fused into it at the loop's own index (through elementwise ops).
  private func concatenateSplit(_ shape: [Int], _ roots: [Int]) -> (dim: Int, pieces: [Range<Int>])? {
    var found: (Int, [Int])? = nil
    var seen = Set<ObjectIdentifier>()
    func visit(_ a: Atom) {
      guard found == nil, case .v(let v) = a, v.aval.shape == shape, schedule.isInlined(v),
        seen.insert(ObjectIdentifier(v)).inserted
      else { return }
      let e = schedule.eqn(schedule.producer[ObjectIdentifier(v)]!)
      if case .concatenate(let d) = e.primitive {
        var cuts: [Int] = []
        var offset = 0
        for x in e.inputs {
          offset += x.aval.shape[d]
          cuts.append(offset)
        }
        found = (d, cuts)
      } else if e.primitive.isElementwise {
        e.inputs.forEach(visit)
      }
    }
    for r in roots { schedule.eqn(r).inputs.forEach(visit) }
    guard let (dim, cuts) = found, cuts.count > 1 else { return nil }
    var pieces: [Range<Int>] = []
    var lo = 0
    for c in cuts where c > lo {
      pieces.append(lo..<c)
      lo = c
    }
    return (dim, pieces)
  }

  /// Adds an outlined function to the file.
  func addFunction(_ source: String) { (parent ?? self).functions.append(source) }

  /// Moves a loop whose outermost range is `lo..<hi` into a task function
  /// and runs it through the runtime's thread pool.
  func outline(_ loop: [String], extent: Int) -> [String] {
    let fn = freshName("jx_task")
    let bufs = used.values.sorted { $0.id < $1.id }
    var decl: [String] = []
    for (j, b) in bufs.enumerated() {
      decl.append("  \(b.dtype.cType) *\(b.isLocal ? "" : "restrict ")\(b.name) = (\(b.dtype.cType) *)env[\(j)];")
    }
    (parent ?? self).functions.append(
      (["static void \(fn)(void *const *env, int64_t lo, int64_t hi) {"] + decl + loop + ["}"]).joined(separator: "\n"))
    let env = bufs.map { $0.isLocal ? "(void *)\($0.name)" : "(void *)\($0.name)__" }
    return [
      "  {",
      "    void *env_[] = {\(env.isEmpty ? "0" : env.joined(separator: ", "))};",
      "    rt->parallel_for(rt->pool, \(extent), \(fn), env_);",
      "  }",
    ]
  }
}
