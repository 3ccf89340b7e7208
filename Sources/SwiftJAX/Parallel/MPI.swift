import Foundation

// MPI loaded at run time with dlopen, so SwiftJAX builds and runs without
// MPI installed. Open MPI's C handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM)
// are the addresses of global objects (ompi_mpi_comm_world, ...), found
// with dlsym; MPICH's are integers, which this binding does not support.

/// The MPI functions and handles SwiftJAX uses, from a dlopen'ed libmpi.
final class MPILibrary: @unchecked Sendable {
  typealias InitThreadFn = @convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutableRawPointer?, Int32, UnsafeMutablePointer<Int32>?) -> Int32
  typealias CommIntFn = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<Int32>?) -> Int32
  typealias AllreduceFn = @convention(c) (
    UnsafeRawPointer?, UnsafeMutableRawPointer?, Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?
  ) -> Int32
  typealias AllgatherFn = @convention(c) (
    UnsafeRawPointer?, Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?
  ) -> Int32
  typealias VoidFn = @convention(c) () -> Int32
  typealias AbortFn = @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32
  typealias InitializedFn = @convention(c) (UnsafeMutablePointer<Int32>?) -> Int32

  let path: String
  let initThread: InitThreadFn
  let initialized: InitializedFn
  let commRank: CommIntFn
  let commSize: CommIntFn
  let allreduce: AllreduceFn
  let allgather: AllgatherFn
  let finalize: VoidFn
  let abort: AbortFn
  let commWorld: UnsafeMutableRawPointer
  let byte: UnsafeMutableRawPointer
  let types: [DType: UnsafeMutableRawPointer]
  let ops: [ReduceOp: UnsafeMutableRawPointer]

  /// The library names tried in order (after `SWIFTJAX_MPI_LIBRARY`).
  static let candidateNames = ["libmpi.so.40", "libmpi.so", "libmpi.so.12"]

  /// Loads libmpi, or throws an error that says what is missing and how to
  /// install it.
  static func load() throws(JAXError) -> MPILibrary {
    let env = ProcessInfo.processInfo.environment["SWIFTJAX_MPI_LIBRARY"].flatMap { $0.isEmpty ? nil : $0 }
    // A library the user names is the only one tried: falling back to
    // another MPI would hide the mistake.
    let names = env.map { [$0] } ?? candidateNames
    var tried: [String] = []
    for name in names {
      // RTLD_GLOBAL: Open MPI's plugins (mca_*.so) resolve symbols of libmpi.
      if let h = dlopen(name, RTLD_NOW | RTLD_GLOBAL) { return try MPILibrary(handle: h, path: name) }
      tried.append("\(name) (\(String(cString: dlerror())))")
    }
    throw JAXError(.unsupported, "Distributed.initialize",
      "a multi-process group needs MPI, but no MPI library could be loaded; tried \(tried.joined(separator: ", ")). "
        + "Install Open MPI (Debian/Ubuntu: apt-get install -y openmpi-bin libopenmpi-dev) "
        + "or point SWIFTJAX_MPI_LIBRARY at libmpi.so")
  }

  private init(handle h: UnsafeMutableRawPointer, path: String) throws(JAXError) {
    self.path = path
    func sym(_ name: String) throws(JAXError) -> UnsafeMutableRawPointer {
      guard let p = dlsym(h, name) else {
        throw JAXError(.unsupported, "Distributed.initialize",
          "\(path) has no symbol \(name): SwiftJAX supports Open MPI's ABI (MPICH and derivatives are not supported yet)")
      }
      return p
    }
    initThread = unsafeBitCast(try sym("MPI_Init_thread"), to: InitThreadFn.self)
    initialized = unsafeBitCast(try sym("MPI_Initialized"), to: InitializedFn.self)
    commRank = unsafeBitCast(try sym("MPI_Comm_rank"), to: CommIntFn.self)
    commSize = unsafeBitCast(try sym("MPI_Comm_size"), to: CommIntFn.self)
    allreduce = unsafeBitCast(try sym("MPI_Allreduce"), to: AllreduceFn.self)
    allgather = unsafeBitCast(try sym("MPI_Allgather"), to: AllgatherFn.self)
    finalize = unsafeBitCast(try sym("MPI_Finalize"), to: VoidFn.self)
    abort = unsafeBitCast(try sym("MPI_Abort"), to: AbortFn.self)
    commWorld = try sym("ompi_mpi_comm_world")
    byte = try sym("ompi_mpi_byte")
    types = [
      .float32: try sym("ompi_mpi_float"), .float64: try sym("ompi_mpi_double"),
      .int32: try sym("ompi_mpi_int"), .int64: try sym("ompi_mpi_long_long_int"),
    ]
    ops = [.sum: try sym("ompi_mpi_op_sum"), .max: try sym("ompi_mpi_op_max"), .min: try sym("ompi_mpi_op_min")]
  }
}

