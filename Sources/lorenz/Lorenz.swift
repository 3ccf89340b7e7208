// The main demo: seed 000 ("Autoregressive rollout in jax") end to end.
// The Lorenz system integrated with RK4 and rolled out three ways — a Swift
// loop of eager operations (the NumPy style), `Lax.scan`, and `jit(scan)` —
// timed over lengths 1e3 ... 1e7, then the attractor in float32 and float64
// and the timing plot written as PNG and SVG.
//
//   swift run -c release lorenz [--max-length 10000000] [--dtype both] [--output demo-output]

import ArgumentParser
import Examples
import Foundation
import SwiftJAX
import SwiftJAXPlot

@main
struct Lorenz: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Seed 000: the Lorenz RK4 rollout, eager loop vs scan vs jit(scan), with pictures.")

  @Option(help: "Longest rollout timed (powers of ten from 1000 up to this).")
  var maxLength = 10_000_000

  @Option(help: "Precision: float32, float64 or both (both: timings in float32, the attractor in both).")
  var dtype = "both"

  @Option(help: "Directory for the images.")
  var output = "demo-output"

  @Option(help: "Steps of the drawn trajectories (seed 000: final time 100 / tau 0.01).")
  var trajectoryLength = 10_000

  @Option(help: "The eager loop stops at the first length it would take longer than this many seconds for.")
  var eagerBudget = 4.0

  func validate() throws {
    guard ["float32", "float64", "both"].contains(dtype) else { throw ValidationError("--dtype must be float32, float64 or both") }
    guard maxLength >= 1000 else { throw ValidationError("--max-length must be at least 1000") }
  }

  func run() throws {
    // float64 needs x64 enabled for the whole rollout, as in JAX.
    let rows = JAXConfig.withX64(dtype == "float64") { timeRollouts() }
    printTable(rows)
    var paths = try drawTiming(rows)
    paths += try drawAttractor()
    print("\nImages:")
    for p in paths { print("  \(p)") }
  }
}

/// Wall-clock seconds of `body`.
func seconds(_ body: () -> Void) -> Double {
  let t0 = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
}

func progress(_ s: String) {
  print(s)
  fflush(stdout)
}

struct TimingRow {
  var length: Int
  var eager: Double?
  var scan: Double?
  var jitFirst: Double
  var jit: Double
}

extension Lorenz {
  /// Times each rollout at 1e3, 1e4, ... `maxLength` steps. The eager loop
  /// and the un-jitted scan stop once the next length (10x) would exceed
  /// the budget; jit(scan) runs every length (first call, then the median of 3).
  func timeRollouts() -> [TimingRow] {
    let stepper = LorenzRK4Stepper()
    let initCoords = jnp.full([3], 10)
    let rolloutJit = jitRollout(stepper)
    var rows: [TimingRow] = []
    var length = 1000
    var eagerOn = true, scanOn = true
    print("Lorenz system, RK4, tau = \(stepper.tau), from \(initCoords) (\(JAXConfig.enableX64 ? "float64" : "float32"))")
    while length <= maxLength {
      let n = length
      var eager: Double?, scan: Double?
      if eagerOn {
        eager = seconds { _ = rolloutLoop(stepper, initCoords, n).last!.blockUntilReady() }
        eagerOn = eager! * 10 <= eagerBudget
      }
      if scanOn {
        scan = seconds { _ = rolloutScan(stepper)(initCoords, n).blockUntilReady() }
        scanOn = scan! * 10 <= eagerBudget
      }
      let first = seconds { _ = rolloutJit(initCoords, n).blockUntilReady() }
      let runs = (0..<3).map { _ in seconds { _ = rolloutJit(initCoords, n).blockUntilReady() } }.sorted()
      let row = TimingRow(length: n, eager: eager, scan: scan, jitFirst: first, jit: runs[1])
      rows.append(row)
      progress("  length \(fmtLength(n)): eager \(fmt(eager)), scan \(fmt(scan)), jit(scan) first call \(fmt(first)), then \(fmt(runs[1]))")
      length *= 10
    }
    return rows
  }

  func printTable(_ rows: [TimingRow]) {
    print("\n| length | eager loop | scan | jit(scan) 1st call | jit(scan) | jit(scan) vs eager |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows {
      let speedup = r.eager.map { String(format: "%.0f×", $0 / r.jit) } ?? "—"
      print("| \(fmtLength(r.length)) | \(fmt(r.eager)) | \(fmt(r.scan)) | \(fmt(r.jitFirst)) | \(fmt(r.jit)) | \(speedup) |")
    }
  }
}

func fmtLength(_ n: Int) -> String {
  let e = Int(log10(Double(n)).rounded())
  return Int(pow(10, Double(e))) == n ? "1e\(e)" : "\(n)"
}

func fmt(_ t: Double?) -> String {
  guard let t else { return "—" }
  if t >= 1 { return String(format: "%.2f s", t) }
  if t >= 1e-3 { return String(format: "%.2f ms", t * 1e3) }
  return String(format: "%.1f µs", t * 1e6)
}
