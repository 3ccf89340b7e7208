import Testing
@testable import SwiftJAX

@Suite struct ElementwiseKernelTests {
  @Test func addFloatAndScalarBroadcast() {
    let x = Tensor([1, 2, 3, 4] as [Float], shape: [2, 2])
    #expect(apply(.binary(.add), x, x).toArray(Float.self) == [2, 4, 6, 8])
    let s = apply(.binary(.sub), Tensor(Float(10)), x)
    #expect(s.shape == [2, 2])
    #expect(s.toArray(Float.self) == [9, 8, 7, 6])
    #expect(apply(.binary(.mul), x, Tensor(Float(2))).toArray(Float.self) == [2, 4, 6, 8])
  }

  @Test func sizeOneDimensionsBroadcast() {
    let x = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    let row = Tensor([10, 20, 30] as [Float], shape: [1, 3])
    #expect(apply(.binary(.add), x, row).toArray(Float.self) == [11, 22, 33, 14, 25, 36])
    let col = Tensor([1, 2] as [Float], shape: [2, 1])
    #expect(apply(.binary(.mul), col, row).toArray(Float.self) == [10, 20, 30, 20, 40, 60])
    #expect(bools(apply(.compare(.gt), x, Tensor([3] as [Float], shape: [1, 1]))) == [false, false, false, true, true, true])
  }

  @Test func zeroDAndEmptyArrays() {
    let a = apply(.binary(.add), Tensor(Float(1.5)), Tensor(Float(2)))
    #expect(a.shape == [] && a.toArray(Float.self) == [3.5])
    let e = Tensor([] as [Float], shape: [0, 3])
    let r = apply(.unary(.exp), e)
    #expect(r.shape == [0, 3] && r.count == 0)
    #expect(apply(.binary(.add), e, Tensor(Float(1))).shape == [0, 3])
  }

  @Test func integerArithmeticWraps() {
    let x = raw([Int32.max, Int32.min, 7], .int32)
    #expect(ints(apply(.binary(.add), x, scalar(Int32(1), .int32))) == [Int64(Int32.min), Int64(Int32.min) + 1, 8])
    #expect(ints(apply(.binary(.mul), x, scalar(Int32(2), .int32))) == [-2, 0, 14])
    #expect(ints(apply(.unary(.neg), x)) == [-Int64(Int32.max), Int64(Int32.min), -7])
    #expect(ints(apply(.unary(.abs), raw([Int8.min, -3], .int8))) == [-128, 3])
    let u = raw([UInt16(65535), 2], .uint16)
    #expect(ints(apply(.binary(.mul), u, u)) == [1, 4])
    #expect(ints(apply(.binary(.sub), raw([UInt8(0)], .uint8), raw([UInt8(1)], .uint8))) == [255])
  }

  @Test func integerDivisionByZeroAndOverflow() {
    let a = raw([Int32(7), -7, Int32.min, 5], .int32)
    let b = raw([Int32(2), 2, -1, 0], .int32)
    #expect(ints(apply(.binary(.div), a, b)) == [3, -3, Int64(Int32.min), -1])
    #expect(ints(apply(.binary(.rem), a, b)) == [1, -1, 0, 5])
    let ua = raw([UInt32(7), 9], .uint32), ub = raw([UInt32(0), 2], .uint32)
    #expect(ints(apply(.binary(.div), ua, ub)) == [Int64(UInt32.max), 4])
    #expect(ints(apply(.binary(.rem), ua, ub)) == [7, 1])
    #expect(ints(apply(.binary(.div), raw([Int8.min], .int8), raw([Int8(-1)], .int8))) == [-128])
  }

  @Test func floatRemIsFmod() {
    let r = apply(.binary(.rem), Tensor([-7.5, 7.5] as [Float]), Tensor(Float(2)))
    #expect(r.toArray(Float.self) == [-1.5, 1.5])
  }

  @Test func shifts() {
    let x = raw([Int32(-8), 1, 1, -8], .int32)
    let n = raw([Int32(1), 31, 32, -1], .int32)
    #expect(ints(apply(.binary(.shiftLeft), x, n)) == [-16, Int64(Int32.min), 0, 0])
    #expect(ints(apply(.binary(.shiftRightArithmetic), x, n)) == [-4, 0, 0, -1])
    #expect(ints(apply(.binary(.shiftRightLogical), x, n)) == [2_147_483_644, 0, 0, 0])
    #expect(ints(apply(.binary(.shiftRightArithmetic), raw([UInt8(0x80)], .uint8), raw([UInt8(9)], .uint8))) == [255])
  }

