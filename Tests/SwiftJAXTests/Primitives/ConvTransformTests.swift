import Foundation
import Testing
@testable import SwiftJAX

/// conv_general_dilated and reduce_window under transformations: JVPs and
/// gradients against finite differences (float64), second derivatives of
/// max-pooling, vmap against a loop, and the shape/dtype errors.
@Suite struct ConvTransformTests {
  let nhwc = ("NHWC", "HWIO", "NHWC")

  func random(_ shape: [Int], seed: UInt64) -> Tensor {
    var rng = SplitMix64(seed: seed)
    return randomTensor(shape, rng: &rng)
  }

  /// JVP of `f` at `xs` along random tangents vs central differences.
  func checkJVP(_ f: @escaping ([Tensor]) -> Tensor, _ xs: [Tensor], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let ts = xs.enumerated().map { random($1.shape, seed: 100 + UInt64($0)) }
    let (_, tOut) = jvp({ (a: [Tensor]) in f(a) }, primals: xs, tangents: ts)
    let fd = finiteDifference({ [f($0)] }, xs, ts)[0]
    expectClose(values(tOut), fd, rtol: 1e-6, atol: 1e-7, what, sourceLocation: sourceLocation)
  }

  /// Gradient of Σ f·w vs finite differences along one random direction.
  func checkGrad(_ f: @escaping ([Tensor]) -> Tensor, _ xs: [Tensor], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let w = random(f(xs).shape, seed: 7)
    let loss = { (a: [Tensor]) in Numpy.sum(Lax.mul(f(a), w)) }
    let g = grad(loss)(xs)
    let ts = xs.enumerated().map { random($1.shape, seed: 200 + UInt64($0)) }
    let fd = finiteDifference({ [loss($0)] }, xs, ts)[0][0]
    let analytic = zip(g, ts).reduce(0) { $0 + vdot($1.0, $1.1) }
    #expect(abs(analytic - fd) <= 1e-6 * max(1, abs(fd)), "\(what): grad·t \(analytic) vs finite difference \(fd)", sourceLocation: sourceLocation)
  }

  @Test func convDerivativesMatchFiniteDifferences() {
    let x = random([2, 6, 5, 4], seed: 1), w = random([3, 2, 2, 6], seed: 2)
    let grouped = { (a: [Tensor]) in
      Lax.convGeneralDilated(
        a[0], a[1], windowStrides: [2, 1], padding: .explicit([WindowPadding(1, 0), WindowPadding(2, 1)]),
        lhsDilation: [1, 2], rhsDilation: [2, 1], dimensionNumbers: nhwc, featureGroupCount: 2)
    }
    checkJVP(grouped, [x, w], "grouped dilated conv JVP")
    checkGrad(grouped, [x, w], "grouped dilated conv grad")
    let xb = random([4, 3, 5, 5], seed: 3), wb = random([4, 3, 2, 3], seed: 4)
    let batchGrouped = { (a: [Tensor]) in
      Lax.convGeneralDilated(a[0], a[1], windowStrides: [1, 2], padding: .same, dimensionNumbers: ("NCHW", "OIHW", "NCHW"), batchGroupCount: 2)
    }
    checkGrad(batchGrouped, [xb, wb], "batch-grouped conv grad")
  }

  @Test func poolingDerivativesMatchFiniteDifferences() {
    let x = random([2, 7, 6, 3], seed: 5)
    for op in [ReduceWindowOp.max, .min, .sum, .prod] {
      let pool = { (a: [Tensor]) in
        Lax.reduceWindow(
          a[0], op, windowDimensions: [1, 3, 2, 1], windowStrides: [1, 2, 1, 1], padding: .same,
          baseDilation: [1, 1, 2, 1], windowDilation: [1, 2, 1, 1])
      }
      checkJVP(pool, [x], "\(op) pool JVP")
      checkGrad(pool, [x], "\(op) pool grad")
    }
  }

