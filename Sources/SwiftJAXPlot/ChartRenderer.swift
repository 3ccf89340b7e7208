import Foundation

/// Lays out and draws one chart inside `frame`.
struct ChartRenderer {
  let chart: Chart
  let frame: Rect
  let tickSize = 12.0, labelSize = 14.0, titleSize = 17.0

  var hasHeatmap: Bool { chart.marks.contains { if case .heatmap = $0 { return true } else { return false } } }
  var is3D: Bool { chart.marks.contains { if case .line3D = $0 { return true } else { return false } } }
  /// The row names of a bar chart over categories (the first such mark's), or nil.
  var categories: [String]? {
    for case .categoryBars(let names, _, _, _) in chart.marks { return names }
    return nil
  }
  /// For each mark, its place among the chart's category-bar series and how
  /// many there are: the series share each row, side by side.
  var barSlots: [(index: Int, count: Int)] {
    var next = 0
    let indices = chart.marks.map { mark -> Int in
      guard case .categoryBars = mark else { return 0 }
      defer { next += 1 }
      return next
    }
    return indices.map { ($0, max(next, 1)) }
  }

  /// The plot area: room on the left for tick labels and the y label, below
  /// for the x axis, above for the title, right for a colour bar.
  var plot: Rect {
    // Category names are right-aligned left of the plot: make room for the longest.
    let namesWidth = (categories ?? []).map { textWidth($0, size: tickSize) }.max().map { $0 + 22 } ?? 0
    let left = is3D ? 20.0 : max(78, namesWidth), right = hasHeatmap ? 105.0 : 24, top = chart.title.isEmpty ? 20.0 : 44, bottom = is3D ? 20.0 : 58
    return Rect(x: frame.x + left, y: frame.y + top, width: frame.width - left - right, height: frame.height - top - bottom)
  }

  /// Resolved colour of each mark (palette order for marks without one).
  var colors: [Color] {
    var next = 0
    return chart.marks.map { mark in
      let style: Style?
      switch mark {
      case .line(_, _, let s), .scatter(_, _, let s), .bars(_, _, let s), .line3D(_, _, _, let s), .categoryBars(_, _, _, let s): style = s
      case .heatmap: style = nil
      }
      if let c = style?.color { return c }
      defer { next += 1 }
      return Color.palette[next % Color.palette.count]
    }
  }

  func draw<C: Canvas>(on canvas: inout C) {
    if !chart.title.isEmpty {
      canvas.text(chart.title, x: frame.x + frame.width / 2, y: frame.y + 22, size: titleSize, color: .black, anchor: .middle, vertical: false)
    }
    if is3D {
      Projection3D(chart: chart, plot: plot).draw(on: &canvas, colors: colors, tickSize: tickSize, labelSize: labelSize)
    } else {
      draw2D(on: &canvas)
    }
    drawLegend(on: &canvas)
  }

  func axisMaps() -> (AxisMap, AxisMap) {
    var xs: [Double] = [], ys: [Double] = []
    var exact = false  // heatmaps and bars fill their extent exactly
    for mark in chart.marks {
      switch mark {
      case .line(let x, let y, _), .scatter(let x, let y, _): xs += x; ys += y
      case .bars(let e, let c, _): xs += [e.first!, e.last!]; ys += [0, (c.max() ?? 1) * 1.08]; exact = true
      case .heatmap(_, _, _, let x, let y, _, _): xs += [x.lowerBound, x.upperBound]; ys += [y.lowerBound, y.upperBound]; exact = true
      case .categoryBars(let names, let v, let base, _):
        // Rows fill the y extent; x leaves room for the value written past each bar's end.
        xs += v + [base]; ys += [0, Double(names.count)]; exact = true
      case .line3D: break
      }
    }
    let xPad = categories != nil ? 0.12 : exact ? 0.01 : 0.04
    let (x0, x1) = paddedRange(xs, scale: chart.xScale, pad: xPad)
    let (y0, y1) = paddedRange(ys, scale: chart.yScale, pad: exact ? 0 : 0.05)
    let p = plot
    return (AxisMap(lo: x0, hi: x1, scale: chart.xScale, p0: p.x, p1: p.maxX),
            AxisMap(lo: y0, hi: y1, scale: chart.yScale, p0: p.maxY, p1: p.y))
  }

