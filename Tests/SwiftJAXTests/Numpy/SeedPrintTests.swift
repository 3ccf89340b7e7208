import Testing
@testable import SwiftJAX

// Character-exact comparisons with JAX's printed output for the seed
// snippets. Python's `print(x)` shows JAX's `str` (`Tensor.description`,
// Swift's `print`); a notebook cell shows its `repr` (`debugDescription`).

@Suite struct SeedPrintTests {
  /// Seed 003.
  @Test func atSetAndAdd() {
    let x = jnp.array([1, 2, 3])
    #expect(x.at[1...].set(0).str == "[1 0 0]")
    #expect(x.at[1...].add(1).str == "[1 3 4]")
  }

  /// Seed 004.
  @Test func dotAndOuter() {
    let x1 = jnp.array([0, 2, 4, 6]), x2 = jnp.array([1, 2, 3, 4])
    #expect(String(reflecting: jnp.dot(x1, x2)) == "Array(40, dtype=int32)")
    #expect(String(reflecting: jnp.outer(x1, x2)) == """
      Array([[ 0,  0,  0,  0],
             [ 2,  4,  6,  8],
             [ 4,  8, 12, 16],
             [ 6, 12, 18, 24]], dtype=int32)
      """)
  }

  /// Seed 002.
  @Test func repeatAndSums() {
    let array = jnp.array([jnp.repeat(1, 5), jnp.repeat(2, 5)])
    #expect(array.str == "[[1 1 1 1 1]\n [2 2 2 2 2]]")
    #expect(jnp.sum(array, axis: 0).str == "[3 3 3 3 3]")
    #expect(jnp.sum(array, axis: 1).str == "[ 5 10]")
  }
}
