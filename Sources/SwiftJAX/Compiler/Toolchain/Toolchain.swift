import Foundation

// The C compiler driver: finds the clang that ships with the Swift
// toolchain and runs it with posix_spawn (Foundation's Process costs ~40 ms
// more per compile).

/// The C compiler jit uses.
///
/// ```swift
/// Toolchain.compilerPath   // "/opt/swift/usr/bin/clang", or nil
/// ```
public enum Toolchain {
  private static let lock = NSLock()
  // `resolved` and `timeoutSetting` are read and written only under `lock`.
  nonisolated(unsafe) private static var resolved: String?? = nil

  /// The compiler: `$SWIFTJAX_CC` if set, else `clang` next to the `swift`
  /// found on `PATH`, else `clang` on `PATH`; nil when none exists (jit then
  /// interprets the optimised program).
  public static var compilerPath: String? {
    get {
      lock.lock()
      defer { lock.unlock() }
      if let r = resolved { return r }
      let r = findCompiler()
      resolved = .some(r)
      return r
    }
    set {
      // Setting nil makes jit interpret; set `JAXConfig.compilerPath`
      // to a path to use that compiler from the next compilation on.
      lock.lock()
      resolved = .some(newValue)
      lock.unlock()
    }
  }

  private static func findCompiler() -> String? {
    findCompiler(env: ProcessInfo.processInfo.environment) { FileHandle.standardError.write(Data($0.utf8)) }
  }

  /// The compiler for `env`. A `SWIFTJAX_CC` that names no executable (nor
  /// a command on `PATH`) is reported through `warn` and the usual search
  /// continues, so a stale setting does not silently turn jit into an
  /// interpreter while a clang is at hand.
  static func findCompiler(env: [String: String], warn: (String) -> Void) -> String? {
    if let cc = env["SWIFTJAX_CC"], !cc.isEmpty {
      if let found = FileManager.default.isExecutableFile(atPath: cc) ? cc : which(cc, env) { return found }
      let fallback = defaultCompiler(env)
      warn(
        "SwiftJAX: SWIFTJAX_CC=\(cc) is not an executable file or a command on PATH; "
          + (fallback.map { "using \($0) instead.\n" }
            ?? "no clang was found beside swift or on PATH either, so jit interprets programs with the eager kernels.\n"))
      return fallback
    }
    return defaultCompiler(env)
  }

  /// `clang` beside the `swift` on `PATH`, else `clang` on `PATH`.
  static func defaultCompiler(_ env: [String: String]) -> String? {
    if let swift = which("swift", env) {
      let real = (swift as NSString).resolvingSymlinksInPath
      for dir in [(swift as NSString).deletingLastPathComponent, (real as NSString).deletingLastPathComponent] {
        let cand = dir + "/clang"
        if FileManager.default.isExecutableFile(atPath: cand) { return cand }
      }
    }
    return which("clang", env)
  }

