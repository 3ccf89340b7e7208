import Foundation

// `shardMap` over a one-dimensional mesh (JAX's `jax.shard_map` with
// `P('i')`/`P()` specs), on top of pmap's device threads: a spec that names
// the mesh axis at position d means "dimension d is split into one block
// per device", which is pmap's placement with blocks instead of indices.

/// A grid of devices with named axes (`jax.make_mesh`). SwiftJAX supports
/// one-dimensional meshes of this process's devices (``Devices/localCount``).
///
/// ```swift
/// let mesh = Mesh(axisShapes: [2], axisNames: ["i"])   // 2 devices along 'i'
/// ```
public struct Mesh: Hashable, Sendable, CustomStringConvertible {
  /// The number of devices along each axis.
  public let axisShapes: [Int]
  /// The axes' names, used by collectives and ``PartitionSpec``s.
  public let axisNames: [String]

  /// A mesh of `axisShapes` devices with `axisNames` (one name per axis).
  ///
  /// ```swift
  /// let mesh = Mesh(axisShapes: [localDeviceCount()], axisNames: ["batch"])
  /// ```
  public init(axisShapes: [Int], axisNames: [String]) {
    self.axisShapes = axisShapes
    self.axisNames = axisNames
  }

  /// `Mesh('i': 2)`, as JAX prints meshes.
  public var description: String {
    "Mesh(" + zip(axisNames, axisShapes).map { "'\($0)': \($1)" }.joined(separator: ", ") + ")"
  }
}

/// How an array is laid out over a mesh (`jax.sharding.PartitionSpec`):
/// entry d names the mesh axis dimension d is split along, or is nil for a
/// dimension every device holds whole. `PartitionSpec()` replicates the
/// array. Like ``AxisSpec``, specs form a pytree prefix of the arguments:
/// an array literal has one spec per argument (or child), a dictionary
/// literal one per key or `@PyTree` field.
///
/// ```swift
/// typealias P = PartitionSpec        // as `from jax.sharding import PartitionSpec as P`
/// P("i")                             // dimension 0 split along mesh axis 'i'
/// P(nil, "i")                        // dimension 1 split
/// P()                                // replicated
/// let specs: PartitionSpec = [P("i"), P()]   // one per argument
/// ```
public indirect enum PartitionSpec: Hashable, Sendable, CustomStringConvertible,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  /// The mesh axis (or nil) of each leading dimension of every leaf below.
  case dims([String?])
  /// One spec per child, in order.
  case children([PartitionSpec])
  /// One spec per child key (dictionary key or struct field name).
  case fields([String: PartitionSpec])

  /// `P()`: replicated, every device holds the whole array.
  public init() { self = .dims([]) }
  /// `P("i")`, `P(nil, "i")`: the mesh axis of each dimension.
  public init(_ first: String?, _ rest: String?...) { self = .dims([first] + rest) }
  /// `[P("i"), P()]`: one spec per child (per argument at the top level).
  public init(arrayLiteral elements: PartitionSpec...) { self = .children(elements) }
  /// `["w": P(), "x": P("i")]`: one spec per key or `@PyTree` field.
  public init(dictionaryLiteral elements: (String, PartitionSpec)...) {
    self = .fields(Dictionary(elements, uniquingKeysWith: { a, _ in a }))
  }

  /// Python spelling: `P('i',)`, `P(None, 'i')`, `(P('i',), P())`.
  public var description: String {
    switch self {
    case .dims(let ds): return "P(" + ds.map { $0.map { "'\($0)'" } ?? "None" }.joined(separator: ", ") + (ds.count == 1 ? ",)" : ")")
    case .children(let cs): return "(" + cs.map(\.description).joined(separator: ", ") + (cs.count == 1 ? ",)" : ")")
    case .fields(let fs): return "{" + fs.keys.sorted().map { "'\($0)': \(fs[$0]!)" }.joined(separator: ", ") + "}"
    }
  }

  /// The equivalent axis spec on a one-dimensional mesh axis `name`: the
  /// dimension split along it (nil: replicated), or a message naming the
  /// offending spec.
  func axisSpec(meshAxis name: String) -> Result<AxisSpec?, SpecProblem> {
    switch self {
    case .dims(let ds):
      if let other = ds.compactMap({ $0 }).first(where: { $0 != name }) {
        return .failure(SpecProblem("\(self) names mesh axis '\(other)', but the mesh has only axis '\(name)'"))
      }
      let at = ds.indices.filter { ds[$0] == name }
      if at.count > 1 { return .failure(SpecProblem("\(self) splits two dimensions along mesh axis '\(name)'; a mesh axis can split one")) }
      return .success(at.first.map { AxisSpec.axis($0) })
    case .children(let cs):
      var out: [AxisSpec?] = []
      for c in cs {
        switch c.axisSpec(meshAxis: name) {
        case .success(let s): out.append(s)
        case .failure(let m): return .failure(m)
        }
      }
      return .success(AxisSpec.children(out))
    case .fields(let fs):
      var out: [String: AxisSpec?] = [:]
      for (k, c) in fs {
        switch c.axisSpec(meshAxis: name) {
        case .success(let s): out[k] = s
        case .failure(let m): return .failure(m)
        }
      }
      return .success(AxisSpec.fields(out))
    }
  }
}

