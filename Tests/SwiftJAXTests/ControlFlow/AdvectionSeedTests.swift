import Foundation
import Testing
@testable import SwiftJAX

// Seed 001: 2-D density advected along axis 0 by a steady velocity
// profile. The seed's NumPy loop
//
//     grad_n = np.gradient(density_prev, axis=0)
//     dndt = -initial_velocity * grad_n
//     density_next = density_prev + dt * dndt
//
// written with Lax.forLoop, eagerly and under jit, against JAX 0.10.2
// (Tests/Fixtures/advection.json, made by scripts/fixtures/gen_advection.py).
//
// Precision: op-by-op JAX (and NumPy in float32) round every operation, as
// SwiftJAX's eager kernels do, and the eager twin is bit-exact with them.
// JAX's jit lets XLA fuse the step and contract `d + dt·(−v·g)` into a
// fused multiply-add, so jitted JAX differs from op-by-op JAX in the last
// bit of some elements (the fixture records how many: `jit_vs_eager_*`);
// the comparisons with jitted JAX therefore use rtol 1e-5, plus atol 1e-6
// (the fields peak at 1): where the central difference cancels, a value
// of ~1e-7 carries the absolute rounding error of its O(1) neighbours, so
// its relative difference can reach ~4e-4 (largest absolute difference
// seen: 3e-7, `jit_vs_eager_max_abs` in the fixture). The initial
// condition avoids float32 subnormals, which XLA's CPU backend flushes to
// zero and SwiftJAX keeps.

enum AdvectionFixture {
  static let root: [String: Any] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/advection.json")
    guard let data = try? Data(contentsOf: url), let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
    return obj
  }()

  static var dt: Double { root["dt"] as? Double ?? .nan }
  static func param(_ k: String) -> Double { (root["params"] as? [String: Any])?[k] as? Double ?? .nan }
  static func grid(_ name: String) -> [String: Any] { root[name] as? [String: Any] ?? [:] }

  struct Checksums {
    let sum: Double
    let sumSq: Double
    let samples: [(i: Int, j: Int, value: Double)]
  }

  static func checksums(_ grid: String, _ key: String) -> Checksums? {
    guard let c = self.grid(grid)[key] as? [String: Any] else { return nil }
    let samples = (c["samples"] as? [[String: Any]] ?? []).map { s -> (Int, Int, Double) in
      let idx = s["index"] as! [Int]
      return (idx[0], idx[1], (s["value"] as! NSNumber).doubleValue)
    }
    return Checksums(sum: (c["sum"] as! NSNumber).doubleValue, sumSq: (c["sum_sq"] as! NSNumber).doubleValue, samples: samples)
  }

  static func array(_ grid: String, _ key: String) -> Tensor? {
    guard let a = self.grid(grid)[key] as? [String: Any], let b64 = a["b64"] as? String, let bytes = Data(base64Encoded: b64) else { return nil }
    return tensorFromBytes(a["dtype"] as! String, a["shape"] as! [Int], [UInt8](bytes))
  }
}

/// The seed 001 twin.
enum AdvectionTwin {
  /// `np.linspace(start, stop, n)` in float64: `i * step + start`, the last
  /// point exactly `stop`.
  static func linspace(_ start: Double, _ stop: Double, _ n: Int) -> [Double] {
    let step = (stop - start) / Double(n - 1)
    return (0..<n).map { $0 == n - 1 ? stop : Double($0) * step + start }
  }

  /// The generator's initial density (a Gaussian blob) and velocity (peaked
  /// on y = 0, uniform in x): the same float64 operations, rounded to float32.
  static func initialFields(nx: Int, ny: Int) -> (density: Tensor, velocity: Tensor) {
    let xg = linspace(-32, 32, nx), yg = linspace(-16, 16, ny)
    let (x0, y0, xs, ys, vs) = (AdvectionFixture.param("x0"), AdvectionFixture.param("y0"), AdvectionFixture.param("xs"),
                                AdvectionFixture.param("ys"), AdvectionFixture.param("vs"))
    var density = [Float](repeating: 0, count: nx * ny)
    var velocity = [Float](repeating: 0, count: nx * ny)
    for i in 0..<nx {
      for j in 0..<ny {
        let dx = xg[i] - x0, dy = yg[j] - y0
        density[i * ny + j] = Float(exp(-(xs * (dx * dx)) - ys * (dy * dy)))
        velocity[i * ny + j] = Float(exp(-(vs * (yg[j] * yg[j]))))
      }
    }
    return (Tensor(density, shape: [nx, ny]), Tensor(velocity, shape: [nx, ny]))
  }

