import Foundation

// The on-disk cache of compiled shared objects, and the process-wide table
// of loaded ones.
//
// An entry is `<key>.so`: the object followed by a 32-byte trailer (magic,
// payload length, checksum of the key and payload, magic). The object also
// embeds its key as the string `jx_cache_key`. An entry is trusted only
// when both match the key it is looked up under: an object copied over
// another entry's name, or truncated, is rebuilt; the keyed checksum is
// checked before `dlopen`, so a mismatched file never runs. Writers build
// under temporary names and rename into place, so concurrent processes
// never see a partial file. A valid entry that fails to load (e.g. the
// process is out of mappings) is never deleted.
//
// In memory, loaded objects are held weakly: an object is unloaded when
// the last `Executable` using it goes away. Concurrent first calls of the
// same program wait for one compilation (single flight).

/// Where compiled functions are cached on disk.
///
/// ```swift
/// CompilationCache.directory = "/tmp/my-cache"   // or SWIFTJAX_CACHE_DIR
/// ```
public enum CompilationCache {
  // Every `nonisolated(unsafe)` static below is read and written only
  // while holding `lock` (Swift cannot check a lock, hence the marker).
  static let lock = NSLock()
  nonisolated(unsafe) private static var dirOverride: String? = nil
  /// Loaded objects by key, held weakly (see the file comment).
  nonisolated(unsafe) private static var loaded: [String: WeakLibrary] = [:]
  nonisolated(unsafe) private static var loadedPruneMark = 64
  nonisolated(unsafe) private static var flights: [String: Flight] = [:]
  /// Requested directory → the directory actually used (itself, or the
  /// private fallback when it was refused).
  nonisolated(unsafe) static var checkedDirectories: [String: String] = [:]
  nonisolated(unsafe) static var fallbackDirectory: String? = nil
  /// The warnings printed about refused directories (for tests).
  nonisolated(unsafe) static var directoryWarnings: [String] = []

  /// The cache directory: set here, or `$SWIFTJAX_CACHE_DIR`, or
  /// `$XDG_CACHE_HOME/swiftjax`, or `~/.cache/swiftjax`, or
  /// `/tmp/swiftjax-<uid>`. Created with mode 0700 on first use. A
  /// directory this user does not own, or that its group or others can
  /// write to, is refused with one warning: the process then caches in a
  /// private temporary directory.
  public static var directory: String {
    get {
      lock.lock()
      defer { lock.unlock() }
      if let d = dirOverride { return d }
      let env = ProcessInfo.processInfo.environment
      if let d = env["SWIFTJAX_CACHE_DIR"], !d.isEmpty { return d }
      if let x = env["XDG_CACHE_HOME"], !x.isEmpty { return x + "/swiftjax" }
      if let h = env["HOME"], !h.isEmpty { return h + "/.cache/swiftjax" }
      return "/tmp/swiftjax-\(getuid())"
    }
    set {
      lock.lock()
      dirOverride = newValue
      lock.unlock()
    }
  }

  /// Counters for tests and diagnostics.
  ///
  /// ```swift
  /// func programs() -> Int { let s = CompilationCache.statistics; return s.compiles + s.diskHits + s.memoryHits }
  /// let before = programs()
  /// _ = jit { (x: Tensor) in x * 41 + 1 }(jnp.array(1.0))
  /// programs() > before  // true
  /// ```
  public struct Statistics: Sendable {
    /// Programs compiled with clang.
    public var compiles = 0
    /// Programs loaded from the disk cache without compiling.
    public var diskHits = 0
    /// Programs found already loaded in this process.
    public var memoryHits = 0
    /// Entries rebuilt because they were truncated, damaged or built for
    /// another key.
    public var corruptEntries = 0
    /// Calls that waited for another thread's compilation of the same
    /// program instead of compiling it again.
    public var sharedCompiles = 0
  }
  nonisolated(unsafe) private static var stats = Statistics()
  /// This process's counters so far.
  ///
  /// ```swift
  /// print(CompilationCache.statistics.diskHits)
  /// ```
  public static var statistics: Statistics {
    lock.lock()
    defer { lock.unlock() }
    return stats
  }

  /// How many compiled objects are loaded in this process.
  public static var loadedLibraryCount: Int {
    lock.lock()
    defer { lock.unlock() }
    return loaded.values.reduce(0) { $0 + ($1.library == nil ? 0 : 1) }
  }

  /// The name of the string each object embeds: its key.
  static let keySymbol = "jx_cache_key"

  /// The key of a source: its text, compiler, flags, CPU and ABI version.
  static func key(source: String, compiler: String, optimization: Toolchain.Optimization = .full) -> String {
    var h = ContentHash()
    h.update(optimization.flags.joined(separator: " "))
    h.update(source)
    h.update(Toolchain.compilerIdentity(compiler))
    h.update(Toolchain.flags.joined(separator: " "))
    h.update(Toolchain.linker.map(Toolchain.compilerIdentity) ?? "clang links")
    h.update(cpuFeatures)
    h.update("abi \(RuntimeHeader.abiVersion)")
    return h.hex
  }

  /// The CPU model and feature flags (`-march=native` depends on them).
  static let cpuFeatures: String = {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
    var model = "", flags = ""
    for line in info.split(separator: "\n") {
      if model.isEmpty, line.hasPrefix("model name") { model = String(line) }
      if flags.isEmpty, line.hasPrefix("flags") { flags = String(line) }
      if !model.isEmpty && !flags.isEmpty { break }
    }
    return model + "\n" + flags
  }()

