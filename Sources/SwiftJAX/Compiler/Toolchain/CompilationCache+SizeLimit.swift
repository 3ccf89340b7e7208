import Foundation

// The on-disk cache's size limit: after each new entry is written, the
// least recently used entries (by modification time; a load touches its
// entry) are removed until the directory's entries fit the limit.

extension CompilationCache {
  /// Removes the oldest `.so` entries of `dir` until their total size is at
  /// most `limit` bytes, keeping `keep` (the entry just written). Returns
  /// how many it removed. Entries in use stay mapped (unlinking a loaded
  /// file is safe on Linux), so this never breaks a running program.
  @discardableResult
  static func trim(_ dir: String, toBytes limit: Int, keeping keep: String? = nil) -> Int {
    guard limit >= 0, let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return 0 }
    var entries: [(path: String, size: Int, modified: Double)] = []
    for name in names where name.hasSuffix(".so") && !isTemporaryName(name) {
      var st = stat()
      let path = dir + "/" + name
      guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
      entries.append((path, Int(st.st_size), Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) * 1e-9))
    }
    var total = entries.reduce(0) { $0 + $1.size }
    var removed = 0
    for e in entries.sorted(by: { $0.modified < $1.modified }) where total > limit && e.path != keep {
      if unlink(e.path) == 0 {
        total -= e.size
        removed += 1
      }
    }
    return removed
  }

  /// Marks an entry as used now, so the size limit removes it last.
  static func touch(_ path: String) {
    _ = utimes(path, nil)
  }
}