  /// One step of the seed's loop.
  static func step(_ densityPrev: Tensor, _ initialVelocity: Tensor, dt: Double) -> Tensor {
    let gradN = jnp.gradient(densityPrev, axis: 0)
    let dndt = -initialVelocity * gradN
    return densityPrev + dt * dndt
  }

  /// `steps` steps with `lax.fori_loop`.
  static func simulate(_ density: Tensor, _ velocity: Tensor, steps: Int, dt: Double) -> Tensor {
    Lax.forLoop(0, steps, body: { _, densityPrev in step(densityPrev, velocity, dt: dt) }, initial: density)
  }

  /// The jitted simulation; the step count is static (fori_loop's bounds).
  static let simulateJIT = jit { (d: Tensor, v: Tensor, steps: Static<Int>) in
    simulate(d, v, steps: steps.value, dt: AdvectionFixture.dt)
  }
}

@Suite struct AdvectionSeedTests {
  /// Sum and sum of squares in float64 (summation order differs from
  /// NumPy's pairwise sum, so these get a relative tolerance) and sampled
  /// entries.
  func expectChecksums(
    _ t: Tensor, _ ref: AdvectionFixture.Checksums?, rtol: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let ref else {
      Issue.record("\(what): missing fixture", sourceLocation: sourceLocation)
      return
    }
    let v = t.toArray(Double.self)
    let ny = t.shape[1]
    let sum = v.reduce(0, +), sumSq = v.reduce(0) { $0 + $1 * $1 }
    let sumTol = max(rtol, 1e-12)
    #expect(abs(sum - ref.sum) <= sumTol * abs(ref.sum), "\(what): sum \(sum) vs JAX \(ref.sum)", sourceLocation: sourceLocation)
    #expect(abs(sumSq - ref.sumSq) <= sumTol * abs(ref.sumSq), "\(what): sum of squares \(sumSq) vs JAX \(ref.sumSq)", sourceLocation: sourceLocation)
    // The samples are float32 values (JSONSerialization may misread the
    // last digit of a float64, so compare after rounding to float32).
    for s in ref.samples {
      let g = Float(v[s.i * ny + s.j]), r = Float(s.value)
      #expect(g == r || abs(g - r) <= Float(rtol) * abs(r), "\(what): [\(s.i), \(s.j)] \(g) vs JAX \(r)", sourceLocation: sourceLocation)
    }
  }

  /// Elementwise `|got - ref| <= rtol·|ref| + atol`; returns (bit-exact
  /// count, worst relative difference).
  @discardableResult
  func expectClose(
    _ got: Tensor, _ ref: Tensor, rtol: Double, atol: Double = 0, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) -> (Int, Double) {
    #expect(got.aval == ref.aval, "\(what): \(got.aval) vs \(ref.aval)", sourceLocation: sourceLocation)
    let g = got.toArray(Float.self), r = ref.toArray(Float.self)
    var exact = 0, worst = 0.0, bad = 0
    var first: String? = nil
    for (i, (a, b)) in zip(g, r).enumerated() {
      if a.bitPattern == b.bitPattern { exact += 1; continue }
      let rel = Double(abs(a - b)) / Double(max(abs(b), Float.leastNormalMagnitude))
      worst = max(worst, rel)
      if Double(abs(a - b)) > rtol * Double(abs(b)) + atol {
        bad += 1
        if first == nil { first = "[\(i)] \(a) vs \(b)" }
      }
    }
    #expect(bad == 0, "\(what): \(bad) of \(r.count) beyond rtol \(rtol); first \(first ?? "-")", sourceLocation: sourceLocation)
    return (exact, worst)
  }

