import Foundation

// `pmap` in one process: each device is a thread. The function is traced
// once per argument signature (with the axis name bound, so collectives are
// staged), optimised and compiled like a `jit`; then every device thread
// runs the compiled program on its slice of the leading axis, and the
// collectives meet in a `DeviceGroup` (shared memory, barriers with a
// deadline).

/// Parallel map over devices (`jax.pmap`): `f` runs once per device, each
/// on its slice of the leading axis of every argument, and the results are
/// stacked along a new leading axis. Inside `f`, collectives over
/// `axisName` (``Lax/psum(_:axisName:file:line:)``, `pmean`, `allGather`,
/// `axisIndex`, ...) communicate between the devices.
///
/// Devices are threads of this process (``Devices/localCount``, set by
/// `SWIFTJAX_DEVICE_COUNT`, defaults to the number of cores). `f` is
/// traced once per argument shapes and compiled to native code, so a
/// data-parallel train step (`grad`, then `pmean` of the gradients) is one
/// compiled function per device. Called under another transformation
/// (`jit`, `grad`, `vmap`), `pmap` computes the same values as
/// `vmap(f, axisName:)`.
///
/// ```swift
/// let normalize = pmap({ (x: Tensor) in x / Lax.psum(x, axisName: "i") }, axisName: "i")
/// normalize(Tensor([1, 2, 3, 4] as [Float]))   // 4 devices: [0.1, 0.2, 0.3, 0.4]
/// ```
public func pmap<A: PyTree, R: PyTree>(
  _ f: @escaping (A) -> R, axisName: String, file: StaticString = #fileID, line: UInt = #line
) -> (A) -> R {
  pmappedFunction(f, axisName: axisName, site: CallSite(file: file, line: line))
}

/// `pmap` of a function of two arguments; see `pmap(_:axisName:file:line:)`.
public func pmap<A: PyTree, B: PyTree, R: PyTree>(
  _ f: @escaping (A, B) -> R, axisName: String, file: StaticString = #fileID, line: UInt = #line
) -> (A, B) -> R {
  pmappedFunction(f, axisName: axisName, site: CallSite(file: file, line: line))
}

/// `pmap` of a function of three arguments; see `pmap(_:axisName:file:line:)`.
public func pmap<A: PyTree, B: PyTree, C: PyTree, R: PyTree>(
  _ f: @escaping (A, B, C) -> R, axisName: String, file: StaticString = #fileID, line: UInt = #line
) -> (A, B, C) -> R {
  pmappedFunction(f, axisName: axisName, site: CallSite(file: file, line: line))
}

func pmappedFunction<each A: PyTree, R: PyTree>(
  _ f: @escaping (repeat each A) -> R, axisName: String, site: CallSite
) -> (repeat each A) -> R {
  let mapped = PmapCache(axisName: axisName, site: site)
  return { (args: repeat each A) -> R in
    let flat = FlatArguments(repeat each args)
    let (outs, outDef) = mapped.call({ leaves in
      let inner = flat.unflatten(leaves, as: repeat (each A).self)
      return treeFlatten(f(repeat each inner))
    }, flat.leaves, defs: flat.defs)
    return treeUnflatten(outDef, outs)
  }
}

/// The compiled per-device programs of one `pmap`, by argument signature.
final class PmapCache {
  let axisName: String
  let site: CallSite
  private let lock = NSLock()
  private var cache: [JITCacheKey: (Executable, TreeDef)] = [:]

  init(axisName: String, site: CallSite) {
    self.axisName = axisName
    self.site = site
  }

  private func fail(_ kind: JAXError.Kind, _ message: String) {
    JAXError.raise(JAXError(kind, "pmap", message, site: site))
  }

