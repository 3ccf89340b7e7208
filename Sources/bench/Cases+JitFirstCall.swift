import Foundation
import SwiftJAX

// First-call latency of jit: trace + optimise + render + clang + load +
// run, measured in a fresh process (the bench binary re-run with
// `--first-call-child`) so nothing is warm in memory. `cold` uses an empty
// cache directory; `warm` re-runs with the directory the cold run filled
// (the disk-cache hit path). Peer: a fresh Python process per repetition.

/// Child mode: times the first call of a jitted 1e4-step Lorenz rollout and
/// prints the seconds on stdout.
func firstCallChild() -> Never {
  let initCoords = Tensor([10, 10, 10] as [Float])
  let t0 = now()
  let rollout = lorenzRollout(length: 10_000)
  rollout(initCoords).blockUntilReady()
  print(now() - t0)
  exit(0)
}

/// Runs the child in `cacheDir` and returns its measured first-call time.
private func runFirstCallChild(cacheDir: String) -> Double {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
  p.arguments = ["--first-call-child"]
  var env = ProcessInfo.processInfo.environment
  env["SWIFTJAX_CACHE_DIR"] = cacheDir
  p.environment = env
  let out = Pipe()
  p.standardOutput = out
  try! p.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
}

private func freshCacheDir() -> String {
  let d = NSTemporaryDirectory() + "swiftjax-bench-firstcall-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
  try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
  return d
}

let jitFirstCallCases: [BenchCase] = [
  BenchCase(name: "jit_first_call_lorenz_1e4", summary: "trace+compile+run of a jitted 1e4-step rollout, fresh process, empty cache") {
    (0..<5).map { _ in
      let d = freshCacheDir()
      defer { try? FileManager.default.removeItem(atPath: d) }
      return runFirstCallChild(cacheDir: d)
    }
  },
  BenchCase(name: "jit_first_call_lorenz_1e4_warm", summary: "the same first call in a fresh process with a warm disk cache") {
    let d = freshCacheDir()
    defer { try? FileManager.default.removeItem(atPath: d) }
    _ = runFirstCallChild(cacheDir: d)
    return (0..<7).map { _ in runFirstCallChild(cacheDir: d) }
  },
]
