// The follow-up seed 000 promises: the maximal Lyapunov exponent of the
// Lorenz system, with `jvp` inside `scan` pushing a tangent vector along the
// trajectory, `vmap`ped over many initial conditions under `jit`. For
// sigma = 10, rho = 28, beta = 8/3 the exponent is about 0.9.
//
//   swift run -c release lyapunov [--count 512] [--steps 20000] [--output demo-output]

import ArgumentParser
import Examples
import Foundation
import SwiftJAX
import SwiftJAXPlot

@main
struct Lyapunov: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "The Lorenz system's maximal Lyapunov exponent via jvp in scan, vmapped.")

  @Option(help: "Number of initial conditions.")
  var count = 512

  @Option(help: "RK4 steps averaged over (tau = 0.01).")
  var steps = 20_000

  @Option(help: "Steps discarded first, to reach the attractor.")
  var transient = 1_000

  @Option(help: "Directory for the images.")
  var output = "demo-output"

  func validate() throws {
    guard count > 0, steps > 0, transient >= 0 else { throw ValidationError("--count and --steps must be positive") }
  }

  func run() throws {
    let key = Random.PRNGKey(0)
    let lo = jnp.array([-20.0, -25.0, 5.0]), hi = jnp.array([20.0, 25.0, 45.0])
    let inits = Random.uniform(key, shape: [count, 3], minval: lo, maxval: hi)
    print("Maximal Lyapunov exponent of the Lorenz system (sigma 10, rho 28, beta 8/3), \(count) initial conditions, \(steps) steps")
    // Batches of 128 (one compiled program, reused) so progress shows.
    let t0 = DispatchTime.now().uptimeNanoseconds
    var values: [Double] = []
    for start in stride(from: 0, to: count, by: 128) {
      let batch = inits[.slice(start, min(start + 128, count))]
      values += lyapunovExponents(batch, steps: steps, transient: transient).toArray(Double.self)
      let t = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
      print(String(format: "  %d / %d initial conditions done (%.1f s)", values.count, count, t))
      fflush(stdout)
    }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
    let mean = values.reduce(0, +) / Double(values.count)
    let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
    print(String(format: "jit(vmap(scan of jvp)): %.2f s (trace, compile and run, all batches)", elapsed))
    print(String(format: "lambda_max = %.4f ± %.4f (mean ± std over initial conditions; literature: about 0.906)", mean, std))
    var chart = Chart(title: "Lorenz system: largest Lyapunov exponent, \(count) starts",
                      xLabel: "λ_max (1 / time unit)", yLabel: "count")
    chart.histogram(values, bins: 30, Style(color: Color.palette[0], label: String(format: "jvp in scan, vmapped: mean %.3f", mean)))
    chart.legend = .topLeft
    // The reference value as a vertical line from the axis to the tallest bar.
    var tallest = 1.0
    if case .bars(_, let counts, _) = chart.marks.last { tallest = counts.max() ?? 1 }
    chart.line([0.9056, 0.9056], [0, tallest], Style(color: Color.palette[3], label: "literature 0.906", lineWidth: 2))
    let base = URL(fileURLWithPath: output).appendingPathComponent("lyapunov_histogram").path
    try chart.write(to: base + ".png")
    try chart.write(to: base + ".svg")
    print("\nImages:\n  \(base).png\n  \(base).svg")
  }
}