  @Test func maxMinPropagateNaNAndOrderZeros() {
    let a = Tensor([1, .nan, -0.0, 0.0] as [Float])
    let b = Tensor([.nan, 2, 0.0, -0.0] as [Float])
    let mx = doubles(apply(.binary(.max), a, b))
    #expect(sameFloats(mx, [.nan, .nan, 0.0, 0.0]))
    let mn = doubles(apply(.binary(.min), a, b))
    #expect(sameFloats(mn, [.nan, .nan, -0.0, -0.0]))
  }

  @Test func signRoundAndIsFinite() {
    let x = Tensor([-0.0, 0.0, .nan, -2, 0.5, 1.5, 2.5, -2.5] as [Float])
    #expect(sameFloats(doubles(apply(.unary(.sign), x)), [-0.0, 0, .nan, -1, 1, 1, 1, -1]))
    #expect(sameFloats(doubles(apply(.unary(.round), x)), [-0.0, 0, .nan, -2, 1, 2, 3, -3]))
    #expect(sameFloats(doubles(apply(.unary(.roundEven), x)), [-0.0, 0, .nan, -2, 0, 2, 2, -2]))
    #expect(bools(apply(.unary(.isFinite), Tensor([.infinity, .nan, 1] as [Float]))) == [false, false, true])
    #expect(ints(apply(.unary(.sign), raw([UInt32(0), 5], .uint32))) == [0, 1])
  }

  @Test func notIsLogicalForBoolAndBitwiseForInts() {
    #expect(bools(apply(.unary(.not), Tensor([true, false]))) == [false, true])
    #expect(ints(apply(.unary(.not), raw([Int32(0), 5], .int32))) == [-1, -6])
    #expect(ints(apply(.unary(.not), raw([UInt8(0)], .uint8))) == [255])
  }

  @Test func integerPow() {
    #expect(ints(apply(.integerPow(3), raw([Int32(3), -2], .int32))) == [27, -8])
    #expect(ints(apply(.integerPow(31), raw([Int32(2)], .int32))) == [Int64(Int32.min)])
    #expect(apply(.integerPow(-2), Tensor([2, 4] as [Float])).toArray(Float.self) == [0.25, 0.0625])
    #expect(apply(.integerPow(0), Tensor([0, .nan] as [Float])).toArray(Float.self) == [1, 1])
  }

  @Test func powWithIntegerExponent() {
    let r = apply(.binary(.pow), Tensor([2, 3] as [Float]), raw([Int32(-2), 3], .int32))
    #expect(r.dtype == .float32)
    #expect(r.toArray(Float.self) == [0.25, 27])
  }

  @Test func nextafterAndAtan2() {
    let r = apply(.binary(.nextafter), Tensor([1, 0] as [Float]), Tensor([2, -1] as [Float]))
    #expect(r.toArray(Float.self) == [Float(1).nextUp, -Float.leastNonzeroMagnitude])
    let h = apply(.binary(.nextafter), raw([Float16(1)], .float16), raw([Float16(2)], .float16))
    #expect(h.toArray(Float16.self) == [Float16(1).nextUp])
    let t = apply(.binary(.atan2), Tensor([1] as [Float]), Tensor([-1] as [Float]))
    #expect(abs(t.toArray(Float.self)[0] - 3 * Float.pi / 4) < 1e-6)
  }

  @Test func specialFunctions() {
    let e = apply(.unary(.erfInv), Tensor([0.5, -0.9, 1, -1, 0, 1.5] as [Float]))
    // Bit patterns from jax.lax.erf_inv on CPU (float32).
    #expect(Array(e.toArray(Float.self).prefix(5).map(\.bitPattern)) == [1_056_190_718, 3_214_204_937, 2_139_095_040, 4_286_578_688, 0])
    #expect(e.toArray(Float.self)[5].isNaN)
    let lg = apply(.unary(.lgamma), Tensor([0, -1, 0.5, 3] as [Float])).toArray(Float.self)
    #expect(lg[0] == .infinity && lg[1] == .infinity)
    #expect(abs(lg[2] - 0.5723649) < 1e-5 && abs(lg[3] - 0.6931472) < 1e-5)
    let dg = apply(.unary(.digamma), Tensor([0, -1, 1, -1.5] as [Float])).toArray(Float.self)
    #expect(dg[0].isNaN && dg[1].isNaN)
    #expect(abs(dg[2] + 0.5772157) < 1e-5 && abs(dg[3] - 0.7031566) < 1e-4)
    let lo = apply(.unary(.logistic), Tensor([-100, 0, 100] as [Float])).toArray(Float.self)
    #expect(lo == [0, 0.5, 1])
  }