  /// Returns the entry point of `source`, loading or building it. With
  /// `useMemoryCache`, concurrent calls for the same program share one
  /// load or compilation; without, the call acts as another process would
  /// (tests use it to race on the disk entry). `timeout` overrides
  /// ``Toolchain/compileTimeout``, `directory` ``directory``.
  static func entryPoint(
    source: String, compiler: String, optimization: Toolchain.Optimization = .full, useMemoryCache: Bool = true,
    timeout: Double? = nil, directory requested: String? = nil
  ) throws(JAXError) -> EntryPoint {
    let k = key(source: source, compiler: compiler, optimization: optimization)
    let build = { () throws(JAXError) -> LoadedLibrary in
      let dir = try usableDirectory(requested ?? directory)
      return try loadOrBuild(key: k, source: source, compiler: compiler, optimization: optimization, timeout: timeout, in: dir)
    }
    guard useMemoryCache else { return EntryPoint(library: try build()) }
    lock.lock()
    if let l = loaded[k]?.library {
      stats.memoryHits += 1
      lock.unlock()
      return EntryPoint(library: l)
    }
    if let flight = flights[k] {
      stats.sharedCompiles += 1
      lock.unlock()
      return EntryPoint(library: try flight.wait())
    }
    let flight = Flight()
    flights[k] = flight
    lock.unlock()
    let result = Result { () throws(JAXError) in try build() }
    lock.lock()
    flights[k] = nil
    if case .success(let l) = result { remember(l, as: k) }
    lock.unlock()
    flight.finish(result)
    return EntryPoint(library: try result.get())
  }

  /// Adds a loaded object to the weak table, pruning dead slots when the
  /// table has doubled since the last pruning (amortised O(1)). Called
  /// with the lock held.
  private static func remember(_ l: LoadedLibrary, as k: String) {
    loaded[k] = WeakLibrary(library: l)
    if loaded.count >= loadedPruneMark {
      loaded = loaded.filter { $0.value.library != nil }
      loadedPruneMark = max(64, 2 * loaded.count)
    }
  }

  /// Loads the verified disk entry, or builds it when it is missing or
  /// proven wrong (corrupt, or built for another key). Processes that
  /// miss the same entry at once build it once: the others wait on its
  /// build lock and then load what it built.
  private static func loadOrBuild(
    key k: String, source: String, compiler: String, optimization: Toolchain.Optimization, timeout: Double?, in dir: String
  ) throws(JAXError) -> LoadedLibrary {
    let path = "\(dir)/\(k).so"
    if verify(path, key: k) {
      switch LoadedLibrary.open(path, key: k) {
      case .success(let l):
        bump { $0.diskHits += 1 }
        touch(path)
        return l
      case .failure(.failed(let e)):
        throw e  // the entry is fine; this process cannot load it
      case .failure(.wrongKey):
        bump { $0.corruptEntries += 1 }
      }
    } else if FileManager.default.fileExists(atPath: path) {
      bump { $0.corruptEntries += 1 }
    }
    let buildLock = BuildLock(dir: dir, key: k)
    defer { buildLock?.release() }
    // Built by another process while this one waited for the lock.
    if verify(path, key: k), case .success(let l) = LoadedLibrary.open(path, key: k) {
      bump { $0.diskHits += 1 }
      return l
    }
    try buildEntry(key: k, source: source, compiler: compiler, optimization: optimization, into: path, timeout: timeout)
    bump { $0.compiles += 1 }
    trim(dir, toBytes: JAXConfig.cacheSizeLimit, keeping: path)
    switch LoadedLibrary.open(path, key: k) {
    case .success(let l): return l
    case .failure(.failed(let e)): throw e
    case .failure(.wrongKey(let found)):
      throw JAXError(.compilation, "jit", "the entry \(path) was replaced while loading it (it holds key \(found))")
    }
  }

  static func bump(_ f: (inout Statistics) -> Void) {
    lock.lock()
    f(&stats)
    lock.unlock()
  }
}

/// An exclusive `flock` on `<key>.lock` while one process builds an
/// entry. The kernel drops it if the process dies; the file is removed on
/// release (a process that opened it just before then may build the entry
/// a second time, which is harmless).
private struct BuildLock {
  let fd: Int32
  let path: String

  /// nil when the lock file cannot be made (then the build runs unlocked).
  init?(dir: String, key: String) {
    path = "\(dir)/\(key).lock"
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return nil }
    while flock(fd, LOCK_EX) == -1 {
      guard errno == EINTR else {
        close(fd)
        return nil
      }
    }
  }

  func release() {
    unlink(path)
    flock(fd, LOCK_UN)
    close(fd)
  }
}

private struct WeakLibrary {
  weak var library: LoadedLibrary?
}

/// One compilation other threads wait for.
private final class Flight: @unchecked Sendable {
  private let condition = NSCondition()
  private var result: Result<LoadedLibrary, JAXError>?

  func finish(_ r: Result<LoadedLibrary, JAXError>) {
    condition.lock()
    result = r
    condition.broadcast()
    condition.unlock()
  }

  func wait() throws(JAXError) -> LoadedLibrary {
    condition.lock()
    defer { condition.unlock() }
    while result == nil { condition.wait() }
    return try result!.get()
  }
}