  @Test func secondDerivativeOfMaxPool() {
    // d/dx of the gradient of Σ maxpool(x)²: the Hessian is 2 at each
    // window's maximum (once per window using it) and 0 elsewhere.
    let x = random([1, 4, 4, 2], seed: 9)
    let loss = { (a: Tensor) in
      Numpy.sum(Numpy.square(Lax.reduceWindow(a, .max, windowDimensions: [1, 2, 2, 1], windowStrides: [1, 2, 2, 1], padding: .valid)))
    }
    let t = random(x.shape, seed: 10)
    let (_, hvp) = jvp({ (a: Tensor) in grad(loss)(a) }, primals: x, tangents: t)
    let fd = finiteDifference({ [grad(loss)($0[0])] }, [x], [t])[0]
    expectClose(values(hvp), fd, rtol: 1e-6, atol: 1e-6, "Hessian-vector product of max-pooling")
  }

  func pick(_ a: Tensor, _ i: Int, _ axis: Int) -> Tensor {
    Lax.squeeze(Lax.sliceInDim(a, start: i, limit: i + 1, axis: axis), dimensions: [axis])
  }

  /// f applied to slices of the batch one by one, stacked.
  func loop(_ f: (Tensor, Tensor) -> Tensor, _ a: Tensor, _ b: Tensor, inA: Int?, inB: Int?, size: Int) -> Tensor {
    Numpy.stack((0..<size).map { i in
      f(inA.map { pick(a, i, $0) } ?? a, inB.map { pick(b, i, $0) } ?? b)
    })
  }

  @Test func vmapEqualsLoop() {
    let x = random([3, 2, 5, 5, 4], seed: 11)
    let xs = random([2, 5, 3, 5, 4], seed: 13)  // batch axis 1
    for (fgc, bgc) in [(1, 1), (2, 1), (1, 2)] {
      let w = random([3, 3, 3, 4 / fgc, 4], seed: 12)
      let f = { (a: Tensor, b: Tensor) in
        Lax.convGeneralDilated(a, b, windowStrides: [1, 2], padding: .same, dimensionNumbers: self.nhwc, featureGroupCount: fgc, batchGroupCount: bgc)
      }
      let w0 = pick(w, 0, 0), x0 = pick(x, 0, 0)
      expectClose(vmap(f, inAxes: [0, 0])(x, w), loop(f, x, w, inA: 0, inB: 0, size: 3), rtol: 1e-12, atol: 1e-12, "both mapped \(fgc) \(bgc)")
      expectClose(vmap(f, inAxes: [1, nil])(xs, w0), loop(f, xs, w0, inA: 1, inB: nil, size: 5), rtol: 1e-12, atol: 1e-12, "lhs mapped \(fgc) \(bgc)")
      expectClose(vmap(f, inAxes: [nil, 0])(x0, w), loop(f, x0, w, inA: nil, inB: 0, size: 3), rtol: 1e-12, atol: 1e-12, "rhs mapped \(fgc) \(bgc)")
    }
    let pool = { (a: Tensor, _: Tensor) in
      Lax.reduceWindow(a, .max, windowDimensions: [2, 3, 1, 1], windowStrides: [1, 2, 1, 1], padding: .same)
    }
    expectClose(vmap(pool, inAxes: [1, nil])(xs, x), loop(pool, xs, x, inA: 1, inB: nil, size: 5), rtol: 0, atol: 0, "reduce_window")
  }

  @Test func convenienceWrappersAreConvGeneralDilated() {
    let x = random([2, 3, 6, 5], seed: 21), w = random([4, 3, 3, 2], seed: 22)
    let general = Lax.convGeneralDilated(x, w, windowStrides: [1, 2], padding: .same)
    #expect(values(Lax.conv(x, w, windowStrides: [1, 2], padding: .same)) == values(general))
    let pads = [WindowPadding(1, 0), WindowPadding(0, 2)]
    let explicit = Lax.convGeneralDilated(x, w, windowStrides: [1, 1], padding: .explicit(pads), lhsDilation: [2, 1], rhsDilation: [1, 2])
    let wrapped = Lax.convWithGeneralPadding(x, w, windowStrides: [1, 1], padding: pads, lhsDilation: [2, 1], rhsDilation: [1, 2])
    #expect(values(wrapped) == values(explicit))
    #expect(explicit.shape == [2, 4, 10, 5])  // H: (6-1)*2+1 + 1 - 3 + 1; W: 5 + 2 - 3 + 1
    // The jaxpr names the primitive and its parameters as JAX prints them.
    let text = makeJaxpr({ a in [Lax.reduceWindow(a[0], .max, windowDimensions: [1, 1, 2, 2], windowStrides: [1, 1, 2, 2], padding: .valid)] }, [x.aval]).description
    for part in ["reduce_window_max[", "padding=((0, 0), (0, 0), (0, 0), (0, 0))", "window_dimensions=(1, 1, 2, 2)", "b:f64[2,3,3,2]"] {
      #expect(text.contains(part), "\(text)")
    }
  }

