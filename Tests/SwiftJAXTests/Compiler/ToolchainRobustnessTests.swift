import Foundation
import Testing
@testable import SwiftJAX

/// Issue 11, item 8: a hung compiler cannot hang a call, killed builds
/// leave no litter for ever, and concurrent first calls compile once.
@Suite struct ToolchainRobustnessTests {
  /// Writes an executable shell script and returns its path.
  func script(_ tag: String, _ body: String) throws -> String {
    let dir = try CacheTestPrograms.freshDirectory("cc-\(tag)")
    let path = dir + "/cc"
    // Written through a close-on-exec descriptor: one inherited by a
    // process another test spawns meanwhile would make exec fail (ETXTBSY).
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    try #require(fd >= 0)
    let text = Array(("#!/bin/sh\n" + body).utf8)
    let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    try #require(written == text.count)
    return path
  }

  /// Whether `pid` no longer runs (gone, or a zombie nobody reaped yet).
  func isDead(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
    guard let close = stat.lastIndex(of: ")") else { return true }
    return stat[stat.index(close, offsetBy: 2)] == "Z"
  }

  @Test func hungCompilerIsKilledAtTheDeadline() throws {
    let pidFile = NSTemporaryDirectory() + "swiftjax-hung-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(pidFile) }
    // The "compiler" starts a child that would outlive it, then hangs.
    let cc = try script("hung", "sleep 300 &\necho $! > \(pidFile)\nwait\n")
    defer { try? FileManager.default.removeItem(atPath: (cc as NSString).deletingLastPathComponent) }
    let dir = try CacheTestPrograms.freshDirectory("hung-cache")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let t0 = JITSettings.clock()
    do {
      _ = try CompilationCache.entryPoint(source: "int jx_hung;", compiler: cc, timeout: 1, directory: dir)
      Issue.record("a compiler that never finishes produced an entry")
    } catch {
      #expect(error.message.contains("timed out after 1.0 s"))
    }
    #expect(JITSettings.clock() - t0 < 30)
    let child = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
    var waited = 0.0
    while !isDead(child) && waited < 10 {
      usleep(50_000)
      waited += 0.05
    }
    #expect(isDead(child), "the compiler's child \(child) survived the timeout")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "temporaries left behind")
  }

  @Test func compilerThatCannotStartIsAClearError() throws {
    let dir = try CacheTestPrograms.freshDirectory("nocc")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      _ = try CompilationCache.entryPoint(source: "int jx_x;", compiler: dir + "/missing-cc", directory: dir)
      Issue.record("a missing compiler produced an entry")
    } catch {
      #expect(error.message.contains("could not start: No such file or directory"))
    }
  }

  @Test func staleTemporariesAreSwept() throws {
    let dir = try CacheTestPrograms.freshDirectory("sweep")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let key = String(repeating: "ab", count: 16)
    let names = [
      "\(key).tmp-123-4.c", "\(key).tmp-123-4.so.o", "\(key).so.99.7.tmp.log",  // old temporaries
      "\(key).tmp-555-6.c",  // a build still running
      "\(key).so", "notes.tmp-1.c",  // an entry, and a file that is not ours
      "\(key).lock",  // the build lock of a process that died
    ]
    for n in names { _ = FileManager.default.createFile(atPath: "\(dir)/\(n)", contents: Data("x".utf8)) }
    let old = Date(timeIntervalSinceNow: -2 * CompilationCache.staleTemporaryAge)
    for n in names where n != "\(key).tmp-555-6.c" {
      try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: "\(dir)/\(n)")
    }
    #expect(CompilationCache.sweepStaleTemporaries(in: dir) == 4)
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == ["\(key).tmp-555-6.c", "\(key).so", "notes.tmp-1.c"])
  }

  /// Calls `entryPoint` for one new program from 8 threads at once
  /// through a slow compiler; returns how often it compiled and the
  /// handles the threads got.
  func raceToCompile(sharingMemory: Bool) throws -> (compiles: Int, handles: [UnsafeMutableRawPointer], failures: [String]) {
    guard let clang = Toolchain.compilerPath else { return (1, [], []) }
    let log = NSTemporaryDirectory() + "swiftjax-flight-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log"
    defer { unlink(log) }
    // A slow compiler, so all threads arrive while the first compiles.
    let cc = try script("flight", "case \"$*\" in *\" -c \"*) echo compile >> \(log); sleep 0.5;; esac\nexec \(clang) \"$@\"\n")
    defer { try? FileManager.default.removeItem(atPath: (cc as NSString).deletingLastPathComponent) }
    let source = CRenderer.render(CacheTestPrograms.scaled(by: CacheTestPrograms.uniqueFactor()).jaxpr).source
    let handles = LockedList<UnsafeMutableRawPointer>()
    let failures = LockedList<String>()
    let group = DispatchGroup()
    // Threads, not a dispatch queue: all 8 must be blocked at once.
    for _ in 0..<8 {
      group.enter()
      Thread {
        do {
          handles.append(try CompilationCache.entryPoint(source: source, compiler: cc, useMemoryCache: sharingMemory).library.handle)
        } catch {
          failures.append("\(error)")
        }
        group.leave()
      }.start()
    }
    group.wait()
    // No log: nothing compiled (the failures say why).
    let compiles = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").count
    return (compiles, handles.items, failures.items)
  }

  @Test func concurrentFirstCallsCompileOnce() throws {
    guard Toolchain.compilerPath != nil else { return }
    let r = try raceToCompile(sharingMemory: true)
    #expect(r.failures.isEmpty, "\(r.failures)")
    #expect(r.handles.count == 8)
    #expect(Set(r.handles).count == 1)
    #expect(r.compiles == 1)
  }

  /// Without the in-memory cache each thread acts as a separate process
  /// would: the build lock on disk still makes one of them compile.
  @Test func concurrentProcessesCompileOnce() throws {
    guard Toolchain.compilerPath != nil else { return }
    let r = try raceToCompile(sharingMemory: false)
    #expect(r.failures.isEmpty, "\(r.failures)")
    #expect(r.handles.count == 8)
    #expect(r.compiles == 1)
  }
}

/// An array several threads append to.
final class LockedList<T>: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [T] = []
  func append(_ x: T) { lock.withLock { storage.append(x) } }
  var items: [T] { lock.withLock { storage } }
}