  @Test func float16ComputesInFloatAndRoundsOnce() {
    let x = raw([Float16(1), 65504], .float16)
    let r = apply(.binary(.div), x, raw([Float16(3), 0.5], .float16))
    #expect(r.toArray(Float16.self) == [Float16(Float(1) / 3), .infinity])
    #expect(apply(.unary(.sqrt), raw([Float16(2)], .float16)).toArray(Float16.self) == [Float16(Float(2).squareRoot())])
  }

  @Test func comparisonsFollowIEEE() {
    let a = Tensor([1, .nan, 2] as [Float]), b = Tensor([1, .nan, 3] as [Float])
    #expect(bools(apply(.compare(.eq), a, b)) == [true, false, false])
    #expect(bools(apply(.compare(.ne), a, b)) == [false, true, true])
    #expect(bools(apply(.compare(.lt), a, Tensor(Float(2)))) == [true, false, false])
    #expect(bools(apply(.compare(.ge), raw([UInt32.max], .uint32), raw([UInt32(1)], .uint32))) == [true])
  }

  @Test func selectNAndClamp() {
    let c0 = Tensor([0, 0, 0] as [Float]), c1 = Tensor([1, 1, 1] as [Float]), c2 = Tensor([2, 2, 2] as [Float])
    #expect(apply(.selectN, Tensor([true, false, true]), c0, c1).toArray(Float.self) == [1, 0, 1])
    #expect(apply(.selectN, raw([Int32(0), 5, -1], .int32), c0, c1, c2).toArray(Float.self) == [0, 2, 0])
    #expect(apply(.selectN, Tensor(true), c0, c1).toArray(Float.self) == [1, 1, 1])
    let x = Tensor([.nan, -1, 0.5, 3] as [Float])
    let r = doubles(apply(.clamp, Tensor(Float(0)), x, Tensor(Float(1))))
    #expect(sameFloats(r, [.nan, 0, 0.5, 1]))
    #expect(ints(apply(.clamp, raw([Int32(0), 5], .int32), raw([Int32(-3), 3], .int32), scalar(Int32(4), .int32))) == [0, 4])
  }

  @Test func conversionsSaturateAndWrap() {
    let f = Tensor([1e10, -1e10, 1.5, .nan, -3.7, 300] as [Float])
    #expect(ints(apply(.convertElementType(.int32, weakType: false), f)) == [2_147_483_647, -2_147_483_648, 1, 0, -3, 300])
    #expect(ints(apply(.convertElementType(.uint8, weakType: false), f)) == [255, 0, 1, 0, 0, 255])
    #expect(ints(apply(.convertElementType(.int8, weakType: false), f)) == [127, -128, 1, 0, -3, 127])
    let big = raw([1e30, -1e30, .nan], .float64)
    #expect(ints(apply(.convertElementType(.int64, weakType: false), big)) == [Int64.max, Int64.min, 0])
    #expect(bools(apply(.convertElementType(.bool, weakType: false), Tensor([0.5, 0, .nan, -0.0] as [Float]))) == [true, false, true, false])
    #expect(ints(apply(.convertElementType(.uint8, weakType: false), raw([Int32(-1), 300], .int32))) == [255, 44])
    #expect(apply(.convertElementType(.float16, weakType: false), Tensor([70000, 1e-8] as [Float])).toArray(Float16.self) == [.infinity, 0])
    let w = apply(.convertElementType(.float32, weakType: true), Tensor([true, false]))
    #expect(w.weakType && w.toArray(Float.self) == [1, 0])
  }

  @Test func bitcastChangesWidth() {
    let bytes = apply(.bitcastConvertType(.uint8), Tensor([1] as [Float]))
    #expect(bytes.shape == [1, 4] && ints(bytes) == [0, 0, 128, 63])
    let back = apply(.bitcastConvertType(.float32), bytes)
    #expect(back.shape == [1] && back.toArray(Float.self) == [1])
    #expect(ints(apply(.bitcastConvertType(.int32), Tensor([-0.0] as [Float]))) == [Int64(Int32.min)])
  }
}
