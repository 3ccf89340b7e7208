import Foundation

// Non-temporal ("streaming") stores for a program's large results.
//
// A plain store first reads the cache line it writes (the write-allocate
// read), then writes it back: three bytes of memory traffic for every two
// the program means to write. A result that nothing in the program reads
// again, of a program that touches more memory than the last-level cache
// holds, is not in cache when its caller next reads it either, so the
// read buys nothing. Such a result is computed into a small block on the
// stack (in L1) and copied to memory with non-temporal stores, which skip
// the read: writes measured 8.3 GB/s plain and 20.5 GB/s streamed on one
// core of this project's Zen machine.
//
// In the Adam step of a 784-512-512-10 MLP (`mlp_adam_step`) the update
// of each weight writes the new weight and both moments, 4.8 MB for the
// first layer; streamed, the step took 0.946-0.999x the time (median
// 0.985x) in alternating runs of one binary. Values are the same bits:
// only the way they reach memory changes.
//
// Only loops that do little work per element stream: one that calls the
// special functions (exp, log, sin, erfinv...) is bound by its arithmetic,
// its plain stores drain while it computes, and bursts of streaming stores
// made it slower (``streams(callsSpecial:)``).

extension CRenderer {
  /// Elements of each block computed on the stack before it is streamed
  /// out (2-4 KB a result: stays in L1 next to the loop's operands).
  static var streamBlock: Int { 512 }

  /// Whether a loop may stream its results: not when it calls special
  /// functions. Such a loop is bound by its arithmetic, and its plain
  /// stores drain while it computes. Measured on this project's Zen
  /// machine, alternating runs of one binary, against plain stores:
  /// - `random_normal_1e7` (threefry, erfinv): streamed 1.010-1.025x the
  ///   time; the same blocks copied out with memcpy 1.003-1.008x, so the
  ///   streaming stores themselves cost it, in bursts the loop waits for;
  /// - `transcendental_1e7` (tanh, exp, log1p, sin): streamed
  ///   1.001-1.074x, copied with memcpy 1.006-1.042x: the blocks cut its
  ///   sin/cos blocks short, and streaming wins nothing back.
  static func streams(callsSpecial: Bool) -> Bool { !callsSpecial }

  /// Inputs plus outputs, in bytes, from which a program's results are
  /// streamed: the last-level cache the running core shares (sysfs), or
  /// 8 MiB when the system does not say. `SWIFTJAX_JIT_STREAM_STORES=0`
  /// turns streaming off, for measuring.
  static let streamFootprint: Int = {
    if ProcessInfo.processInfo.environment["SWIFTJAX_JIT_STREAM_STORES"] == "0" { return Int.max }
    return lastLevelCacheBytes() ?? (8 << 20)
  }()

  /// The size of cpu0's highest-level cache from Linux's sysfs (e.g.
  /// "8192K"), nil elsewhere or when unreadable. Not sysconf: glibc's
  /// `_SC_LEVEL3_CACHE_SIZE` reports a whole socket's L3 (64 MB on a host
  /// whose cores share 8 MB each).
  static func lastLevelCacheBytes() -> Int? {
    var best: (level: Int, bytes: Int)? = nil
    for k in 0..<8 {
      let dir = "/sys/devices/system/cpu/cpu0/cache/index\(k)/"
      guard let level = readSysfs(dir + "level").flatMap({ Int($0) }),
        let size = readSysfs(dir + "size").flatMap(parseCacheSize)
      else { continue }
      if best == nil || level > best!.level { best = (level, size) }
    }
    return best?.bytes
  }

  /// "8192K" / "32M" / "512" as bytes.
  static func parseCacheSize(_ s: String) -> Int? {
    let unit: Int = switch s.last { case "K": 1 << 10; case "M": 1 << 20; case "G": 1 << 30; default: 1 }
    let digits = unit == 1 ? s : String(s.dropLast())
    return Int(digits).map { $0 * unit }
  }

  private static func readSysfs(_ path: String) -> String? {
    guard let s = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return s.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The buffers of `roots` a flat parallel loop streams: program outputs
  /// that nothing after the loop reads (the loop itself may use them, at
  /// the element it computes: Adam's new moments feed its new weight),
  /// when the program's inputs and outputs together reach
  /// ``streamFootprint``.
  func streamedBuffers(_ roots: [Int]) -> [Buf] {
    guard programFootprint >= Self.streamFootprint else { return [] }
    return roots.compactMap { r in
      let v = schedule.eqn(r).outputs[0]
      guard case .buffer(let b)? = schedule.storage[ObjectIdentifier(v)], case .output = b.kind,
        !schedule.readFromMemory.contains(ObjectIdentifier(v))
      else { return nil }
      return b
    }
  }

  /// Bytes of the program's inputs and outputs.
  var programFootprint: Int {
    schedule.bufs.reduce(0) { n, b in
      switch b.kind {
      case .input, .output: n + b.byteCount
      case .scratch, .local, .bound: n
      }
    }
  }

  /// The names a streamed loop uses: its block's first and end index, and
  /// the stack array each streamed buffer's values go to.
  struct StreamBlock {
    let start: String
    let end: String
    let temps: [(buf: Buf, name: String)]
  }

  func streamBlock(for bufs: [Buf]) -> StreamBlock? {
    if bufs.isEmpty { return nil }
    return StreamBlock(start: freshName("s"), end: freshName("e"), temps: bufs.map { ($0, freshName("st")) })
  }

  /// `loop` (running over `block.start..<block.end`, storing the streamed
  /// buffers' values into the block's temporaries) inside the loop over
  /// the task's `lo..<hi` by blocks, each block streamed out after it is
  /// computed, then a store fence: non-temporal stores are not ordered
  /// with the pool's completion signal otherwise.
  ///
  /// ```c
  /// for (int64_t s1 = lo; s1 < hi; s1 += 512) {
  ///   const int64_t e2 = hi - s1 < 512 ? hi : s1 + 512;
  ///   float st3[512];
  ///   for (int64_t i4 = s1; i4 < e2; i4++) { ... st3[i4 - s1] = t5; }
  ///   jx_stream_copy(b6 + s1, st3, (e2 - s1) * 4);
  /// }
  /// jx_stream_fence();
  /// ```
  func streamed(_ loop: [String], _ block: StreamBlock) -> [String] {
    let (s, e, n) = (block.start, block.end, Self.streamBlock)
    var out = ["  for (int64_t \(s) = lo; \(s) < hi; \(s) += \(n)) {",
               "    const int64_t \(e) = hi - \(s) < \(n) ? hi : \(s) + \(n);"]
    out += block.temps.map { "    \($0.buf.dtype.cType) \($0.name)[\(n)];" }
    out += loop.map { "  " + $0 }
    out += block.temps.map { "    jx_stream_copy(\($0.buf.name) + \(s), \($0.name), (\(e) - \(s)) * \($0.buf.dtype.byteSize));" }
    out += ["  }", "  jx_stream_fence();"]
    return out
  }
}