  @Test func initialConditionsAreJAXs() {
    for (name, nx, ny) in [("small", 64, 32), ("seed", 512, 128)] {
      let g = AdvectionFixture.grid(name)
      #expect(g["nx"] as? Int == nx && g["ny"] as? Int == ny)
      let (d, v) = AdvectionTwin.initialFields(nx: nx, ny: ny)
      // Exact samples and float64 sums (no float32 element may differ).
      expectChecksums(d, AdvectionFixture.checksums(name, "initial_density"), rtol: 0, "\(name) initial density")
      expectChecksums(v, AdvectionFixture.checksums(name, "initial_velocity"), rtol: 0, "\(name) initial velocity")
      // No subnormals (see the file comment).
      #expect(d.toArray(Float.self).allSatisfy { $0 == 0 || $0.isNormal })
    }
  }

  /// 64×32, 50 steps, eagerly: bit-exact with op-by-op JAX, within rtol
  /// 1e-5 of jitted JAX.
  @Test func eagerSmallGrid() throws {
    let (d, v) = AdvectionTwin.initialFields(nx: 64, ny: 32)
    let out = AdvectionTwin.simulate(d, v, steps: 50, dt: AdvectionFixture.dt)
    let jaxEager = try #require(AdvectionFixture.array("small", "eager_final"))
    let jaxJit = try #require(AdvectionFixture.array("small", "jit_final"))
    #expect(out.dtype == .float32 && out.shape == [64, 32])
    #expect(tensorBytes(out) == tensorBytes(jaxEager), "eager twin differs from op-by-op JAX: \(firstDifference(out, jaxEager))")
    let (exact, worst) = expectClose(out, jaxJit, rtol: 1e-5, atol: 1e-6, "eager vs jitted JAX")
    print("advection 64x32x50 eager vs jitted JAX: \(exact)/\(64 * 32) bit-exact, worst rel \(worst)")
  }

  /// The same loop under jit.
  @Test func jittedSmallGrid() throws {
    let (d, v) = AdvectionTwin.initialFields(nx: 64, ny: 32)
    let out = AdvectionTwin.simulateJIT(d, v, Static(50))
    let jaxEager = try #require(AdvectionFixture.array("small", "eager_final"))
    let jaxJit = try #require(AdvectionFixture.array("small", "jit_final"))
    #expect(out.dtype == .float32 && out.shape == [64, 32])
    let (exact, worst) = expectClose(out, jaxJit, rtol: 1e-5, atol: 1e-6, "jit vs jitted JAX")
    let (exactEager, _) = expectClose(out, jaxEager, rtol: 1e-5, atol: 1e-6, "jit vs op-by-op JAX")
    print("advection 64x32x50 jit: vs jitted JAX \(exact)/\(64 * 32) bit-exact (worst rel \(worst)); vs op-by-op JAX \(exactEager)/\(64 * 32)")
    // The loop is a real loop in the program, not 50 unrolled steps.
    let lowered = AdvectionTwin.simulateJIT.lower(d, v, Static(50))
    #expect(lowered.optimizedJaxpr.jaxpr.equations.count < 20, "\(lowered.optimizedJaxpr)")
    expectCompilesNatively(lowered, "advection jit")
  }

  /// The seed's own size, 512×128 for 10 steps, eagerly and under jit:
  /// checksums of the final state.
  @Test func seedSizeGrid() {
    let (d, v) = AdvectionTwin.initialFields(nx: 512, ny: 128)
    let eager = AdvectionTwin.simulate(d, v, steps: 10, dt: AdvectionFixture.dt)
    let jitted = AdvectionTwin.simulateJIT(d, v, Static(10))
    // Op-by-op: the same roundings as JAX's eager run.
    expectChecksums(eager, AdvectionFixture.checksums("seed", "eager"), rtol: 0, "512x128 eager vs op-by-op JAX")
    expectChecksums(eager, AdvectionFixture.checksums("seed", "jit"), rtol: 1e-5, "512x128 eager vs jitted JAX")
    expectChecksums(jitted, AdvectionFixture.checksums("seed", "jit"), rtol: 1e-5, "512x128 jit vs jitted JAX")
    expectClose(jitted, eager, rtol: 1e-5, atol: 1e-6, "512x128 jit vs eager")
  }
}
