import Foundation

// Native control flow: scan and while become C loops, cond/switch a C
// `switch`, with their bodies scheduled and fused by a nested renderer
// (CRenderer(body:parent:)) inside the loop. Small carries (at most
// `smallElementLimit` elements) are C local arrays indexed by constants,
// which clang promotes to registers: a Lorenz state never touches memory.
// Large carries are double-buffered (the body writes the next carry while
// reading the current one, then the pointers swap), and each stacked `ys`
// row is written in place into the preallocated output.

extension CRenderer {
  /// How the enclosing code refers to a buffer's bytes (`char *`).
  func bytes(_ b: Buf) -> String { b.isLocal ? "((char *)\(b.name))" : "\(b.name)__" }

  /// A buffer holding operand `a` for a body: its own buffer, or a local
  /// initialised with a literal's value.
  func operandBuf(_ a: Atom, into lines: inout [String]) -> Buf {
    switch a {
    case .v(let v):
      let b = buf(v)
      keepAlive(b)
      return b
    case .literal(let l):
      let b = schedule.newBuf(l.aval, .local)
      keepAlive(b)
      lines.append("    \(b.name)[0] = \(l.aval.dtype.cStore(cLiteral(l.value)));")
      return b
    }
  }

  /// A loop-carried value: a local array when small, else two scratch
  /// buffers behind the swapped pointers `cur__` / `nxt__`.
  struct Carry {
    let cur: Buf
    let nxt: Buf?
    var small: Bool { nxt == nil }
  }

  func makeCarries(_ avals: [ShapedArray], initial: [Atom], into lines: inout [String]) -> [Carry] {
    zip(avals, initial).map { aval, a in
      let src = operandBuf(a, into: &lines)
      if aval.count <= smallElementLimit {
        let cur = schedule.newBuf(aval, .local)
        keepAlive(cur)
        if aval.byteCount > 0 { lines.append("    memcpy(\(cur.name), \(bytes(src)), \(aval.byteCount));") }
        return Carry(cur: cur, nxt: nil)
      }
      let (a, b) = (schedule.newBuf(aval, .scratch), schedule.newBuf(aval, .scratch))
      keepAlive(a)
      keepAlive(b)
      let cur = schedule.newBuf(aval, .bound), nxt = schedule.newBuf(aval, .bound)
      lines.append("    char *\(cur.name)__ = \(a.name)__, *\(nxt.name)__ = \(b.name)__;")
      lines.append("    memcpy(\(cur.name)__, \(bytes(src)), \(aval.byteCount));")
      return Carry(cur: cur, nxt: nxt)
    }
  }

  /// Body outputs the body can write straight into `targets` (a produced
  /// value that appears once among the outputs); the rest are copied.
  func directOutputs(_ body: Jaxpr, _ targets: [Int: Buf]) -> [ObjectIdentifier: Buf] {
    let produced = Set(body.equations.flatMap { $0.outputs.map(ObjectIdentifier.init) })
    var count: [ObjectIdentifier: Int] = [:]
    for case .v(let v) in body.outputs { count[ObjectIdentifier(v), default: 0] += 1 }
    var direct: [ObjectIdentifier: Buf] = [:]
    for (k, b) in targets {
      guard case .v(let v) = body.outputs[k] else { continue }
      let id = ObjectIdentifier(v)
      if produced.contains(id) && count[id] == 1 { direct[id] = b }
    }
    return direct
  }

  /// Renders `body` reading `inputs`; returns its code and its renderer
  /// (for reading its outputs).
  func renderBody(_ body: Jaxpr, inputs: [Buf], outputs: [ObjectIdentifier: Buf]) -> ([String], CRenderer) {
    let s = Schedule(body, parent: schedule, inputs: inputs, outputs: outputs)
    let r = CRenderer(body: s, parent: self)
    return (r.renderItems(), r)
  }

