import Foundation

// `pmap` and `shardMap` in one process: each device is a thread. The
// function is traced once per argument signature (with the axis name
// bound, so collectives are staged), optimised and compiled like a `jit`;
// then every device thread runs the compiled program on its part of the
// arguments, and the collectives meet in a `DeviceGroup` (shared memory,
// barriers with a deadline). How arguments are split and results put back
// together is `DeviceMapping` (Pmap+Placement.swift).

/// Parallel map over devices (`jax.pmap`): `f` runs once per device, each
/// on its slice of the mapped axis of every argument (`inAxes`, as in
/// `vmap`; `nil` gives every device the whole argument), and the results
/// are stacked along `outAxes`. Inside `f`, collectives over `axisName`
/// (``Lax/psum(_:axisName:file:line:)``, `pmean`, `allGather`,
/// `axisIndex`, ...) communicate between the devices.
///
/// Devices are threads of this process (``Devices/localCount``, set by
/// `SWIFTJAX_DEVICE_COUNT`, defaults to the number of cores). `f` is
/// traced once per argument shapes and compiled to native code, so a
/// data-parallel train step (`grad`, then `pmean` of the gradients) is one
/// compiled function per device. Called under another transformation
/// (`jit`, `grad`, `vmap`), `pmap` computes the same values as
/// `vmap(f, inAxes:, outAxes:, axisName:)`.
///
/// - Parameters:
///   - f: the per-device function.
///   - axisName: the name collectives inside `f` use for the device axis.
///   - inAxes: which axis of each argument is split across the devices (a
///     prefix of the argument list, like `vmap`'s); `nil` broadcasts an
///     argument to every device. At least one argument must be mapped.
///   - outAxes: where the device axis goes in each result; `nil` returns a
///     result that is the same on every device (a `psum`, say) once,
///     without a device axis. A `nil` result that differs between devices
///     is an error (JAX 0.10.2 silently returns device 0's).
///   - file: the caller's file, for error messages (leave the default).
///   - line: the caller's line, for error messages (leave the default).
///
/// ```swift
/// let normalize = pmap({ (x: Tensor) in x / Lax.psum(x, axisName: "i") }, axisName: "i")
/// normalize(Tensor([1, 2, 3, 4] as [Float]))   // 4 devices: [0.1, 0.2, 0.3, 0.4]
///
/// // Columns of x on the devices, w shared; the total once.
/// let total = pmap({ (x: Tensor, w: Tensor) in Lax.psum((x * w).sum(), axisName: "i") },
///                  axisName: "i", inAxes: [1, nil], outAxes: nil)
/// total(Numpy.ones([3, 2]), Tensor([1, 2, 3] as [Float]))   // 12
/// ```
public func pmap<A: PyTree, R: PyTree>(
  _ f: @escaping (A) -> R, axisName: String, inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0,
  file: StaticString = #fileID, line: UInt = #line
) -> (A) -> R {
  deviceMappedFunction(f, .pmap(axisName, inAxes, outAxes, CallSite(file: file, line: line)))
}

