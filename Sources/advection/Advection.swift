// Seed 001 ("For Loops in JAX"): a 512 x 128 density pushed along x by a
// steady velocity, as an eager loop, `jit` of `Lax.forLoop`, and `jit` of a
// Swift loop that tracing unrolls; compile time, run time and peak memory of
// each, and images of the initial and final density and the velocity.
//
//   swift run -c release advection [--steps 200] [--dt 1.0] [--output demo-output]

import ArgumentParser
import Examples
import Foundation
import SwiftJAX
import SwiftJAXPlot

@main
struct Advection: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Seed 001: advection with an eager loop, forLoop and an unrolled jit.")

  @Option(help: "Time steps of every variant.")
  var steps = 200

  @Option(help: "Time step (grid spacing 1, velocity up to 0.5).")
  var dt = 1.0

  @Option(help: "Directory for the images.")
  var output = "demo-output"

  func validate() throws {
    guard steps > 0 else { throw ValidationError("--steps must be positive") }
  }

  func run() throws {
    let (density, velocity) = advectionInitialConditions()
    print("Advection on a \(density.shape[0]) x \(density.shape[1]) grid, \(steps) steps, dt = \(dt)")
    print("| variant | compile | run | total | peak RSS after |")
    print("| --- | ---: | ---: | ---: | ---: |")
    // forLoop first: its peak memory is the baseline the others add to (ru_maxrss only grows).
    let fori = measure("jit(forLoop)", advectForLoop(steps: steps, dt: dt), density, velocity)
    let eager = measureEager(density, velocity)
    let unrolled = measure("jit(unrolled Swift loop)", advectUnrolled(steps: steps, dt: dt), density, velocity)
    let diff = jnp.max(jnp.abs(fori - eager)).item(Double.self)
    let diffU = jnp.max(jnp.abs(fori - unrolled)).item(Double.self)
    print("max |forLoop - eager| = \(diff), max |forLoop - unrolled| = \(diffU)")
    let path = URL(fileURLWithPath: output).appendingPathComponent("advection").path
    let figure = advectionFigure(density, fori, velocity)
    try figure.write(to: path + ".png")
    try figure.write(to: path + ".svg")
    print("\nImages:\n  \(path).png\n  \(path).svg")
  }

  /// First call (trace + compile + run) and the median of 3 runs; compile = first - run.
  func measure(_ name: String, _ f: (Tensor, Tensor) -> Tensor, _ d: Tensor, _ v: Tensor) -> Tensor {
    var out = d
    let first = seconds { out = f(d, v).blockUntilReady() }
    let runs = (0..<3).map { _ in seconds { out = f(d, v).blockUntilReady() } }.sorted()
    print("| \(name) | \(fmt(max(first - runs[1], 0))) | \(fmt(runs[1])) | \(fmt(first)) | \(peakRSS()) |")
    fflush(stdout)
    return out
  }

  func measureEager(_ d: Tensor, _ v: Tensor) -> Tensor {
    var out = d
    let t = seconds { out = advectEager(d, v, steps: steps, dt: dt).blockUntilReady() }
    print("| eager loop (NumPy style) | — | \(fmt(t)) | \(fmt(t)) | \(peakRSS()) |")
    fflush(stdout)
    return out
  }
}

/// Three panels: initial density, final density, velocity; x across, y up.
func advectionFigure(_ initial: Tensor, _ final: Tensor, _ velocity: Tensor) -> Figure {
  func panel(_ t: Tensor, _ title: String, _ cmap: Colormap, _ label: String) -> Chart {
    let (nx, ny) = (t.shape[0], t.shape[1])
    let a = t.toArray(Double.self)
    var values = [Double](repeating: 0, count: nx * ny)
    for r in 0..<ny { for c in 0..<nx { values[r * nx + c] = a[c * ny + (ny - 1 - r)] } }
    var chart = Chart(title: title, xLabel: "x (grid index, axis 0)", yLabel: "y (axis 1)")
    chart.width = 760
    chart.height = 300
    chart.heatmap(values, rows: ny, cols: nx, x: 0...Double(nx), y: 0...Double(ny), colormap: cmap, label: label)
    return chart
  }
  return Figure([
    panel(initial, "Initial density", .viridis, "density"),
    panel(final, "Final density", .viridis, "density"),
    panel(velocity, "Velocity (along x)", .coolwarm, "v_x"),
  ], columns: 1)
}

func seconds(_ body: () -> Void) -> Double {
  let t0 = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
}

func fmt(_ t: Double) -> String {
  t >= 1 ? String(format: "%.2f s", t) : String(format: "%.2f ms", t * 1e3)
}

/// The process's peak resident set so far (getrusage's ru_maxrss, KiB on Linux).
func peakRSS() -> String {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return String(format: "%.1f MB", Double(usage.ru_maxrss) / 1024)
}
