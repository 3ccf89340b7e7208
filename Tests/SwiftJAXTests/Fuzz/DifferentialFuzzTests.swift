import Foundation
import Testing
@testable import SwiftJAX

/// Differential fuzzing: random programs (``FuzzGenerator``) over random
/// shapes and dtypes, evaluated four ways that must agree:
/// - jit vs eager, exactly (``JITEquality``: same bits, NaNs equal);
/// - vmap vs a loop over examples, to rounding (a batched reduction or dot
///   may sum in another order);
/// - jit(vmap) vs vmap, exactly.
/// Against JAX itself, on edge inputs: ``EdgeFuzzFixtureTests``.
/// Programs are jitted in groups (one C file per group). Seeds are fixed:
/// program k of a run has seed `SWIFTJAX_FUZZ_SEED + k`.
///
/// CI runs `defaultCount` programs; `SWIFTJAX_FUZZ_COUNT=n` (or
/// `scripts/fuzz.sh n`) runs more, `SWIFTJAX_FUZZ_SEED` moves the start,
/// `SWIFTJAX_FUZZ_STEPS` sets the program length, `SWIFTJAX_FUZZ_PRINT=1`
/// prints every program.
@Suite struct DifferentialFuzzTests {
  static let defaultCount = 64
  static let groupSize = 8

  static var settings: (count: Int, seed: UInt64, steps: Int) {
    let env = ProcessInfo.processInfo.environment
    return (Int(env["SWIFTJAX_FUZZ_COUNT"] ?? "") ?? defaultCount,
            UInt64(env["SWIFTJAX_FUZZ_SEED"] ?? "") ?? 1,
            Int(env["SWIFTJAX_FUZZ_STEPS"] ?? "") ?? 12)
  }

  @Test func jitVmapAndEagerAgree() {
    let (count, seed, steps) = Self.settings
    var report = FuzzReport()
    var start = 0
    while start < count {
      let seeds = (start..<min(count, start + Self.groupSize)).map { seed + UInt64($0) }
      let programs = seeds.map { FuzzGenerator.program(seed: $0, steps: steps) }
      if ProcessInfo.processInfo.environment["SWIFTJAX_FUZZ_PRINT"] == "1" { programs.forEach { print($0.text) } }
      Self.check(programs, &report)
      start += Self.groupSize
    }
    print("fuzz: \(report.summary)")
    for f in report.failures { Issue.record(Comment(rawValue: f)) }
  }

  /// Runs one group in every mode and records disagreements.
  static func check(_ programs: [FuzzProgram], _ report: inout FuzzReport) {
    report.programs += programs.count
    report.steps += programs.reduce(0) { $0 + $1.steps.count }
    for p in programs { report.rejected += p.rejected.map { "seed \(p.seed): \($0)" } }
    var rng = FuzzRNG(seed: programs[0].seed ^ 0xBA7C)
    let batch = rng.int(2...3)
    let examples = programs.map { p in
      (0..<batch).map { i in i == 0 ? p.inputs : p.inputs.map { FuzzValues.tensor(&rng, $0.aval.shape, $0.dtype) } }
    }
    let stacked = examples.map { ex in ex[0].indices.map { j in jnp.stack(ex.map { $0[j] }) } }
    do {
      try JAXError.capture {
        let eager = programs.map { $0.run($0.inputs) }
        let jitted = jit(Self.grouped(programs))(programs.map(\.inputs))
        report.compare(programs, jitted, eager, "jit vs eager", exact: true)
        let loops = programs.indices.map { k in
          let perExample = examples[k].map { programs[k].run($0) }
          return perExample[0].indices.map { o in jnp.stack(perExample.map { $0[o] }) }
        }
        let batched: ([[Tensor]]) -> [[Tensor]] = vmap(Self.grouped(programs))
        let vmapped = batched(stacked)
        report.compare(programs, vmapped, loops, "vmap vs loop", exact: false)
        let jitVmapped = jit(batched)(stacked)
        report.compare(programs, jitVmapped, vmapped, "jit(vmap) vs vmap", exact: true)
      }
    } catch {
      report.failures.append("error running seeds \(programs.map(\.seed)): \(error)\n" + programs.map(\.text).joined(separator: "\n"))
    }
  }

  /// All programs of a group as one function of their inputs.
  static func grouped(_ programs: [FuzzProgram]) -> ([[Tensor]]) -> [[Tensor]] {
    { inputs in zip(programs, inputs).map { p, x in p.run(x) } }
  }
}

/// What a fuzzing run did and found.
struct FuzzReport {
  var programs = 0
  var steps = 0
  var comparisons = 0
  var rejected: [String] = []
  var failures: [String] = []

  var summary: String {
    "\(programs) programs, \(steps) steps, \(comparisons) comparisons, \(failures.count) failures, "
      + "\(rejected.count) generated steps the library rejected\(rejected.isEmpty ? "" : ":\n  " + rejected.prefix(20).joined(separator: "\n  "))"
  }

  mutating func compare(_ programs: [FuzzProgram], _ actual: [[Tensor]], _ expected: [[Tensor]], _ mode: String, exact: Bool) {
    for (k, p) in programs.enumerated() {
      for (o, (x, y)) in zip(actual[k], expected[k]).enumerated() {
        comparisons += 1
        let d = exact ? JITEquality.difference(x, y) : FuzzReport.roughDifference(x, y)
        if let d { failures.append("\(mode), output \(o): \(d)\n\(p.text)") }
      }
    }
  }

  /// nil when equal to rounding: same type, integers and bools exact,
  /// floats within a relative tolerance of the dtype (NaNs equal, infinities
  /// of the same sign equal).
  static func roughDifference(_ a: Tensor, _ b: Tensor) -> String? {
    guard a.aval == b.aval else { return "type \(a.aval) != \(b.aval)" }
    guard a.dtype.isFloatingPoint else { return JITEquality.difference(a, b) }
    let tolerance = a.dtype == .float16 ? 1e-2 : a.dtype == .float32 ? 1e-4 : 1e-10
    let x = Lax.convertElementType(a, .float64).toArray(Double.self)
    let y = Lax.convertElementType(b, .float64).toArray(Double.self)
    for (k, (u, v)) in zip(x, y).enumerated() {
      if u == v || (u.isNaN && v.isNaN) { continue }
      if abs(u - v) <= tolerance * max(1, abs(u), abs(v)) { continue }
      return "element \(k) of \(a.aval): \(u) vs \(v)"
    }
    return nil
  }
}
