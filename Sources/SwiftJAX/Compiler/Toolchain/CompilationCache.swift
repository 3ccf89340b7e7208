import Foundation

// The on-disk cache of compiled shared objects, and the process-wide table
// of loaded ones.
//
// An entry is `<key>.so`: the object followed by a 32-byte trailer (magic,
// payload length, payload checksum, magic). Writers build into a unique
// temporary file and rename it into place, so concurrent processes never
// see a partial file; readers verify the trailer and rebuild an entry that
// is truncated or corrupt.

/// Where compiled functions are cached on disk.
///
/// ```swift
/// CompilationCache.directory = "/tmp/my-cache"   // or SWIFTJAX_CACHE_DIR
/// ```
public enum CompilationCache {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var dirOverride: String? = nil
  nonisolated(unsafe) private static var loaded: [String: EntryPoint] = [:]

  /// The cache directory: set here, or `$SWIFTJAX_CACHE_DIR`, or
  /// `$XDG_CACHE_HOME/swiftjax`, or `~/.cache/swiftjax`. Created with mode
  /// 0700 on first use.
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
  public struct Statistics: Sendable {
    public var compiles = 0
    public var diskHits = 0
    public var memoryHits = 0
    public var corruptEntries = 0
  }
  nonisolated(unsafe) private static var stats = Statistics()
  public static var statistics: Statistics {
    lock.lock()
    defer { lock.unlock() }
    return stats
  }

  /// Forgets loaded objects (their code stays mapped; entries on disk stay).
  /// Used by tests to exercise the disk path.
  public static func clearMemoryCache() {
    lock.lock()
    loaded = [:]
    lock.unlock()
  }

  static let magic: UInt64 = 0x3130_4F53_584A_5753  // "SWJXSO01"

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

  /// Returns the entry point of `source`, loading or building it.
  static func entryPoint(
    source: String, compiler: String, optimization: Toolchain.Optimization = .full, useMemoryCache: Bool = true
  ) throws(JAXError) -> EntryPoint {
    let k = key(source: source, compiler: compiler, optimization: optimization)
    lock.lock()
    if useMemoryCache, let e = loaded[k] {
      stats.memoryHits += 1
      lock.unlock()
      return e
    }
    lock.unlock()
    let dir = directory
    try ensureDirectory(dir)
    let path = "\(dir)/\(k).so"
    var entry: EntryPoint? = nil
    if verify(path) {
      entry = try? EntryPoint.load(path)
      if entry != nil { bump { $0.diskHits += 1 } }
    } else if FileManager.default.fileExists(atPath: path) {
      bump { $0.corruptEntries += 1 }
    }
    if entry == nil {
      try build(source: source, compiler: compiler, optimization: optimization, into: path)
      bump { $0.compiles += 1 }
      entry = try EntryPoint.load(path)
    }
    lock.lock()
    loaded[k] = entry!
    lock.unlock()
    return entry!
  }

  private static func bump(_ f: (inout Statistics) -> Void) {
    lock.lock()
    f(&stats)
    lock.unlock()
  }

  private static func ensureDirectory(_ dir: String) throws(JAXError) {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue { return }
    do {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      if FileManager.default.fileExists(atPath: dir) { return }  // another process won the race
      throw JAXError(.compilation, "jit", "cannot create the compilation cache directory \(dir): \(error)")
    }
  }

  /// Compiles into a unique temporary file, appends the trailer and renames
  /// it into place (atomic on POSIX file systems).
  private static func build(source: String, compiler: String, optimization: Toolchain.Optimization, into path: String) throws(JAXError) {
    let tmp = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    let src = tmp + ".c"
    let obj = tmp + ".tmp"
    defer {
      unlink(src)
      unlink(obj)
    }
    guard FileManager.default.createFile(atPath: src, contents: Data(source.utf8)) else {
      throw JAXError(.compilation, "jit", "cannot write \(src)")
    }
    try Toolchain.compile(compiler: compiler, sourcePath: src, outputPath: obj, optimization: optimization)
    guard var bytes = FileManager.default.contents(atPath: obj).map(Array.init) else {
      throw JAXError(.compilation, "jit", "the compiler produced no object at \(obj)")
    }
    var h = ContentHash()
    h.update(bytes)
    for word in [magic, UInt64(bytes.count), h.low64, magic] {
      withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
    }
    guard FileManager.default.createFile(atPath: obj, contents: Data(bytes), attributes: [.posixPermissions: 0o600]),
      rename(obj, path) == 0
    else {
      throw JAXError(.compilation, "jit", "cannot write the cache entry \(path)")
    }
  }

  /// Whether `path` holds a complete entry with a matching checksum.
  static func verify(_ path: String) -> Bool {
    guard let data = FileManager.default.contents(atPath: path), data.count > 32 else { return false }
    let bytes = [UInt8](data)
    func word(_ at: Int) -> UInt64 {
      var w: UInt64 = 0
      for i in 0..<8 { w |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
      return w
    }
    let n = bytes.count - 32
    guard word(n) == magic, word(n + 24) == magic, word(n + 8) == UInt64(n) else { return false }
    var h = ContentHash()
    bytes[0..<n].withUnsafeBytes { h.update($0) }
    return h.low64 == word(n + 16)
  }
}

/// A loaded `jx_main`.
struct EntryPoint: @unchecked Sendable {
  typealias Fn = @convention(c) (
    UnsafeRawPointer?, UnsafeMutableRawPointer?, UnsafePointer<UnsafeMutableRawPointer?>?,
    UnsafePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<CChar>?
  ) -> Int32
  let fn: Fn
  let handle: UnsafeMutableRawPointer

  static func load(_ path: String) throws(JAXError) -> EntryPoint {
    guard let h = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
      let msg = dlerror().map { String(cString: $0) } ?? "unknown error"
      unlink(path)  // unusable: the next attempt rebuilds it
      throw JAXError(.compilation, "jit", "cannot load \(path): \(msg)")
    }
    guard let sym = dlsym(h, "jx_main") else {
      dlclose(h)
      throw JAXError(.compilation, "jit", "\(path) has no entry point jx_main")
    }
    return EntryPoint(fn: unsafeBitCast(sym, to: Fn.self), handle: h)
  }
}
