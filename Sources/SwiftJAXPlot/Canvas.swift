import Foundation

/// An RGB colour with components in 0...1.
///
/// ```swift
/// let orange = Color(1, 0.5, 0)
/// let blue = Color(hex: 0x1F77B4)
/// ```
public struct Color: Sendable, Equatable {
  /// The red, green and blue components, each in 0...1.
  public var r: Double, g: Double, b: Double
  /// A colour from its red, green and blue components in 0...1.
  ///
  /// - Parameters:
  ///   - r: Red, 0...1.
  ///   - g: Green, 0...1.
  ///   - b: Blue, 0...1.
  ///
  /// ```swift
  /// var chart = Chart()
  /// chart.line([0, 1], [0, 1], Style(color: Color(1, 0.5, 0)))
  /// chart.svg().contains("#ff8000")  // true
  /// ```
  public init(_ r: Double, _ g: Double, _ b: Double) { self.r = r; self.g = g; self.b = b }
  /// From a hex literal such as 0x1f77b4.
  ///
  /// ```swift
  /// let c = Color(hex: 0x1F77B4)
  /// [c.r, c.g, c.b].map { Int(($0 * 255).rounded()) }  // [31, 119, 180]
  /// ```
  public init(hex: UInt32) {
    self.init(Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255, Double(hex & 0xFF) / 255)
  }
  /// Black, `Color(0, 0, 0)`.
  public static let black = Color(0, 0, 0)
  /// White, `Color(1, 1, 1)`.
  public static let white = Color(1, 1, 1)
  static let axis = Color(hex: 0x333333)
  static let grid = Color(hex: 0xE6E6E6)
  /// The default series colours (matplotlib's "tab10" order).
  public static let palette: [Color] = [0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B].map { Color(hex: $0) }
  var svg: String {
    String(format: "#%02x%02x%02x", Int((r * 255).rounded()), Int((g * 255).rounded()), Int((b * 255).rounded()))
  }
  func mixed(with o: Color, _ t: Double) -> Color {
    Color(r + (o.r - r) * t, g + (o.g - g) * t, b + (o.b - b) * t)
  }
}

/// A colour map from [0, 1] to colours, piecewise linear between anchors.
///
/// ```swift
/// let grey = Colormap(anchors: [.black, .white])
/// grey.color(0.5)  // Color(0.5, 0.5, 0.5)
/// ```
public struct Colormap: Sendable {
  /// The colours at 0, 1/(n-1), ..., 1.
  public var anchors: [Color]
  /// A colour map through `anchors`, evenly spaced over [0, 1].
  ///
  /// - Parameter anchors: At least two colours; the first is the colour at
  ///   0 and the last the colour at 1.
  ///
  /// ```swift
  /// Colormap(anchors: [.black, .white]).color(0.25) == Color(0.25, 0.25, 0.25)  // true
  /// ```
  public init(anchors: [Color]) { precondition(anchors.count >= 2, "Colormap needs two anchors"); self.anchors = anchors }
  /// Viridis, sampled at ten points (perceptually uniform, colour-blind safe).
  public static let viridis = Colormap(anchors: [
    0x440154, 0x482878, 0x3E4989, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6ECE58, 0xB5DE2B, 0xFDE725,
  ].map { Color(hex: $0) })
  /// A diverging blue-white-red map for signed fields.
  public static let coolwarm = Colormap(anchors: [0x3B4CC0, 0x8DB0FE, 0xDDDDDD, 0xF49A7B, 0xB40426].map { Color(hex: $0) })
  /// The colour at `t` (clamped to [0, 1]; NaN maps to grey).
  ///
  /// ```swift
  /// Colormap.viridis.color(2) == Colormap.viridis.color(1)  // true
  /// ```
  public func color(_ t: Double) -> Color {
    guard t.isFinite else { return Color(0.5, 0.5, 0.5) }
    let x = min(max(t, 0), 1) * Double(anchors.count - 1)
    let i = min(Int(x), anchors.count - 2)
    return anchors[i].mixed(with: anchors[i + 1], x - Double(i))
  }
}

/// A rectangle in canvas pixels (y grows downwards).
///
/// ```swift
/// let r = Rect(x: 10, y: 20, width: 100, height: 50)
/// [r.x + r.width, r.y + r.height]  // [110.0, 70.0]
/// ```
public struct Rect: Sendable {
  /// The top-left corner and the size, in pixels.
  public var x: Double, y: Double, width: Double, height: Double
  /// A rectangle with top-left corner (`x`, `y`).
  ///
  /// - Parameters:
  ///   - x: The left edge.
  ///   - y: The top edge.
  ///   - width: The width.
  ///   - height: The height.
  ///
  /// ```swift
  /// Rect(x: 0, y: 0, width: 4, height: 3).width  // 4.0
  /// ```
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x; self.y = y; self.width = width; self.height = height
  }
  var maxX: Double { x + width }
  var maxY: Double { y + height }
}

/// How a text's anchor point relates to the text.
///
/// ```swift
/// var chart = Chart(title: "centred title")
/// chart.line([0, 1], [1, 2])
/// chart.svg().contains("text-anchor=\"middle\"")  // true
/// ```
public enum TextAnchor: Sendable { case start, middle, end }

/// The drawing operations charts use; implemented once for SVG and once for
/// a raster image, so both outputs show the same picture.
protocol Canvas {
  var width: Int { get }
  var height: Int { get }
  mutating func setClip(_ rect: Rect?)
  mutating func polyline(_ points: [(Double, Double)], color: Color, width: Double, opacity: Double)
  mutating func fillRect(_ rect: Rect, color: Color, opacity: Double)
  mutating func fillCircle(x: Double, y: Double, radius: Double, color: Color, opacity: Double)
  /// Text with its baseline-centre at (x, y) vertically centred on y; `vertical` rotates it 90° anticlockwise.
  mutating func text(_ s: String, x: Double, y: Double, size: Double, color: Color, anchor: TextAnchor, vertical: Bool)
  /// An image of `cols` x `rows` colours (row 0 drawn at the top) stretched over `rect`.
  mutating func image(_ pixels: [Color], cols: Int, rows: Int, in rect: Rect)
}

/// The approximate width of text at a given size (the raster font's metrics).
func textWidth(_ s: String, size: Double) -> Double { Double(textCellWidth(s)) * size / 7 }