  /// Copies body output `a` into `dst` unless it was written there already.
  func copyOutput(_ a: Atom, _ dst: Buf, _ r: CRenderer, indent: String) -> [String] {
    if case .v(let v) = a, case .buffer(let b)? = r.schedule.storage[ObjectIdentifier(v)], b === dst { return [] }
    if dst.count == 0 { return [] }
    if case .v(let v) = a, case .buffer(let b)? = r.schedule.storage[ObjectIdentifier(v)] {
      return ["\(indent)memcpy(\(bytes(dst)), \(bytes(b)), \(dst.byteCount));"]
    }
    let em = Emitter(r.schedule, r, indent: indent + "  ")
    let (open, close, idx, ind) = dst.count <= smallElementLimit ? ([], [], [IE](), indent + "  ") : r.loopNest([dst.count], indent: indent + "  ")
    em.indent = ind
    let target = "((\(dst.dtype.cType) *)\(bytes(dst)))"
    if dst.count <= smallElementLimit {
      for j in 0..<dst.count { em.line("\(target)[\(j)] = \(storeCast(dst.dtype, em.value(a, .scalar)));") }
    } else {
      em.line("\(target)[\(idx[0].s)] = \(storeCast(dst.dtype, em.value(a, .scalar)));")
    }
    return ["\(indent){"] + open + em.lines + close + ["\(indent)}"]
  }

  func storeCast(_ d: DType, _ x: String) -> String { d.cStore(x) }

  /// Updates the carries from the body's outputs: small ones through
  /// temporaries (a carry may be another's new value), large ones by
  /// copying what the body did not write in place, then swapping pointers.
  func advance(_ carries: [Carry], _ outs: [Atom], _ r: CRenderer, indent: String) -> [String] {
    var lines: [String] = []
    var temps: [(Buf, String)] = []
    for (c, a) in zip(carries, outs) where c.small && c.cur.count > 0 {
      let t = freshName("nc")
      switch a {
      case .v(let v):
        guard case .buffer(let b)? = r.schedule.storage[ObjectIdentifier(v)] else { fatalError("internal error: carry without storage") }
        if b === c.cur { continue }
        lines.append("\(indent)\(c.cur.dtype.cType) \(t)[\(c.cur.count)]; memcpy(\(t), \(bytes(b)), \(c.cur.byteCount));")
      case .literal(let l):
        lines.append("\(indent)\(c.cur.dtype.cType) \(t)[1] = {\(storeCast(l.aval.dtype, cLiteral(l.value)))};")
      }
      temps.append((c.cur, t))
    }
    for (b, t) in temps { lines.append("\(indent)memcpy(\(b.name), \(t), \(b.byteCount));") }
    for (c, a) in zip(carries, outs) where !c.small {
      lines += copyOutput(a, c.nxt!, r, indent: indent)
      lines.append("\(indent){ char *sw_ = \(c.cur.name)__; \(c.cur.name)__ = \(c.nxt!.name)__; \(c.nxt!.name)__ = sw_; }")
    }
    return lines
  }

  /// Copies the final carries into the equation's carry outputs.
  func finish(_ carries: [Carry], _ outs: [Var]) -> [String] {
    zip(carries, outs).compactMap { c, v in
      let dst = buf(v)
      keepAlive(dst)
      return dst.byteCount == 0 ? nil : "    memcpy(\(bytes(dst)), \(bytes(c.cur)), \(dst.byteCount));"
    }
  }

  // MARK: scan