  func draw2D<C: Canvas>(on canvas: inout C) {
    let (mx, my) = axisMaps()
    let p = plot
    for t in mx.ticks { canvas.polyline([(mx(t.value), p.y), (mx(t.value), p.maxY)], color: .grid, width: 1, opacity: 1) }
    let names = categories
    for t in my.ticks where names == nil { canvas.polyline([(p.x, my(t.value)), (p.maxX, my(t.value))], color: .grid, width: 1, opacity: 1) }
    canvas.setClip(p)
    for ((mark, color), slot) in zip(zip(chart.marks, colors), barSlots) { drawMark(mark, color, mx, my, slot: slot, on: &canvas) }
    canvas.setClip(nil)
    let box = [(p.x, p.y), (p.maxX, p.y), (p.maxX, p.maxY), (p.x, p.maxY), (p.x, p.y)]
    canvas.polyline(box, color: .axis, width: 1.2, opacity: 1)
    for t in mx.ticks {
      let x = mx(t.value)
      canvas.polyline([(x, p.maxY), (x, p.maxY + 5)], color: .axis, width: 1.2, opacity: 1)
      tickLabel(t, x: x, y: p.maxY + 16, anchor: .middle, on: &canvas)
    }
    if let names {
      // Row i (from the top) spans y values n - i - 1 ... n - i.
      for (i, name) in names.enumerated() {
        let y = my(Double(names.count - i) - 0.5)
        canvas.text(name, x: p.x - 9, y: y, size: tickSize, color: .axis, anchor: .end, vertical: false)
      }
    } else {
      for t in my.ticks {
        let y = my(t.value)
        canvas.polyline([(p.x - 5, y), (p.x, y)], color: .axis, width: 1.2, opacity: 1)
        tickLabel(t, x: p.x - 9, y: y, anchor: .end, on: &canvas)
      }
    }
    canvas.text(chart.xLabel, x: p.x + p.width / 2, y: p.maxY + 42, size: labelSize, color: .black, anchor: .middle, vertical: false)
    canvas.text(chart.yLabel, x: frame.x + 18, y: p.y + p.height / 2, size: labelSize, color: .black, anchor: .middle, vertical: true)
  }

  /// A tick label; powers of ten draw the exponent smaller and raised.
  func tickLabel<C: Canvas>(_ t: Tick, x: Double, y: Double, anchor: TextAnchor, on canvas: inout C) {
    guard let e = t.exponent else {
      canvas.text(t.label, x: x, y: y, size: tickSize, color: .axis, anchor: anchor, vertical: false)
      return
    }
    let small = tickSize * 0.75
    let wBase = textWidth(t.label, size: tickSize), wExp = textWidth(e, size: small)
    let total = wBase + 2 + wExp
    let start: Double
    switch anchor {
    case .start: start = x
    case .middle: start = x - total / 2
    case .end: start = x - total
    }
    canvas.text(t.label, x: start, y: y, size: tickSize, color: .axis, anchor: .start, vertical: false)
    canvas.text(e, x: start + wBase + 2, y: y - tickSize * 0.55, size: small, color: .axis, anchor: .start, vertical: false)
  }

  func drawMark<C: Canvas>(_ mark: Mark, _ color: Color, _ mx: AxisMap, _ my: AxisMap, slot: (index: Int, count: Int),
                           on canvas: inout C) {
    switch mark {
    case .line(let x, let y, let s):
      let pts = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }.map { (mx($0.0), my($0.1)) }
      canvas.polyline(pts, color: color, width: s.lineWidth, opacity: s.opacity)
    case .scatter(let x, let y, let s):
      for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
        canvas.fillCircle(x: mx(a), y: my(b), radius: s.radius, color: color, opacity: s.opacity)
      }
    case .bars(let edges, let counts, let s):
      for (i, c) in counts.enumerated() where c > 0 {
        let x0 = mx(edges[i]), x1 = mx(edges[i + 1]), y = my(c), y0 = my(0)
        canvas.fillRect(Rect(x: x0, y: y, width: x1 - x0, height: y0 - y), color: color, opacity: s.opacity * 0.85)
        canvas.polyline([(x0, y0), (x0, y), (x1, y), (x1, y0)], color: color.mixed(with: .black, 0.35), width: 1, opacity: 1)
      }
    case .heatmap(let values, let rows, let cols, let x, let y, let cmap, let label):
      drawHeatmap(values, rows, cols, Rect(x: mx(x.lowerBound), y: my(y.upperBound), width: mx(x.upperBound) - mx(x.lowerBound),
                                          height: my(y.lowerBound) - my(y.upperBound)), cmap, label, on: &canvas)
    case .categoryBars(let names, let values, let base, let s):
      drawCategoryBars(names.count, values, base, s, color, mx, my, slot: slot, on: &canvas)
    case .line3D: break
    }
  }
}