/// The processes of an MPI job as the members of a named axis. MPI calls
/// are serialised (MPI_THREAD_SERIALIZED) and watched: one that does not
/// finish within the collective timeout aborts the job with a message,
/// since a blocking MPI call cannot be cancelled.
final class MPICommunicator: Communicator, @unchecked Sendable {
  let mpi: MPILibrary
  let rank: Int
  let size: Int
  private let lock = NSLock()
  private let watch = NSCondition()
  private var deadline: Date? = nil
  private var watched = ""

  init(_ mpi: MPILibrary) throws(JAXError) {
    self.mpi = mpi
    var flag: Int32 = 0
    _ = mpi.initialized(&flag)
    if flag == 0 {
      var provided: Int32 = 0
      let rc = mpi.initThread(nil, nil, 2, &provided)  // MPI_THREAD_SERIALIZED
      if rc != 0 { throw JAXError(.unsupported, "Distributed.initialize", "MPI_Init_thread failed with code \(rc)") }
    }
    var r: Int32 = 0, s: Int32 = 0
    _ = mpi.commRank(mpi.commWorld, &r)
    _ = mpi.commSize(mpi.commWorld, &s)
    rank = Int(r)
    size = Int(s)
    let t = Thread { [self] in watchdog() }
    t.stackSize = 1 << 18
    t.start()
  }

  /// Aborts the job when a watched MPI call overruns its deadline.
  private func watchdog() {
    watch.lock()
    while true {
      if let d = deadline, Date() > d {
        FileHandle.standardError.write(Data(("SwiftJAX: rank \(rank): MPI \(watched) did not complete within "
          + "\(Distributed.collectiveTimeout) s (SWIFTJAX_COLLECTIVE_TIMEOUT): another rank died, hangs or took "
          + "another path; aborting the job\n").utf8))
        _ = mpi.abort(mpi.commWorld, 3)
        exit(3)
      }
      _ = watch.wait(until: Date(timeIntervalSinceNow: 0.2))
    }
  }

  private func watched<R>(_ what: String, _ body: () -> R) -> R {
    lock.lock()
    defer { lock.unlock() }
    watch.lock()
    deadline = Date(timeIntervalSinceNow: Distributed.collectiveTimeout)
    watched = what
    watch.unlock()
    defer {
      watch.lock()
      deadline = nil
      watch.unlock()
    }
    return body()
  }

  private func check(_ rc: Int32, _ what: String) throws(JAXError) {
    if rc != 0 { throw JAXError(.transformation, what, "MPI call failed on rank \(rank) with code \(rc)") }
  }

  func allGather(_ value: ConcreteArray, rank: Int) throws(JAXError) -> [ConcreteArray] {
    let bytes = value.aval.byteCount
    guard bytes <= Int(Int32.max) else {
      throw JAXError(.unsupported, "all_gather", "MPI all-gather of \(bytes) bytes per process exceeds 2^31-1 bytes")
    }
    let all = ConcreteArray(uninitialized: value.aval.with(shape: [size] + value.aval.shape))
    let rc = watched("MPI_Allgather") {
      mpi.allgather(value.data, Int32(bytes), mpi.byte, all.data, Int32(bytes), mpi.byte, mpi.commWorld)
    }
    try check(rc, "all_gather")
    return (0..<size).map { k in
      let c = ConcreteArray(uninitialized: value.aval)
      if bytes > 0 { c.data.copyMemory(from: all.data + k * bytes, byteCount: bytes) }
      return c
    }
  }

  func allReduce(_ op: CollectiveOp, _ value: ConcreteArray, rank: Int) throws(JAXError) -> ConcreteArray? {
    let out = ConcreteArray(uninitialized: value.aval)
    return try allReduce(op, value.data, out.data, value.aval) ? out : nil
  }

  /// MPI_Allreduce from `input` into `output` (`aval` elements); false when
  /// MPI cannot do this one natively (then the caller gathers instead).
  func allReduce(_ op: CollectiveOp, _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, _ aval: ShapedArray) throws(JAXError) -> Bool {
    let reduce: ReduceOp
    switch op {
    case .psum: reduce = .sum
    case .pmax: reduce = .max
    case .pmin: reduce = .min
    case .allGather, .psumScatter, .allToAll, .ppermute, .axisIndex: return false
    }
    guard let type = mpi.types[aval.dtype], let mop = mpi.ops[reduce], aval.count <= Int(Int32.max) else { return false }
    // MPI_MAX/MPI_MIN do not propagate NaN as JAX does: gather instead.
    if reduce != .sum && aval.dtype.isFloatingPoint { return false }
    let rc = watched("MPI_Allreduce") {
      mpi.allreduce(input, output, Int32(aval.count), type, mop, mpi.commWorld)
    }
    try check(rc, "psum")
    return true
  }

  func finalize() {
    lock.lock()
    _ = mpi.finalize()
    lock.unlock()
  }
}
