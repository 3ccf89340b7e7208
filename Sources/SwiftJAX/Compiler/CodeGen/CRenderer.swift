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
}

/// Elements above which a loop is split across the thread pool.
let parallelElementThreshold: Int = 1 << 16

final class CRenderer {
  let schedule: Schedule
  private var counter = 0
  private(set) var currentItem = 0
  private var used: [Int: Buf] = [:]
  private var functions: [String] = []
  var callbacks: [Equation] = []

  init(_ schedule: Schedule) { self.schedule = schedule }

  func freshName(_ prefix: String) -> String {
    counter += 1
    return "\(prefix)\(counter)"
  }

  /// Records that the current item reads or writes `b`.
  func touch(_ b: Buf) {
    used[b.id] = b
    b.first = min(b.first, currentItem)
    b.last = max(b.last, currentItem)
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
      }
    }
    var src = RuntimeHeader.source
    src += "\n" + functions.joined(separator: "\n")
    src += "\n__attribute__((visibility(\"default\"))) int jx_main(const jx_runtime *rt, void *cbctx, void *const *ins, void *const *outs, char *scratch) {\n"
    src += (head + body + tail).joined(separator: "\n")
    src += "\n  return 0;\n}\n"
    return CProgram(source: src, scratchBytes: scratch, computedOutputs: schedule.computedOutputs, callbackEquations: callbacks)
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
  func loopNest(_ shape: [Int], indent: String, from lo: String? = nil, to hi: String? = nil) -> ([String], [String], [IE], String) {
    var open: [String] = []
    var close: [String] = []
    var idx: [IE] = []
    var ind = indent
    for (d, n) in shape.enumerated() {
      let name = freshName("i")
      let start = d == 0 ? (lo ?? "0") : "0"
      let end = d == 0 ? (hi ?? "\(n)") : "\(n)"
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
    let multi = shape.count > 1 && roots.contains { r in
      let e = schedule.eqn(r)
      return !e.primitive.isElementwise
        || e.inputs.contains { $0.aval.rank > 0 && $0.aval.shape != shape || movesIndices($0) }
    }
    let loopShape = multi ? shape : [total]
    let parallel = total >= parallelElementThreshold && loopShape[0] >= 2
    let (open, close, idx, ind) = loopNest(loopShape, indent: parallel ? "  " : "    ", from: parallel ? "lo" : nil, to: parallel ? "hi" : nil)
    let index = multi ? Index(shape: shape, multi: idx) : Index(shape: shape, flat: idx[0])
    let em = Emitter(schedule, self, indent: ind)
    em.loopIndex = index
    for r in roots {
      let e = schedule.eqn(r)
      let v = e.outputs[0]
      let x = em.compute(e, index)
      em.groupLocals[ObjectIdentifier(v)] = x
      if case .buffer(let b)? = schedule.storage[ObjectIdentifier(v)] { em.store(b, index.flat, x) }
    }
    let loop = open + em.lines + close
    if !parallel { return block(loop) }
    return outline(loop, extent: loopShape[0])
  }

  /// Moves a loop whose outermost range is `lo..<hi` into a task function
  /// and runs it through the runtime's thread pool.
  func outline(_ loop: [String], extent: Int) -> [String] {
    let fn = freshName("jx_task")
    let bufs = used.values.sorted { $0.id < $1.id }
    var decl: [String] = []
    for (j, b) in bufs.enumerated() {
      decl.append("  \(b.dtype.cType) *\(b.isLocal ? "" : "restrict ")\(b.name) = (\(b.dtype.cType) *)env[\(j)];")
    }
    functions.append(
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
