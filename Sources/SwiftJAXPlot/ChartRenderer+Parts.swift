import Foundation

extension ChartRenderer {
  /// The grid coloured by `cmap` over its value range, and a colour bar with ticks right of the plot.
  func drawHeatmap<C: Canvas>(_ values: [Double], _ rows: Int, _ cols: Int, _ rect: Rect, _ cmap: Colormap, _ label: String,
                              on canvas: inout C) {
    let finite = values.filter(\.isFinite)
    let lo = finite.min() ?? 0, hi0 = finite.max() ?? 1
    let hi = hi0 > lo ? hi0 : lo + 1
    canvas.image(values.map { cmap.color(($0 - lo) / (hi - lo)) }, cols: cols, rows: rows, in: rect)
    canvas.setClip(nil)
    let p = plot
    let bar = Rect(x: p.maxX + 18, y: p.y, width: 16, height: p.height)
    let steps = 64
    canvas.image((0..<steps).map { cmap.color(1 - Double($0) / Double(steps - 1)) }, cols: 1, rows: steps, in: bar)
    canvas.polyline([(bar.x, bar.y), (bar.maxX, bar.y), (bar.maxX, bar.maxY), (bar.x, bar.maxY), (bar.x, bar.y)],
                    color: .axis, width: 1, opacity: 1)
    let map = AxisMap(lo: lo, hi: hi, scale: .linear, p0: bar.maxY, p1: bar.y)
    for t in linearTicks(lo, hi, target: 5) {
      let y = map(t.value)
      canvas.polyline([(bar.maxX, y), (bar.maxX + 4, y)], color: .axis, width: 1, opacity: 1)
      canvas.text(t.label, x: bar.maxX + 7, y: y, size: tickSize * 0.9, color: .axis, anchor: .start, vertical: false)
    }
    if !label.isEmpty {
      canvas.text(label, x: frame.maxX - 10, y: p.y + p.height / 2, size: labelSize * 0.9, color: .black, anchor: .middle, vertical: true)
    }
    canvas.setClip(p)
  }

  /// One series of horizontal bars: in each row, the `slot.index`-th of
  /// `slot.count` side-by-side bars, from the baseline to the value, with the
  /// value written past its end; and a line at the baseline.
  func drawCategoryBars<C: Canvas>(_ rows: Int, _ values: [Double], _ base: Double, _ s: Style, _ color: Color,
                                   _ mx: AxisMap, _ my: AxisMap, slot: (index: Int, count: Int), on canvas: inout C) {
    let rowHeight = my(0) - my(1)
    let barHeight = rowHeight * 0.76 / Double(slot.count)
    let x0 = mx(base)
    for (i, v) in values.enumerated() where v.isFinite && (chart.xScale == .linear || v > 0) {
      let top = my(Double(rows - i)) + rowHeight * 0.12 + barHeight * Double(slot.index)
      let x1 = mx(v)
      canvas.fillRect(Rect(x: min(x0, x1), y: top, width: abs(x1 - x0), height: barHeight), color: color, opacity: s.opacity * 0.85)
      canvas.polyline([(x0, top), (x1, top), (x1, top + barHeight), (x0, top + barHeight)],
                      color: color.mixed(with: .black, 0.35), width: 1, opacity: 1)
      let label = v >= 100 ? String(format: "%.0f", v) : String(format: "%.2g", v)
      canvas.text(label, x: x1 + (v >= base ? 4 : -4), y: top + barHeight / 2, size: min(tickSize * 0.85, barHeight),
                  color: .axis, anchor: v >= base ? .start : .end, vertical: false)
    }
    let p = plot
    canvas.polyline([(x0, p.y), (x0, p.maxY)], color: .axis, width: 1.2, opacity: 1)
  }

