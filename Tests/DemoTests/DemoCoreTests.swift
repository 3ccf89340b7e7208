// Each demo's core at a small size, so CI catches a broken demo. Written as
// a user writes it: `import SwiftJAX` and the Examples library, no @testable.
import Examples
import Foundation
import SwiftJAX
import Testing

@Suite struct DemoCoreTests {
  /// Seed 000: the eager loop, scan and jit(scan) give one trajectory.
  @Test func lorenzRolloutsAgree() {
    let stepper = LorenzRK4Stepper()
    let initCoords = jnp.full([3], 10)
    let loop = jnp.stack(Array(rolloutLoop(stepper, initCoords, 200).dropFirst()))
    let scanned = rolloutScan(stepper)(initCoords, 200)
    let jitted = jitRollout(stepper)(initCoords, 200)
    #expect(jitted.shape == [200, 3] && jitted.dtype == .float32)
    #expect(jnp.max(jnp.abs(loop - scanned)).item(Double.self) < 1e-4)
    #expect(jnp.max(jnp.abs(loop - jitted)).item(Double.self) < 1e-4)
  }

  /// float64 trajectories exist and part from float32 ones (the seed's point).
  @Test func precisionChangesTheChaoticTrajectory() {
    let f32 = lorenzTrajectory(length: 3000, float64: false)
    let f64 = lorenzTrajectory(length: 3000, float64: true)
    #expect(abs(f32[10][0] - f64[10][0]) < 1e-3)
    #expect(zip(f32, f64).contains { abs($0[0] - $1[0]) > 1 })
  }

  /// The maximal Lyapunov exponent is about 0.9 for the standard parameters.
  @Test func lyapunovExponentIsAboutPointNine() {
    let inits = jnp.array([[1.0, 1.0, 20.0], [-5.0, 3.0, 25.0], [8.0, -2.0, 30.0], [0.5, 10.0, 15.0]])
    let exps = lyapunovExponents(inits, steps: 4000, transient: 500)
    #expect(exps.shape == [4])
    let mean: Double = exps.toArray(Double.self).reduce(0, +) / 4
    #expect(mean > 0.75 && mean < 1.05, "mean exponent \(mean)")
  }

  /// Seed 001: eager, forLoop and unrolled jit agree, and the blob moves along x.
  @Test func advectionVariantsAgree() {
    let (density, velocity) = advectionInitialConditions(nx: 64, ny: 16)
    let eager = advectEager(density, velocity, steps: 8, dt: 1)
    let fori = advectForLoop(steps: 8, dt: 1)(density, velocity)
    let unrolled = advectUnrolled(steps: 8, dt: 1)(density, velocity)
    #expect(jnp.max(jnp.abs(eager - fori)).item(Double.self) < 1e-5)
    #expect(jnp.max(jnp.abs(eager - unrolled)).item(Double.self) < 1e-5)
    #expect(jnp.max(jnp.abs(eager - density)).item(Double.self) > 1e-3)
  }

  /// Seeds 002/003: the transcript is what real JAX 0.10.2 prints
  /// (Tests/Fixtures/demos/patterns.txt from scripts/demos/patterns_twin.py).
  @Test func patternsTranscriptMatchesJAX() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fixtures/demos/patterns.txt")
    let expected = try String(contentsOf: url, encoding: .utf8)
    let actual = patternsTranscript()
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for (i, (x, y)) in zip(e, a).enumerated() where x != y {
      Issue.record("line \(i + 1): JAX prints \"\(x)\", SwiftJAX \"\(y)\"")
    }
    #expect(e.count == a.count)
  }
}
