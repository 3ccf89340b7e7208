import Foundation

/// Draws into an RGB float buffer with anti-aliased coverage (distance to the
/// segment for lines, area overlap for rectangles and font cells).
struct RasterCanvas: Canvas {
  let width: Int, height: Int
  private(set) var pixels: [Color]
  private var clip: Rect?

  init(width: Int, height: Int) {
    self.width = width; self.height = height
    pixels = [Color](repeating: .white, count: width * height)
  }

  /// The buffer as 8-bit RGB bytes for the PNG encoder.
  var rgbBytes: [UInt8] {
    var out = [UInt8](repeating: 0, count: width * height * 3)
    for (i, p) in pixels.enumerated() {
      out[3 * i] = UInt8(min(max(p.r, 0), 1) * 255 + 0.5)
      out[3 * i + 1] = UInt8(min(max(p.g, 0), 1) * 255 + 0.5)
      out[3 * i + 2] = UInt8(min(max(p.b, 0), 1) * 255 + 0.5)
    }
    return out
  }

  mutating func setClip(_ rect: Rect?) { clip = rect }

  private mutating func blend(_ x: Int, _ y: Int, _ c: Color, _ alpha: Double) {
    guard x >= 0, y >= 0, x < width, y < height, alpha > 0 else { return }
    if let k = clip {
      let px = Double(x) + 0.5, py = Double(y) + 0.5
      guard px >= k.x, px <= k.maxX, py >= k.y, py <= k.maxY else { return }
    }
    let i = y * width + x
    pixels[i] = pixels[i].mixed(with: c, min(alpha, 1))
  }

  mutating func polyline(_ points: [(Double, Double)], color: Color, width w: Double, opacity: Double) {
    guard points.count >= 2 else { return }
    for k in 1..<points.count { segment(points[k - 1], points[k], color, w, opacity) }
  }

  private mutating func segment(_ a: (Double, Double), _ b: (Double, Double), _ c: Color, _ w: Double, _ opacity: Double) {
    let half = w / 2
    let x0 = Int((min(a.0, b.0) - half - 1).rounded(.down)), x1 = Int((max(a.0, b.0) + half + 1).rounded(.up))
    let y0 = Int((min(a.1, b.1) - half - 1).rounded(.down)), y1 = Int((max(a.1, b.1) + half + 1).rounded(.up))
    guard x1 >= 0, y1 >= 0, x0 < width, y0 < height else { return }
    let dx = b.0 - a.0, dy = b.1 - a.1
    let len2 = dx * dx + dy * dy
    for y in max(y0, 0)...min(y1, height - 1) {
      for x in max(x0, 0)...min(x1, width - 1) {
        let px = Double(x) + 0.5, py = Double(y) + 0.5
        let t = len2 > 0 ? min(max(((px - a.0) * dx + (py - a.1) * dy) / len2, 0), 1) : 0
        let ex = px - (a.0 + t * dx), ey = py - (a.1 + t * dy)
        let cover = min(max(half + 0.5 - (ex * ex + ey * ey).squareRoot(), 0), 1)
        if cover > 0 { blend(x, y, c, cover * opacity) }
      }
    }
  }

  mutating func fillRect(_ r: Rect, color: Color, opacity: Double) {
    guard r.width > 0, r.height > 0 else { return }
    let x0 = max(Int(r.x.rounded(.down)), 0), x1 = min(Int(r.maxX.rounded(.up)), width)
    let y0 = max(Int(r.y.rounded(.down)), 0), y1 = min(Int(r.maxY.rounded(.up)), height)
    guard x0 < x1, y0 < y1 else { return }
    for y in y0..<y1 {
      let cy = min(Double(y + 1), r.maxY) - max(Double(y), r.y)
      for x in x0..<x1 {
        let cx = min(Double(x + 1), r.maxX) - max(Double(x), r.x)
        blend(x, y, color, cx * cy * opacity)
      }
    }
  }

  mutating func fillCircle(x cx: Double, y cy: Double, radius: Double, color: Color, opacity: Double) {
    let x0 = Int((cx - radius - 1).rounded(.down)), x1 = Int((cx + radius + 1).rounded(.up))
    let y0 = Int((cy - radius - 1).rounded(.down)), y1 = Int((cy + radius + 1).rounded(.up))
    guard x1 >= 0, y1 >= 0, x0 < width, y0 < height else { return }
    for y in max(y0, 0)...min(y1, height - 1) {
      for x in max(x0, 0)...min(x1, width - 1) {
        let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
        let cover = min(max(radius + 0.5 - (dx * dx + dy * dy).squareRoot(), 0), 1)
        blend(x, y, color, cover * opacity)
      }
    }
  }

  mutating func text(_ s: String, x: Double, y: Double, size: Double, color: Color, anchor: TextAnchor, vertical: Bool) {
    let cell = size / 7
    let w = Double(textCellWidth(s)) * cell
    let shift: Double
    switch anchor {
    case .start: shift = 0
    case .middle: shift = -w / 2
    case .end: shift = -w
    }
    for (i, ch) in s.enumerated() {
      for (c, r) in glyphCells(ch) {
        // Along the text: shift + (6i + c) cells; across: rows centred on y.
        let along = shift + Double(6 * i + c) * cell
        let across = (Double(r) - 3.5) * cell
        let rect = vertical
          ? Rect(x: x + across, y: y - along - cell, width: cell, height: cell)
          : Rect(x: x + along, y: y + across, width: cell, height: cell)
        fillRect(rect, color: color, opacity: 1)
      }
    }
  }

  mutating func image(_ src: [Color], cols: Int, rows: Int, in rect: Rect) {
    // Nearest-cell sampling at each destination pixel centre.
    let x0 = max(Int(rect.x.rounded()), 0), x1 = min(Int(rect.maxX.rounded()), width)
    let y0 = max(Int(rect.y.rounded()), 0), y1 = min(Int(rect.maxY.rounded()), height)
    guard x0 < x1, y0 < y1 else { return }
    for y in y0..<y1 {
      let r = min(max(Int((Double(y) + 0.5 - rect.y) / rect.height * Double(rows)), 0), rows - 1)
      for x in x0..<x1 {
        let c = min(max(Int((Double(x) + 0.5 - rect.x) / rect.width * Double(cols)), 0), cols - 1)
        pixels[y * width + x] = src[r * cols + c]
      }
    }
  }
}