/// `pmap` of a function of two arguments; see `pmap(_:axisName:inAxes:outAxes:file:line:)`.
///
/// ```swift
/// let scaled = pmap({ (x: Tensor, s: Tensor) in x * s }, axisName: "i", inAxes: [0, nil])
/// ```
public func pmap<A: PyTree, B: PyTree, R: PyTree>(
  _ f: @escaping (A, B) -> R, axisName: String, inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> R {
  deviceMappedFunction(f, .pmap(axisName, inAxes, outAxes, CallSite(file: file, line: line)))
}

/// `pmap` of a function of three arguments; see `pmap(_:axisName:inAxes:outAxes:file:line:)`.
///
/// ```swift
/// let step = pmap(trainStep, axisName: "batch", inAxes: [nil, 0, 0], outAxes: nil)
/// ```
public func pmap<A: PyTree, B: PyTree, C: PyTree, R: PyTree>(
  _ f: @escaping (A, B, C) -> R, axisName: String, inAxes: AxisSpec? = 0, outAxes: AxisSpec? = 0,
  file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> R {
  deviceMappedFunction(f, .pmap(axisName, inAxes, outAxes, CallSite(file: file, line: line)))
}

/// `f` run on the devices as `mapping` says (pmap or shardMap), on
/// flattened arguments.
func deviceMappedFunction<each A: PyTree, R: PyTree>(
  _ f: @escaping (repeat each A) -> R, _ mapping: DeviceMapping
) -> (repeat each A) -> R {
  let mapped = PmapCache(mapping)
  return { (args: repeat each A) -> R in
    let flat = FlatArguments(repeat each args)
    let (outs, outDef) = mapped.call({ leaves in
      let inner = flat.unflatten(leaves, as: repeat (each A).self)
      return treeFlatten(f(repeat each inner))
    }, flat.leaves, defs: flat.defs)
    return treeUnflatten(outDef, outs)
  }
}

/// The compiled per-device programs of one `pmap`/`shardMap`, by argument
/// signature.
final class PmapCache {
  let mapping: DeviceMapping
  var axisName: String { mapping.axisName }
  var site: CallSite { mapping.site }
  private let lock = NSLock()
  private var cache: [JITCacheKey: (Executable, TreeDef)] = [:]
  /// Axis names traces looked up (an outer `Distributed` group's, say):
  /// keys hold how they are bound here, as `jit`'s do.
  private var axisNames: Set<String> = []

  init(_ mapping: DeviceMapping) { self.mapping = mapping }

  typealias FlatFunction = ([Tensor]) -> ([Tensor], TreeDef)

  func call(_ f: @escaping FlatFunction, _ leaves: [Tensor], defs: [TreeDef]) -> ([Tensor], TreeDef) {
    let paths = defs.enumerated().flatMap { i, d in d.leafPaths(root: "argument \(i)") }
    let inDims: [Int?]
    switch mapping.inDims(leaves, defs: defs, paths: paths) {
    case .success(let d): inDims = d
    case .failure(let e): return failed(e, f, leaves, [])
    }
    let n: Int
    switch mapping.deviceCount(leaves, inDims, paths: paths) {
    case .success(let c): n = c
    case .failure(let e): return failed(e, f, leaves, inDims)
    }
    let ctx = InterpreterContext.current
    // Under another transformation the devices' values are those of the
    // named vmap (the per-device threads need concrete inputs).
    if ctx.dynamic != nil || ctx.depth > 0 || leaves.contains(where: { $0.concrete == nil }) {
      return mapping.asVmap(f, leaves, inDims, devices: n)
    }
    if let e = mapping.checkAvailable(n) { return failed(e, f, leaves, inDims, devices: n) }
    guard let (executable, outDef) = compiled(f, leaves, defs, inDims, devices: n, x64: ctx.x64Override) else {
      return invalidResult(f, leaves, inDims, devices: n)
    }
    let slices = (0..<n).map { r in zip(leaves, inDims).map { mapping.part(of: $0, dim: $1, device: r, of: n) } }
    let run = DeviceRun(executable: executable, slices: slices, axisName: axisName, x64: ctx.x64Override)
    let perDevice = run.start()
    if let e = run.firstError { return failed(e, f, leaves, inDims, devices: n) }
    switch mapping.assemble(perDevice, outDef: outDef, devices: n) {
    case .success(let outs): return (outs, outDef)
    case .failure(let e): return failed(e, f, leaves, inDims, devices: n)
    }
  }

  /// Reports `e` (at the caller's site) and returns invalid outputs.
  private func failed(_ e: JAXError, _ f: FlatFunction, _ leaves: [Tensor], _ inDims: [Int?], devices n: Int = 1) -> ([Tensor], TreeDef) {
    var e = e
    if e.site == nil { e.site = site }
    JAXError.raise(e)
    return invalidResult(f, leaves, inDims, devices: n)
  }

  /// The program for these arguments, traced and compiled on a miss.
  private func compiled(
    _ f: FlatFunction, _ leaves: [Tensor], _ defs: [TreeDef], _ inDims: [Int?], devices n: Int, x64: Bool?
  ) -> (Executable, TreeDef)? {
    lock.lock()
    // The split (inDims) follows from the specs, the tree structures and
    // the ranks, all in the key.
    var key = JITCacheKey(defs: defs, avals: leaves.map(\.aval), x64: x64 ?? JAXConfig.enableX64, axes: AxisEnv.bindings(axisNames))
    let entry = cache[key]
    lock.unlock()
    if let entry { return entry }
    guard let (compiled, names) = compile(f, mapping.deviceAvals(leaves, inDims, devices: n), size: n) else { return nil }
    lock.lock()
    // As jit: keyed on every name any trace looked up.
    axisNames.formUnion(names)
    key.axes = AxisEnv.bindings(axisNames)
    cache[key] = compiled
    lock.unlock()
    return compiled
  }

  /// Traces `f` for one device (the axis name bound, collectives staged),
  /// optimises and compiles it; also returns the axis names it looked up.
  private func compile(_ f: FlatFunction, _ avals: [ShapedArray], size n: Int) -> ((Executable, TreeDef), Set<String>)? {
    var outDef = TreeDef.none
    var closed: ClosedJaxpr
    var names: Set<String>
    do {
      (closed, names) = try JAXError.capture {
        AxisEnv.recordingLookups {
          AxisEnv.with(AxisFrame(name: axisName, size: n, binder: .staged)) {
            traceToJaxpr({ tracers in
              let (outs, def) = f(tracers)
              outDef = def
              return outs
            }, avals)
          }
        }
      }
    } catch let e as JAXError {
      var e = e
      if e.site == nil { e.site = site }
      JAXError.raise(e)
      return nil
    } catch {
      return nil
    }
    Optimizer.optimize(&closed)
    let executable: Executable
    do {
      executable = try Executable(closed, native: true, contractFMA: JAXConfig.contractFMA)
    } catch {
      FileHandle.standardError.write(Data("SwiftJAX: \(mapping.name) compilation failed, interpreting instead: \(error)\n".utf8))
      executable = try! Executable(closed, native: false)
    }
    return ((executable, outDef), names)
  }

  /// After an error: invalid outputs of the right structure.
  private func invalidResult(_ f: FlatFunction, _ leaves: [Tensor], _ inDims: [Int?], devices n: Int) -> ([Tensor], TreeDef) {
    let dims = inDims.count == leaves.count ? inDims : leaves.map { _ in nil }
    let avals = mapping.deviceAvals(leaves, dims, devices: max(1, n))
    var def = TreeDef.none
    var count = 0
    _ = try? JAXError.capture {
      AxisEnv.with(AxisFrame(name: axisName, size: max(1, n), binder: .staged)) {
        traceToJaxpr({ tracers in
          let (outs, d) = f(tracers)
          def = d
          count = outs.count
          return outs
        }, avals)
      }
    }
    return (Array(repeating: .invalid, count: count), def)
  }
}

/// One `pmap` call: a thread per device, each running the program on its
/// slice with its member of a fresh `DeviceGroup` bound to the axis name.
final class DeviceRun: @unchecked Sendable {
  let executable: Executable
  let slices: [[Tensor]]
  let axisName: String
  let x64: Bool?
  let group: DeviceGroup
  private let lock = NSLock()
  private var results: [[Tensor]]
  private var errors: [(Int, JAXError)] = []

  init(executable: Executable, slices: [[Tensor]], axisName: String, x64: Bool?) {
    self.executable = executable
    self.slices = slices
    self.axisName = axisName
    self.x64 = x64
    group = DeviceGroup(size: slices.count)
    results = Array(repeating: [], count: slices.count)
  }

  /// The first error, preferring a device's own failure over the others'
  /// "a device did not arrive" that it caused.
  var firstError: JAXError? {
    lock.lock()
    defer { lock.unlock() }
    let sorted = errors.sorted { $0.0 < $1.0 }
    return (sorted.first { $0.1.operation != "pmap" } ?? sorted.first)?.1
  }

  /// Runs every device and waits for all of them (each collective wait is
  /// bounded, so this returns).
  func start() -> [[Tensor]] {
    let done = DispatchGroup()
    for r in slices.indices {
      done.enter()
      let t = Thread { [self] in
        runDevice(r)
        done.leave()
      }
      t.stackSize = 16 << 20
      t.start()
    }
    done.wait()
    lock.lock()
    defer { lock.unlock() }
    return results
  }

  private func runDevice(_ r: Int) {
    InterpreterContext.current.x64Override = x64
    let frame = AxisFrame(name: axisName, size: slices.count, binder: .member(group, rank: r))
    do {
      let out = try JAXError.capture {
        try AxisEnv.with(frame) {
          let outs = ThreadPool.runningInline { executable.run(slices[r]) }
          // A failed device leaves invalid outputs: fail the others now.
          if outs.contains(where: \.isInvalid) {
            throw JAXError(.transformation, "pmap", "device \(r) failed")
          }
          return outs
        }
      }
      lock.lock()
      results[r] = out
      lock.unlock()
    } catch {
      let e = (error as? JAXError) ?? JAXError(.transformation, "pmap", "device \(r) failed: \(error)")
      group.abort("device \(r) failed: \(e.message)")
      lock.lock()
      errors.append((r, e))
      lock.unlock()
    }
  }
}
