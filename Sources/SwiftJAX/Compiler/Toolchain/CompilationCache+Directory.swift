import Foundation

// Which directory the cache may use. Code loaded from the cache runs in
// this process, so a directory someone else can write to (another user's
// `/tmp/swiftjax-<uid>`, a mode-777 directory) would let them run code
// here: such a directory is refused, once, with one warning, and the
// process caches in a fresh private directory instead.

extension CompilationCache {
  /// Temporary files older than this (seconds) are left over by a killed
  /// process and are removed.
  static let staleTemporaryAge: Double = 3600

  /// The directory to build and load entries in: `requested` (by default
  /// ``directory``) when it is safe, else this process's private fallback.
  static func usableDirectory(_ requested: String = directory) throws(JAXError) -> String {
    lock.lock()
    let known = checkedDirectories[requested]
    lock.unlock()
    // Re-checked when it disappeared (a test or the user removed it).
    if let known, isDirectory(known) { return known }
    var resolved = requested
    if let unusable = unwritableProblem(requested) {
      // A read-only (or uncreatable) cache still gets compiled code: in a
      // private directory, rather than interpreting every function.
      resolved = try privateFallbackDirectory()
      warn(
        "SwiftJAX: cannot write to the compilation cache directory \(requested) (\(unusable)); compiled code goes to "
          + "the private directory \(resolved) for this process instead (set SWIFTJAX_CACHE_DIR to a writable directory "
          + "to keep compiled code across runs).\n")
    } else if let problem = directoryProblem(requested) {
      resolved = try privateFallbackDirectory()
      warn(
        "SwiftJAX: not using the compilation cache directory \(requested): \(problem), so a file planted there "
          + "would run in this process. Compiled code goes to the private directory \(resolved) for this process instead "
          + "(fix: `chmod 700` a directory you own, or set SWIFTJAX_CACHE_DIR).\n")
    }
    lock.lock()
    let first = checkedDirectories.values.contains(resolved) == false
    checkedDirectories[requested] = resolved
    lock.unlock()
    if first {
      let swept = resolved
      DispatchQueue.global(qos: .utility).async { sweepStaleTemporaries(in: swept) }
    }
    return resolved
  }

  /// Why entries cannot be written to `dir` (it cannot be created, or this
  /// process lacks write permission), or nil.
  static func unwritableProblem(_ dir: String) -> String? {
    do {
      try ensureDirectory(dir)
    } catch {
      return error.message
    }
    if access(dir, W_OK | X_OK) != 0 { return String(cString: strerror(errno)) }
    return nil
  }

  /// Why `dir` must not hold cache entries, or nil when it is a directory
  /// owned by this user that nobody else can write to.
  static func directoryProblem(_ dir: String) -> String? {
    var st = stat()
    // A link someone else made (e.g. `/tmp/swiftjax-<uid>` pointing into
    // this user's home) could be re-pointed at their directory later.
    if lstat(dir, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, st.st_uid != geteuid() {
      return "it is a symbolic link owned by uid \(st.st_uid), not by this user (uid \(geteuid()))"
    }
    guard stat(dir, &st) == 0 else { return "it cannot be examined (\(String(cString: strerror(errno))))" }
    guard (st.st_mode & S_IFMT) == S_IFDIR else { return "it is not a directory" }
    if st.st_uid != geteuid() { return "it is owned by uid \(st.st_uid), not by this user (uid \(geteuid()))" }
    if st.st_mode & (S_IWGRP | S_IWOTH) != 0 {
      return "it is writable by its group or by others (mode \(String(st.st_mode & 0o7777, radix: 8)))"
    }
    return nil
  }

  private static func isDirectory(_ dir: String) -> Bool {
    var st = stat()
    return stat(dir, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  private static func ensureDirectory(_ dir: String) throws(JAXError) {
    if isDirectory(dir) { return }
    do {
      try FileManager.default.createDirectory(
        atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      if isDirectory(dir) { return }  // another process won the race
      throw JAXError(.compilation, "jit", "cannot create the compilation cache directory \(dir): \(error)")
    }
  }

  /// A directory `mkdtemp` made for this process alone (mode 0700, a new
  /// name), removed at exit.
  private static func privateFallbackDirectory() throws(JAXError) -> String {
    lock.lock()
    defer { lock.unlock() }
    if let d = fallbackDirectory { return d }
    var template = Array((NSTemporaryDirectory() + "swiftjax-private-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw JAXError(.compilation, "jit", "cannot create a private compilation cache directory: \(String(cString: strerror(errno)))")
    }
    let d = String(cString: made)
    fallbackDirectory = d
    atexit {
      if let d = CompilationCache.fallbackDirectory { try? FileManager.default.removeItem(atPath: d) }
    }
    return d
  }

  private static func warn(_ message: String) {
    lock.lock()
    directoryWarnings.append(message)
    lock.unlock()
    FileHandle.standardError.write(Data(message.utf8))
  }

  /// Whether `name` is one of the temporary files a build makes
  /// (`<key>.tmp-<pid>-<n>...`, `<key>.lock`, or `<key>.so.<pid>.<n>...`
  /// from before).
  static func isTemporaryName(_ name: String) -> Bool {
    let parts = name.split(separator: ".", maxSplits: 1)
    guard parts.count == 2, parts[0].count == 32, parts[0].allSatisfy(\.isHexDigit) else { return false }
    return parts[1].hasPrefix("tmp-") || parts[1] == "lock" || (parts[1].hasPrefix("so.") && parts[1].count > 3)
  }

  /// Removes temporaries older than ``staleTemporaryAge`` (a process killed
  /// mid-compile never removes its own). Newer ones may belong to a build
  /// still running in another process. Returns how many it removed.
  @discardableResult
  static func sweepStaleTemporaries(in dir: String, olderThan age: Double = staleTemporaryAge) -> Int {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return 0 }
    let now = Date().timeIntervalSince1970
    var removed = 0
    for name in names where isTemporaryName(name) {
      var st = stat()
      let path = dir + "/" + name
      guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
      let modified = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) * 1e-9
      if now - modified > age && unlink(path) == 0 { removed += 1 }
    }
    return removed
  }
}
