import Foundation

/// Writes the drawing operations as SVG 1.1 elements.
struct SVGCanvas: Canvas {
  let width: Int, height: Int
  private(set) var body: [String] = []
  private var clipCount = 0
  private var clipOpen = false

  init(width: Int, height: Int) {
    self.width = width; self.height = height
    body.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
  }

  var document: String {
    var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
    s += body.joined(separator: "\n")
    if clipOpen { s += "\n</g>" }
    return s + "\n</svg>\n"
  }

  mutating func setClip(_ rect: Rect?) {
    if clipOpen { body.append("</g>"); clipOpen = false }
    guard let r = rect else { return }
    clipCount += 1
    body.append("<clipPath id=\"c\(clipCount)\"><rect x=\"\(f(r.x))\" y=\"\(f(r.y))\" width=\"\(f(r.width))\" height=\"\(f(r.height))\"/></clipPath>")
    body.append("<g clip-path=\"url(#c\(clipCount))\">")
    clipOpen = true
  }

  mutating func polyline(_ points: [(Double, Double)], color: Color, width: Double, opacity: Double) {
    guard points.count >= 2 else { return }
    let pts = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
    body.append("<polyline fill=\"none\" stroke=\"\(color.svg)\" stroke-width=\"\(f(width))\" stroke-opacity=\"\(f(opacity))\" stroke-linejoin=\"round\" points=\"\(pts)\"/>")
  }

  mutating func fillRect(_ r: Rect, color: Color, opacity: Double) {
    body.append("<rect x=\"\(f(r.x))\" y=\"\(f(r.y))\" width=\"\(f(r.width))\" height=\"\(f(r.height))\" fill=\"\(color.svg)\" fill-opacity=\"\(f(opacity))\"/>")
  }

  mutating func fillCircle(x: Double, y: Double, radius: Double, color: Color, opacity: Double) {
    body.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\" fill=\"\(color.svg)\" fill-opacity=\"\(f(opacity))\"/>")
  }

  mutating func text(_ s: String, x: Double, y: Double, size: Double, color: Color, anchor: TextAnchor, vertical: Bool) {
    let a: String
    switch anchor {
    case .start: a = "start"
    case .middle: a = "middle"
    case .end: a = "end"
    }
    let rot = vertical ? " transform=\"rotate(-90 \(f(x)) \(f(y)))\"" : ""
    body.append("<text x=\"\(f(x))\" y=\"\(f(y))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"\(f(size * 1.3))\" fill=\"\(color.svg)\" text-anchor=\"\(a)\" dominant-baseline=\"central\"\(rot)>\(escape(s))</text>")
  }

  mutating func image(_ pixels: [Color], cols: Int, rows: Int, in rect: Rect) {
    // Embedded as a PNG data URI: one <rect> per cell would make a 512x128
    // field a 5 MB file.
    var rgb = [UInt8](repeating: 0, count: cols * rows * 3)
    for (i, p) in pixels.enumerated() {
      rgb[3 * i] = UInt8(min(max(p.r, 0), 1) * 255 + 0.5)
      rgb[3 * i + 1] = UInt8(min(max(p.g, 0), 1) * 255 + 0.5)
      rgb[3 * i + 2] = UInt8(min(max(p.b, 0), 1) * 255 + 0.5)
    }
    let data = Data(encodePNG(width: cols, height: rows, rgb: rgb)).base64EncodedString()
    body.append("<image x=\"\(f(rect.x))\" y=\"\(f(rect.y))\" width=\"\(f(rect.width))\" height=\"\(f(rect.height))\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,\(data)\"/>")
  }

  private func f(_ v: Double) -> String { String(format: "%.2f", v) }
  private func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }
}
