import Foundation

// A compiled function's shared object while something uses it. Each loaded
// object costs ~18 KB and 4 memory mappings; the kernel allows ~65k
// mappings per process, so a program that creates many short-lived jitted
// functions must unload them: the object is closed when the last
// `Executable` holding it goes away.

/// One `dlopen`ed cache entry; `dlclose`d on deinit.
final class LoadedLibrary: @unchecked Sendable {
  let handle: UnsafeMutableRawPointer
  let path: String
  let fn: EntryPoint.Fn

  private init(handle: UnsafeMutableRawPointer, path: String, fn: EntryPoint.Fn) {
    self.handle = handle
    self.path = path
    self.fn = fn
  }

  deinit { dlclose(handle) }

  /// Why an entry could not be used.
  enum LoadFailure: Error {
    /// The object is not the one built for the key: it was copied or
    /// planted under another entry's name. Proven wrong, so replaceable.
    case wrongKey(found: String)
    /// `dlopen` or `dlsym` failed for a reason that says nothing about the
    /// file (e.g. the process is out of mappings): the entry is kept.
    case failed(JAXError)
  }

  /// Loads `path` and checks that it was built for `key` (the string the
  /// cache embeds as `jx_cache_key`) before anything calls into it.
  static func open(_ path: String, key: String) -> Result<LoadedLibrary, LoadFailure> {
    guard let h = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
      let msg = dlerror().map { String(cString: $0) } ?? "unknown error"
      return .failure(.failed(JAXError(.compilation, "jit", "cannot load \(path): \(msg)\(mappingDiagnosis())")))
    }
    guard let keySymbol = dlsym(h, CompilationCache.keySymbol) else {
      dlclose(h)
      return .failure(.wrongKey(found: "no \(CompilationCache.keySymbol) symbol"))
    }
    let found = String(cString: keySymbol.assumingMemoryBound(to: CChar.self))
    guard found == key else {
      dlclose(h)
      return .failure(.wrongKey(found: found))
    }
    guard let sym = dlsym(h, "jx_main") else {
      dlclose(h)
      return .failure(.failed(JAXError(.compilation, "jit", "\(path) has no entry point jx_main")))
    }
    return .success(LoadedLibrary(handle: h, path: path, fn: unsafeBitCast(sym, to: EntryPoint.Fn.self)))
  }

  /// When the process is near the kernel's limit on memory mappings (the
  /// usual reason a valid object fails to load), says so and how to fix it.
  static func mappingDiagnosis() -> String {
    guard let maps = readWholeFile("/proc/self/maps"), let limitText = readWholeFile("/proc/sys/vm/max_map_count"),
      let limit = Int(limitText.trimmingCharacters(in: .whitespacesAndNewlines))
    else { return "" }
    return mappingDiagnosis(count: maps.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }, limit: limit)
  }

  /// The diagnosis for `count` mappings under a limit of `limit`: empty
  /// below 90% of the limit.
  static func mappingDiagnosis(count: Int, limit: Int) -> String {
    guard count * 10 >= limit * 9 else { return "" }
    return """
      \nthe process has \(count) memory mappings and the kernel's limit (vm.max_map_count) is \(limit): \
      each live jitted function uses 4; let Jitted values you no longer need go, or raise vm.max_map_count
      """
  }
}

/// The whole text of a file read to its end. Foundation reads /proc files
/// (whose reported size is 0) only up to their first 4 KB.
func readWholeFile(_ path: String) -> String? {
  let fd = open(path, O_RDONLY | O_CLOEXEC)
  guard fd >= 0 else { return nil }
  defer { close(fd) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n < 0 && errno == EINTR { continue }
    guard n > 0 else { return n == 0 ? String(decoding: bytes, as: UTF8.self) : nil }
    bytes.append(contentsOf: chunk[0..<n])
  }
}

/// A loaded `jx_main`, and the library that keeps it mapped.
struct EntryPoint: @unchecked Sendable {
  typealias Fn = @convention(c) (
    UnsafeRawPointer?, UnsafeMutableRawPointer?, UnsafePointer<UnsafeMutableRawPointer?>?,
    UnsafePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<CChar>?
  ) -> Int32
  let library: LoadedLibrary
  var fn: Fn { library.fn }
}
