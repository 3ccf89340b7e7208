// Prints Jaxprs in the layout of JAX 0.10's `make_jaxpr`:
//   { lambda ; a:f32[3]. let b:f32[3] = sin a; c:f32[3] = mul b 2.0:f32[] in (c,) }
// and, when that does not fit in 80 columns, one equation per line.

extension Jaxpr: CustomStringConvertible {
  public var description: String {
    var p = JaxprPrinter(self)
    return p.render()
  }
}

/// JAX's variable names: a, b, ..., z, ba, bb, ...
func jaxprVarName(_ n: Int) -> String {
  var n = n
  var s = ""
  repeat {
    s = String(UnicodeScalar(UInt8(97 + n % 26))) + s
    n /= 26
  } while n > 0
  return s
}

struct JaxprPrinter {
  let jaxpr: Jaxpr
  var names: [ObjectIdentifier: String] = [:]
  var counter = 0
  let width = 80

  init(_ jaxpr: Jaxpr) { self.jaxpr = jaxpr }

  mutating func name(_ v: Var) -> String {
    if let n = names[ObjectIdentifier(v)] { return n }
    let n = jaxprVarName(counter)
    counter += 1
    names[ObjectIdentifier(v)] = n
    return n
  }

  mutating func atom(_ a: Atom) -> String {
    switch a {
    case .v(let v): return name(v)
    case .literal(let l): return "\(literalString(l.value)):\(l.aval)"
    }
  }

  mutating func binder(_ v: Var) -> String { "\(name(v)):\(v.aval)" }

  mutating func render() -> String {
    let consts = jaxpr.constVars.map { binder($0) }.joined(separator: " ")
    let ins = jaxpr.inVars.map { binder($0) }.joined(separator: " ")
    var eqns: [(lhs: String, prim: String, params: [String], args: String)] = []
    for e in jaxpr.equations {
      let args = e.inputs.map { atom($0) }.joined(separator: " ")
      let lhs = e.outputs.map { binder($0) }.joined(separator: " ")
      eqns.append((lhs, e.primitive.name, e.primitive.printedParams, args))
    }
    let outs = jaxpr.outputs.map { atom($0) }
    let outStr = "(" + outs.joined(separator: ", ") + (outs.count == 1 ? ",)" : ")")
    let head = "{ lambda \(consts); \(ins). let"
    func oneLine(_ e: (lhs: String, prim: String, params: [String], args: String)) -> String {
      let p = e.params.isEmpty ? "" : "[" + e.params.joined(separator: " ") + "]"
      return "\(e.lhs) = \(e.prim)\(p)\(e.args.isEmpty ? "" : " " + e.args)"
    }
    let flat = head + (eqns.isEmpty ? " " : " " + eqns.map(oneLine).joined(separator: "; ") + " ") + "in \(outStr) }"
    if flat.count <= width && !flat.contains("\n") { return flat }
    var lines = [head]
    for e in eqns {
      let line = "    " + oneLine(e)
      if line.count <= width || e.params.isEmpty {
        lines.append(line)
      } else {
        lines.append("    \(e.lhs) = \(e.prim)[")
        for p in e.params { lines.append("      \(p)") }
        lines.append("    ]\(e.args.isEmpty ? "" : " " + e.args)")
      }
    }
    lines.append("  in \(outStr) }")
    return lines.joined(separator: "\n")
  }
}

/// A scalar literal as Python would print it (`2.0`, `3`, `True`, `inf`).
func literalString(_ c: ConcreteArray) -> String {
  switch c.element(0) {
  case .bool(let b): return b ? "True" : "False"
  case .int(let i): return "\(i)"
  case .uint(let u): return "\(u)"
  case .float(let d):
    if d.isNaN { return "nan" }
    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
    switch c.aval.dtype {
    case .float32: return pythonFloatRepr(Float(d).description)
    case .float16: return pythonFloatRepr(Float16(d).description)
    default: return pythonFloatRepr(d.description)
    }
  }
}

/// Swift's shortest round-trip digits in Python's repr spelling.
func pythonFloatRepr(_ s: String) -> String {
  var s = s
  if s.contains("e") {
    // Swift: 1e-05 / 1e+16 — Python uses the same shape.
    return s
  }
  if !s.contains(".") { s += ".0" }
  return s
}

/// Tuple formatting as Python prints it: `(0,)`, `(1, 2)`, `()`.
func pyTuple(_ xs: [Int]) -> String {
  xs.count == 1 ? "(\(xs[0]),)" : "(" + xs.map(String.init).joined(separator: ", ") + ")"
}

func pyList(_ xs: [Int]) -> String { "[" + xs.map(String.init).joined(separator: ", ") + "]" }