  static func which(_ name: String, _ env: [String: String]) -> String? {
    for dir in (env["PATH"] ?? "").split(separator: ":") {
      let p = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
  }

  /// Flags for generated code. No fast-math and no FMA contraction, so
  /// results equal the eager kernels'; `-fno-math-errno` only lets libm
  /// calls that cannot set errno (sqrt, floor...) become instructions.
  static let flags = [
    "-std=gnu11", "-march=native", "-fPIC", "-ffp-contract=off", "-fno-fast-math",
    "-fno-math-errno", "-fvisibility=hidden", "-w",
  ]

  /// How hard clang optimises. Programs without array loops (scalar and
  /// small-array code, like a Lorenz step in a scan) gain nothing from
  /// -O2's vectorisers and compile ~30% faster at -O1. SLP vectorisation
  /// (packing independent scalar statements into SIMD) is off except for
  /// `lanes`: on one small carry's chain (a Lorenz step) its shuffles
  /// lengthen the dependency chain (measured 25-35 → 19 ns per step), but
  /// the jammed examples of an interchanged vmap (Pass+BatchInterchange)
  /// are independent copies of the same statements, which it packs.
  struct Optimization: Hashable {
    enum Level { case full, light, lanes }
    var level: Level
    /// Lets clang fuse `a * b + c` into one FMA across statements, as
    /// XLA does on CPU (``Jitted/contractFMA``).
    var contractFMA = false

    static let full = Optimization(level: .full)
    static let light = Optimization(level: .light)
    static let lanes = Optimization(level: .lanes)

    var flags: [String] {
      var f: [String] = switch level {
      case .full: ["-O2", "-fno-slp-vectorize"]
      case .light: ["-O1", "-fno-slp-vectorize"]
      case .lanes: ["-O2", "-fslp-vectorize"]
      }
      // After the fixed flags' -ffp-contract=off; the last one wins.
      if contractFMA { f.append("-ffp-contract=fast") }
      return f
    }
  }

  /// The system linker, used directly: the clang driver costs ~60 ms more
  /// per link than `ld` itself (it is a 160 MB binary to start). nil when
  /// absent; the driver links then.
  static let linker: String? = {
    let env = ProcessInfo.processInfo.environment
    if let ld = env["SWIFTJAX_LD"] { return ld.isEmpty ? nil : ld }
    return which("ld", env)
  }()

  /// The libm the host process uses. Generated code links against it by
  /// path so its libm symbols are bound to their current versions: an
  /// unversioned reference would bind to glibc's oldest `log`, a wrapper
  /// whose NaNs differ from the eager kernels'.
  static let libm: String? = {
    guard let maps = readWholeFile("/proc/self/maps") else { return "-lm" }
    for line in maps.split(separator: "\n") {
      guard let slash = line.firstIndex(of: "/") else { continue }
      let path = line[slash...]
      if path.split(separator: "/").last?.hasPrefix("libm.so") == true { return String(path) }
    }
    return "-lm"
  }()

  /// Identity of the compiler binary (path, size, modification time): a
  /// cheap stand-in for `clang --version` in cache keys.
  static func compilerIdentity(_ path: String) -> String {
    var st = stat()
    guard stat(path, &st) == 0 else { return path }
    return "\(path):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
  }

  /// How long one compilation (compile and link) may take, in seconds,
  /// before its processes are killed and jit interprets the program
  /// instead: `$SWIFTJAX_COMPILE_TIMEOUT`, else 120. A hung compiler must
  /// not hang the call that needed it.
  ///
  /// ```swift
  /// Toolchain.compileTimeout = 600   // very large programs
  /// ```
  public static var compileTimeout: Double {
    get {
      lock.lock()
      defer { lock.unlock() }
      return timeoutSetting
    }
    set {
      lock.lock()
      timeoutSetting = newValue
      lock.unlock()
    }
  }
  nonisolated(unsafe) private static var timeoutSetting: Double = {
    if let s = ProcessInfo.processInfo.environment["SWIFTJAX_COMPILE_TIMEOUT"], let t = Double(s), t > 0 { return t }
    return 120
  }()

  /// Compiles `sourcePath` into the shared object `outputPath`: clang
  /// compiles to an object, `ld` links it with the host's libm. Both run
  /// under one deadline (`timeout` seconds, default ``compileTimeout``).
  /// Writes only `outputPath` and its `.o`/`.log` siblings, which it
  /// removes, so callers give it temporary names.
  static func compile(
    compiler: String, sourcePath: String, outputPath: String, optimization: Optimization = .full, timeout: Double? = nil
  ) throws(JAXError) {
    let logPath = outputPath + ".log"
    let objectPath = outputPath + ".o"
    defer {
      unlink(logPath)
      unlink(objectPath)
    }
    let limit = timeout ?? compileTimeout
    let deadline = JITSettings.clock() + limit
    func fail(_ what: String, _ outcome: ProcessOutcome) -> JAXError {
      let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
      // Out of mappings, a process cannot start (or clang cannot map its
      // own code): say so rather than show an empty log.
      let why = LoadedLibrary.mappingDiagnosis()
      return JAXError(.compilation, "jit", "\(what) \(outcome.describe(limit: limit)) on \(sourcePath):\n\(log.prefix(4000))\(why)")
    }
    let cc = spawn([compiler] + flags + optimization.flags + ["-c", "-o", objectPath, sourcePath], stderrPath: logPath, deadline: deadline)
    guard cc == .exited(0) else { throw fail("the C compiler", cc) }
    if let ld = linker, let libm {
      let direct = spawn([ld, "-shared", "-o", outputPath, objectPath, libm], stderrPath: logPath, deadline: deadline)
      if direct == .exited(0) { return }
      // A linker that hung would hang the fallback too.
      if direct == .timedOut { throw fail("linking", direct) }
    }
    let link = spawn([compiler, "-shared", "-o", outputPath, objectPath, "-lm"], stderrPath: logPath, deadline: deadline)
    guard link == .exited(0) else { throw fail("linking", link) }
  }

  /// How a spawned program ended.
  enum ProcessOutcome: Equatable {
    case exited(Int32)
    case signaled(Int32)
    /// Killed (with its process group) at the deadline.
    case timedOut
    /// `posix_spawn` failed with this errno (e.g. out of memory or
    /// mappings, or no such file).
    case failedToStart(Int32)

    func describe(limit: Double) -> String {
      switch self {
      case .exited(let s): "failed (exit status \(s))"
      case .signaled(let s): "was killed by signal \(s)"
      case .timedOut:
        "timed out after \(limit) s and was killed (raise Toolchain.compileTimeout or $SWIFTJAX_COMPILE_TIMEOUT for very large programs)"
      case .failedToStart(let e): "could not start: \(String(cString: strerror(e)))"
      }
    }
  }

  /// Runs a program in its own process group and waits for it until
  /// `deadline` (a ``JITSettings/clock()`` time), then kills the whole
  /// group: a compiler driver's children must not outlive it. stdout and
  /// stderr go to `stderrPath`.
  static func spawn(_ args: [String], stderrPath: String, deadline: Double = .infinity) -> ProcessOutcome {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    let cargs = args.map { strdup($0) } + [nil]
    defer { for p in cargs { free(p) } }
    var pid = pid_t()
    var rc = posix_spawn(&pid, args[0], &actions, &attributes, cargs, environ)
    // ETXTBSY: a compiler wrapper script that was just written can still be
    // open for writing in a child another thread spawned meanwhile (the
    // child holds it until it execs or exits); that passes in moments.
    var retries = 0
    while rc == ETXTBSY && retries < 200 {
      usleep(10_000)
      retries += 1
      rc = posix_spawn(&pid, args[0], &actions, &attributes, cargs, environ)
    }
    guard rc == 0 else { return .failedToStart(rc) }
    return wait(for: pid, deadline: deadline)
  }

  /// Waits for `pid` while a timer kills its process group at the
  /// deadline. The wait does not reap the child before the timer is
  /// disarmed (`WNOWAIT`), so the timer can never signal a recycled pid;
  /// blocking (not polling) adds no latency to a 35 ms compile.
  private static func wait(for pid: pid_t, deadline: Double) -> ProcessOutcome {
    let lock = NSLock()
    // Shared with the watchdog; read and written only under `lock`.
    nonisolated(unsafe) var finished = false
    nonisolated(unsafe) var killed = false
    let watchdog = DispatchWorkItem {
      lock.withLock {
        guard !finished else { return }
        killed = true
        kill(-pid, SIGKILL)
      }
    }
    if deadline.isFinite {
      DispatchQueue.global().asyncAfter(deadline: .now() + max(0, deadline - JITSettings.clock()), execute: watchdog)
    }
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
    let timedOut = lock.withLock {
      finished = true
      return killed
    }
    watchdog.cancel()
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    if timedOut { return .timedOut }
    // WIFEXITED / WEXITSTATUS / WTERMSIG
    return (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
  }
}
