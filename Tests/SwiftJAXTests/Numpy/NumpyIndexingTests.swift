import Testing
@testable import SwiftJAX

/// Builds the Swift index items of a fixture index description.
func fixtureIndex(_ items: [[String: Any]], _ inputs: [Tensor]) -> [any TensorIndexExpression] {
  items.map { it -> any TensorIndexExpression in
    if let i = it["int"] as? Int { return i }
    if let s = it["slice"] as? [Any] { return TensorIndex.slice(s[0] as? Int, s[1] as? Int, s[2] as? Int) }
    if it["ellipsis"] != nil { return TensorIndex.ellipsis }
    if it["newaxis"] != nil { return TensorIndex.newAxis }
    return inputs[it["input"] as! Int]
  }
}

/// Applies `x[items]` through the variadic subscript.
func subscriptItems(_ x: Tensor, _ items: [any TensorIndexExpression]) -> Tensor {
  Numpy.getItem(x, items.map(\.tensorIndex.kind), file: #fileID, line: #line)
}

func runIndexing(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let items = fixtureIndex(c.params["index"] as! [[String: Any]], x)
  switch c.op {
  case "getitem": return [subscriptItems(x[0], items)]
  case "at":
    let ref = IndexUpdateRef(tensor: x[0], items: items.map(\.tensorIndex.kind))
    let v = x[1]
    switch c.params["method"] as! String {
    case "set": return [ref.set(v)]
    case "add": return [ref.add(v)]
    case "subtract": return [ref.subtract(v)]
    case "multiply": return [ref.multiply(v)]
    case "divide": return [ref.divide(v)]
    case "power": return [ref.power(v)]
    case "min": return [ref.min(v)]
    case "max": return [ref.max(v)]
    default: return nil
    }
  default: return nil
  }
}

extension NumpySuite {
@Suite struct NumpyIndexingTests {
  @Test func intAndFloat32MatchJAX() { checkFixtures("indexing", runIndexing) }
  @Test func float64MatchesJAX() { checkFixtures("indexing_x64", x64: true, runIndexing) }

  /// Seed 003: `x.at[1:].set(0)` and `x.at[1:].add(1)`, original unchanged.
  @Test func seedAtUpdates() {
    let x = jnp.array([1, 2, 3])
    let y = x.at[1...].set(0)
    let z = x.at[1...].add(1)
    #expect(y.toArray(Int32.self) == [1, 0, 0] && y.dtype == .int32)
    #expect(z.toArray(Int32.self) == [1, 3, 4] && z.dtype == .int32)
    #expect(x.toArray(Int32.self) == [1, 2, 3])
  }

  @Test func swiftSubscriptSyntax() {
    let x = jnp.arange(24).reshape(2, 3, 4)
    #expect(x[1].shape == [3, 4])
    #expect(x[1...].shape == [1, 3, 4])
    #expect(x[..<1, 2..<3].shape == [1, 1, 4])
    #expect(x[0, ..., 2].toArray(Int32.self) == [2, 6, 10])
    #expect(x[..., -1].shape == [2, 3])
    #expect(x[.newAxis].shape == [1, 2, 3, 4])
    #expect(x[0, 0, .stride(by: -1)].toArray(Int32.self) == [3, 2, 1, 0])
    #expect(x[0, 0, stride(from: 0, to: 4, by: 2)].toArray(Int32.self) == [0, 2])
    #expect(x[1, 2, (-2)...].toArray(Int32.self) == [22, 23])
    #expect(x[0, 1, 1...2].toArray(Int32.self) == [5, 6])
    #expect(x.at[..., 0].get().shape == [2, 3])
    #expect(x[jnp.array([1, 0])].shape == [2, 3, 4])
  }

  @Test func staticIntIndexTracesToSliceAndSqueeze() throws {
    let j = makeJaxpr({ x in [x[0][1]] }, [ShapedArray(shape: [3, 4], dtype: .float32)])
    try j.jaxpr.typecheck()
    #expect(j.jaxpr.equations.map(\.primitive.name) == ["slice", "squeeze"])
  }

  @Test func tracedIntIndexUsesDynamicSlice() throws {
    let j = makeJaxpr({ x in [x[0][x[1]]] }, [ShapedArray(shape: [3, 4], dtype: .float32), ShapedArray(shape: [], dtype: .int32)])
    try j.jaxpr.typecheck()
    #expect(j.jaxpr.equations.contains { $0.primitive.name == "dynamic_slice" })
    #expect(j.outAvals == [ShapedArray(shape: [4], dtype: .float32)])
  }

  @Test func arrayIndexUsesGather() throws {
    let j = makeJaxpr({ x in [x[0][x[1]]] }, [ShapedArray(shape: [3, 4], dtype: .float32), ShapedArray(shape: [2], dtype: .int32)])
    try j.jaxpr.typecheck()
    #expect(j.jaxpr.equations.contains { $0.primitive.name == "gather" })
    #expect(j.outAvals == [ShapedArray(shape: [2, 4], dtype: .float32)])
  }

  @Test func atUpdateTracesToScatter() throws {
    let j = makeJaxpr({ x in [x[0].at[1...].add(1.0)] }, [ShapedArray(shape: [3], dtype: .float32)])
    try j.jaxpr.typecheck()
    #expect(j.jaxpr.equations.contains { $0.primitive.name == "scatter-add" })
  }

  /// As JAX: an out-of-range static index clamps (the values are checked
  /// against the JAX fixtures in EdgeSemanticsTests); too many indices and
  /// indexing an empty axis stay errors.
  @Test func outOfRangeStaticIndexClampsOrDrops() {
    #expect(jnp.arange(3)[5].item(Int32.self) == 2)
    #expect(jnp.arange(3).at[-4].set(Tensor(9)).toArray(Int32.self) == [0, 1, 2])
    #expect(throws: JAXError.self) { try JAXError.capture { _ = jnp.arange(3)[0, 0] } }
    do {
      try JAXError.capture { _ = jnp.zeros([0])[0] }
      Issue.record("expected an error")
    } catch let e as JAXError {
      #expect(e.kind == .index && e.message.contains("index 0 is out of bounds for axis 0 with size 0"), "\(e)")
    } catch { Issue.record("\(error)") }
  }

  @Test func booleanMaskUnderTracingPointsToWhere() {
    do {
      try JAXError.capture {
        _ = makeJaxpr({ x in [x[0][x[0] > 0]] }, [ShapedArray(shape: [3], dtype: .float32)])
      }
      Issue.record("expected an error")
    } catch let e as JAXError {
      #expect(e.kind == .concretization && e.message.contains("jnp.where"))
    } catch { Issue.record("\(error)") }
  }
}
}
