import Foundation

/// An axis scale.
///
/// ```swift
/// var chart = Chart(title: "timings")
/// chart.xScale = .log
/// chart.yScale = .log
/// chart.line([1e3, 1e4, 1e5], [0.01, 0.1, 1])
/// XMLParser(data: Data(chart.svg().utf8)).parse()  // true
/// ```
public enum Scale: Sendable { case linear, log }

/// Where a chart puts its legend.
///
/// ```swift
/// var chart = Chart()
/// chart.legend = .none
/// chart.line([0, 1], [0, 1], Style(label: "loss"))
/// chart.svg().contains("loss")  // false
/// ```
public enum LegendPosition: Sendable { case topLeft, topRight, bottomRight, none }

/// How one set of marks looks. A nil colour takes the next palette colour.
///
/// ```swift
/// var chart = Chart(title: "loss")
/// chart.line([0, 1, 2], [1.0, 0.5, 0.3], Style(color: .black, label: "train", lineWidth: 2))
/// ```
public struct Style: Sendable {
  /// The colour; nil takes the next colour of ``Color/palette``.
  public var color: Color?
  /// The legend entry; nil leaves the marks out of the legend.
  public var label: String?
  /// Line width in pixels.
  public var lineWidth: Double
  /// Opacity in 0...1.
  public var opacity: Double
  /// Dot radius of scatter marks, in pixels.
  public var radius: Double
  /// A style; every parameter has a default.
  ///
  /// - Parameters:
  ///   - color: The colour, or nil for the next palette colour.
  ///   - label: The legend entry, or nil for none.
  ///   - lineWidth: Line width in pixels.
  ///   - opacity: Opacity in 0...1.
  ///   - radius: Dot radius of scatter marks in pixels.
  ///
  /// ```swift
  /// var chart = Chart()
  /// chart.line([0, 1], [1, 0], Style(label: "validation"))
  /// chart.svg().contains("validation")  // true
  /// ```
  public init(color: Color? = nil, label: String? = nil, lineWidth: Double = 1.6, opacity: Double = 1, radius: Double = 3) {
    self.color = color; self.label = label; self.lineWidth = lineWidth; self.opacity = opacity; self.radius = radius
  }
}

/// Something drawn in a chart's plot area.
///
/// ```swift
/// var chart = Chart()
/// chart.histogram([0, 1, 1, 2, 3], bins: 2)
/// guard case .bars(let edges, _, _) = chart.marks[0] else { fatalError() }
/// edges  // [0.0, 1.5, 3.0]
/// ```
public enum Mark: Sendable {
  /// A polyline through (x[i], y[i]).
  case line(x: [Double], y: [Double], style: Style)
  /// A dot at each (x[i], y[i]).
  case scatter(x: [Double], y: [Double], style: Style)
  /// Bars between consecutive `edges` (edges.count == counts.count + 1).
  case bars(edges: [Double], counts: [Double], style: Style)
  /// A `rows` x `cols` grid of values (row 0 at the top) over the given extent, coloured by `colormap`, with a colour bar.
  case heatmap(values: [Double], rows: Int, cols: Int, x: ClosedRange<Double>, y: ClosedRange<Double>, colormap: Colormap, label: String)
  /// A 3-D polyline, drawn with the chart's `projection`.
  case line3D(x: [Double], y: [Double], z: [Double], style: Style)
  /// Horizontal bars, one row per category (listed top to bottom), each from
  /// `baseline` to its value along x. Several of these marks over the same
  /// categories share each row (grouped bars); the y axis shows the names.
  case categoryBars(categories: [String], values: [Double], baseline: Double, style: Style)
}

/// A 2-D chart (axes, ticks, labels, title, legend), or a 3-D projection
/// when it holds `line3D` marks. Render it with `svg()` / `png()`, or put
/// several in a `Figure`.
///
/// ```swift
/// var chart = Chart(title: "Lorenz x(t)", xLabel: "t", yLabel: "x")
/// chart.line([0, 0.01, 0.02], [1.0, 0.99, 0.98], Style(label: "float32"))
/// let svgText = chart.svg()
/// ```
public struct Chart: Sendable {
  /// The title above the plot area.
  public var title: String
  /// The x axis label.
  public var xLabel: String
  /// The y axis label.
  public var yLabel: String
  /// The z axis label of 3-D charts.
  public var zLabel: String
  /// The x axis scale (`.log` needs positive values).
  public var xScale: Scale = .linear
  /// The y axis scale (`.log` needs positive values).
  public var yScale: Scale = .linear
  /// Where the legend goes; `.none` hides it.
  public var legend: LegendPosition = .topRight
  /// What is drawn, in order (later marks on top).
  public var marks: [Mark] = []
  /// Viewing angles of 3-D charts, in degrees.
  public var azimuth = -60.0, elevation = 25.0
  /// The chart's size in pixels.
  public var width = 800, height = 560

