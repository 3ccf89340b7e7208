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

/// Lays out Jaxprs like JAX's pretty printer: a construct is printed on
/// one line when it fits in 80 columns at its indentation, otherwise
/// broken (equations one per line; long parameter lists one per line).
/// Variable names are assigned in a first pass, in the order JAX assigns
/// them, so the layout choice cannot change the names.
struct JaxprPrinter {
  let root: Jaxpr
  var names: [ObjectIdentifier: String] = [:]
  var counter = 0
  /// Sub-jaxprs JAX's equations carry but SwiftJAX's primitives do not
  /// (scatter's `update_jaxpr`), keyed by the equation's first output.
  var synthetic: [ObjectIdentifier: Jaxpr] = [:]
  let width = 80

  init(_ jaxpr: Jaxpr) { self.root = jaxpr }

  mutating func render() -> String {
    synthesize(root)
    assignNames(root)
    return layout(root, column: 0, indent: 0)
  }

  // MARK: Synthesized sub-jaxprs

  /// JAX's scatter-add/mul/min/max carry the combiner as `update_jaxpr`
  /// (`{ lambda ; a:f32[] b:f32[]. let c:f32[] = add a b in (c,) }`),
  /// whose binders take names in the shared sequence.
  mutating func synthesize(_ j: Jaxpr) {
    for e in j.equations {
      // The window product is JAX's generic reduce_window, whose `jaxpr`
      // is the combiner.
      if case .reduceWindow(.prod, _) = e.primitive, let out = e.outputs.first {
        let s = ShapedArray(shape: [], dtype: out.aval.dtype)
        let a = Var(s), b = Var(s), c = Var(s)
        synthetic[ObjectIdentifier(out)] = Jaxpr(
          constVars: [], inVars: [a, b], equations: [Equation(.binary(.mul), [.v(a), .v(b)], [c])], outputs: [.v(c)])
      }
      if case .scatter(let op, _, _) = e.primitive, let out = e.outputs.first {
        let bin: BinaryOp? = switch op {
        case .set: nil
        case .add: .add
        case .mul: .mul
        case .min: .min
        case .max: .max
        }
        if let bin {
          let s = ShapedArray(shape: [], dtype: out.aval.dtype)
          let a = Var(s), b = Var(s), c = Var(s)
          synthetic[ObjectIdentifier(out)] = Jaxpr(
            constVars: [], inVars: [a, b], equations: [Equation(.binary(bin), [.v(a), .v(b)], [c])], outputs: [.v(c)])
        }
      }
      for sub in e.primitive.subJaxprs { synthesize(sub) }
    }
  }

  /// The sub-jaxprs of `e` in printing order, synthesized ones included.
  func subJaxprs(_ e: Equation) -> [Jaxpr] {
    e.primitive.subJaxprs + (e.outputs.first.flatMap { synthetic[ObjectIdentifier($0)] }.map { [$0] } ?? [])
  }

  /// The printed parameters of `e`, synthesized sub-jaxprs included.
  func params(_ e: Equation) -> [(name: String, value: PrintedValue)] {
    let ps = e.primitive.printedParams
    guard let out = e.outputs.first, let syn = synthetic[ObjectIdentifier(out)] else { return ps }
    return ps.map { $0.name == "update_jaxpr" || $0.name == "jaxpr" ? ($0.name, .jaxprs([syn], tuple: false)) : $0 }
  }

  // MARK: Naming

  mutating func name(_ v: Var) {
    if names[ObjectIdentifier(v)] != nil { return }
    names[ObjectIdentifier(v)] = jaxprVarName(counter)
    counter += 1
  }

  mutating func assignNames(_ j: Jaxpr) {
    for v in j.constVars + j.inVars { name(v) }
    var used = Set<ObjectIdentifier>()
    for e in j.equations { for case .v(let v) in e.inputs { used.insert(ObjectIdentifier(v)) } }
    for case .v(let v) in j.outputs { used.insert(ObjectIdentifier(v)) }
    for e in j.equations {
      for v in e.outputs where used.contains(ObjectIdentifier(v)) { name(v) }
      for sub in subJaxprs(e) { assignNames(sub) }
    }
  }

  func atom(_ a: Atom) -> String {
    switch a {
    case .v(let v): return names[ObjectIdentifier(v)] ?? "_"
    case .literal(let l): return "\(literalString(l.value)):\(l.aval)"
    }
  }

  func binder(_ v: Var) -> String { "\(names[ObjectIdentifier(v)] ?? "_"):\(v.aval)" }

  // MARK: Layout

