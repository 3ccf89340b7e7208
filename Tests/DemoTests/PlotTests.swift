// Every chart kind rendered to PNG and SVG; the files must be valid: the PNG
// signature, every chunk's CRC, a sane IHDR and zlib header, IEND last; the
// SVG must parse as XML.
import Foundation
import SwiftJAXPlot
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct PlotTests {
  static func sampleCharts() -> [(String, Figure)] {
    let xs = (0..<200).map { Double($0) / 20 }
    var line = Chart(title: "line", xLabel: "t", yLabel: "sin t")
    line.line(xs, xs.map { sin($0) }, Style(label: "sin"))
    line.line(xs, xs.map { cos($0) }, Style(label: "cos"))
    var scatter = Chart(title: "scatter", xLabel: "x", yLabel: "y")
    scatter.scatter(xs, xs.map { $0 * $0 }, Style(label: "x^2", radius: 2))
    var loglog = Chart(title: "log-log", xLabel: "n", yLabel: "time")
    loglog.xScale = .log
    loglog.yScale = .log
    loglog.line([1e3, 1e4, 1e5, 1e6], [1e-3, 1e-2, 1e-1, 1], Style(label: "linear"))
    var proj = Chart(title: "3-D", xLabel: "x", yLabel: "y", zLabel: "z")
    proj.line3D(xs.map { cos($0) }, xs.map { sin($0) }, xs, Style(label: "helix"))
    var heat = Chart(title: "heatmap", xLabel: "x", yLabel: "y")
    let cells: [Double] = (0..<600).map { (i: Int) -> Double in Double(i % 30) * Double(i / 30) }
    heat.heatmap(cells, rows: 20, cols: 30, x: 0...3, y: 0...2, label: "v")
    var hist = Chart(title: "histogram", xLabel: "v", yLabel: "count")
    hist.histogram(xs.map { sin($0 * 7) }, bins: 12, Style(label: "sin 7t"))
    var ratios = Chart(title: "category bars", xLabel: "ratio")
    ratios.xScale = .log
    ratios.categoryBars(["eager_add4", "sgemm_1024", "lorenz_scan_1e6"], [0.4, 1.7, 12], baseline: 1, Style(label: "JAX"))
    ratios.categoryBars(["eager_add4", "sgemm_1024", "lorenz_scan_1e6"], [0.05, .nan, 3], baseline: 1, Style(label: "NumPy"))
    return [("line", Figure([line], columns: 1)), ("scatter", Figure([scatter], columns: 1)), ("loglog", Figure([loglog], columns: 1)),
            ("projection3D", Figure([proj], columns: 1)), ("heatmap", Figure([heat], columns: 1)),
            ("histogram", Figure([hist], columns: 1)), ("categoryBars", Figure([ratios], columns: 1)), ("grid", Figure([line, hist, heat], columns: 2))]
  }

  @Test func checksumsMatchKnownVectors() {
    #expect(crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
  }

  @Test(arguments: sampleCharts().map(\.0))
  func pngIsValid(_ name: String) throws {
    let figure = Self.sampleCharts().first { $0.0 == name }!.1
    let png = figure.png()
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    let chunks = try parseChunks(png)
    #expect(chunks.first?.type == "IHDR")
    #expect(chunks.last?.type == "IEND")
    let ihdr = chunks[0].data
    let width = be32(ihdr, 0), height = be32(ihdr, 4)
    let expectedWidth = figure.charts.count > 1 ? 1600 : 800
    #expect(width == expectedWidth && height > 0 && height <= 2000)
    #expect(Array(ihdr[8...12]) == [8, 2, 0, 0, 0])
    let idat = chunks.filter { $0.type == "IDAT" }.flatMap(\.data)
    #expect(idat.count > 2 && (Int(idat[0]) * 256 + Int(idat[1])) % 31 == 0 && idat[0] & 0x0F == 8)
  }

  @Test(arguments: sampleCharts().map(\.0))
  func svgParsesAsXML(_ name: String) throws {
    let svg = Self.sampleCharts().first { $0.0 == name }!.1.svg()
    let parser = XMLParser(data: Data(svg.utf8))
    let delegate = ElementCounter()
    parser.delegate = delegate
    #expect(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
    #expect(delegate.root == "svg")
    #expect(delegate.count > 20)
  }

  /// The bar chart names every row and draws one bar per finite value
  /// (5 of 6 here: NaN is skipped), each starting at the baseline x.
  @Test func categoryBarsDrawOneBarPerFiniteValue() throws {
    var chart = Chart(title: "ratios", xLabel: "ratio")
    chart.xScale = .log
    chart.categoryBars(["a_case", "b_case", "c_case"], [0.5, 2, 10], baseline: 1, Style(color: Color(hex: 0x112233), label: "JAX"))
    chart.categoryBars(["a_case", "b_case", "c_case"], [0.25, .nan, 4], baseline: 1, Style(color: Color(hex: 0x445566), label: "NumPy"))
    let svg = chart.svg()
    for name in ["a_case", "b_case", "c_case"] { #expect(svg.contains(">\(name)</text>")) }
    let bars = svg.components(separatedBy: "<rect").dropFirst().filter { $0.contains("#112233") || $0.contains("#445566") }
    // 5 bars plus the two legend swatches.
    #expect(bars.count == 5 + 2)
    // The baseline line sits where bars of values below and above 1 meet:
    // every bar's left or right edge is at the same x.
    let edges = bars.dropLast(2).map { rect -> (Double, Double) in
      func attr(_ n: String) -> Double { Double(rect.components(separatedBy: "\(n)=\"")[1].prefix { $0 != "\"" })! }
      return (attr("x"), attr("x") + attr("width"))
    }
    let baseline = edges[1].0  // 2 > 1: its bar starts at the baseline
    for (left, right) in edges { #expect(abs(left - baseline) < 1e-6 || abs(right - baseline) < 1e-6) }
  }

  @Test func writesFilesByExtension() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjaxplot-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let chart = Self.sampleCharts()[0].1.charts[0]
    try chart.write(to: dir.appendingPathComponent("a.png").path)
    try chart.write(to: dir.appendingPathComponent("a.svg").path)
    let png = try Data(contentsOf: dir.appendingPathComponent("a.png"))
    let svg = try String(contentsOf: dir.appendingPathComponent("a.svg"), encoding: .utf8)
    #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    #expect(svg.hasPrefix("<?xml"))
  }
}

final class ElementCounter: NSObject, XMLParserDelegate {
  var count = 0
  var root: String?
  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
              attributes: [String: String] = [:]) {
    if root == nil { root = name }
    count += 1
  }
}

struct Chunk { var type: String; var data: [UInt8] }

struct PNGError: Error, CustomStringConvertible { var description: String }

func be32(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }

/// Splits a PNG into chunks, checking every chunk's CRC over type and data.
func parseChunks(_ png: [UInt8]) throws -> [Chunk] {
  var chunks: [Chunk] = []
  var i = 8
  while i < png.count {
    guard i + 12 <= png.count else { throw PNGError(description: "truncated chunk at \(i)") }
    let n = be32(png, i)
    let type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
    let data = Array(png[(i + 8)..<(i + 8 + n)])
    let crc = UInt32(be32(png, i + 8 + n))
    guard crc32(Array(png[(i + 4)..<(i + 8 + n)])) == crc else { throw PNGError(description: "bad CRC in \(type)") }
    chunks.append(Chunk(type: type, data: data))
    i += 12 + n
  }
  return chunks
}
