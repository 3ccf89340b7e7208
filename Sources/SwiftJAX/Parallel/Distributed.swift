import Foundation

/// Multi-process SwiftJAX (JAX's `jax.distributed`): each process of an
/// MPI job (`mpirun -np 2 ...`, Slurm's `srun`) is one member of a named
/// axis, and collectives over that axis — in eager code, in `jit`ted
/// functions, under `grad` — go through MPI. Run without a launcher, the
/// program is a one-process group in which collectives are identities
/// (`psum(x) == x`), so the same program runs on a laptop.
///
/// MPI is loaded at run time; see ``initialize(axisName:file:line:)``.
///
/// ```swift
/// let group = try Distributed.initialize()          // axis "processes"
/// let local = data[group.rank]                       // this process's shard
/// let step = jit { (w: Tensor, x: Tensor) in
///   let g = grad { w in loss(w, x) }(w)
///   return w - 0.1 * Lax.pmean(g, axisName: "processes")
/// }
/// ```
public enum Distributed {
  /// The group this process joined: its rank, the number of processes,
  /// the axis name collectives use, and the backend ("mpi" or
  /// "single-process").
  ///
  /// ```swift
  /// // Distributed.initialize() gives process 1 of an `mpirun -np 2` job the group
  /// // rank 1, size 2 that its launcher announces:
  /// let launcher = Distributed.launcherRankAndSize(["OMPI_COMM_WORLD_RANK": "1", "OMPI_COMM_WORLD_SIZE": "2"])!
  /// "process \(launcher.rank) of \(launcher.size)"  // process 1 of 2
  /// ```
  public struct ProcessGroup: Sendable, CustomStringConvertible {
    /// This process's index in the group, 0..<size.
    public let rank: Int
    /// The number of processes.
    public let size: Int
    /// The axis name collectives over all processes use.
    public let axisName: String
    /// "mpi" or "single-process".
    public let backend: String
    public var description: String { "process \(rank) of \(size) (\(backend), axis '\(axisName)')" }
  }

  private static let lock = NSLock()
  // Separate from `lock`: initialize (holding `lock`) makes groups that read the timeout.
  private static let timeoutLock = NSLock()
  nonisolated(unsafe) private static var current: ProcessGroup? = nil
  nonisolated(unsafe) private static var mpiComm: MPICommunicator? = nil
  nonisolated(unsafe) private static var timeoutSetting: Double =
    ProcessInfo.processInfo.environment["SWIFTJAX_COLLECTIVE_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 300

  /// Seconds a member waits for the others at a collective before failing
  /// (`SWIFTJAX_COLLECTIVE_TIMEOUT`, default 300). A device thread then
  /// gets an error; an MPI process aborts the job with a message.
  public static var collectiveTimeout: Double {
    get { timeoutLock.lock(); defer { timeoutLock.unlock() }; return timeoutSetting }
    set { timeoutLock.lock(); timeoutSetting = max(0.001, newValue); timeoutLock.unlock() }
  }

  /// The launcher's (rank, size), from Open MPI (`OMPI_COMM_WORLD_RANK`),
  /// PMI/PMIx (MPICH, Intel MPI) or Slurm (`SLURM_PROCID`), or nil when the
  /// process was not started by a launcher.
  ///
  /// ```swift
  /// Distributed.launcherRankAndSize(["SLURM_PROCID": "1", "SLURM_NTASKS": "2"])   // (1, 2)
  /// ```
  public static func launcherRankAndSize(_ env: [String: String] = ProcessInfo.processInfo.environment) -> (rank: Int, size: Int)? {
    let pairs = [
      ("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"), ("PMIX_RANK", "PMIX_SIZE"), ("PMI_RANK", "PMI_SIZE"),
      ("SLURM_PROCID", "SLURM_NTASKS"),
    ]
    for (r, s) in pairs {
      if let rank = env[r].flatMap({ Int($0) }), let size = env[s].flatMap({ Int($0) }), size > 0, rank >= 0, rank < size {
        return (rank, size)
      }
    }
    return nil
  }

  /// Joins the process group and binds `axisName` to it on every thread
  /// (`jax.distributed.initialize`). Under a launcher with more than one
  /// process this loads libmpi (`SWIFTJAX_MPI_LIBRARY`, else libmpi.so.40,
  /// libmpi.so) and throws a ``JAXError`` naming the library and the package
  /// to install when it is missing. Without a launcher it returns a
  /// one-process group. Calling it again returns the same group.
  ///
  /// ```swift
  /// let g = try Distributed.initialize()
  /// print(g)                                          // process 0 of 2 (mpi, axis 'processes')
  /// let total = Lax.psum(Tensor([1] as [Float]), axisName: "processes")   // [2]
  /// ```
  @discardableResult
  public static func initialize(axisName: String = "processes", file: StaticString = #fileID, line: UInt = #line) throws -> ProcessGroup {
    lock.lock()
    defer { lock.unlock() }
    if let current { return current }
    let group: ProcessGroup
    let comm: Communicator
    let rank: Int
    if let (r, size) = launcherRankAndSize(), size > 1 {
      do {
        let mpi = try MPILibrary.load()
        let c = try MPICommunicator(mpi)
        if c.size != size || c.rank != r {
          throw JAXError(.value, "Distributed.initialize", "MPI reports rank \(c.rank) of \(c.size) but the launcher said \(r) of \(size)")
        }
        mpiComm = c
        comm = c
        rank = c.rank
        group = ProcessGroup(rank: c.rank, size: c.size, axisName: axisName, backend: "mpi (\(mpi.path))")
      } catch let error as JAXError {
        var e = error
        e.site = CallSite(file: file, line: line)
        throw e
      }
    } else {
      comm = DeviceGroup(size: 1)
      rank = 0
      group = ProcessGroup(rank: 0, size: 1, axisName: axisName, backend: "single-process")
    }
    AxisEnv.setGlobal(AxisFrame(name: axisName, size: group.size, binder: .member(comm, rank: rank)))
    current = group
    return group
  }

  /// The group joined by ``initialize(axisName:file:line:)``, if any.
  ///
  /// ```swift
  /// if let g = Distributed.processGroup { print(g.rank, g.size) }
  /// ```
  public static var processGroup: ProcessGroup? {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  /// This process's rank (`jax.process_index()`); 0 before `initialize`.
  ///
  /// ```swift
  /// if Distributed.processIndex == 0 { print("loss", loss) }
  /// ```
  public static var processIndex: Int { processGroup?.rank ?? 0 }

  /// The number of processes (`jax.process_count()`); 1 before `initialize`.
  ///
  /// ```swift
  /// let share = batchSize / Distributed.processCount
  /// ```
  public static var processCount: Int { processGroup?.size ?? 1 }

  /// Leaves the group (MPI_Finalize) and unbinds its axis name
  /// (`jax.distributed.shutdown`). Collectives over it are errors afterwards;
  /// MPI cannot be initialised again in the same process.
  ///
  /// ```swift
  /// defer { Distributed.shutdown() }
  /// ```
  public static func shutdown() {
    lock.lock()
    defer { lock.unlock() }
    guard let g = current else { return }
    AxisEnv.removeGlobal(g.axisName)
    mpiComm?.finalize()
    mpiComm = nil
    current = nil
  }
}