  /// Swatch and label for every labelled mark, in a white box in a corner of the plot.
  func drawLegend<C: Canvas>(on canvas: inout C) {
    var entries: [(String, Color, Bool)] = []  // label, colour, drawn as a line
    for (mark, color) in zip(chart.marks, colors) {
      switch mark {
      case .line(_, _, let s), .line3D(_, _, _, let s): if let l = s.label { entries.append((l, color, true)) }
      case .scatter(_, _, let s), .bars(_, _, let s), .categoryBars(_, _, _, let s): if let l = s.label { entries.append((l, color, false)) }
      case .heatmap: break
      }
    }
    guard !entries.isEmpty, chart.legend != .none else { return }
    let size = tickSize, row = size + 9
    let w = (entries.map { textWidth($0.0, size: size) }.max() ?? 0) + 46, h = Double(entries.count) * row + 10
    let p = plot
    let x: Double, y: Double
    switch chart.legend {
    case .topLeft: (x, y) = (p.x + 10, p.y + 10)
    case .topRight, .none: (x, y) = (p.maxX - w - 10, p.y + 10)
    case .bottomRight: (x, y) = (p.maxX - w - 10, p.maxY - h - 10)
    }
    canvas.fillRect(Rect(x: x, y: y, width: w, height: h), color: .white, opacity: 0.9)
    canvas.polyline([(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)], color: Color(hex: 0xBBBBBB), width: 1, opacity: 1)
    for (i, e) in entries.enumerated() {
      let cy = y + 5 + row * (Double(i) + 0.5)
      if e.2 {
        canvas.polyline([(x + 8, cy), (x + 30, cy)], color: e.1, width: 3, opacity: 1)
      } else {
        canvas.fillRect(Rect(x: x + 12, y: cy - 6, width: 14, height: 12), color: e.1, opacity: 0.85)
      }
      canvas.text(e.0, x: x + 38, y: cy, size: size, color: .black, anchor: .start, vertical: false)
    }
  }
}

/// An orthographic view of 3-D data: the data box is scaled to a cube,
/// rotated by the azimuth about z and tilted by the elevation, then fitted to
/// the plot area. Draws the box's back edges, ticks on three edges, and the marks.
struct Projection3D {
  let chart: Chart
  let plot: Rect
  let lo: [Double], hi: [Double]
  let scale: Double, cx: Double, cy: Double

  init(chart: Chart, plot: Rect) {
    self.chart = chart; self.plot = plot
    var l = [Double.infinity, .infinity, .infinity], h = [-Double.infinity, -.infinity, -.infinity]
    for case .line3D(let x, let y, let z, _) in chart.marks {
      for (k, a) in [x, y, z].enumerated() {
        for v in a where v.isFinite { l[k] = min(l[k], v); h[k] = max(h[k], v) }
      }
    }
    for k in 0..<3 where !(h[k] > l[k]) { l[k] = l[k].isFinite ? l[k] - 1 : 0; h[k] = l[k] + 2 }
    lo = l; hi = h
    // A unit cube's projection fits in about 1.75 x 1.6; keep the aspect.
    scale = min(plot.width / 1.8, plot.height / 1.65)
    cx = plot.x + plot.width / 2; cy = plot.y + plot.height / 2
  }

  /// Screen position and depth of a data point.
  func project(_ p: [Double]) -> (Double, Double, Double) {
    var u = [0.0, 0, 0]
    for k in 0..<3 { u[k] = (p[k] - lo[k]) / (hi[k] - lo[k]) - 0.5 }
    let az = chart.azimuth * .pi / 180, el = chart.elevation * .pi / 180
    let x1 = u[0] * cos(az) - u[1] * sin(az), y1 = u[0] * sin(az) + u[1] * cos(az)
    let sx = x1, sy = u[2] * cos(el) - y1 * sin(el), depth = y1 * cos(el) + u[2] * sin(el)
    return (cx + sx * scale, cy - sy * scale, depth)
  }

  func corner(_ i: Int, _ j: Int, _ k: Int) -> [Double] { [i == 0 ? lo[0] : hi[0], j == 0 ? lo[1] : hi[1], k == 0 ? lo[2] : hi[2]] }

  func draw<C: Canvas>(on canvas: inout C, colors: [Color], tickSize: Double, labelSize: Double) {
    drawBox(on: &canvas)
    for (mark, color) in zip(chart.marks, colors) {
      guard case .line3D(let x, let y, let z, let s) = mark else { continue }
      var pts: [(Double, Double)] = []
      for i in 0..<min(x.count, y.count, z.count) {
        let q = project([x[i], y[i], z[i]])
        pts.append((q.0, q.1))
      }
      canvas.polyline(pts, color: color, width: s.lineWidth, opacity: s.opacity)
    }
    drawAxes(on: &canvas, tickSize: tickSize, labelSize: labelSize)
  }

