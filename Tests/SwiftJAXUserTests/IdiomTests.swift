// What a JAX user writes without thinking, written as a Swift user would
// (no @testable), with JAX 0.10.2's answers.
import SwiftJAX
import Testing

@Suite struct IdiomTests {
  /// `print(x)` is Python's `print(x)`; `debugPrint`/containers are repr.
  @Test func printingIsStrAndReprIsDebug() {
    let x = jnp.array([1, 0, 0])
    #expect("\(x)" == "[1 0 0]")
    #expect(String(reflecting: x) == "Array([1, 0, 0], dtype=int32)")
    #expect("\([x])" == "[Array([1, 0, 0], dtype=int32)]")
    #expect(String(describing: (jnp.array(2.0), 1)) == "(Array(2., dtype=float32, weak_type=True), 1)")
  }

  @Test func scalarArraysAreWeakLikePythonScalars() {
    #expect(String(reflecting: jnp.array(2.0)) == "Array(2., dtype=float32, weak_type=True)")
    #expect(String(reflecting: jnp.array(2)) == "Array(2, dtype=int32, weak_type=True)")
    #expect(String(reflecting: jnp.array(true)) == "Array(True, dtype=bool)")
    #expect(String(reflecting: jnp.array(Float(2))) == "Array(2., dtype=float32)")
  }

  @Test func libraryFunctionsAsValues() {
    let g = grad(jnp.tanh)(jnp.array(0.0))
    #expect(g.item(Float.self) == 1)
    let rows = jnp.array([[1.0, 2.0], [3.0, 4.0]])
    let dots = vmap(jnp.dot, inAxes: [0, nil])(rows, jnp.array([1.0, 1.0]))
    #expect(dots.toArray(Float.self) == [3, 7])
    #expect(treeMap(jnp.add, ["a": jnp.array(1.0)], ["a": jnp.array(2.0)])["a"]!.item(Float.self) == 3)
  }

  @Test func slicesAndIteration() {
    let m = jnp.arange(12).reshape([3, 4])
    #expect("\(m[.all, 2])" == "[ 2  6 10]")
    #expect("\(m[.step(2)])" == "[[ 0  1  2  3]\n [ 8  9 10 11]]")
    #expect(m[.slice(2, 1)].shape == [0, 4])
    var rows: [String] = []
    for row in m { rows.append("\(row)") }
    #expect(rows == ["[0 1 2 3]", "[4 5 6 7]", "[ 8  9 10 11]"])
    #expect(jnp.linalg.norm(jnp.array([3.0, 4.0])).item(Float.self) == 5)
  }

  @Test func atGetModesAndUniqueMultiplyGradient() {
    let x = jnp.array([1.0, 2.0, 3.0])
    let idx = jnp.array([0, 5])
    #expect("\(x.at[idx].get(mode: .fillOrDrop, fillValue: -1))" == "[ 1. -1.]")
    #expect("\(x.at[idx].get(mode: .fillOrDrop))" == "[ 1. nan]")
    #expect("\(x.at[idx].get())" == "[1. 3.]")
    let u = jnp.array([0, 2])
    let gx = grad { (x: Tensor) in jnp.sum(x.at[u].multiply(3, uniqueIndices: true)) }(x)
    #expect("\(gx)" == "[3. 1. 3.]")
    let gv = grad { (v: Tensor) in jnp.sum(x.at[u].multiply(v, uniqueIndices: true)) }(jnp.array(2.0))
    #expect(gv.item(Float.self) == 4)
    #expect(x.at[u].multiply(3, uniqueIndices: true).toArray(Float.self) == x.at[u].multiply(3).toArray(Float.self))
  }

  @Test func tuplesAsCarriesAndResults() {
    let (i, total) = Lax.forLoop(0, 5, body: { k, c in (c.0 + 1, c.1 + k) }, initial: (jnp.array(0), jnp.array(0)))
    #expect(i.item(Int32.self) == 5 && total.item(Int32.self) == 10)
    let pair = jit { (x: Tensor) in (x * 2, jnp.sum(x)) }
    let (doubled, s) = pair(jnp.array([1.0, 2.0]))
    #expect(doubled.toArray(Float.self) == [2, 4] && s.item(Float.self) == 3)
    let (a, b, c) = Lax.scan({ (carry: (Tensor, Tensor, Tensor), x: Tensor) in
      ((carry.0 + x, carry.1 * 2, carry.2 - x), x)
    }, initial: (jnp.array(0.0), jnp.array(1.0), jnp.array(0.0)), xs: jnp.array([1.0, 2.0])).0
    #expect(a.item(Float.self) == 3 && b.item(Float.self) == 4 && c.item(Float.self) == -3)
    let mixed: [String: [Tensor]] = ["w": [jnp.array(1.0), jnp.array(2.0)]]
    let g = grad { (p: [String: [Tensor]]) in p["w"]![0] * p["w"]![1] }(mixed)
    #expect(g["w"]![0].item(Float.self) == 2)
    let listOfDicts: [[String: Tensor]] = [["a": jnp.array(3.0)]]
    #expect(grad { (p: [[String: Tensor]]) in p[0]["a"]! * p[0]["a"]! }(listOfDicts)[0]["a"]!.item(Float.self) == 6)
    let r = Lax.cond(jnp.array(true), { (p: (Tensor, Tensor)) in (p.0 + 1, p.1) }, { p in (p.0, p.1 + 1) }, (jnp.array(1.0), jnp.array(1.0)))
    #expect(r.0.item(Float.self) == 2 && r.1.item(Float.self) == 1)
  }
}

/// Importing SwiftJAX must not change what plain Swift integer code means.
@Suite struct PlainSwiftTests {
  @Test func integerShiftsStayIntegers() {
    let table = ["K": 1 << 10, "M": 1 << 20]
    #expect(table["M"] == 1_048_576)
    let x = jnp.array([1, 2]) << jnp.array([1, 1])
    #expect(x.toArray(Int32.self) == [2, 4])
  }
}
