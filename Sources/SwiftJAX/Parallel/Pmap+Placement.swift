import Foundation

// How `pmap` and `shardMap` split their arguments across the devices and
// put the devices' results back together: pmap gives device r index r of
// the mapped dimension (which disappears) and stacks the results along a
// new dimension; shardMap gives it block r of the sharded dimension (which
// stays, shorter) and concatenates the results. Either way an unmapped
// argument goes whole to every device, and an unmapped result must be the
// same on every device and is returned once.

/// The placement rules of one `pmap` or `shardMap`.
struct DeviceMapping {
  enum Placement: Equatable {
    /// `pmap`: device r gets index r of the mapped dimension.
    case index
    /// `shardMap` over a mesh axis of `devices` devices: device r gets
    /// block r of the sharded dimension.
    case block(devices: Int)
  }

  let placement: Placement
  let axisName: String
  /// A prefix of the argument list: the mapped (or sharded) dimension of
  /// each argument, nil for a broadcast (replicated) one.
  let inAxes: AxisSpec?
  /// A prefix of the result: where the device axis goes, nil for a result
  /// that is the same on every device.
  let outAxes: AxisSpec?
  let site: CallSite
  /// A mistake in the specifications found when the function was made,
  /// reported at each call.
  var specError: JAXError? = nil

  static func pmap(_ axisName: String, _ inAxes: AxisSpec?, _ outAxes: AxisSpec?, _ site: CallSite) -> DeviceMapping {
    DeviceMapping(placement: .index, axisName: axisName, inAxes: inAxes, outAxes: outAxes, site: site)
  }

  /// The JAX name, for messages.
  var name: String { placement == .index ? "pmap" : "shard_map" }

  private func error(_ kind: JAXError.Kind, _ message: String) -> JAXError { JAXError(kind, name, message, site: site) }

  /// The mapped dimension of each leaf, normalised.
  func inDims(_ leaves: [Tensor], defs: [TreeDef], paths: [String]) -> Result<[Int?], JAXError> {
    if let specError { return .failure(specError) }
    return resolveInAxes(inAxes, leaves, argDefs: defs, paths: paths, transform: name).mapError { e in
      var e = e
      e.site = site
      return e
    }
  }

  /// The number of devices: pmap's mapped size, the same for every mapped
  /// argument; shardMap's mesh size, which must divide every sharded
  /// dimension.
  func deviceCount(_ leaves: [Tensor], _ inDims: [Int?], paths: [String]) -> Result<Int, JAXError> {
    let mapped = inDims.indices.filter { inDims[$0] != nil }
    switch placement {
    case .index:
      guard let first = mapped.first else {
        return .failure(error(.value, "pmap requires at least one argument with a mapped axis, but inAxes is "
          + "\(inAxes?.description ?? "None") for arguments of shapes \(leaves.map { shapeString($0.shape) })"))
      }
      let n = leaves[first].shape[inDims[first]!]
      if mapped.contains(where: { leaves[$0].shape[inDims[$0]!] != n }) {
        let described = mapped.map { i in
          (leaves[i].shape[inDims[i]!], "axis \(inDims[i]!) of \(paths[i]) of type \(typeString(leaves[i].aval))")
        }
        return .failure(error(.shape, inconsistentSizesMessage(described, axisSize: nil, transform: "pmap")))
      }
      return .success(n)
    case .block(let n):
      for i in mapped where leaves[i].shape[inDims[i]!] % n != 0 {
        let d = inDims[i]!
        return .failure(error(.shape, "\(paths[i]) of type \(typeString(leaves[i].aval)) is split along dimension \(d) "
          + "over mesh axis '\(axisName)' of \(n) devices, but its size \(leaves[i].shape[d]) is not divisible by \(n)"))
      }
      return .success(n)
    }
  }

  /// Whether this process has `n` devices for the device threads.
  func checkAvailable(_ n: Int) -> JAXError? {
    let available = Devices.localCount
    guard n > available || n == 0 else { return nil }
    return error(.value, "\(name) over \(n) devices, but \(available) device(s) are available "
      + "(set Devices.localCount or SWIFTJAX_DEVICE_COUNT, like JAX's --xla_force_host_platform_device_count)")
  }

  /// The per-device types of the arguments.
  func deviceAvals(_ leaves: [Tensor], _ inDims: [Int?], devices n: Int) -> [ShapedArray] {
    zip(leaves, inDims).map { x, d in
      guard let d else { return x.aval }
      var shape = x.shape
      switch placement {
      case .index: shape.remove(at: d)
      case .block: shape[d] /= n
      }
      return x.aval.with(shape: shape)
    }
  }

