// JAX's type-promotion lattice (jax/_src/dtypes.py, "type promotion
// semantics" JEP 9407). Weak types stand for Python (here: Swift literal)
// scalars: they take part in the lattice as the abstract `int_`/`float_`
// nodes (and `complex_` for complex scalars), so `f32 * 2.0` stays f32 and `i32 + 2.5` becomes f32.

/// A dtype with its weak-type bit: the unit of type promotion.
///
/// ```swift
/// print(DType.resultType([PromotionType(.int32), PromotionType(.float32, weak: true)]).dtype)
/// // float32
/// ```
public struct PromotionType: Hashable, Sendable {
  /// The dtype.
  public var dtype: DType
  /// Whether the value is weakly typed (came from a Swift literal or scalar).
  public var weak: Bool
  /// A node of the promotion lattice: `PromotionType(.float32, weak: true)`.
  public init(_ dtype: DType, weak: Bool = false) {
    self.dtype = dtype
    self.weak = weak
  }
}

/// Nodes of the promotion lattice: concrete dtypes plus the weak `int_` and
/// `float_` nodes.
private enum LatticeNode: Hashable {
  case dtype(DType)
  case weakInt
  case weakFloat
  case weakComplex

  init(_ t: PromotionType) {
    if t.weak {
      if t.dtype.isComplex { self = .weakComplex; return }
      if t.dtype.isFloatingPoint { self = .weakFloat; return }
      if t.dtype.isInteger { self = .weakInt; return }
    }
    self = .dtype(t.dtype)
  }

  /// Immediate successors in the lattice (the edges JAX draws).
  var successors: [LatticeNode] {
    switch self {
    case .dtype(.bool): [.weakInt]
    case .weakInt: [.dtype(.uint8), .dtype(.int8)]
    case .dtype(.uint8): [.dtype(.int16), .dtype(.uint16)]
    case .dtype(.uint16): [.dtype(.int32), .dtype(.uint32)]
    case .dtype(.uint32): [.dtype(.int64), .dtype(.uint64)]
    case .dtype(.uint64): [.weakFloat]
    case .dtype(.int8): [.dtype(.int16)]
    case .dtype(.int16): [.dtype(.int32)]
    case .dtype(.int32): [.dtype(.int64)]
    case .dtype(.int64): [.weakFloat]
    case .weakFloat: [.dtype(.float16), .dtype(.bfloat16), .weakComplex]
    case .dtype(.float16): [.dtype(.float32)]
    // bfloat16 and float16 are siblings: their join is float32 (JAX's lattice).
    case .dtype(.bfloat16): [.dtype(.float32)]
    case .dtype(.float32): [.dtype(.float64), .dtype(.complex64)]
    case .dtype(.float64): [.dtype(.complex128)]
    case .weakComplex: [.dtype(.complex64)]
    case .dtype(.complex64): [.dtype(.complex128)]
    case .dtype(.complex128): []
    }
  }

  /// All nodes reachable from this one, itself included.
  var upperBounds: Set<LatticeNode> {
    var seen: Set<LatticeNode> = [self]
    var work = [self]
    while let n = work.popLast() {
      for s in n.successors where !seen.contains(s) {
        seen.insert(s)
        work.append(s)
      }
    }
    return seen
  }
}

// Computed once (Swift globals initialise lazily and thread-safely).
private let upperBoundTable: [LatticeNode: Set<LatticeNode>] = {
  var t: [LatticeNode: Set<LatticeNode>] = [:]
  for d in DType.allCases { t[.dtype(d)] = LatticeNode.dtype(d).upperBounds }
  t[.weakInt] = LatticeNode.weakInt.upperBounds
  t[.weakFloat] = LatticeNode.weakFloat.upperBounds
  t[.weakComplex] = LatticeNode.weakComplex.upperBounds
  return t
}()