  /// One-line form, or nil if some part must be broken.
  func flat(_ j: Jaxpr) -> String? {
    var eqns: [String] = []
    for e in j.equations {
      guard let line = flatEquation(e) else { return nil }
      eqns.append(line)
    }
    let body = eqns.isEmpty ? " " : " " + eqns.joined(separator: "; ") + " "
    return "{ lambda \(j.constVars.map(binder).joined(separator: " ")); \(j.inVars.map(binder).joined(separator: " ")). let\(body)in \(outputs(j)) }"
  }

  func outputs(_ j: Jaxpr) -> String {
    let outs = j.outputs.map(atom)
    return "(" + outs.joined(separator: ", ") + (outs.count == 1 ? ",)" : ")")
  }

  func flatEquation(_ e: Equation) -> String? {
    var params: [String] = []
    for p in self.params(e) {
      switch p.value {
      case .text(let t): params.append("\(p.name)=\(t)")
      case .jaxprs: return nil
      }
    }
    return head(e) + (params.isEmpty ? "" : "[" + params.joined(separator: " ") + "]") + args(e)
  }

  func head(_ e: Equation) -> String {
    // A host callback's unread token is not shown: JAX's `debug_print`
    // has no outputs.
    if case .hostCallback(let h) = e.primitive, !h.isPure, e.outputs.allSatisfy({ names[ObjectIdentifier($0)] == nil }) {
      return e.primitive.name
    }
    return e.outputs.map(binder).joined(separator: " ") + " = " + e.primitive.name
  }
  /// JAX writes the space even with no operands (`iota[...] `).
  func args(_ e: Equation) -> String { " " + e.inputs.map(atom).joined(separator: " ") }

  /// Renders `j` starting at `column` (for the one-line check); broken
  /// lines are indented relative to `indent`.
  func layout(_ j: Jaxpr, column: Int, indent: Int) -> String {
    if let f = flat(j), column + f.count <= width { return f }
    let pad = String(repeating: " ", count: indent)
    var lines = ["{ lambda \(j.constVars.map(binder).joined(separator: " ")); \(j.inVars.map(binder).joined(separator: " ")). let"]
    for e in j.equations { lines.append(layoutEquation(e, indent: indent + 4)) }
    lines.append(pad + "  in \(outputs(j)) }")
    return lines.joined(separator: "\n")
  }

  func layoutEquation(_ e: Equation, indent: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    if let f = flatEquation(e), indent + f.count <= width { return pad + f }
    var lines = [pad + head(e) + "["]
    let ppad = pad + "  "
    for p in params(e) {
      switch p.value {
      case .text(let t): lines.append(ppad + "\(p.name)=\(t)")
      case .jaxprs(let js, let tuple):
        if !tuple {
          lines.append(ppad + "\(p.name)=" + layout(js[0], column: indent + 2 + p.name.count + 1, indent: indent + 2))
        } else {
          lines.append(ppad + "\(p.name)=(")
          for j in js { lines.append(ppad + "  " + layout(j, column: indent + 4, indent: indent + 4)) }
          lines.append(ppad + ")")
        }
      }
    }
    lines.append(pad + "]" + args(e))
    return lines.joined(separator: "\n")
  }
}

/// A printed parameter value: text, or sub-jaxprs (a tuple when
/// `tuple`, as `cond`'s branches).
enum PrintedValue {
  case text(String)
  case jaxprs([Jaxpr], tuple: Bool)
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
  case .complex(let re, let im):
    return pythonComplexRepr(re, im, single: c.aval.dtype == .complex64)
  }
}