  func call(_ f: @escaping ([Tensor]) -> ([Tensor], TreeDef), _ leaves: [Tensor], defs: [TreeDef]) -> ([Tensor], TreeDef) {
    let ctx = InterpreterContext.current
    // Under another transformation the devices' values are those of the
    // named vmap (the per-device threads need concrete inputs).
    if ctx.dynamic != nil || ctx.depth > 0 || leaves.contains(where: { $0.concrete == nil }) {
      return vmapFlat(f, leaves, argDefs: defs, inAxes: 0, outAxes: 0, axisSize: nil, axisName: axisName, site: site)
    }
    guard let n = deviceAxisSize(leaves) else { return invalidResult(f, leaves) }
    let key = JITCacheKey(defs: defs, avals: leaves.map(\.aval), x64: ctx.x64Override ?? JAXConfig.enableX64)
    lock.lock()
    var entry = cache[key]
    lock.unlock()
    if entry == nil {
      guard let compiled = compile(f, leaves, size: n) else { return invalidResult(f, leaves) }
      lock.lock()
      cache[key] = compiled
      lock.unlock()
      entry = compiled
    }
    let (executable, outDef) = entry!
    let slices = (0..<n).map { r in
      leaves.map { Lax.squeeze(Lax.sliceInDim($0, start: r, limit: r + 1, axis: 0), dimensions: [0]) }
    }
    let run = DeviceRun(executable: executable, slices: slices, axisName: axisName, x64: ctx.x64Override)
    let perDevice = run.start()
    if let e = run.firstError {
      var e = e
      if e.site == nil { e.site = site }
      JAXError.raise(e)
      return (executable.optimized.outAvals.map { _ in .invalid }, outDef)
    }
    let outs = executable.optimized.outAvals.indices.map { k in
      Lax.concatenate(perDevice.map { Lax.expandDims($0[k], dimensions: [0]) }, dimension: 0)
    }
    return (outs, outDef)
  }

  /// The size of the mapped (leading) axis, checked against every argument
  /// and the device count.
  private func deviceAxisSize(_ leaves: [Tensor]) -> Int? {
    guard let first = leaves.first else {
      fail(.value, "pmap needs at least one argument with a leading axis to map over")
      return nil
    }
    for (i, x) in leaves.enumerated() where x.rank == 0 {
      fail(.axis, "pmap maps the leading axis of every argument, but leaf \(i) is a scalar (shape [])")
      return nil
    }
    let n = first.shape[0]
    if let bad = leaves.firstIndex(where: { $0.shape[0] != n }) {
      fail(.shape, "pmap got inconsistent sizes for the mapped (leading) axis: leaf 0 has shape \(shapeString(first.shape)), "
        + "leaf \(bad) has shape \(shapeString(leaves[bad].shape))")
      return nil
    }
    let available = Devices.localCount
    if n > available || n == 0 {
      fail(.value, "pmap over \(n) devices, but \(available) device(s) are available "
        + "(set Devices.localCount or SWIFTJAX_DEVICE_COUNT, like JAX's --xla_force_host_platform_device_count)")
      return nil
    }
    return n
  }

  /// Traces `f` for one device (the axis name bound, collectives staged),
  /// optimises and compiles it.
  private func compile(_ f: ([Tensor]) -> ([Tensor], TreeDef), _ leaves: [Tensor], size n: Int) -> (Executable, TreeDef)? {
    let avals = leaves.map { $0.aval.with(shape: Array($0.shape.dropFirst())) }
    var outDef = TreeDef.none
    var closed: ClosedJaxpr
    do {
      closed = try JAXError.capture {
        AxisEnv.with(AxisFrame(name: axisName, size: n, binder: .staged)) {
          traceToJaxpr({ tracers in
            let (outs, def) = f(tracers)
            outDef = def
            return outs
          }, avals)
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
      FileHandle.standardError.write(Data("SwiftJAX: pmap compilation failed, interpreting instead: \(error)\n".utf8))
      executable = try! Executable(closed, native: false)
    }
    return (executable, outDef)
  }

  /// After an error: invalid outputs of the right structure.
  private func invalidResult(_ f: ([Tensor]) -> ([Tensor], TreeDef), _ leaves: [Tensor]) -> ([Tensor], TreeDef) {
    let avals = leaves.map { $0.aval.with(shape: Array($0.shape.dropFirst())) }
    var def = TreeDef.none
    var count = 0
    _ = try? JAXError.capture {
      AxisEnv.with(AxisFrame(name: axisName, size: max(1, leaves.first?.shape.first ?? 1), binder: .staged)) {
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
