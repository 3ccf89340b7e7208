import Foundation

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
    var itemLines: [[String]] = []
    for (k, item) in schedule.items.enumerated() {
      currentItem = k
      used = [:]
      itemLines.append(["  /* \(describe(item)) */"] + renderItem(item))
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
    var code = functions.joined(separator: "\n")
    let parts = Self.partition(itemLines.map(\.count))
    if parts.count == 1 {
      code += "\n" + Self.signature + " {\n  jx_rt = rt;\n"
      code += (head(schedule.bufs.filter { $0.last >= 0 }) + itemLines.flatMap { $0 } + tail).joined(separator: "\n")
      code += "\n  return 0;\n}\n"
    } else {
      code += "\n" + renderParts(parts, itemLines, tail)
    }
    let src = RuntimeHeader.source(for: code) + "\n" + code
    return CProgram(source: src, scratchBytes: scratch, computedOutputs: schedule.computedOutputs, callbackEquations: callbacks,
                    hasArrayLoops: arrayLoops, hasLanes: lanes)
  }

  static let signature =
    "__attribute__((visibility(\"default\"))) int jx_main(const jx_runtime *rt, void *cbctx, void *const *ins, void *const *outs, char *scratch)"

  /// Lines of generated code above which the entry point is split into
  /// parts. clang's optimisation time grows faster than linearly with the
  /// size of one function (a 13,500-primitive chain in one function took
  /// 61 s to compile), and linearly with the number of bounded parts.
  /// `SWIFTJAX_JIT_PART_LINES` overrides it (0: never split), for
  /// measuring (scripts/compile_time.sh).
  static let partLineLimit: Int = {
    guard let s = ProcessInfo.processInfo.environment["SWIFTJAX_JIT_PART_LINES"], let n = Int(s), n >= 0 else { return 1500 }
    return n == 0 ? Int.max : n
  }()

  /// Consecutive ranges of items, each rendering to about
  /// `partLineLimit` lines (one range when the program is small).
  static func partition(_ lineCounts: [Int]) -> [Range<Int>] {
    var parts: [Range<Int>] = []
    var start = 0
    var lines = 0
    for (k, n) in lineCounts.enumerated() {
      if lines > 0 && lines + n > partLineLimit {
        parts.append(start..<k)
        start = k
        lines = 0
      }
      lines += n
    }
    parts.append(start..<lineCounts.count)
    return parts
  }

  /// Declarations of `bufs` at the top of a function. Locals in `shared`
  /// live in the caller's `jx_locals` struct and are reached through `L`.
  private func head(_ bufs: [Buf], shared: Set<Int> = []) -> [String] {
    bufs.compactMap { b in
      switch b.kind {
      case .input(let k): "  char *\(b.name)__ = (char *)ins[\(k)];"
      case .output(let k): "  char *\(b.name)__ = (char *)outs[\(k)];"
      case .scratch: "  char *\(b.name)__ = scratch + \(b.offset);"
      case .local where shared.contains(b.id): "  \(b.dtype.cType) *\(b.name) = L->\(b.name);"
      case .local: "  \(b.dtype.cType) \(b.name)[\(max(b.count, 1))];"
      case .bound: nil
      }
    }
  }

  /// The entry point as a sequence of non-inlined part functions, each
  /// compiled as a function of bounded size. Locals live within one part
  /// unless their lifetime spans parts; those move to a struct on the
  /// entry point's stack.
  private func renderParts(_ parts: [Range<Int>], _ itemLines: [[String]], _ tail: [String]) -> String {
    let n = schedule.items.count
    // The output copies (item `n`) belong to the last part.
    let ranges = parts.enumerated().map { k, r in k == parts.count - 1 ? r.lowerBound..<(n + 1) : r }
    // The part of an item, by binary search over the parts' starts.
    func part(_ item: Int) -> Int {
      var lo = 0, hi = ranges.count - 1
      while lo < hi {
        let mid = (lo + hi + 1) / 2
        if ranges[mid].lowerBound <= item { lo = mid } else { hi = mid - 1 }
      }
      return lo
    }
    var bufsOfPart = [[Buf]](repeating: [], count: ranges.count)
    var shared: [Buf] = []
    for b in schedule.bufs where b.last >= 0 {
      let (p, q) = (part(b.first), part(b.last))
      for k in p...q { bufsOfPart[k].append(b) }
      if b.isLocal && p != q { shared.append(b) }
    }
    var code = "typedef struct {\n"
    code += shared.map { "  \($0.dtype.cType) \($0.name)[\(max($0.count, 1))];\n" }.joined()
    code += shared.isEmpty ? "  char unused;\n} jx_locals;\n" : "} jx_locals;\n"
    let ids = Set(shared.map(\.id))
    var calls: [String] = []
    for (k, r) in ranges.enumerated() {
      let fn = "jx_part\(k)"
      var lines = ["static __attribute__((noinline)) int \(fn)(const jx_runtime *rt, void *cbctx, void *const *ins, void *const *outs, char *scratch, jx_locals *L) {",
                   "  (void)rt; (void)cbctx; (void)ins; (void)outs; (void)scratch; (void)L;"]
      lines += head(bufsOfPart[k], shared: ids)
      lines += itemLines[r.clamped(to: 0..<n)].flatMap { $0 }
      if k == ranges.count - 1 { lines += tail }
      lines.append("  return 0;\n}\n")
      code += lines.joined(separator: "\n")
      calls.append("  if (\(fn)(rt, cbctx, ins, outs, scratch, &L)) return 1;")
    }
    code += Self.signature + " {\n  jx_rt = rt;\n  jx_locals L;\n" + calls.joined(separator: "\n") + "\n  return 0;\n}\n"
    return code
  }

  private func describe(_ item: Item) -> String {
    switch item {
    case .group(let shape, let roots):
      return "loop \(shapeString(shape)): " + roots.map { schedule.eqn($0).primitive.name }.joined(separator: ", ")
    case .small(let i): return "small \(schedule.eqn(i).primitive.name) \(schedule.eqn(i).outputs[0].aval)"
    case .opaque(let i): return "\(schedule.eqn(i).primitive.name) \(schedule.eqn(i).outputs.map(\.aval.description).joined(separator: ", "))"
    case .gemmThen(let d, let shape, let roots):
      return describe(.opaque(d)) + ", then " + describe(.group(shape: shape, roots: roots))
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
    case .gemmThen(let d, let shape, let roots): return renderGemmThen(d, shape, roots)
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

  /// Product `d` with the loop over `shape` as its epilogue: one call of
  /// `rt->sgemm_then` when the loop is a flat parallel loop (its task's
  /// range is then a range of the product's elements), else the product
  /// and then the loop.
  private func renderGemmThen(_ d: Int, _ shape: [Int], _ roots: [Int]) -> [String] {
    var task: OutlinedTask? = nil
    let loop = renderGroup(shape, roots, outlined: &task)
    let e = schedule.eqn(d)
    guard let task, case .dotGeneral(let dn, _) = e.primitive else { return renderOpaque(d) + loop }
    return renderDot(e, dn, then: task)
  }

  private func renderGroup(_ shape: [Int], _ roots: [Int]) -> [String] {
    var task: OutlinedTask? = nil
    return renderGroup(shape, roots, outlined: &task)
  }

  /// The loop of `roots` over `shape`; `outlined` is set when it became a
  /// flat loop run by the pool (one index over all elements).
  private func renderGroup(_ shape: [Int], _ roots: [Int], outlined: inout OutlinedTask?) -> [String] {
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
    // Large results nothing reads again are streamed past the cache
    // (CRenderer+Streaming.swift): the flat loop then runs by blocks. A
    // loop that calls special functions keeps its plain stores
    // (``streams(callsSpecial:)``).
    let layout = GroupLayout(shape: shape, loopShape: loopShape, multi: multi, parallel: parallel, split: split)
    var stream: StreamBlock? = nil
    let plain = groupLoops(roots, layout, stream: nil)
    var loops = plain.lines
    if parallel, !multi, Self.streams(callsSpecial: plain.callsSpecial), let blocks = streamBlock(for: streamedBuffers(roots)) {
      stream = blocks
      loops = groupLoops(roots, layout, stream: blocks).lines
    }
    if !parallel { return block(loops) }
    let task = outlineTask(stream.map { streamed(loops, $0) } ?? loops)
    if loopShape.count == 1 { outlined = task }
    return runOutlined(task, extent: loopShape[0])
  }

  /// How a group's loop runs: over `shape`, as one flat index or a
  /// multi-index nest (`loopShape`), on the pool or not, split at a fused
  /// concatenate's boundaries or not.
  private struct GroupLayout {
    let shape: [Int]
    let loopShape: [Int]
    let multi: Bool
    let parallel: Bool
    let split: (dim: Int, pieces: [Range<Int>])?
  }

  /// The loop nest computing and storing `roots` (into `stream`'s block
  /// arrays when streamed), and whether its body calls a special function.
  private func groupLoops(_ roots: [Int], _ layout: GroupLayout, stream: StreamBlock?) -> (lines: [String], callsSpecial: Bool) {
    let (shape, loopShape, multi, parallel, split) = (layout.shape, layout.loopShape, layout.multi, layout.parallel, layout.split)
    let total = shape.elementCount
    let (lo, hi) = (stream?.start ?? "lo", stream?.end ?? "hi")
    var loops: [String] = []
    var callsSpecial = false
    for piece in split?.pieces ?? [0..<shape[0]] {
      let dim = split?.dim ?? 0
      let (open, close, idx, ind) = loopNest(loopShape, indent: parallel ? "  " : "    ", from: parallel ? lo : nil, to: parallel ? hi : nil,
                                             range: split == nil ? nil : (dim, piece))
      let index = multi ? Index(shape: shape, multi: idx) : Index(shape: shape, flat: idx[0])
      let em = Emitter(schedule, self, indent: ind)
      em.loopIndex = index
      if let stream { for t in stream.temps { em.storeTo[t.buf.id] = (t.name, stream.start) } }
      if split != nil, case .e(let name) = idx[dim] { em.ranges[name] = piece }
      for r in roots {
        let e = schedule.eqn(r)
        let v = e.outputs[0]
        let x = em.compute(e, index)
        em.groupLocals[ObjectIdentifier(v)] = x
        if case .buffer(let b)? = schedule.storage[ObjectIdentifier(v)] { em.store(b, index.flat, x) }
      }
      callsSpecial = callsSpecial || em.callsSpecial
      // The innermost loop runs by sin/cos blocks: the whole flat loop, or
      // each row of a multi-index loop (a broadcasting operand) long
      // enough for a vector or two.
      let inner = loopShape.count - 1
      if em.callsSpecial, split == nil, !multi || loopShape[inner] >= sinCosBlockMinimumRow,
        roots.allSatisfy({ schedule.eqn($0).primitive.isElementwise }),
        case .e(let name) = idx[inner], let innerOpen = open.last,
        let blocked = sinCosBlocks(em.lines, index: name, from: inner == 0 && parallel ? lo : "0",
                                   to: inner == 0 ? (parallel ? hi : "\(total)") : "\(loopShape[inner])",
                                   indent: String(innerOpen.prefix { $0 == " " })) {
        loops += open.dropLast() + blocked + close.dropFirst()
      } else {
        loops += (em.callsSpecial ? vectorizeHint(open) : open) + em.lines + close
      }
    }
    return (loops, callsSpecial)
  }

  /// `open` (a loop nest's opening lines) with the innermost loop marked
  /// for vectorisation. clang's cost model declines a loop calling the
  /// special functions (sin's table lookup and 64-bit products, the
  /// divisions of tanh and log1p), yet vectorised such a loop runs 3-4x
  /// faster (tanh*exp+log1p+sin over 1e7 float32: 262 -> 69 ms on one
  /// AVX2 core). Results keep their bits: each lane runs the scalar
  /// code's operations, and a group loop has no reduction for the hint's
  /// licence to reorder to apply to (every element is computed and
  /// stored on its own; reductions are kernels of their own). Other loops
  /// are left to the cost model, which vectorises plain arithmetic anyway.
  private func vectorizeHint(_ open: [String]) -> [String] {
    guard let last = open.last else { return open }
    let indent = String(last.prefix { $0 == " " })
    return open.dropLast() + ["\(indent)#pragma clang loop vectorize(enable)", last]
  }

  /// The shortest row of a multi-index loop run by ``sinCosBlocks``: a
  /// shorter row has no full AVX2 vector to gain from the small-argument
  /// forms, and would pay the block's flag test per row.
  private var sinCosBlockMinimumRow: Int { 8 }

  /// A loop over `from..<to` (a flat loop, or the innermost loop of a
  /// multi-index nest) whose `body` calls jx_sinf or jx_cosf,
  /// by blocks of 1024 elements: each block runs first with their
  /// small-argument forms, which leave out the reduction of arguments of
  /// 120 or more in magnitude (half of a vectorised sin's time) and flag
  /// the block when an argument needed it; a flagged block then runs again
  /// with the full functions. Same bits either way: the small-argument
  /// forms equal the full ones wherever they do not flag. The rerun may
  /// recompute every element because an elementwise group loop writes only
  /// its roots' buffers, which it does not read (the buffer planner gives
  /// a value memory no live value shares). nil when `body` calls neither.
  ///
  /// ```c
  /// for (int64_t b1 = lo; b1 < hi; b1 += 1024) {
  ///   const int64_t e2 = hi - b1 < 1024 ? hi : b1 + 1024;
  ///   uint32_t large3 = 0;
  ///   for (...) { ... jx_sinf_small_arg(&large3, t4) ... }
  ///   if (large3) { for (...) { ... jx_sinf(t4) ... } }
  /// }
  /// ```
  private func sinCosBlocks(_ body: [String], index i: String, from: String, to: String, indent: String) -> [String]? {
    let flag = freshName("large")
    guard let small = RuntimeHeader.smallArgumentSinCos(body, flag: flag) else { return nil }
    // Not "b": buffers are named b<id>, and a fresh "b" name can equal one
    // (a program that also reads buffer b114 got a block index b114).
    let b = freshName("blk"), e = freshName("e")
    let pragma = "#pragma clang loop vectorize(enable)"
    var out = [
      "\(indent)for (int64_t \(b) = \(from); \(b) < \(to); \(b) += 1024) {",
      "\(indent)  const int64_t \(e) = \(to) - \(b) < 1024 ? \(to) : \(b) + 1024;",
      "\(indent)  uint32_t \(flag) = 0;",
      "\(indent)  \(pragma)",
      "\(indent)  for (int64_t \(i) = \(b); \(i) < \(e); \(i)++) {",
    ]
    out += small.map { "    " + $0 }
    out += ["\(indent)  }", "\(indent)  if (\(flag)) {", "\(indent)    \(pragma)",
            "\(indent)    for (int64_t \(i) = \(b); \(i) < \(e); \(i)++) {"]
    out += body.map { "      " + $0 }
    out += ["\(indent)    }", "\(indent)  }", "\(indent)}"]
    return out
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
    runOutlined(outlineTask(loop), extent: extent)
  }

  /// A task function of the file and the C initialiser of its `env`.
  struct OutlinedTask {
    let function: String
    let env: String
  }

  /// Moves a loop whose outermost range is `lo..<hi` into a task function
  /// reading the buffers the current item uses from its `env`.
  func outlineTask(_ loop: [String]) -> OutlinedTask {
    let fn = freshName("jx_task")
    let bufs = used.values.sorted { $0.id < $1.id }
    var decl: [String] = []
    for (j, b) in bufs.enumerated() {
      decl.append("  \(b.dtype.cType) *\(b.isLocal ? "" : "restrict ")\(b.name) = (\(b.dtype.cType) *)env[\(j)];")
    }
    (parent ?? self).functions.append(
      (["static void \(fn)(void *const *env, int64_t lo, int64_t hi) {"] + decl + loop + ["}"]).joined(separator: "\n"))
    let env = bufs.map { $0.isLocal ? "(void *)\($0.name)" : "(void *)\($0.name)__" }
    return OutlinedTask(function: fn, env: "{\(env.isEmpty ? "0" : env.joined(separator: ", "))}")
  }

  /// Runs an outlined task over `0..<extent` through the pool.
  func runOutlined(_ task: OutlinedTask, extent: Int) -> [String] {
    [
      "  {",
      "    void *env_[] = \(task.env);",
      "    rt->parallel_for(rt->pool, \(extent), \(task.function), env_);",
      "  }",
    ]
  }
}