/// What is wrong with a partition spec.
struct SpecProblem: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

/// Runs `f` on every device of a one-dimensional `mesh` (`jax.shard_map`):
/// device r gets block r of each argument split by `inSpecs` (an argument
/// with `PartitionSpec()` whole), and its results are concatenated along
/// the dimension `outSpecs` names (a `PartitionSpec()` result must be the
/// same on every device, a `psum` say, and is returned once). Inside `f`,
/// collectives over the mesh axis name communicate between the devices.
///
/// Any dimension can be split, not only the leading one, and the blocks
/// keep their rank (unlike `pmap`, which removes the mapped dimension).
/// Devices are threads of this process, and `f` is compiled once per
/// argument shapes, as with `pmap`; under another transformation it
/// computes the same values with `vmap(_, axisName:)`.
///
/// ```swift
/// typealias P = PartitionSpec
/// let mesh = Mesh(axisShapes: [2], axisNames: ["i"])
/// // Columns of x split over 2 devices, w replicated; x·w on each block,
/// // summed across devices.
/// let matvec = shardMap({ (x: Tensor, w: Tensor) in
///   Lax.psum(Numpy.matmul(x, w), axisName: "i")
/// }, mesh: mesh, inSpecs: [P(nil, "i"), P("i")], outSpecs: P())
/// matvec(Numpy.ones([3, 4]), Tensor([1, 2, 3, 4] as [Float]))   // [10, 10, 10]
/// ```
public func shardMap<A: PyTree, R: PyTree>(
  _ f: @escaping (A) -> R, mesh: Mesh, inSpecs: PartitionSpec, outSpecs: PartitionSpec,
  file: StaticString = #fileID, line: UInt = #line
) -> (A) -> R {
  deviceMappedFunction(f, shardMapping(mesh, inSpecs, outSpecs, CallSite(file: file, line: line)))
}

/// `shardMap` of a function of two arguments; see `shardMap(_:mesh:inSpecs:outSpecs:file:line:)`.
///
/// ```swift
/// let f = shardMap({ (x: Tensor, s: Tensor) in x * s }, mesh: mesh, inSpecs: [P("i"), P()], outSpecs: P("i"))
/// ```
public func shardMap<A: PyTree, B: PyTree, R: PyTree>(
  _ f: @escaping (A, B) -> R, mesh: Mesh, inSpecs: PartitionSpec, outSpecs: PartitionSpec,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> R {
  deviceMappedFunction(f, shardMapping(mesh, inSpecs, outSpecs, CallSite(file: file, line: line)))
}

/// `shardMap` of a function of three arguments; see `shardMap(_:mesh:inSpecs:outSpecs:file:line:)`.
///
/// ```swift
/// let step = shardMap(trainStep, mesh: mesh, inSpecs: [P(), P("i"), P("i")], outSpecs: P())
/// ```
public func shardMap<A: PyTree, B: PyTree, C: PyTree, R: PyTree>(
  _ f: @escaping (A, B, C) -> R, mesh: Mesh, inSpecs: PartitionSpec, outSpecs: PartitionSpec,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> R {
  deviceMappedFunction(f, shardMapping(mesh, inSpecs, outSpecs, CallSite(file: file, line: line)))
}

/// The placement of a `shardMap`, with any mistake in the mesh or specs
/// kept to be reported when it is called.
private func shardMapping(_ mesh: Mesh, _ inSpecs: PartitionSpec, _ outSpecs: PartitionSpec, _ site: CallSite) -> DeviceMapping {
  let name = mesh.axisNames.first ?? ""
  let n = mesh.axisShapes.first ?? 0
  var problem: String? = nil
  if mesh.axisNames.count != 1 || mesh.axisShapes.count != 1 {
    problem = "shardMap supports one-dimensional meshes, got \(mesh)"
  } else if n < 1 {
    problem = "the mesh axis '\(name)' must have at least one device, got \(mesh)"
  }
  func spec(_ s: PartitionSpec, _ what: String) -> AxisSpec? {
    switch s.axisSpec(meshAxis: name) {
    case .success(let a): return a
    case .failure(let m):
      problem = problem ?? "\(what): \(m.message)"
      return nil
    }
  }
  let ins = spec(inSpecs, "inSpecs")
  let outs = spec(outSpecs, "outSpecs")
  var mapping = DeviceMapping(placement: .block(devices: max(1, n)), axisName: name, inAxes: ins, outAxes: outs, site: site)
  mapping.specError = problem.map { JAXError(.value, "shard_map", $0, site: site) }
  return mapping
}