  /// Device `r`'s part of `x`.
  func part(of x: Tensor, dim: Int?, device r: Int, of n: Int) -> Tensor {
    guard let d = dim else { return x }
    switch placement {
    case .index:
      return Lax.squeeze(Lax.sliceInDim(x, start: r, limit: r + 1, axis: d), dimensions: [d])
    case .block:
      let k = x.shape[d] / n
      return Lax.sliceInDim(x, start: r * k, limit: (r + 1) * k, axis: d)
    }
  }

  /// The results from every device's outputs (`perDevice[r][k]`).
  func assemble(_ perDevice: [[Tensor]], outDef: TreeDef, devices n: Int) -> Result<[Tensor], JAXError> {
    let outDims: [Int?]
    switch expandAxisSpec(outAxes, over: outDef, path: "output") {
    case .success(let dims): outDims = dims
    case .failure(let e): return .failure(error(.value, e.message("\(name) outAxes")))
    }
    let paths = outDef.leafPaths(root: "output")
    var outs: [Tensor] = []
    for (k, dim) in outDims.enumerated() {
      let values = perDevice.map { $0[k] }
      guard let d = dim else {
        if let r = values.indices.dropFirst().first(where: { !sameBits(values[$0], values[0]) }) {
          return .failure(error(.value, "outAxes is nil for \(paths[k]) (shape \(shapeString(values[0].shape))), but device \(r) "
            + "computed a different value than device 0. nil is for results that are the same on every device "
            + "(a psum or pmean, say); give the result an output axis to get every device's value"))
        }
        outs.append(values[0])
        continue
      }
      guard let at = outputDim(d, perDeviceRank: values[0].rank, path: paths[k]) else {
        return .failure(error(.axis, "outAxes \(d) for \(paths[k]) is out of bounds: the per-device result has shape "
          + "\(shapeString(values[0].shape))" + (placement == .index ? " (the stacked result has rank \(values[0].rank + 1))" : "")))
      }
      switch placement {
      case .index: outs.append(Lax.concatenate(values.map { Lax.expandDims($0, dimensions: [at]) }, dimension: at))
      case .block: outs.append(Lax.concatenate(values, dimension: at))
      }
    }
    return .success(outs)
  }

  /// `d` normalised, or nil when out of bounds: pmap inserts a dimension
  /// (so `rank` is valid, and negatives count from the end); shardMap
  /// concatenates along an existing one.
  private func outputDim(_ d: Int, perDeviceRank rank: Int, path: String) -> Int? {
    switch placement {
    case .index:
      guard d >= -(rank + 1) && d <= rank else { return nil }
      return d < 0 ? d + rank + 1 : d
    case .block:
      guard d >= 0 && d < rank else { return nil }
      return d
    }
  }

  private func sameBits(_ a: Tensor, _ b: Tensor) -> Bool {
    guard let x = a.concrete, let y = b.concrete, x.aval == y.aval else { return false }
    return memcmp(x.data, y.data, x.aval.byteCount) == 0
  }

  /// The same values computed on one device with `vmap(axisName:)`: what
  /// `pmap`/`shardMap` do under another transformation.
  func asVmap(_ f: ([Tensor]) -> ([Tensor], TreeDef), _ leaves: [Tensor], _ inDims: [Int?], devices n: Int) -> ([Tensor], TreeDef) {
    let perLeaf = AxisSpec.children(inDims.map { $0.map(AxisSpec.axis) })
    let defs = leaves.map { _ in TreeDef.leaf }
    guard case .block = placement else {
      return vmapFlat(f, leaves, argDefs: defs, inAxes: perLeaf, outAxes: outAxes, axisSize: n, axisName: axisName, site: site)
    }
    // A block of a sharded dimension is an extra (device) dimension in
    // front of the block: [.., n·k, ..] → [.., n, k, ..], and back.
    let split = zip(leaves, inDims).map { x, d in
      guard let d else { return x }
      var shape = x.shape
      shape.replaceSubrange(d...d, with: [n, shape[d] / n])
      return Lax.reshape(x, shape)
    }
    let (outs, def) = vmapFlat(f, split, argDefs: defs, inAxes: perLeaf, outAxes: outAxes, axisSize: n, axisName: axisName, site: site)
    guard case .success(let outDims) = expandAxisSpec(outAxes, over: def, path: "output") else { return (outs, def) }
    let paths = def.leafPaths(root: "output")
    let merged = zip(outs, outDims).enumerated().map { k, pair -> Tensor in
      let (y, dim) = pair
      guard let d = dim, !y.isInvalid else { return y }
      guard d + 1 < y.rank else {
        JAXError.raise(error(.axis, "outSpecs shard dimension \(d) of \(paths[k]) is out of bounds: the per-device "
          + "result has rank \(y.rank - 1)"))
        return .invalid
      }
      var shape = y.shape
      shape.replaceSubrange(d...(d + 1), with: [shape[d] * shape[d + 1]])
      return Lax.reshape(y, shape)
    }
    return (merged, def)
  }
}
