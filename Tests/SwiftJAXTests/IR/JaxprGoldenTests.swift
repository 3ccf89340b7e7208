import Foundation
import Testing
@testable import SwiftJAX

/// `makeJaxpr` texts of typical numpy-level functions, compared character
/// for character with `str(jax.make_jaxpr(f)(*args))` from JAX 0.10
/// (Tests/Fixtures/jaxprs.json, written by scripts/fixtures/gen_jaxprs.py).
/// Where JAX wraps a jnp function in an inner `jit` (jnp.where, clip,
/// take, sort, cumsum, ...), the fixture holds JAX's text with those inner
/// calls inlined, since SwiftJAX binds their primitives directly.
enum JaxprGolden {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let inAvals: [ShapedArray]
    let jaxpr: String
    let note: String?
    var testDescription: String { name }
  }

  static let cases: [String: Case] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/jaxprs.json")
    let root = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    var out: [String: Case] = [:]
    for c in root["cases"] as! [[String: Any]] {
      let inputs = (c["inputs"] as! [[String: Any]]).map {
        ShapedArray(shape: $0["shape"] as! [Int], dtype: DType(name: $0["dtype"] as! String)!)
      }
      let name = c["name"] as! String
      out[name] = Case(name: name, inAvals: inputs, jaxpr: c["jaxpr"] as! String, note: c["note"] as? String)
    }
    return out
  }()

  /// The Swift twin of each Python function in gen_jaxprs.py.
  static let functions: [String: ([Tensor]) -> [Tensor]] = [
    "elementwise_chain": { a in
      let x = a[0]
      return [jnp.sin(x) * 2.0 + 1.0 - x / 3.0]
    },
    "int_float_mix": { a in
      let (i, x) = (a[0], a[1])
      return [i * 2 + 1.5, i + x]
    },
    "broadcasting": { a in [a[0] + a[1] * a[2]] },
    "exp_log_tanh_logistic": { a in
      let x = a[0]
      return [jnp.log(1.0 + jnp.exp(-x)) + jnp.tanh(x) * Lax.logistic(x)]
    },
    "integer_pow": { a in [a[0] ** 2 + 3.0 * a[0] ** 3] },
    "reductions": { a in
      let x = a[0]
      return [jnp.sum(x, axis: 0), jnp.max(x, axis: 1, keepDims: true), jnp.mean(x)]
    },
    "mean_keepdims_int": { a in [jnp.mean(a[0], axis: 1, keepDims: true)] },
    "cumsum_argmax_sort": { a in
      let x = a[0]
      return [jnp.cumsum(x, axis: 0), jnp.argmax(x, axis: 1), jnp.sort(x, axis: 1)]
    },
    "dot_matmul_outer": { a in
      let (m, n, v) = (a[0], a[1], a[2])
      return [jnp.dot(m, n), m <*> v, jnp.outer(v, v)]
    },
    "einsum": { a in [jnp.einsum("ij,jk->ki", a[0], a[1])] },
    "mlp": { a in
      let (x, w1, b1, w2, b2) = (a[0], a[1], a[2], a[3], a[4])
      let h = jnp.tanh(x <*> w1 + b1)
      return [jnp.mean((h <*> w2 + b2) ** 2)]
    },
    "reshape_transpose_concat": { a in
      let (x, y) = (a[0], a[1])
      let c = jnp.concatenate([x.reshape(6, 2), y.reshape(6, 2)], axis: 1)
      return [c.T, jnp.transpose(x[TensorIndex.slice(nil, nil), TensorIndex.slice(nil, nil), TensorIndex.newAxis], axes: [2, 0, 1])]
    },
    "stack": { a in [jnp.stack([a[0], a[1]], axis: 1)] },
    "static_indexing": { a in
      let x = a[0]
      return [x[0], x[1..<3], x[TensorIndex.slice(nil, nil), TensorIndex.newAxis], x[-1, 2]]
    },
    "at_set_add": { a in [a[0].at[1].set(0.0).at[2..<4].add(1.0)] },
    "at_traced_index": { a in
      let (x, i) = (a[0], a[1])
      return [x.at[i].add(1.0), x.at[i].set(0.0), x[i]]
    },
    "where_clip_select": { a in
      let (x, p) = (a[0], a[1])
      return [jnp.where(x > 0, x, 0.0), jnp.clip(x, min: -1.0, max: 1.0), Lax.select(p, x, -x)]
    },
    "creation": { a in
      [a[0] + jnp.arange(3) + jnp.zeros([3]) + jnp.ones([3]) * jnp.full([3], 2.0)]
    },
    "dynamic_slice_update": { a in
      let (x, i) = (a[0], a[1])
      let s = Lax.dynamicSlice(x, startIndices: [i, Tensor(Int32(0))], sliceSizes: [2, 3])
      return [Lax.dynamicUpdateSlice(x, s * 2.0, startIndices: [Tensor(Int32(0)), Tensor(Int32(0))])]
    },
    "take_gather": { a in [jnp.take(a[0], a[1], axis: 0)] },
    "uniform_bits": { a in
      let f = Lax.bitcastConvertType((a[0] >> 9) | Tensor(UInt32(0x3F80_0000)), .float32)
      return [f - 1.0]
    },
    "scan_cumsum": { a in
      let (c, ys) = Lax.scan({ c, x in (c + x, c * x) }, initial: Tensor(Float(0)), xs: a[0])
      return [c, ys]
    },
    "fori_loop": { a in
      [Lax.forLoop(0, 4, body: { _, c in c * 2.0 + 1.0 }, initial: a[0])]
    },
    "while_loop": { a in
      let n = a[0]
      let (i, x) = Lax.whileLoop(cond: { i, _ in i < n }, body: { i, x in (i + 1, jnp.sin(x)) }, initial: (Tensor(weak: 0), a[1]))
      return [i, x]
    },
    "cond": { a in
      [Lax.cond(jnp.sum(a[0]) > 0, { v in v * 2.0 }, { v in jnp.exp(v) }, a[0])]
    },
  ]

  static var names: [String] { cases.keys.sorted() }

  /// Cases whose SwiftJAX lowering differs from JAX's for reasons outside
  /// the printer and the jnp layer; each is still staged, typechecked and
  /// compared, as a known issue (a fix makes the test report it).
  static let knownDifferences: [String: String] = [
    "stack": "JAX 0.10 has a `stack` primitive; SwiftJAX stages broadcast_in_dim + concatenate (needs a Primitive case)",
    "at_set_add": "static .at[] indices: JAX scatters at a broadcast_in_dim'd constant index with indices_are_sorted=True unique_indices=True; SwiftJAX computes indices by slicing an iota, and its scatter primitive has no sorted/unique flags",
    "at_traced_index": "traced .at[] indices: SwiftJAX gathers the indices from an iota (fill for out-of-range) before the scatter; x[i] uses gather mode CLIP where JAX uses PROMISE_IN_BOUNDS",
  ]
}

@Suite struct JaxprGoldenTests {
  @Test func everyFixtureHasATwin() {
    #expect(JaxprGolden.cases.count >= 15)
    for name in JaxprGolden.names { #expect(JaxprGolden.functions[name] != nil, "no Swift twin for \(name)") }
  }

  @Test(arguments: JaxprGolden.names)
  func matchesJAX(_ name: String) throws {
    let c = try #require(JaxprGolden.cases[name])
    let f = try #require(JaxprGolden.functions[name])
    let j = makeJaxpr(f, c.inAvals)
    try j.jaxpr.typecheck()
    let message: Comment = "\(name)\n--- SwiftJAX\n\(j.description)\n--- JAX\n\(c.jaxpr)"
    if let reason = JaxprGolden.knownDifferences[name] {
      withKnownIssue(Comment(rawValue: reason)) { #expect(j.description == c.jaxpr, message) }
    } else {
      #expect(j.description == c.jaxpr, message)
    }
  }

  @Test func atLeastTwelveMatchExactly() {
    #expect(JaxprGolden.cases.count - JaxprGolden.knownDifferences.count >= 12)
  }
}
