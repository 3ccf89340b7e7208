// Expression emission: the C statements computing one element of a value
// at a given index, recursing through fused (inlined) producers. Values
// read more than once at the same index are computed once (memoised).

final class Emitter {
  let schedule: Schedule
  let renderer: CRenderer
  var lines: [String] = []
  var indent: String
  /// Values already computed in this scope, by "variable@index".
  var memo: [String: String] = [:]
  /// Loop-computed roots available as temporaries at `loopIndex`.
  var groupLocals: [ObjectIdentifier: String] = [:]
  var loopIndex: Index?
  /// Known ranges of loop variables (a loop split into pieces).
  var ranges: [String: Range<Int>] = [:]
  /// Whether an emitted expression calls a special function
  /// (``RuntimeHeader/callsSpecialFunction(_:)``).
  var callsSpecial = false
  /// Buffers whose stores go to a block's stack array instead, by buffer
  /// id: the array and the block's first index (a streamed loop,
  /// CRenderer+Streaming.swift).
  var storeTo: [Int: (array: String, base: String)] = [:]

  init(_ schedule: Schedule, _ renderer: CRenderer, indent: String) {
    self.schedule = schedule
    self.renderer = renderer
    self.indent = indent
  }

  func line(_ s: String) { lines.append(indent + s) }

  /// A fresh temporary holding `expr` (compute type of `dtype`); float16
  /// and bfloat16 values are rounded here, after every operation.
  func temp(_ expr: String, _ dtype: DType) -> String {
    let t = renderer.freshName("t")
    line("const \(dtype.cComputeType) \(t) = \(dtype.cRound(expr));")
    return t
  }

  /// Reads element `idx` of a buffer, in the compute type.
  func load(_ b: Buf, _ idx: IE) -> String {
    renderer.touch(b)
    let e = "\(b.name)[\(idx.s)]"
    return b.dtype.cLoad(e)
  }

  /// Writes a compute-typed value to element `idx` of a buffer.
  func store(_ b: Buf, _ idx: IE, _ value: String) {
    renderer.touch(b)
    if let (array, base) = storeTo[b.id] {
      line("\(array)[\(idx.s) - \(base)] = \(b.dtype.cStore(value));")
    } else {
      line("\(b.name)[\(idx.s)] = \(b.dtype.cStore(value));")
    }
  }

  /// The value of `a` at `idx`, as a C expression of its compute type.
  func value(_ a: Atom, _ idx: Index) -> String {
    switch a {
    case .literal(let l): return cLiteral(l.value)
    case .v(let v):
      let id = ObjectIdentifier(v)
      if let t = groupLocals[id], let li = loopIndex, li.key == idx.key { return t }
      let key = "\(UInt(bitPattern: id))@\(idx.key)"
      if let t = memo[key] { return t }
      let result: String
      switch schedule.storage[id] {
      case .buffer(let b)?:
        result = load(b, idx.flat)
        if case .c = idx.flat { return result }  // constant loads need no temporary
      case .inlined?:
        result = compute(schedule.eqn(schedule.producer[id]!), idx)
      case nil:
        fatalError("internal error: \(v.aval) has no storage and is not in the current loop")
      }
      memo[key] = result
      return result
    }
  }

  /// Where an elementwise operand is read: the same element, element 0 of
  /// a scalar, or (size-1 dimensions broadcasting, as lax allows) index 0
  /// along its size-1 dimensions.
  static func operandIndex(_ shape: [Int], _ idx: Index) -> Index {
    if shape == idx.shape { return idx }
    if shape.isEmpty { return .scalar }
    let m = idx.multi
    return Index(shape: shape, multi: shape.indices.map { shape[$0] == 1 ? .c(0) : m[$0] })
  }

  /// Computes the (single) output of `e` at `idx`.
  func compute(_ e: Equation, _ idx: Index) -> String {
    let out = e.outputs[0].aval
    let ins = e.inputs.map(\.aval)
    if e.primitive.isElementwise {
      let args = e.inputs.map { value($0, Emitter.operandIndex($0.aval.shape, idx)) }
      if case .bitcastConvertType(let to) = e.primitive {
        let from = ins[0].dtype
        let t = renderer.freshName("t")
        line("\(to.cType) \(t); { \(from.cType) s_ = (\(from.cType))(\(from.cStore(args[0]))); memcpy(&\(t), &s_, sizeof s_); }")
        return to.cLoad(t)
      }
      let expr = e.primitive.cExpression(args, ins, out)
      if !callsSpecial && RuntimeHeader.callsSpecialFunction(expr) { callsSpecial = true }
      return temp(expr, out.dtype)
    }
    return computeIndexing(e, idx)
  }
}
