import Examples
import Foundation
import SwiftJAX
import SwiftJAXPlot

extension Lorenz {
  /// Time against length on log-log axes, one line per rollout.
  func drawTiming(_ rows: [TimingRow]) throws -> [String] {
    var chart = Chart(title: "Lorenz RK4 rollout: time vs length", xLabel: "trajectory length (steps)", yLabel: "wall time (s)")
    chart.xScale = .log
    chart.yScale = .log
    chart.legend = .topLeft
    let series: [(String, (TimingRow) -> Double?)] = [
      ("eager loop (NumPy style)", { $0.eager }), ("scan (no jit)", { $0.scan }),
      ("jit(scan), first call", { $0.jitFirst }), ("jit(scan)", { $0.jit }),
    ]
    for (i, (label, value)) in series.enumerated() {
      let pts = rows.compactMap { r in value(r).map { (Double(r.length), $0) } }
      let color = Color.palette[i]
      chart.line(pts.map(\.0), pts.map(\.1), Style(color: color, label: label, lineWidth: 2))
      chart.scatter(pts.map(\.0), pts.map(\.1), Style(color: color, radius: 4))
    }
    return try write(chart, "lorenz_timing")
  }

  /// The attractor in 3-D, float32 and float64 in two colours, and where the two trajectories part.
  func drawAttractor() throws -> [String] {
    let n = trajectoryLength
    var chart = Chart(title: "Lorenz attractor, RK4, \(n) steps from (10, 10, 10)", xLabel: "x", yLabel: "y", zLabel: "z")
    chart.legend = .topLeft
    var trajectories: [(String, [[Double]])] = []
    if dtype != "float64" { trajectories.append(("float32", lorenzTrajectory(length: n, float64: false))) }
    if dtype != "float32" { trajectories.append(("float64 (x64 enabled)", lorenzTrajectory(length: n, float64: true))) }
    for (i, (label, t)) in trajectories.enumerated() {
      chart.line3D(t.map { $0[0] }, t.map { $0[1] }, t.map { $0[2] },
                   Style(color: Color.palette[i == 0 ? 0 : 1], label: label, lineWidth: 0.8, opacity: 0.75))
      print("final state \(label): (\(t[n - 1].map { String(format: "%.4f", $0) }.joined(separator: ", ")))")
    }
    if trajectories.count == 2 {
      let (a, b) = (trajectories[0].1, trajectories[1].1)
      if let k = (0..<n).first(where: { i in (0..<3).contains { abs(a[i][$0] - b[i][$0]) > 1 } }) {
        print("float32 and float64 trajectories differ by more than 1 from step \(k + 1) (t = \(String(format: "%.2f", Double(k + 1) * 0.01))): the system is chaotic")
      }
    }
    return try write(chart, "lorenz_attractor")
  }

  func write(_ chart: Chart, _ name: String) throws -> [String] {
    let base = URL(fileURLWithPath: output).appendingPathComponent(name).path
    try chart.write(to: base + ".png")
    try chart.write(to: base + ".svg")
    return [base + ".png", base + ".svg"]
  }
}