/// Pairwise results for the hot path of binary operators, indexed by
/// `[x64][lhs][rhs]` with `index = dtype * 2 + weak`.
private let pairTable: [[[PromotionType]]] = [false, true].map { x64 in
  JAXConfig.withX64(x64) {
    let all = DType.allCases.flatMap { [PromotionType($0), PromotionType($0, weak: true)] }
    return all.map { a in all.map { b in DType.resultTypeSlow([a, b]) } }
  }
}

extension DType {
  /// The result type of combining `types` under JAX's promotion rules
  /// (`jnp.result_type`).
  ///
  /// ```swift
  /// DType.resultType(PromotionType(.float32), PromotionType(.float32, weak: true))
  /// // PromotionType(.float32, weak: false)
  /// DType.resultType(PromotionType(.int32), PromotionType(.float32, weak: true))
  /// // float32, weak
  /// ```
  public static func resultType(_ types: [PromotionType]) -> PromotionType {
    if types.count == 2 { return resultType(types[0], types[1]) }
    return resultTypeSlow(types)
  }

  /// The result type of two operands: a table lookup (the hot path of
  /// every binary operator).
  ///
  /// ```swift
  /// DType.resultType(PromotionType(.int8), PromotionType(.uint8)).dtype  // int16
  /// ```
  @inline(__always)
  public static func resultType(_ x: PromotionType, _ y: PromotionType) -> PromotionType {
    let a = Int(x.dtype.rawValue) * 2 + (x.weak ? 1 : 0)
    let b = Int(y.dtype.rawValue) * 2 + (y.weak ? 1 : 0)
    return pairTable[JAXConfig.enableX64 ? 1 : 0][a][b]
  }

  /// JAX's `_lattice_result_type` followed by `result_type`'s
  /// canonicalisation: inputs are canonicalised first (without x64, 64-bit
  /// types count as 32-bit); equal dtypes that are not all weak give that
  /// dtype; all-weak operands join their plain dtypes; a weak result takes
  /// the default dtype of its kind (a weak uint8 + weak uint8 is weak
  /// uint32, as in JAX).
  fileprivate static func resultTypeSlow(_ types: [PromotionType]) -> PromotionType {
    precondition(!types.isEmpty, "resultType needs at least one type")
    let ts = types.map { PromotionType($0.dtype.canonical, weak: $0.weak) }
    func finish(_ d: DType, weak: Bool) -> PromotionType {
      guard weak else { return PromotionType(d.canonical) }
      let kindDefault: DType =
        d.isBool ? .bool : d.isUnsignedInteger ? .defaultUInt : d.isSignedInteger ? .defaultInt
        : d.isComplex ? .defaultComplex : .defaultFloat
      return PromotionType(kindDefault, weak: true)
    }
    if ts.count == 1 { return finish(ts[0].dtype, weak: ts[0].weak) }
    let allWeak = ts.allSatisfy(\.weak)
    if Set(ts.map(\.dtype)).count == 1 && !allWeak { return PromotionType(ts[0].dtype) }
    let nodes: Set<LatticeNode> = allWeak ? Set(ts.map { LatticeNode.dtype($0.dtype) }) : Set(ts.map(LatticeNode.init))
    var common: Set<LatticeNode>? = nil
    for n in nodes {
      let ub = upperBounds(of: n)
      common = common.map { $0.intersection(ub) } ?? ub
    }
    let candidates = common ?? []
    guard let lub = candidates.first(where: { c in candidates.allSatisfy { upperBounds(of: c).contains($0) } }) else {
      return PromotionType(.defaultFloat)
    }
    switch lub {
    case .dtype(let d): return finish(d, weak: allWeak)
    case .weakInt: return PromotionType(.defaultInt, weak: true)
    case .weakFloat: return PromotionType(.defaultFloat, weak: true)
    case .weakComplex: return PromotionType(.defaultComplex, weak: true)
    }
  }

  private static func upperBounds(of n: LatticeNode) -> Set<LatticeNode> {
    upperBoundTable[n]!
  }
}
