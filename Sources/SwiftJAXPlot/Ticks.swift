import Foundation

/// A tick: its value and label. Log-axis labels are powers of ten, drawn as
/// "10" with the exponent raised.
struct Tick {
  var value: Double
  var label: String
  var exponent: String?
}

/// About `target` ticks at 1, 2 or 5 times a power of ten, inside [lo, hi].
func linearTicks(_ lo: Double, _ hi: Double, target: Int = 6) -> [Tick] {
  guard hi > lo else { return [Tick(value: lo, label: formatTick(lo, step: 1))] }
  let raw = (hi - lo) / Double(target)
  let mag = pow(10, (log10(raw)).rounded(.down))
  let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
  var v = (lo / step).rounded(.up) * step
  var ticks: [Tick] = []
  while v <= hi + step * 1e-9 {
    let clean = abs(v) < step * 1e-9 ? 0 : v
    ticks.append(Tick(value: clean, label: formatTick(clean, step: step)))
    v += step
  }
  return ticks
}

/// Decades between lo and hi (both > 0).
func logTicks(_ lo: Double, _ hi: Double) -> [Tick] {
  let a = Int((log10(lo) - 1e-9).rounded(.up))
  let b = Int((log10(hi) + 1e-9).rounded(.down))
  guard a <= b else { return linearTicks(lo, hi) }
  let every = max(1, (b - a + 1) / 8)  // thin out very long ranges
  return stride(from: a, through: b, by: every).map { Tick(value: pow(10, Double($0)), label: "10", exponent: "\($0)") }
}

/// Shortest decimal that shows the tick's step.
func formatTick(_ v: Double, step: Double) -> String {
  if abs(v) >= 1e5 || (abs(v) < 1e-3 && v != 0) { return String(format: "%.0e", v) }
  let decimals = max(0, Int(-log10(step).rounded(.down)))
  return String(format: "%.\(decimals)f", v)
}

/// Maps data values to pixels along one axis.
struct AxisMap {
  var lo: Double, hi: Double
  var scale: Scale
  var p0: Double, p1: Double
  func callAsFunction(_ v: Double) -> Double {
    switch scale {
    case .linear: return p0 + (v - lo) / (hi - lo) * (p1 - p0)
    case .log: return p0 + (log10(v) - log10(lo)) / (log10(hi) - log10(lo)) * (p1 - p0)
    }
  }
  var ticks: [Tick] {
    switch scale {
    case .linear: return linearTicks(lo, hi)
    case .log: return logTicks(lo, hi)
    }
  }
}

/// Data limits with a margin (a fraction of the span, or a factor on log axes).
func paddedRange(_ values: [Double], scale: Scale, pad: Double = 0.04) -> (Double, Double) {
  let finite = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
  guard var lo = finite.min(), var hi = finite.max() else { return scale == .log ? (1, 10) : (0, 1) }
  switch scale {
  case .linear:
    if hi == lo { lo -= 1; hi += 1 }
    let span = hi - lo
    return (lo - pad * span, hi + pad * span)
  case .log:
    if hi == lo { lo /= 10; hi *= 10 }
    let f = pow(hi / lo, pad)
    return (lo / f, hi * f)
  }
}
