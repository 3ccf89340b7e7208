import Testing
@testable import SwiftJAX

// Debug.print / Debug.callback (JAX's jax.debug.print / jax.debug.callback):
// values printed when the program runs, in order, from compiled code, per
// iteration in loops, per example under vmap, primal values under grad.
// The expected lines are what JAX 0.10.2 prints for the same programs.

/// The lines `body` prints through Debug.print.
func printedLines(_ body: () -> Void) -> [String] {
  var lines: [String] = []
  Debug.withPrintSink({ lines.append($0) }) { body() }
  return lines
}

@Suite struct DebugPrintTests {
  @Test func eagerPrintsAtOnce() {
    let lines = printedLines { Debug.print("x = {}, n = {}", jnp.array([1.0, 2.0] as [Float]), Tensor(Int32(3))) }
    #expect(lines == ["x = [1. 2.], n = 3"])
  }

  @Test func numberedFieldsAndLiteralText() {
    let lines = printedLines { Debug.print("{1} then {0}; no fields here", Tensor(Int32(1)), Tensor(Int32(2))) }
    #expect(lines == ["2 then 1; no fields here"])
  }

  @Test func jitPrintsAtEveryCallNotAtTrace() {
    let f = jit { (x: Tensor) -> Tensor in
      Debug.print("x = {}", x)
      return x * 2
    }
    let lines = printedLines {
      _ = f(Tensor(1.5 as Float))
      _ = f(Tensor(2.5 as Float))
    }
    #expect(lines == ["x = 1.5", "x = 2.5"])
  }

  @Test func printsInProgramOrderInCompiledCode() {
    let f = jit { (x: Tensor) -> Tensor in
      Debug.print("first {}", x)
      let y = jnp.sin(x) * x
      Debug.print("second {}", y > 0)
      return y
    }
    let lines = printedLines { _ = f(Tensor(1.0 as Float)) }
    #expect(lines == ["first 1.0", "second True"])
  }

  /// JAX prints one line per batch element under vmap.
  @Test func vmapPrintsPerExample() {
    let f = { (x: Tensor) -> Tensor in
      Debug.print("x = {}", x)
      return x * 2
    }
    let xs = jnp.arange(3.0, 6.0, 1.0)
    let eager = printedLines { _ = vmap(f)(xs) }
    #expect(eager == ["x = 3.0", "x = 4.0", "x = 5.0"])
    let compiled = printedLines { _ = jit(vmap(f))(xs) }
    #expect(compiled == eager)
  }

  /// Inside scan: once per iteration, with that iteration's carry; also
  /// from the compiled C loop.
  @Test func scanPrintsEveryIteration() {
    let run = { (c0: Tensor) -> Tensor in
      Lax.scan({ (c: Tensor, x: Tensor) -> (Tensor, Tensor) in
        Debug.print("c = {}", c)
        return (c * 2 + x, c)
      }, initial: c0, xs: jnp.arange(0.0, 3.0, 1.0)).0
    }
    let expected = ["c = 1.0", "c = 2.0", "c = 5.0"]
    #expect(printedLines { _ = run(Tensor(1.0 as Float)) } == expected)
    #expect(printedLines { _ = jit(run)(Tensor(1.0 as Float)) } == expected)
  }

  @Test func whileLoopPrintsEveryIteration() {
    let f = jit { (n: Tensor) -> Tensor in
      Lax.whileLoop(cond: { (i: Tensor) in i < n }, body: { (i: Tensor) in
        Debug.print("i = {}", i)
        return i + 1
      }, initial: Tensor(Int32(0)))
    }
    #expect(printedLines { _ = f(Tensor(Int32(3))) } == ["i = 0", "i = 1", "i = 2"])
  }

  /// Under grad the primal values are printed, once (as JAX does).
  @Test func gradPrintsPrimals() {
    let g = grad { (x: Tensor) -> Tensor in
      Debug.print("x = {}", x)
      return jnp.sum(x * x)
    }
    let lines = printedLines { _ = g(jnp.array([0.0, 1.0] as [Float])) }
    #expect(lines == ["x = [0. 1.]"])
    let compiled = printedLines { _ = jit(g)(jnp.array([0.0, 1.0] as [Float])) }
    #expect(compiled == lines)
  }

  @Test func jaxprShowsDebugPrintWithoutOutputs() {
    let j = makeJaxpr({ xs in
      Debug.print("x = {}", xs[0])
      return [xs[0] * 2.0]
    }, [ShapedArray(shape: [], dtype: .float32)])
    let text = "\(j)"
    #expect(text.contains("debug_print[fmt=x = {} ordered=True] a"), "\(text)")
    #expect(!text.contains("bool[] = debug_print"), "\(text)")
  }

  @Test func badFormatsAreErrors() {
    #expect(throws: JAXError.self) { try JAXError.capture { Debug.print("{} {}", Tensor(1.0 as Float)) } }
    #expect(throws: JAXError.self) { try JAXError.capture { Debug.print("{3}", Tensor(1.0 as Float)) } }
    #expect(throws: JAXError.self) { try JAXError.capture { Debug.print("{} {0}", Tensor(1.0 as Float)) } }
  }

  @Test func debugCallbackReceivesRuntimeValues() {
    final class Box: @unchecked Sendable { var seen: [Float] = [] }
    let box = Box()
    let f = jit { (x: Tensor) -> Tensor in
      Debug.callback([x]) { vs in box.seen.append(vs[0].item(Float.self)) }
      return x + 1
    }
    _ = f(Tensor(1.0 as Float))
    _ = f(Tensor(7.0 as Float))
    #expect(box.seen == [1, 7])
  }

  @Test func pureCallbackComputesOnTheHost() {
    final class Counter: @unchecked Sendable { var calls = 0 }
    let counter = Counter()
    let hostSqrt = { (x: Tensor) -> Tensor in
      pureCallback({ vs in
        counter.calls += 1
        return [Tensor(vs[0].toArray(Float.self).map { $0.squareRoot() }, shape: vs[0].shape)]
      }, resultShapes: [x.aval], [x])[0]
    }
    let x = jnp.array([4.0, 9.0] as [Float])
    #expect(hostSqrt(x).toArray(Float.self) == [2, 3])
    #expect(jit { (x: Tensor) in hostSqrt(x) + 1 }(x).toArray(Float.self) == [3, 4])
    // vmap: once per example, results stacked.
    counter.calls = 0
    let m = jnp.array([[1.0, 4.0], [16.0, 25.0]] as [[Float]])
    #expect(vmap(hostSqrt)(m).toArray(Float.self) == [1, 2, 4, 5])
    #expect(counter.calls == 2)
    // Unused results: the pure call is dropped from compiled code.
    counter.calls = 0
    _ = jit { (x: Tensor) -> Tensor in _ = hostSqrt(x); return x }(x)
    #expect(counter.calls == 0)
  }

  @Test func pureCallbackErrors() {
    let wrongShape = { (x: Tensor) -> Tensor in
      pureCallback({ _ in [jnp.zeros([3])] }, resultShapes: [x.aval], [x])[0]
    }
    #expect(throws: JAXError.self) { try JAXError.capture { _ = wrongShape(jnp.ones([2])) } }
    let g = grad { (x: Tensor) in jnp.sum(pureCallback({ vs in [vs[0]] }, resultShapes: [x.aval], [x])[0]) }
    do {
      try JAXError.capture { _ = g(jnp.ones([2])) }
      Issue.record("expected an error")
    } catch let e as JAXError {
      #expect(e.kind == .transformation && e.message.contains("customJVP"), "\(e)")
    } catch {
      Issue.record("\(error)")
    }
  }
}
