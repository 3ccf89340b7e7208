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
  var chart = Chart(title: input.title, xLabel: "SwiftJAX time / peer time (log scale; < 1: SwiftJAX is faster)")
  chart.xScale = .log
  chart.legend = legendCorner(input)
  chart.width = 1100
  chart.height = 110 + 30 * input.cases.count * max(1, input.series.count)
  for s in input.series {
    chart.categoryBars(input.cases, s.ratios.map { $0 ?? .nan }, baseline: 1, Style(label: s.peer))
  }
  let paths = [prefix + ".svg", prefix + ".png"]
  for p in paths { try chart.write(to: p) }
  return paths
}

/// A corner of the plot where the legend hides no bar: bars above 1 grow to
/// the right, so the right corners are free when the first (or last) two
/// rows are all at most 1.
func legendCorner(_ input: RatioChartInput) -> LegendPosition {
  func rowsAtMostOne(_ rows: ArraySlice<Int>) -> Bool {
    rows.allSatisfy { r in input.series.allSatisfy { s in r >= s.ratios.count || (s.ratios[r] ?? 0) <= 1 } }
  }
  let rows = Array(input.cases.indices)
  if rowsAtMostOne(rows.prefix(2)) { return .topRight }
  if rowsAtMostOne(rows.suffix(2)) { return .bottomRight }
  return .topLeft
}
