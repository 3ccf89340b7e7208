import Testing
@testable import SwiftJAX

@PyTree struct Dense {
  var weights: Tensor
  var bias: Tensor?
  var units: Int
  var name: String = "dense"
  // Not part of the tree: computed, static, and constant properties.
  var fanIn: Int { weights.shape.first ?? 0 }
  static var count = 0
  let kind = "layer"
}

@PyTree struct MLP {
  var layers: [Dense]
  var scale: Tensor
  var extras: [String: Tensor] = [:]
}

@PyTree public struct Pair<T: PyTree> {
  public var first: T
  public var second: T
  public init(first: T, second: T) {
    self.first = first
    self.second = second
  }
}

@Suite struct PyTreeTests {
  let w = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
  let b = Tensor([0.5, 0.5, 0.5] as [Float])
  let s = Tensor(2 as Float)

  var mlp: MLP {
    MLP(layers: [Dense(weights: w, bias: b, units: 3), Dense(weights: w, bias: nil, units: 2, name: "out")], scale: s, extras: ["t": b])
  }

  func values(_ t: Tensor) -> [Float] { t.toArray(Float.self) }

  @Test func macroStructureListsFieldsInOrderWithStaticMetadata() {
    let d = Dense(weights: w, bias: b, units: 3)
    #expect(treeStructure(d).description == "Dense{weights: *, bias: *, units: static(3), name: static(dense)}")
    #expect(treeLeaves(d).count == 2)
    #expect(treeStructure(Dense(weights: w, bias: nil, units: 3)).description
      == "Dense{weights: *, bias: None, units: static(3), name: static(dense)}")
  }

  @Test func nestedStructsArraysDictsAndOptionalsRoundTrip() {
    let (leaves, def) = treeFlatten(mlp)
    #expect(leaves.count == 5)  // w, b, w, scale, extras.t
    let back: MLP = treeUnflatten(def, leaves)
    #expect(back.layers.count == 2)
    #expect(back.layers[1].name == "out")
    #expect(back.layers[1].units == 2)
    #expect(back.layers[1].bias == nil)
    #expect(back.layers[0].kind == "layer")
    #expect(values(back.layers[0].bias!) == [0.5, 0.5, 0.5])
    #expect(values(back.extras["t"]!) == [0.5, 0.5, 0.5])
    #expect(treeStructure(back) == def)
  }

  @Test func genericStructWithPublicAccess() {
    let p = Pair(first: w, second: b)
    #expect(treeStructure(p).description == "Pair{first: *, second: *}")
    let swapped: Pair<Tensor> = treeUnflatten(treeStructure(p), treeLeaves(p).reversed())
    #expect(values(swapped.first) == [0.5, 0.5, 0.5])
  }

  @Test func leafPathsUseJAXKeyPathSpelling() {
    let paths = treeLeavesWithPaths(mlp).map(\.path)
    #expect(paths == [".layers[0].weights", ".layers[0].bias", ".layers[1].weights", ".scale", ".extras['t']"])
  }

  @Test func treeMapOverOneTwoAndThreeTrees() {
    let d = Dense(weights: w, bias: b, units: 3)
    let doubled = treeMap({ Tensor(value: $0.value) }, d)
    #expect(doubled.units == 3)
    // Leaf-wise selection across trees (no kernels needed): keep the
    // second tree's leaves, or the third's.
    let other = Dense(weights: b, bias: w, units: 3)
    let picked = treeMap({ _, y in y }, d, other)
    #expect(picked.weights.shape == [3])
    let third = treeMap({ _, _, z in z }, d, other, d)
    #expect(third.weights.shape == [2, 3])
  }

  func mismatch(_ body: () -> Void) -> JAXError? {
    do {
      try JAXError.capture { body() }
      return nil
    } catch let e as JAXError {
      return e
    } catch {
      return nil
    }
  }

  @Test func treeMapMismatchNamesFirstDifference() throws {
    let a = Dense(weights: w, bias: b, units: 3)
    let noBias = Dense(weights: w, bias: nil, units: 3)
    let e = try #require(mismatch { _ = treeMap({ x, _ in x }, a, noBias) })
    #expect(e.kind == .treeMismatch)
    #expect(e.message == "tree 1 has a different structure than tree 0: at root.bias: a leaf vs None")
    let units = try #require(mismatch { _ = treeMap({ x, _ in x }, a, Dense(weights: w, bias: b, units: 4)) })
    #expect(units.message.hasSuffix("at root.units: static(3) vs static(4)"))
    let dicts = try #require(mismatch { _ = treeMap({ x, _ in x }, ["a": w], ["a": w, "b": b]) })
    #expect(dicts.message.hasSuffix("at root: keys [\"a\"] vs [\"a\", \"b\"]"))
    let arrays = try #require(mismatch { _ = treeMap({ x, _ in x }, [[w], [w]], [[w], [w, b]]) })
    #expect(arrays.message.hasSuffix("at root[1]: Array of 1 children vs Array of 2 children"))
  }

  @Test func unflattenWithWrongLeafCountIsAnError() throws {
    let e = try #require(mismatch { let _: [Tensor] = treeUnflatten(treeStructure([w, b]), [w]) })
    #expect(e.kind == .treeMismatch)
    #expect(e.message == "tree structure Array[*, *] has 2 leaves but 1 were given")
  }

  /// Static metadata stays a Swift value under a transformation: usable in
  /// Swift control flow while the tensors are traced.
  @Test func staticMetadataIsVisibleInsideVmap() throws {
    let layer = Dense(weights: w, bias: b, units: 3, name: "scaled")
    let j = makeJaxpr({ xs in
      let l: Dense = treeUnflatten(treeStructure(layer), [xs[0], xs[1]])
      let f = vmap({ (d: Dense) -> Tensor in d.name == "scaled" ? d.weights * 2.0 : d.weights }, inAxes: [["weights": 0, "bias": nil]])
      return [f(l)]
    }, [w.aval, b.aval])
    try j.jaxpr.typecheck()
    #expect(j.description == "{ lambda ; a:f32[2,3] b:f32[3]. let c:f32[2,3] = mul a 2.0:f32[] in (c,) }")
  }
}
