// The collective primitives (JAX's lax/parallel.py): operations whose result
// on one member of a named axis depends on the values of every member. They
// are one case of `Primitive` (`.collective`) so each transformation's
// switch needs one line; the rules themselves live in this folder.

/// Which collective, with its static parameters (JAX's `psum_p`,
/// `all_gather_p`, `reduce_scatter_p`, `all_to_all_p`, `ppermute_p`,
/// `axis_index_p`; `pmean` and `axis_size` are built from them).
///
/// ```swift
/// print(vmap({ (x: Tensor) in Lax.pmax(x, axisName: "i") }, axisName: "i")(jnp.array([1, 5, 2])))
/// // [5 5 5]
/// ```
public enum CollectiveOp: Hashable, Sendable {
  /// All-reduce sum (`psum`).
  case psum
  /// All-reduce maximum (`pmax`).
  case pmax
  /// All-reduce minimum (`pmin`).
  case pmin
  /// Gathers every member's value along `dimension`: stacked into a new
  /// axis, or concatenated into an existing one when `tiled`.
  case allGather(dimension: Int, tiled: Bool)
  /// `psum` then keep this member's block along `dimension` (that axis is
  /// removed unless `tiled`).
  case psumScatter(dimension: Int, tiled: Bool)
  /// Splits `splitAxis` into one chunk per member, sends chunk j to member
  /// j and concatenates what arrives along `concatAxis`.
  case allToAll(splitAxis: Int, concatAxis: Int)
  /// Sends the value of member `src` to member `dst` for each pair; members
  /// that receive nothing get zeros.
  case ppermute(perm: [Pair])
  /// This member's index along the axis (an int32 scalar; no operands).
  case axisIndex

  /// A (source, destination) pair of `ppermute`.
  ///
  /// ```swift
  /// // A ring shift over 4 devices: 0 -> 1 -> 2 -> 3 -> 0.
  /// let ring = (0..<4).map { CollectiveOp.Pair($0, ($0 + 1) % 4) }
  /// ```
  public struct Pair: Hashable, Sendable {
    /// The member whose value is sent.
    public var source: Int
    /// The member that receives it.
    public var destination: Int
    /// The pair `source` -> `destination`.
    ///
    /// - Parameters:
    ///   - source: The sending member's axis index.
    ///   - destination: The receiving member's axis index.
    public init(_ source: Int, _ destination: Int) {
      self.source = source
      self.destination = destination
    }
  }
}

/// A collective over the named axis `axisName`, whose size is fixed when
/// the collective is bound (so shape rules need no axis environment).
///
/// ```swift
/// // What Lax.psum(x, axisName: "i") binds on 2 devices:
/// let p = Collective(.psum, axisName: "i", axisSize: 2)
/// ```
public struct Collective: Hashable, Sendable {
  /// What the collective computes.
  public var op: CollectiveOp
  /// The named axis it communicates over.
  public var axisName: String
  /// The number of members along that axis.
  public var axisSize: Int

  /// A collective `op` over `axisSize` members of axis `axisName`.
  ///
  /// - Parameters:
  ///   - op: What to compute.
  ///   - axisName: The axis.
  ///   - axisSize: The axis size.
  package init(_ op: CollectiveOp, axisName: String, axisSize: Int) {
    self.op = op
    self.axisName = axisName
    self.axisSize = axisSize
  }

  /// The `jax.lax` primitive name.
  public var name: String {
    switch op {
    case .psum: "psum"
    case .pmax: "pmax"
    case .pmin: "pmin"
    case .allGather: "all_gather"
    case .psumScatter: "reduce_scatter"
    case .allToAll: "all_to_all"
    case .ppermute: "ppermute"
    case .axisIndex: "axis_index"
    }
  }

  /// Parameters as JAX prints them in a Jaxpr.
  var printedParams: [String] {
    let axes = "axes=('\(axisName)',)"
    let name = "axis_name=('\(axisName)',)"
    switch op {
    case .psum, .pmax, .pmin: return [axes, "axis_index_groups=None"]
    case .allGather(let d, let tiled):
      return ["all_gather_dimension=\(d)", name, "axis_index_groups=None", "axis_size=\(axisSize)", "tiled=\(tiled ? "True" : "False")"]
    case .psumScatter(let d, let tiled):
      return ["scatter_dimension=\(d)", name, "axis_index_groups=None", "axis_size=\(axisSize)", "tiled=\(tiled ? "True" : "False")"]
    case .allToAll(let s, let c):
      return ["axis_name=('\(axisName)',)", "split_axis=\(s)", "concat_axis=\(c)", "axis_index_groups=None", "tiled=False"]
    case .ppermute(let perm):
      return [name, "perm=(" + perm.map { "(\($0.source), \($0.destination))" }.joined(separator: ", ") + (perm.count == 1 ? ",)" : ")")]
    case .axisIndex: return ["axis_name='\(axisName)'"]
    }
  }