  func renderScan(_ e: Equation, _ p: ScanParams) -> [String] {
    let nC = p.numConsts, nK = p.numCarry
    var lines: [String] = []
    let consts = e.inputs[..<nC].map { operandBuf($0, into: &lines) }
    let carries = makeCarries(e.outputs[..<nK].map(\.aval), initial: Array(e.inputs[nC..<(nC + nK)]), into: &lines)
    let xs = e.inputs[(nC + nK)...].map { operandBuf($0, into: &lines) }
    let ys = e.outputs[nK...].map { v -> Buf in
      let b = buf(v)
      keepAlive(b)
      return b
    }
    if p.length > 0 {
      let xRows = p.body.inVars[(nC + nK)...].map { schedule.newBuf($0.aval, .bound) }
      let yRows = p.body.outputs[nK...].map { schedule.newBuf($0.aval, .bound) }
      var targets: [Int: Buf] = [:]
      for (k, c) in carries.enumerated() where !c.small { targets[k] = c.nxt! }
      for (j, y) in yRows.enumerated() { targets[nK + j] = y }
      let (bufsBefore, callbacksBefore) = (schedule.bufs.count, callbacks.count)
      let (bodyLines, r) = renderBody(p.body, inputs: consts + carries.map(\.cur) + xRows, outputs: directOutputs(p.body, targets))
      let it = freshName("it"), i = freshName("i")
      /// One iteration at step `step` (a C expression).
      func iteration(_ step: String) -> [String] {
        var l = ["    {", "      const int64_t \(i) = \(p.reverse ? "\(p.length - 1) - (\(step))" : step);"]
        for (x, row) in zip(xs, xRows) { l.append("      char *\(row.name)__ = \(bytes(x)) + \(i) * \(row.byteCount);") }
        for (y, row) in zip(ys, yRows) { l.append("      char *\(row.name)__ = \(bytes(y)) + \(i) * \(row.byteCount);") }
        l += bodyLines
        for (k, row) in yRows.enumerated() { l += copyOutput(p.body.outputs[nK + k], row, r, indent: "      ") }
        l += advance(carries, Array(p.body.outputs[..<nK]), r, indent: "      ")
        return l + ["    }"]
      }
      // A map (no carry) with enough work runs its iterations in parallel.
      if nK == 0 && allowParallel && p.length >= 2 && p.length * Self.work(p.body) >= parallelElementThreshold,
        let task = outlineMap(length: p.length, iteration: iteration(it), counter: it, privateFrom: bufsBefore,
                              newCallbacks: callbacks.count > callbacksBefore)
      {
        // Several examples jammed into one inner scan (their carries side
        // by side): worth SLP vectorisation.
        if p.body.equations.contains(where: { if case .scan(let q) = $0.primitive { q.numCarry >= 2 } else { false } }) { noteLanes() }
        return ["  {"] + lines + task + ["  }"]
      }
      let u = min(max(p.unroll, 1), p.length)
      let main = p.length / u * u
      lines.append("    for (int64_t \(it) = 0; \(it) < \(main); \(it) += \(u)) {")
      for k in 0..<u { lines += iteration(k == 0 ? it : "\(it) + \(k)") }
      lines.append("    }")
      if main < p.length {
        lines.append("    for (int64_t \(it) = \(main); \(it) < \(p.length); \(it)++) {")
        lines += iteration(it)
        lines.append("    }")
      }
    }
    lines += finish(carries, Array(e.outputs[..<nK]))
    return ["  {"] + lines + ["  }"]
  }

  /// Roughly how many element operations one run of `body` performs.
  static func work(_ body: Jaxpr) -> Int {
    body.equations.reduce(0) { total, e in
      let own = e.outputs.reduce(0) { $0 + max($1.aval.count, 1) }
      let inner: Int
      switch e.primitive.controlFlow {
      case .scan(let p): inner = p.length * work(p.body)
      case .whileLoop(let p): inner = 100 * work(p.body)  // trip count unknown
      case .cond(let p): inner = p.branches.map(work).max() ?? 0
      case nil: inner = 0
      }
      return total &+ own &+ inner
    }
  }