  /// An empty chart.
  ///
  /// - Parameters:
  ///   - title: The title.
  ///   - xLabel: The x axis label.
  ///   - yLabel: The y axis label.
  ///   - zLabel: The z axis label (3-D charts).
  ///
  /// ```swift
  /// let chart = Chart(title: "Lorenz", xLabel: "t", yLabel: "x")
  /// chart.svg().contains(">Lorenz<")  // true
  /// ```
  public init(title: String = "", xLabel: String = "", yLabel: String = "", zLabel: String = "") {
    self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.zLabel = zLabel
  }

  /// Adds a polyline through (x[i], y[i]).
  ///
  /// - Parameters:
  ///   - x: The x coordinates.
  ///   - y: The y coordinates, as many as `x`.
  ///   - style: Colour, label and line width.
  ///
  /// ```swift
  /// var chart = Chart()
  /// chart.line([0, 1, 2], [1.0, 0.5, 0.3])
  /// chart.marks.count  // 1
  /// ```
  public mutating func line(_ x: [Double], _ y: [Double], _ style: Style = Style()) { marks.append(.line(x: x, y: y, style: style)) }
  /// Adds a dot at each (x[i], y[i]).
  ///
  /// - Parameters:
  ///   - x: The x coordinates.
  ///   - y: The y coordinates, as many as `x`.
  ///   - style: Colour, label, opacity and dot radius.
  ///
  /// ```swift
  /// var chart = Chart()
  /// chart.scatter([0, 1, 2], [2, 0, 1], Style(radius: 2))
  /// chart.svg().components(separatedBy: "<circle").count - 1  // 3
  /// ```
  public mutating func scatter(_ x: [Double], _ y: [Double], _ style: Style = Style()) { marks.append(.scatter(x: x, y: y, style: style)) }
  /// Adds a 3-D polyline through (x[i], y[i], z[i]), drawn in perspective
  /// from ``azimuth`` and ``elevation``.
  ///
  /// ```swift
  /// var chart = Chart(title: "attractor", xLabel: "x", yLabel: "y", zLabel: "z")
  /// chart.line3D([0, 1, 2], [0, 1, 0], [0, 2, 4])
  /// ```
  ///
  /// - Parameters:
  ///   - x: The x coordinates.
  ///   - y: The y coordinates.
  ///   - z: The z coordinates.
  ///   - style: Colour, label and line width.
  public mutating func line3D(_ x: [Double], _ y: [Double], _ z: [Double], _ style: Style = Style()) {
    marks.append(.line3D(x: x, y: y, z: z, style: style))
  }
  /// A histogram of `values` in `bins` equal bins over their range.
  ///
  /// ```swift
  /// var chart = Chart()
  /// chart.histogram([0, 1, 1, 2, 3], bins: 2)
  /// guard case .bars(_, let counts, _) = chart.marks[0] else { fatalError() }
  /// counts  // [3.0, 2.0]
  /// ```
  public mutating func histogram(_ values: [Double], bins: Int, _ style: Style = Style()) {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi0 = finite.max(), bins > 0 else { return }
    let hi = hi0 > lo ? hi0 : lo + 1
    var counts = [Double](repeating: 0, count: bins)
    for v in finite { counts[min(Int((v - lo) / (hi - lo) * Double(bins)), bins - 1)] += 1 }
    let edges = (0...bins).map { lo + (hi - lo) * Double($0) / Double(bins) }
    marks.append(.bars(edges: edges, counts: counts, style: style))
  }
  /// Horizontal bars from `baseline` to each value, one row per category
  /// (top to bottom); call it again with the same categories for a second
  /// series in the same rows. With `xScale = .log` and `baseline: 1` this
  /// draws ratios: bars to the left of 1 are below one.
  ///
  /// ```swift
  /// var chart = Chart(title: "time / JAX time", xLabel: "ratio")
  /// chart.xScale = .log
  /// chart.categoryBars(["matmul", "scan"], [0.8, 2.5], baseline: 1, Style(label: "JAX"))
  /// ```
  public mutating func categoryBars(_ categories: [String], _ values: [Double], baseline: Double = 0, _ style: Style = Style()) {
    precondition(categories.count == values.count, "categoryBars: \(values.count) values for \(categories.count) categories")
    marks.append(.categoryBars(categories: categories, values: values, baseline: baseline, style: style))
  }
  /// Adds an image of a `rows` x `cols` grid of values (row 0 at the top),
  /// coloured by `colormap`, with a colour bar.
  ///
  /// ```swift
  /// var chart = Chart(title: "density")
  /// chart.heatmap([0, 1, 2, 3], rows: 2, cols: 2, x: 0...1, y: 0...1, label: "rho")
  /// ```
  ///
  /// - Parameters:
  ///   - values: `rows * cols` values in row-major order.
  ///   - rows: The number of rows.
  ///   - cols: The number of columns.
  ///   - x: The x extent the grid covers.
  ///   - y: The y extent the grid covers.
  ///   - colormap: Maps the values (scaled to their range) to colours.
  ///   - label: The colour bar's label.
  public mutating func heatmap(_ values: [Double], rows: Int, cols: Int, x: ClosedRange<Double>, y: ClosedRange<Double>,
                               colormap: Colormap = .viridis, label: String = "") {
    precondition(values.count == rows * cols, "heatmap: \(values.count) values for \(rows)x\(cols)")
    marks.append(.heatmap(values: values, rows: rows, cols: cols, x: x, y: y, colormap: colormap, label: label))
  }