  /// Light panes: the edges of the three faces farthest from the viewer.
  func drawBox<C: Canvas>(on canvas: inout C) {
    let far = [corner(0, 0, 0), corner(1, 0, 0), corner(0, 1, 0), corner(1, 1, 0)].min { project($0).2 > project($1).2 }!
    let fi = far[0] == lo[0] ? 0 : 1, fj = far[1] == lo[1] ? 0 : 1
    var edges: [([Double], [Double])] = []
    for k in 0...1 {  // floor and ceiling rims through the far corner
      edges.append((corner(fi, fj, k), corner(1 - fi, fj, k)))
      edges.append((corner(fi, fj, k), corner(fi, 1 - fj, k)))
    }
    edges.append((corner(fi, fj, 0), corner(fi, fj, 1)))
    edges.append((corner(1 - fi, fj, 0), corner(1 - fi, fj, 1)))
    edges.append((corner(fi, 1 - fj, 0), corner(fi, 1 - fj, 1)))
    edges.append((corner(1 - fi, fj, 0), corner(1 - fi, 1 - fj, 0)))
    edges.append((corner(fi, 1 - fj, 0), corner(1 - fi, 1 - fj, 0)))
    for (a, b) in edges {
      let p = project(a), q = project(b)
      canvas.polyline([(p.0, p.1), (q.0, q.1)], color: Color(hex: 0xC8C8C8), width: 1, opacity: 1)
    }
  }

  /// Ticks and labels on the x and y edges of the floor nearest the viewer, and on a vertical edge for z.
  func drawAxes<C: Canvas>(on canvas: inout C, tickSize: Double, labelSize: Double) {
    let near = [corner(0, 0, 0), corner(1, 0, 0), corner(0, 1, 0), corner(1, 1, 0)].min { project($0).2 < project($1).2 }!
    let nj = near[1] == lo[1] ? 0 : 1, ni = near[0] == lo[0] ? 0 : 1
    let names = [chart.xLabel, chart.yLabel, chart.zLabel]
    for axis in 0..<3 {
      // The edge: along `axis`, at the near floor corner's other coordinates (z: a side corner).
      func at(_ v: Double) -> [Double] {
        var p = axis == 2 ? corner(ni, 1 - nj, 0) : near
        if axis == 0 { p[1] = nj == 0 ? lo[1] : hi[1] }
        p[axis] = v
        return p
      }
      let a = project(at(lo[axis])), b = project(at(hi[axis]))
      canvas.polyline([(a.0, a.1), (b.0, b.1)], color: .axis, width: 1.2, opacity: 1)
      // Labels go on the side of the edge away from the plot centre.
      let mid = ((a.0 + b.0) / 2, (a.1 + b.1) / 2)
      let dx = b.0 - a.0, dy = b.1 - a.1
      let n = max((dx * dx + dy * dy).squareRoot(), 1e-9)
      var ox = -dy / n, oy = dx / n
      if ox * (mid.0 - cx) + oy * (mid.1 - cy) < 0 { ox = -ox; oy = -oy }
      let nearPoint = project(near)
      for t in linearTicks(lo[axis], hi[axis], target: 4) {
        let q = project(at(t.value))
        canvas.polyline([(q.0, q.1), (q.0 + ox * 5, q.1 + oy * 5)], color: .axis, width: 1, opacity: 1)
        // The x and y edges meet at the near corner: labels there would collide.
        if axis < 2 && hypot(q.0 - nearPoint.0, q.1 - nearPoint.1) < 28 { continue }
        canvas.text(t.label, x: q.0 + ox * 20, y: q.1 + oy * 16, size: tickSize * 0.9, color: .axis, anchor: .middle, vertical: false)
      }
      canvas.text(names[axis], x: mid.0 + ox * 50, y: mid.1 + oy * 42, size: labelSize, color: .black, anchor: .middle, vertical: false)
    }
  }
}