/// Python's `repr` of a complex: `1j`, `(1+2j)`, `(1.5-0j)`, `(nan+infj)`.
func pythonComplexRepr(_ re: Double, _ im: Double, single: Bool) -> String {
  func part(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
    let s = pythonFloatRepr(single ? Float(d).description : d.description)
    return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
  }
  if re == 0 && re.sign == .plus { return part(im) + "j" }
  let imText = part(im)
  let sign = imText.hasPrefix("-") ? "" : "+"
  return "(" + part(re) + sign + imText + "j)"
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
  /// Parameters as JAX prints them, sorted by name (parameters JAX
  /// hides, such as shardings and accuracy, are hidden).
  var printedParams: [(name: String, value: PrintedValue)] {
    let text = printedTextParams
    switch controlFlow {
    case .scan(let p):
      return [("jaxpr", .jaxprs([p.body], tuple: false))] + text
    case .whileLoop(let p):
      return [("body_jaxpr", .jaxprs([p.body], tuple: false)), text[0], ("cond_jaxpr", .jaxprs([p.cond], tuple: false)), text[1]]
    case .cond(let p):
      return [("branches", .jaxprs(p.branches, tuple: true))]
    case nil:
      return text
    }
  }

  /// The sub-jaxprs a primitive carries, in printing order.
  var subJaxprs: [Jaxpr] {
    switch controlFlow {
    case .scan(let p): [p.body]
    case .whileLoop(let p): [p.body, p.cond]
    case .cond(let p): p.branches
    case nil: []
    }
  }

  private var printedTextParams: [(name: String, value: PrintedValue)] {
    textParams.map { p in
      let i = p.firstIndex(of: "=")!
      return (String(p[..<i]), .text(String(p[p.index(after: i)...])))
    }
  }

  private var textParams: [String] {
    switch self {
    case .unary(.round): return ["rounding_method=0"]
    case .unary(.roundEven): return ["rounding_method=1"]
    case .unary, .binary, .compare, .selectN, .clamp, .dynamicUpdateSlice: return []
    case .integerPow(let y): return ["y=\(y)"]
    case .convertElementType(let d, let weak):
      return ["new_dtype=\(d.name)", "weak_type=\(weak ? "True" : "False")"]
    case .bitcastConvertType(let d): return ["new_dtype=\(d.name)"]
    case .iota(let d, let shape, let dim):
      return ["dimension=\(dim)", "dtype=\(d.name)", "shape=\(pyTuple(shape))", "sharding=None"]
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
    case .reduce(let op, let axes):
      // Only reduce_sum carries (and prints) an out_sharding.
      return op == .sum ? ["axes=\(pyTuple(axes))", "out_sharding=None"] : ["axes=\(pyTuple(axes))"]
    case .argReduce(_, let axis, let d): return ["axes=(\(axis),)", "index_dtype=\(d.name)"]
    case .cumulative(_, let axis, let rev): return ["axis=\(axis)", "reverse=\(rev ? "True" : "False")"]
    case .dotGeneral(let dn, let pref):
      // JAX hides preferred_element_type when it is None.
      return ["dimension_numbers=((\(pyList(dn.lhsContracting)), \(pyList(dn.rhsContracting))), (\(pyList(dn.lhsBatch)), \(pyList(dn.rhsBatch))))"]
        + (pref.map { ["preferred_element_type=\($0.name)"] } ?? [])
    case .convGeneralDilated(let p):
      let dn = p.dimensionNumbers
      return [
        "batch_group_count=\(p.batchGroupCount)",
        "dimension_numbers=ConvDimensionNumbers(lhs_spec=\(pyTuple(dn.lhsSpec)), rhs_spec=\(pyTuple(dn.rhsSpec)), out_spec=\(pyTuple(dn.outSpec)))",
        "feature_group_count=\(p.featureGroupCount)", "lhs_dilation=\(pyTuple(p.lhsDilation))",
        "padding=(\(p.padding.map { "(\($0.low), \($0.high))" }.joined(separator: ", "))\(p.padding.count == 1 ? "," : ""))",
        "precision=None", "preferred_element_type=\(p.preferredElementType?.name ?? "None")",
        "rhs_dilation=\(pyTuple(p.rhsDilation))", "window_strides=\(pyTuple(p.windowStrides))",
      ]
    case .fft(let type, let lengths): return ["fft_lengths=\(pyTuple(lengths))", "fft_type=\(type.rawValue)"]
    case .reduceWindow(let op, let p):
      // The generic reduce_window (the product) also prints its combiner
      // (synthesized by the printer, like scatter's update_jaxpr).
      return [
        "base_dilation=\(pyTuple(p.baseDilation))",
      ] + (op == .prod ? ["consts=()", "jaxpr={}"] : []) + [
        "padding=(\(p.padding.map { "(\($0.low), \($0.high))" }.joined(separator: ", "))\(p.padding.count == 1 ? "," : ""))",
        "window_dilation=\(pyTuple(p.windowDilation))", "window_dimensions=\(pyTuple(p.windowDimensions))",
        "window_strides=\(pyTuple(p.windowStrides))",
      ]
    case .sort(let dim, let stable, let keys):
      return ["dimension=\(dim)", "is_stable=\(stable ? "True" : "False")", "num_keys=\(keys)"]
    case .scan(let p):
      return ["length=\(p.length)", "num_carry=\(p.numCarry)", "num_consts=\(p.numConsts)", "reverse=\(p.reverse ? "True" : "False")", "unroll=\(p.unroll)"]
    case .whileLoop(let p):
      return ["body_nconsts=\(p.bodyNConsts)", "cond_nconsts=\(p.condNConsts)"]
    case .cond:
      return []
    case .custom(let call): return call.printedParams
    case .hostCallback(let h): return h.printedParams
    case .collective(let c): return c.printedParams
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
