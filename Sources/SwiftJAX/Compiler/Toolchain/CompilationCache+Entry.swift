import Foundation

// Building and checking one cache entry (format in CompilationCache.swift).

extension CompilationCache {
  /// Marks the trailer; the version digit changed when the checksum began
  /// to cover the key, so older entries read as corrupt and are rebuilt.
  static let magic: UInt64 = 0x3230_4F53_584A_5753  // "SWJXSO02"

  /// The source clang compiles: the program plus its key as an exported
  /// string, checked after `dlopen` (``LoadedLibrary/open(_:key:)``).
  static func keyedSource(_ source: String, key: String) -> String {
    source + "\n__attribute__((visibility(\"default\"))) const char \(keySymbol)[] = \"\(key)\";\n"
  }

  /// Compiles under temporary names in the entry's directory (a killed
  /// build leaves only `<key>.tmp-*` files, which a later process sweeps),
  /// appends the trailer and renames the result into place (atomic on
  /// POSIX file systems).
  static func buildEntry(
    key: String, source: String, compiler: String, optimization: Toolchain.Optimization, into path: String, timeout: Double?
  ) throws(JAXError) {
    let dir = (path as NSString).deletingLastPathComponent
    let tmp = "\(dir)/\(key).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let src = tmp + ".c"
    let obj = tmp + ".so"
    defer {
      unlink(src)
      unlink(obj)
    }
    guard FileManager.default.createFile(atPath: src, contents: Data(keyedSource(source, key: key).utf8)) else {
      throw JAXError(.compilation, "jit", "cannot write \(src)")
    }
    try Toolchain.compile(compiler: compiler, sourcePath: src, outputPath: obj, optimization: optimization, timeout: timeout)
    guard var bytes = FileManager.default.contents(atPath: obj).map(Array.init) else {
      throw JAXError(.compilation, "jit", "the compiler produced no object at \(obj)")
    }
    appendTrailer(&bytes, key: key)
    guard FileManager.default.createFile(atPath: obj, contents: Data(bytes), attributes: [.posixPermissions: 0o600]),
      rename(obj, path) == 0
    else {
      throw JAXError(.compilation, "jit", "cannot write the cache entry \(path)")
    }
  }

  /// The checksum of an entry's payload, bound to its key: the same
  /// object under another key's name does not verify.
  private static func checksum(_ payload: UnsafeRawBufferPointer, key: String) -> UInt64 {
    var h = ContentHash()
    h.update(key)
    h.update(payload)
    return h.low64
  }

  /// Appends the trailer of an entry for `key` to an object's bytes.
  static func appendTrailer(_ bytes: inout [UInt8], key: String) {
    let sum = bytes.withUnsafeBytes { checksum($0, key: key) }
    for word in [magic, UInt64(bytes.count), sum, magic] {
      withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
    }
  }

  /// Whether `path` holds a complete entry for `key` (by default the key
  /// its file name `<key>.so` names).
  static func verify(_ path: String, key: String? = nil) -> Bool {
    let k = key ?? String((path as NSString).lastPathComponent.dropLast(3))
    guard let data = FileManager.default.contents(atPath: path), data.count > 32 else { return false }
    return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
      let n = raw.count - 32
      func word(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
      guard word(n) == magic, word(n + 24) == magic, word(n + 8) == UInt64(n) else { return false }
      return checksum(UnsafeRawBufferPointer(rebasing: raw[0..<n]), key: k) == word(n + 16)
    }
  }
}
