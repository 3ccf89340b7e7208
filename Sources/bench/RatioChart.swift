import Foundation
import SwiftJAXPlot

// `bench --chart RATIOS.json --output PREFIX`: the bar chart of the
// benchmark ratios that Benchmarks/compare.py writes next to its table
// (PREFIX.svg and PREFIX.png). Here rather than in Python so the picture is
// drawn by the project's own plotting code, like the demos' images.

/// What compare.py passes: the case names (rows, top to bottom) and, per
/// peer, SwiftJAX time / peer time for each case (null where the peer has no
/// version of that case).
struct RatioChartInput: Decodable {
  var title: String
  var cases: [String]
  var series: [Series]
  struct Series: Decodable {
    var peer: String
    var ratios: [Double?]
  }
}

/// Reads `jsonPath`, draws the ratios on a log axis around 1 and writes
/// `prefix.svg` and `prefix.png`; returns the two paths.
func writeRatioChart(jsonPath: String, prefix: String) throws -> [String] {
  let input = try JSONDecoder().decode(RatioChartInput.self, from: Data(contentsOf: URL(fileURLWithPath: jsonPath)))
  var chart = Chart(title: input.title, xLabel: "SwiftJAX time / peer time (log scale; below 1: SwiftJAX is faster)")
  chart.xScale = .log
  chart.legend = .bottomRight
  chart.width = 1000
  chart.height = 110 + 30 * input.cases.count * max(1, input.series.count)
  for s in input.series {
    chart.categoryBars(input.cases, s.ratios.map { $0 ?? .nan }, baseline: 1, Style(label: s.peer))
  }
  let paths = [prefix + ".svg", prefix + ".png"]
  for p in paths { try chart.write(to: p) }
  return paths
}
