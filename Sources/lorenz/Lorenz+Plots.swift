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
    chart.legend = .bottomRight
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

  /// The attractor in float32 and float64 side by side (two colours), and
  /// x(t) of both, which shows where the chaotic trajectories part.
  func drawAttractor() throws -> [String] {
    let n = trajectoryLength
    var runs: [(String, [[Double]], Color)] = []
    if dtype != "float64" { runs.append(("float32", lorenzTrajectory(length: n, float64: false), Color.palette[0])) }
    if dtype != "float32" { runs.append(("float64", lorenzTrajectory(length: n, float64: true), Color.palette[1])) }
    var charts: [Chart] = []
    for (label, t, color) in runs {
      var chart = Chart(title: "\(label), \(n) steps", xLabel: "x", yLabel: "y", zLabel: "z")
      chart.width = 470
      chart.height = 400
      chart.legend = .none
      chart.line3D(t.map { $0[0] }, t.map { $0[1] }, t.map { $0[2] }, Style(color: color, label: label, lineWidth: 0.6, opacity: 1))
      charts.append(chart)
      print("final state \(label): (\(t[n - 1].map { String(format: "%.4f", $0) }.joined(separator: ", ")))")
    }
    var xt = Chart(title: "x(t): precision changes a chaotic trajectory", xLabel: "time t (step x tau)", yLabel: "x")
    xt.width = 940
    xt.height = 300
    xt.legend = .topLeft
    let shown = min(n, 3000)
    for (label, t, color) in runs {
      xt.line((0..<shown).map { Double($0 + 1) * 0.01 }, t.prefix(shown).map { $0[0] }, Style(color: color, label: label, lineWidth: 1.4))
    }
    if runs.count == 2, let k = (0..<n).first(where: { i in (0..<3).contains { abs(runs[0].1[i][$0] - runs[1].1[i][$0]) > 1 } }) {
      print("float32 and float64 trajectories differ by more than 1 from step \(k + 1) (t = \(String(format: "%.2f", Double(k + 1) * 0.01))): the system is chaotic")
    }
    let top = Figure(charts, columns: 2)
    var paths: [String] = []
    paths += try write(top, "lorenz_attractor")
    paths += try write(Figure([xt], columns: 1), "lorenz_precision")
    return paths
  }

  func write(_ chart: Chart, _ name: String) throws -> [String] { try write(Figure([chart], columns: 1), name) }

  func write(_ chart: Figure, _ name: String) throws -> [String] {
    let base = URL(fileURLWithPath: output).appendingPathComponent(name).path
    try chart.write(to: base + ".png")
    try chart.write(to: base + ".svg")
    return [base + ".png", base + ".svg"]
  }
}
