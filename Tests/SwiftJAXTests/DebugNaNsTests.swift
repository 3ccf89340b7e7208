import Testing
@testable import SwiftJAX

// The NaN/Inf check mode (JAX's jax_debug_nans / jax_debug_infs): the
// first operation producing a NaN is reported with its primitive and the
// caller's line, eagerly and under jit (by re-running without jit). The
// thread-local `withDebugNaNs` keeps parallel tests independent.

/// Runs `body` with the checks on and returns the error it raised.
func debugNaNError(infs: Bool = false, _ body: () -> Void) -> JAXError? {
  do {
    try JAXError.capture { JAXConfig.withDebugNaNs(!infs, infs: infs) { body() } }
    return nil
  } catch let e as JAXError {
    return e
  } catch {
    return nil
  }
}

@Suite struct DebugNaNsTests {
  @Test func eagerReportsTheFirstOperationProducingNaN() {
    let x = jnp.array([0.0, 1.0] as [Float])
    let line: UInt = #line + 1
    let e = debugNaNError { _ = jnp.multiply(jnp.log(x), Tensor(weak: 0.0)) }
    #expect(e?.kind == .floatingPoint)
    // log(0) is -inf (allowed), -inf * 0 is the first NaN.
    #expect(e?.operation == "mul", "\(String(describing: e))")
    #expect(e?.message.contains("invalid value (nan) encountered in mul") == true)
    #expect(e?.site?.file.hasSuffix("DebugNaNsTests.swift") == true, "\(String(describing: e?.site))")
    #expect(e?.site?.line == line)
  }

  @Test func infinitiesAreReportedWhenAsked() {
    let x = jnp.array([0.0, 1.0] as [Float])
    let e = debugNaNError(infs: true) { _ = jnp.log(x) }
    #expect(e?.kind == .floatingPoint)
    #expect(e?.operation == "log", "\(String(describing: e))")
    #expect(e?.message.contains("invalid value (inf)") == true)
  }

  @Test func jitRerunsOpByOpToFindTheOperation() {
    let line: UInt = #line + 1
    let f = jit { (x: Tensor) in jnp.sqrt(x - Tensor(weak: 2.0)) * Tensor(weak: 3.0) }
    let ok = debugNaNError { _ = f(jnp.array([4.0, 9.0] as [Float])) }
    #expect(ok == nil, "clean inputs raise nothing: \(String(describing: ok))")
    let e = debugNaNError { _ = f(jnp.array([1.0, 4.0] as [Float])) }
    #expect(e?.kind == .floatingPoint)
    #expect(e?.operation == "sqrt", "\(String(describing: e))")
    #expect(e?.site?.line == line, "\(String(describing: e?.site))")
    #expect(e?.message.contains("re-run without jit") == true, "\(String(describing: e))")
  }

  @Test func gradientsAreChecked() {
    let g = grad { (x: Tensor) in jnp.sum(jnp.sqrt(x)) }
    let e = debugNaNError { _ = g(jnp.array([-1.0, 4.0] as [Float])) }
    #expect(e?.kind == .floatingPoint, "\(String(describing: e))")
    #expect(e?.operation == "sqrt", "\(String(describing: e))")
  }

  @Test func offByDefault() throws {
    #expect(JAXConfig.debugNaNs == false)
    let y = try JAXError.capture { jnp.log(jnp.array([-1.0] as [Float])) }
    #expect(y.toArray(Float.self)[0].isNaN)
  }

  @Test func scopeIsThreadLocalAndRestored() {
    JAXConfig.withDebugNaNs {
      #expect(JAXConfig.debugNaNs)
    }
    #expect(!JAXConfig.debugNaNs)
  }
}

/// Errors raised inside library helpers name the caller's line, not the
/// library's file.
@Suite struct CallerSiteForwardingTests {
  func site(_ body: () -> Void) -> CallSite? {
    do {
      try JAXError.capture(file: "capture", line: 0) { body() }
    } catch let e as JAXError {
      return e.site
    } catch {}
    return nil
  }

  @Test func compositeFunctionsReportTheCallersLine() {
    let x = jnp.ones([2, 3])
    var line: UInt = #line + 1
    var s = site { _ = jnp.remainder(x, jnp.ones([4])) }
    #expect(s?.file.hasSuffix("DebugNaNsTests.swift") == true && s?.line == line, "\(String(describing: s))")
    line = #line + 1
    s = site { _ = jnp.var(x, axis: 5) }
    #expect(s?.file.hasSuffix("DebugNaNsTests.swift") == true && s?.line == line, "\(String(describing: s))")
    line = #line + 1
    s = site { _ = x.at[0].set(jnp.ones([5])) }
    #expect(s?.file.hasSuffix("DebugNaNsTests.swift") == true && s?.line == line, "\(String(describing: s))")
    line = #line + 1
    s = site { _ = jnp.logsumexp(x, axis: 3) }
    #expect(s?.file.hasSuffix("DebugNaNsTests.swift") == true && s?.line == line, "\(String(describing: s))")
    line = #line + 1
    s = site { _ = jnp.floorDivide(x, jnp.ones([3, 2])) }
    #expect(s?.file.hasSuffix("DebugNaNsTests.swift") == true && s?.line == line, "\(String(describing: s))")
    line = #line + 1
    s = site { _ = nn.dotProductAttention(query: jnp.ones([1, 2, 1, 4]), key: jnp.ones([1, 3, 1, 4]), value: jnp.ones([1, 3, 1, 4]), bias: jnp.ones([5, 5])) }
    #expect(s?.file.hasSuffix("DebugNaNsTests.swift") == true && s?.line == line, "\(String(describing: s))")
  }
}