  /// The chart as an SVG document.
  ///
  /// ```swift
  /// var chart = Chart(title: "sin")
  /// chart.line([0, 1, 2], [0, 0.84, 0.91])
  /// XMLParser(data: Data(chart.svg().utf8)).parse()  // true
  /// ```
  public func svg() -> String { Figure([self], columns: 1).svg() }
  /// The chart as PNG file bytes.
  ///
  /// ```swift
  /// var chart = Chart(title: "sin")
  /// chart.line([0, 1, 2], [0, 0.84, 0.91])
  /// Array(chart.png().prefix(8))  // [137, 80, 78, 71, 13, 10, 26, 10]
  /// ```
  public func png() -> [UInt8] { Figure([self], columns: 1).png() }
  /// Writes `path` as SVG or PNG according to its extension.
  ///
  /// ```swift
  /// var chart = Chart(title: "loss")
  /// chart.line([0, 1], [1, 0.5])
  /// let path = NSTemporaryDirectory() + "doc-chart-\(UUID()).svg"
  /// try chart.write(to: path)
  /// XMLParser(data: Data(try String(contentsOfFile: path, encoding: .utf8).utf8)).parse()  // true
  /// ```
  public func write(to path: String) throws { try Figure([self], columns: 1).write(to: path) }
}

/// Charts laid out in a grid of `columns`, each at its own width and height.
///
/// ```swift
/// let figure = Figure([Chart(title: "a"), Chart(title: "b")], columns: 2)
/// let svgText = figure.svg()
/// ```
public struct Figure: Sendable {
  /// The charts, in row-major order.
  public var charts: [Chart]
  /// How many charts per row.
  public var columns: Int
  /// Charts laid out in rows of `columns`.
  ///
  /// - Parameters:
  ///   - charts: The charts, row by row.
  ///   - columns: Charts per row (at least 1).
  ///
  /// ```swift
  /// let figure = Figure([Chart(title: "a"), Chart(title: "b"), Chart(title: "c")], columns: 2)
  /// [">a<", ">b<", ">c<"].allSatisfy { figure.svg().contains($0) }  // true
  /// ```
  public init(_ charts: [Chart], columns: Int) { self.charts = charts; self.columns = max(1, columns) }

  var cellWidth: Int { charts.map(\.width).max() ?? 0 }
  var cellHeight: Int { charts.map(\.height).max() ?? 0 }
  var size: (Int, Int) {
    let rows = (charts.count + columns - 1) / columns
    return (cellWidth * min(columns, charts.count), cellHeight * rows)
  }

  func draw<C: Canvas>(on canvas: inout C) {
    for (i, chart) in charts.enumerated() {
      let origin = (Double(i % columns * cellWidth), Double(i / columns * cellHeight))
      ChartRenderer(chart: chart, frame: Rect(x: origin.0, y: origin.1, width: Double(chart.width), height: Double(chart.height)))
        .draw(on: &canvas)
    }
  }

  /// The figure as an SVG document.
  ///
  /// ```swift
  /// let figure = Figure([Chart(title: "x"), Chart(title: "y")], columns: 2)
  /// XMLParser(data: Data(figure.svg().utf8)).parse()  // true
  /// ```
  public func svg() -> String {
    var c = SVGCanvas(width: size.0, height: size.1)
    draw(on: &c)
    return c.document
  }
  /// The figure as PNG file bytes.
  ///
  /// ```swift
  /// let figure = Figure([Chart(title: "x"), Chart(title: "y")], columns: 1)
  /// Array(figure.png().prefix(8))  // [137, 80, 78, 71, 13, 10, 26, 10]
  /// ```
  public func png() -> [UInt8] {
    var c = RasterCanvas(width: size.0, height: size.1)
    draw(on: &c)
    return encodePNG(width: c.width, height: c.height, rgb: c.rgbBytes)
  }
  /// Writes `path` as SVG (`.svg`) or PNG (anything else).
  ///
  /// ```swift
  /// let path = NSTemporaryDirectory() + "doc-figure-\(UUID()).png"
  /// try Figure([Chart(title: "x")], columns: 1).write(to: path)
  /// print(Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(8)))
  /// // [137, 80, 78, 71, 13, 10, 26, 10]
  /// ```
  public func write(to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    if path.hasSuffix(".svg") {
      try Data(svg().utf8).write(to: url)
    } else {
      try Data(png()).write(to: url)
    }
  }
}