extension Primitive {
  /// Parameters as JAX prints them (sorted by name; defaults JAX hides are
  /// hidden).
  var printedParams: [String] {
    switch self {
    case .unary(.round): return ["rounding_method=0"]
    case .unary(.roundEven): return ["rounding_method=1"]
    case .unary, .binary, .compare, .selectN, .clamp, .dynamicUpdateSlice: return []
    case .integerPow(let y): return ["y=\(y)"]
    case .convertElementType(let d, let weak):
      return ["new_dtype=\(d.name)", "weak_type=\(weak ? "True" : "False")"]
    case .bitcastConvertType(let d): return ["new_dtype=\(d.name)"]
    case .iota(let d, let shape, let dim):
      return ["dimension=\(dim)", "dtype=\(d.name)", "sharding=None", "shape=\(pyTuple(shape))"]
    case .broadcastInDim(_, let dims):
      return dims.isEmpty ? [] : ["broadcast_dimensions=\(pyTuple(dims))"]
    case .reshape(let sizes): return ["dimensions=None", "new_sizes=\(pyTuple(sizes))", "sharding=None"]
    case .transpose(let p): return ["permutation=\(pyTuple(p))"]
    case .squeeze(let d): return ["dimensions=\(pyTuple(d))"]
    case .expandDims(let d): return ["dimensions=\(pyTuple(d))"]
    case .rev(let d): return ["dimensions=\(pyTuple(d))"]
    case .slice(let s, let l, let st):
      return ["limit_indices=\(pyTuple(l))", "start_indices=\(pyTuple(s))", "strides=\(st.map(pyTuple) ?? "None")"]
    case .dynamicSlice(let sizes): return ["slice_sizes=\(pyTuple(sizes))"]
    case .concatenate(let d): return ["dimension=\(d)"]
    case .pad(let cfg): return ["padding_config=(" + cfg.map { "(\($0.low), \($0.high), \($0.interior))" }.joined(separator: ", ") + (cfg.count == 1 ? ",)" : ")")]
    case .gather(let dn, let sizes, let mode, let fill):
      return [
        "dimension_numbers=GatherDimensionNumbers(offset_dims=\(pyTuple(dn.offsetDims)), collapsed_slice_dims=\(pyTuple(dn.collapsedSliceDims)), start_index_map=\(pyTuple(dn.startIndexMap)), operand_batching_dims=\(pyTuple(dn.operandBatchingDims)), start_indices_batching_dims=\(pyTuple(dn.startIndicesBatchingDims)))",
        "fill_value=\(fill.map { "\($0)" } ?? "None")", "indices_are_sorted=False", "mode=\(mode.jaxName)",
        "slice_sizes=\(pyTuple(sizes))", "unique_indices=False",
      ]
    case .scatter(_, let dn, let mode):
      return [
        "dimension_numbers=ScatterDimensionNumbers(update_window_dims=\(pyTuple(dn.updateWindowDims)), inserted_window_dims=\(pyTuple(dn.insertedWindowDims)), scatter_dims_to_operand_dims=\(pyTuple(dn.scatterDimsToOperandDims)), operand_batching_dims=\(pyTuple(dn.operandBatchingDims)), scatter_indices_batching_dims=\(pyTuple(dn.scatterIndicesBatchingDims)))",
        "indices_are_sorted=False", "mode=\(mode.jaxName)", "unique_indices=False", "update_consts=()", "update_jaxpr=None",
      ]
    case .reduce(_, let axes): return ["axes=\(pyTuple(axes))", "out_sharding=None"]
    case .argReduce(_, let axis, let d): return ["axes=(\(axis),)", "index_dtype=\(d.name)"]
    case .cumulative(_, let axis, let rev): return ["axis=\(axis)", "reverse=\(rev ? "True" : "False")"]
    case .dotGeneral(let dn, let pref):
      return [
        "dimension_numbers=((\(pyList(dn.lhsContracting)), \(pyList(dn.rhsContracting))), (\(pyList(dn.lhsBatch)), \(pyList(dn.rhsBatch))))",
        "preferred_element_type=\(pref?.name ?? "None")",
      ]
    case .sort(let dim, let stable, let keys):
      return ["dimension=\(dim)", "is_stable=\(stable ? "True" : "False")", "num_keys=\(keys)"]
    case .custom(let call): return call.printedParams
    }
  }
}

extension GatherMode {
  var jaxName: String {
    switch self {
    case .clip: "GatherScatterMode.CLIP"
    case .fillOrDrop: "GatherScatterMode.FILL_OR_DROP"
    case .promiseInBounds: "GatherScatterMode.PROMISE_IN_BOUNDS"
    }
  }
}