  /// The number of operands the collective takes.
  var arity: Int {
    if case .axisIndex = op { return 0 }
    return 1
  }
}

extension Primitive {
  /// Whether this is a collective (routed to the binder of its axis name).
  @inline(__always)
  var isCollective: Bool {
    if case .collective = self { return true }
    return false
  }
}

extension Collective {
  /// The shape/dtype rule: the operand checks of JAX's abstract evaluation
  /// rules, with the axis size known.
  func abstractEval(_ ins: [ShapedArray]) throws(JAXError) -> [ShapedArray] {
    func fail(_ kind: JAXError.Kind, _ msg: String) -> JAXError { JAXError(kind, name, msg) }
    if ins.count != arity { throw fail(.value, "expected \(arity) operand(s), got \(ins.count)") }
    guard let x = ins.first else { return [ShapedArray(shape: [], dtype: .int32)] }
    func checkAxis(_ a: Int, _ bound: Int, _ what: String) throws(JAXError) {
      if a < 0 || a >= bound {
        throw fail(.axis, "\(what) \(a) is out of bounds for an operand of shape \(shapeString(x.shape)) (valid: 0..<\(bound))")
      }
    }
    let n = axisSize
    switch op {
    case .psum, .pmax, .pmin:
      if !x.dtype.isNumeric { throw fail(.dtype, "operand must be numeric, got \(x.dtype) (shape \(shapeString(x.shape)))") }
      return [x]
    case .allGather(let d, let tiled):
      var shape = x.shape
      if tiled {
        try checkAxis(d, x.rank, "all_gather axis")
        shape[d] *= n
      } else {
        try checkAxis(d, x.rank + 1, "all_gather axis")
        shape.insert(n, at: d)
      }
      return [x.with(shape: shape)]
    case .psumScatter(let d, let tiled):
      if !x.dtype.isNumeric { throw fail(.dtype, "operand must be numeric, got \(x.dtype)") }
      try checkAxis(d, x.rank, "scatter_dimension")
      var shape = x.shape
      if tiled {
        if shape[d] % n != 0 {
          throw fail(.shape, "tiled reduce_scatter operand scatter dimension size \(shape[d]) must be divisible by shard_count \(n) (operand shape \(shapeString(x.shape)), axis '\(axisName)')")
        }
        shape[d] /= n
      } else {
        if shape[d] != n {
          throw fail(.shape, "reduce_scatter operand scatter dimension size \(shape[d]) must match shard count \(n) (operand shape \(shapeString(x.shape)), axis '\(axisName)')")
        }
        shape.remove(at: d)
      }
      return [x.with(shape: shape)]
    case .allToAll(let s, let c):
      try checkAxis(s, x.rank, "split_axis")
      try checkAxis(c, x.rank, "concat_axis")
      if x.shape[s] % n != 0 {
        throw fail(.shape, "split_axis \(s) of an operand of shape \(shapeString(x.shape)) has size \(x.shape[s]), which is not divisible by the size \(n) of axis '\(axisName)'")
      }
      var shape = x.shape
      shape[s] /= n
      shape[c] *= n
      return [x.with(shape: shape)]
    case .ppermute(let perm):
      var sources = Set<Int>(), destinations = Set<Int>()
      for p in perm {
        if p.source < 0 || p.source >= n || p.destination < 0 || p.destination >= n {
          throw fail(.value, "perm pair (\(p.source), \(p.destination)) is out of range for axis '\(axisName)' of size \(n)")
        }
        if !sources.insert(p.source).inserted || !destinations.insert(p.destination).inserted {
          throw fail(.value, "perm sources and destinations must be unique, got \(perm.map { "(\($0.source), \($0.destination))" }.joined(separator: ", "))")
        }
      }
      return [x]
    case .axisIndex:
      return [ShapedArray(shape: [], dtype: .int32)]
    }
  }
}