  /// Moves the iterations of a map (a scan without carries) into a task
  /// function run by the thread pool: iteration `counter` becomes the
  /// task's range. Buffers the body created (ids from `privateFrom` on)
  /// become the task's own locals; outer buffers are passed in `env`.
  /// Returns nil (render serially) when the body needs shared scratch
  /// memory or runtime callbacks, which iterations cannot share.
  func outlineMap(length: Int, iteration: [String], counter: String, privateFrom: Int, newCallbacks: Bool) -> [String]? {
    if newCallbacks { return nil }
    let text = iteration.joined(separator: "\n")
    let declared = Set(matches(#"\*b([0-9]+)__ ="#, in: text))
    var env: [Buf] = []
    var decl: [String] = []
    var seen = Set<Int>()
    for id in matches(#"\bb([0-9]+)__"#, in: text) + matches(#"\bv([0-9]+)\b"#, in: text) where seen.insert(id).inserted {
      let b = schedule.bufs[id]
      if declared.contains(id), case .bound = b.kind { continue }
      if id >= privateFrom {
        // Made by the body: private to each task, which needs it local.
        guard b.isLocal else { return nil }
        decl.append("  \(b.dtype.cType) \(b.name)[\(max(b.count, 1))];")
      } else if b.isLocal {
        decl.append("  \(b.dtype.cType) *\(b.name) = (\(b.dtype.cType) *)env[\(env.count)];")
        env.append(b)
      } else {
        decl.append("  char *\(b.name)__ = (char *)env[\(env.count)];")
        env.append(b)
      }
    }
    let fn = freshName("jx_task")
    let loop = ["  for (int64_t \(counter) = lo; \(counter) < hi; \(counter)++) {"] + iteration + ["  }"]
    addFunction((["static void \(fn)(void *const *env, int64_t lo, int64_t hi) {"] + decl + loop + ["}"]).joined(separator: "\n"))
    let args = env.map { $0.isLocal ? "(void *)\($0.name)" : "(void *)\($0.name)__" }
    return [
      "    void *env_[] = {\(args.isEmpty ? "0" : args.joined(separator: ", "))};",
      "    rt->parallel_for(rt->pool, \(length), \(fn), env_);",
    ]
  }

  /// The integers captured by the first group of `pattern` in `text`.
  private func matches(_ pattern: String, in text: String) -> [Int] {
    let re = try! NSRegularExpression(pattern: pattern)
    return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
      Range(m.range(at: 1), in: text).flatMap { Int(text[$0]) }
    }
  }

  // MARK: while

  func renderWhile(_ e: Equation, _ p: WhileParams) -> [String] {
    let nCC = p.condNConsts, nBC = p.bodyNConsts
    var lines: [String] = []
    let condConsts = e.inputs[..<nCC].map { operandBuf($0, into: &lines) }
    let bodyConsts = e.inputs[nCC..<(nCC + nBC)].map { operandBuf($0, into: &lines) }
    let carries = makeCarries(e.outputs.map(\.aval), initial: Array(e.inputs[(nCC + nBC)...]), into: &lines)
    let (condLines, cr) = renderBody(p.cond, inputs: condConsts + carries.map(\.cur), outputs: [:])
    var targets: [Int: Buf] = [:]
    for (k, c) in carries.enumerated() where !c.small { targets[k] = c.nxt! }
    let (bodyLines, br) = renderBody(p.body, inputs: bodyConsts + carries.map(\.cur), outputs: directOutputs(p.body, targets))
    let pe = Emitter(cr.schedule, cr, indent: "      ")
    let pred = pe.value(p.cond.outputs[0], .scalar)
    lines.append("    for (;;) {")
    lines += condLines + pe.lines
    lines.append("      if (!(\(pred))) break;")
    lines += bodyLines
    lines += advance(carries, p.body.outputs, br, indent: "      ")
    lines.append("    }")
    lines += finish(carries, e.outputs)
    return ["  {"] + lines + ["  }"]
  }

  // MARK: cond / switch

  func renderCond(_ e: Equation, _ p: CondParams) -> [String] {
    var lines: [String] = []
    let index = Emitter(schedule, self, indent: "    ")
    let w = index.value(e.inputs[0], .scalar)
    lines += index.lines
    let ops = e.inputs.dropFirst().map { operandBuf($0, into: &lines) }
    let outs = e.outputs.map { v -> Buf in
      let b = buf(v)
      keepAlive(b)
      return b
    }
    let n = p.branches.count
    // The index is clamped into range, as JAX does.
    lines.append("    switch (jx_clampi((int64_t)(\(w)), 0, \(n - 1))) {")
    for (k, branch) in p.branches.enumerated() {
      let targets = Dictionary(uniqueKeysWithValues: outs.enumerated().map { ($0, $1) })
      let (bl, r) = renderBody(branch, inputs: ops, outputs: directOutputs(branch, targets))
      lines.append(k == n - 1 ? "    default: {" : "    case \(k): {")
      lines += bl
      for (a, dst) in zip(branch.outputs, outs) { lines += copyOutput(a, dst, r, indent: "      ") }
      lines.append("      break;")
      lines.append("    }")
    }
    lines.append("    }")
    return ["  {"] + lines + ["  }"]
  }
}
