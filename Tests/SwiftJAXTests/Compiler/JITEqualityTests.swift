import Testing
@testable import SwiftJAX

/// The equality the differential tests use (``JITEquality``): bits, except
/// that NaNs are equal whatever their payload and sign.
@Suite struct JITEqualityTests {
  static let quietNaN = Float(bitPattern: 0x7fc0_0001)
  static let negativeNaN = Float(bitPattern: 0xffc0_0002)

  @Test func nansEqualWhateverTheirPayloadAndSign() {
    #expect(JITEquality.difference(Tensor([Self.quietNaN, 1]), Tensor([Self.negativeNaN, 1])) == nil)
    let h = { (bits: UInt16) in Lax.bitcastConvertType(Tensor([Int16(bitPattern: bits)]), .float16) }
    #expect(JITEquality.difference(h(0x7e01), h(0xfe00)) == nil)
    #expect(JITEquality.difference(Tensor([Double.nan]), Tensor([-Double.nan])) == nil)
  }

  @Test func everythingElseComparesBits() {
    #expect(JITEquality.difference(Tensor([Float(0)]), Tensor([-Float(0)])) != nil)
    #expect(JITEquality.difference(Tensor([Float.nan]), Tensor([Float.infinity])) != nil)
    #expect(JITEquality.difference(Tensor([Float(1)]), Tensor([Float(1).nextUp])) != nil)
    #expect(JITEquality.difference(Tensor([Int32(-1)]), Tensor([Int32(1)])) != nil)
    // Same bits, different types.
    #expect(JITEquality.difference(Tensor([Int32(0)]), Tensor([Float(0)])) != nil)
  }

  /// Where payloads really differ: a sum over two NaNs of different sign
  /// adds them in a different operand order in the fused loop and in the
  /// eager kernel (x86 returns the first NaN operand), so jit returns one
  /// NaN and eager the other, while every finite sum is bit-identical.
  @Test func sumOfTwoNaNsIsANaNUnderJit() {
    let x = Tensor([Self.quietNaN, 1, 2, Self.negativeNaN] + (0..<28).map { Float($0) }, shape: [32])
    let f = { (x: Tensor) in Lax.reduceSum(x * 2.0, axes: [0]) }
    JITEquality.expectEqual(jit(f)(x), f(x))
    #expect(jit(f)(x).item(Float.self).isNaN)
  }
}