  func expectError(_ kind: JAXError.Kind, _ op: String, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () -> Void) {
    do {
      try JAXError.capture { body() }
      Issue.record("expected an error from \(op)", sourceLocation: sourceLocation)
    } catch let e as JAXError {
      #expect(e.kind == kind && e.operation == op, "\(e)", sourceLocation: sourceLocation)
      for m in mentions { #expect(e.message.contains(m), "should mention \(m): \(e.message)", sourceLocation: sourceLocation) }
      #expect(e.site?.file.description.hasSuffix("ConvTransformTests.swift") == true, "site: \(String(describing: e.site))", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func errorsNameTheOpShapesAndCaller() {
    let x = Numpy.zeros([1, 5, 5, 3]), w = Numpy.zeros([3, 3, 4, 8])
    expectError(.shape, "conv_general_dilated", mentions: ["(1, 5, 5, 3)", "(3, 3, 4, 8)", "feature"]) {
      _ = Lax.convGeneralDilated(x, w, windowStrides: [1, 1], padding: .same, dimensionNumbers: nhwc)
    }
    expectError(.value, "conv_general_dilated", mentions: ["NHWQ"]) {
      _ = Lax.convGeneralDilated(x, w, windowStrides: [1, 1], padding: .same, dimensionNumbers: ("NHWQ", "HWIO", "NHWC"))
    }
    expectError(.value, "conv_general_dilated", mentions: ["window_strides", "2 entries"]) {
      _ = Lax.convGeneralDilated(x, Numpy.zeros([3, 3, 3, 8]), windowStrides: [1], padding: .explicit([WindowPadding(0, 0), WindowPadding(0, 0)]), dimensionNumbers: nhwc)
    }
    expectError(.dtype, "conv_general_dilated", mentions: ["int32", "float32", "same dtype"]) {
      _ = Lax.convGeneralDilated(Numpy.zeros([1, 3, 3, 1], dtype: .int32), Numpy.zeros([1, 1, 1, 1]), windowStrides: [1, 1], padding: .valid, dimensionNumbers: nhwc)
    }
    // preferred_element_type follows JAX's _validate_preferred_element_type.
    let xi = Numpy.zeros([1, 3, 3, 1], dtype: .int32), wi = Numpy.zeros([1, 1, 1, 1], dtype: .int32)
    let xf = Numpy.zeros([1, 3, 3, 1]), wf = Numpy.zeros([1, 1, 1, 1])
    expectError(.dtype, "conv_general_dilated", mentions: ["int32", "float32", "incompatible"]) {
      _ = Lax.convGeneralDilated(xf, wf, windowStrides: [1, 1], padding: .valid, dimensionNumbers: nhwc, preferredElementType: .int32)
    }
    expectError(.dtype, "conv_general_dilated", mentions: ["float16", "narrower", "float32"]) {
      _ = Lax.convGeneralDilated(xf, wf, windowStrides: [1, 1], padding: .valid, dimensionNumbers: nhwc, preferredElementType: .float16)
    }
    expectError(.dtype, "conv_general_dilated", mentions: ["uint32", "signedness"]) {
      _ = Lax.convGeneralDilated(xi, wi, windowStrides: [1, 1], padding: .valid, dimensionNumbers: nhwc, preferredElementType: .uint32)
    }
    expectError(.dtype, "conv_general_dilated", mentions: ["int8", "narrower"]) {
      _ = Lax.convGeneralDilated(xi, wi, windowStrides: [1, 1], padding: .valid, dimensionNumbers: nhwc, preferredElementType: .int8)
    }
    expectError(.shape, "reduce_window_max", mentions: ["window_dimensions", "(1, 5, 5, 3)"]) {
      _ = Lax.reduceWindow(x, .max, windowDimensions: [2, 2], windowStrides: [2, 2], padding: .valid)
    }
  }
}
