import Testing
@testable import SwiftJAX

/// Programs the differential fuzzer found wrong, reduced by hand; the
/// seed that found each is in its comment.
@Suite struct FuzzRegressionTests {
  static let values = Tensor((0..<448).map { Float($0 % 37) * 0.173 - 2.9 }, shape: [7, 64, 1])

  /// Seed 5154: `pow(x, 2.0)` with a constant exponent was `x * x` under
  /// jit (clang folds powf with constant operands) but libm's powf
  /// eagerly, 1 ulp apart. Constant bases too (`powf(2, y)` → `exp2f`).
  @Test func powWithConstantOperands() {
    var batch = DifferentialBatch()
    for d in [DType.float32, .float64, .float16] {
      let x = Lax.convertElementType(Self.values, d)
      for c in [2.0, -1.0, 0.5, 3.0, 1.0 / 3.0, 10.0] as [Float] {
        let k = Lax.convertElementType(Tensor(c), d)
        batch.add([x]) { Lax.pow($0[0], k) }
        batch.add([x]) { Lax.pow(k, $0[0]) }
        batch.add([x]) { Lax.pow(Lax.neg($0[0]), k) }  // the seed's roll/neg/pow chain, simplified
      }
    }
    batch.run(separately: false)
  }
}
