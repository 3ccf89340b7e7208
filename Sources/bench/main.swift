import Foundation
import SwiftJAX

// Usage: bench [--json] [--list] [--case NAME]...
//        bench --chart RATIOS.json --output PREFIX
// Prints one JSON object per case and line with --json (the format the
// comparison script Benchmarks/compare.py reads), a table otherwise.
// --chart draws compare.py's ratios as PREFIX.svg and PREFIX.png.

if CommandLine.arguments.dropFirst().first == "--first-call-child" { firstCallChild() }

let allCases: [BenchCase] = eagerCases + jitCases + jitControlCases + jitFirstCallCases + randomCases + jitVmapCases + trainCases + convCases + fftCases + parallelCases

var json = false
var selected: [String] = []
var chartInput: String?
var chartOutput = "benchmarks"
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
  switch a {
  case "--json": json = true
  case "--case":
    guard let n = args.popFirst() else { fatalError("--case needs a name") }
    selected.append(n)
  case "--chart":
    guard let p = args.popFirst() else { fatalError("--chart needs a JSON file") }
    chartInput = p
  case "--output":
    guard let p = args.popFirst() else { fatalError("--output needs a path prefix") }
    chartOutput = p
  case "--list":
    for c in allCases { print("\(c.name)\t\(c.summary)") }
    exit(0)
  default:
    FileHandle.standardError.write("unknown argument \(a)\nusage: bench [--json] [--list] [--case NAME]... | bench --chart RATIOS.json --output PREFIX\n".data(using: .utf8)!)
    exit(2)
  }
}
if let chartInput {
  do {
    for p in try writeRatioChart(jsonPath: chartInput, prefix: chartOutput) { print(p) }
    exit(0)
  } catch {
    FileHandle.standardError.write("bench --chart \(chartInput): \(error)\n".data(using: .utf8)!)
    exit(1)
  }
}
for n in selected where !allCases.contains(where: { $0.name == n }) {
  FileHandle.standardError.write("unknown case \(n); try --list\n".data(using: .utf8)!)
  exit(2)
}
for c in allCases where selected.isEmpty || selected.contains(c.name) {
  let t = c.measure()
  if json {
    print(jsonLine(c.name, t))
  } else {
    print(c.name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: " median %.3e s  min %.3e s  (%d reps)", median(t), t.min() ?? .nan, t.count))
  }
  fflush(stdout)
}
