import Foundation
import Testing
@testable import SwiftJAX

/// The seed examples and a few pytree/indexing cases against JAX 0.10.2's
/// outputs (Tests/Fixtures/vmap.json, made by scripts/fixtures/gen_vmap.py).
@Suite struct VmapFixtureTests {
  struct Fixture {
    let inputs: [String: Tensor]
    let out: Tensor
  }

  static let fixtures: [String: Fixture] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/vmap.json")
    guard let data = try? Data(contentsOf: url),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let cases = root["cases"] as? [[String: Any]]
    else { return [:] }
    func tensor(_ d: Any) -> Tensor {
      let d = d as! [String: Any]
      let shape = d["shape"] as! [Int]
      let values = (d["values"] as! [NSNumber])
      switch d["dtype"] as! String {
      case "int32": return Tensor(values.map { Int32(truncating: $0) }, shape: shape)
      case "float32": return Tensor(values.map { Float(truncating: $0) }, shape: shape)
      case let t: fatalError("fixture dtype \(t) not handled")
      }
    }
    var out: [String: Fixture] = [:]
    for c in cases {
      let inputs = (c["inputs"] as! [String: Any]).mapValues(tensor)
      out[c["name"] as! String] = Fixture(inputs: inputs, out: tensor(c["out"]!))
    }
    return out
  }()

  func fixture(_ name: String) throws -> Fixture {
    try #require(Self.fixtures[name], "missing fixture \(name); run scripts/fixtures/gen_vmap.py")
  }

  func sumArray(_ x: Tensor) -> Tensor { Lax.reduceSum(x, axes: Array(0..<x.rank)) }

  func euclideanDistance(_ p1: Tensor, _ p2: Tensor) -> Tensor {
    Lax.sqrt(Lax.reduceSum((p1 - p2) ** 2, axes: [0]))
  }

  func addAndMultiplyScalar(_ x: Tensor, _ y: Tensor, _ scalar: Tensor) -> Tensor { (x + y) * scalar }

  @Test func squareOfEachRow() throws {
    let f = try fixture("square")
    func square(_ x: Tensor) -> Tensor { x * x }
    expectSameValues(vmap(square)(f.inputs["array"]!), f.out)
  }

  @Test func sumAlongEitherAxis() throws {
    let f0 = try fixture("sum_in_axes_0")
    expectSameValues(vmap(sumArray, inAxes: 0)(f0.inputs["x"]!), f0.out)
    let f1 = try fixture("sum_in_axes_1")
    expectSameValues(vmap(sumArray, inAxes: 1)(f1.inputs["x"]!), f1.out)
  }

  @Test func euclideanDistanceOfPointPairs() throws {
    let f = try fixture("euclidean_distance")
    let (points1, points2) = (f.inputs["points1"]!, f.inputs["points2"]!)
    expectSameValues(vmap(euclideanDistance, inAxes: [0, 0])(points1, points2), f.out)
  }

  @Test func sharedThirdArgument() throws {
    let f = try fixture("add_and_multiply_scalar")
    let (x, y, scalar) = (f.inputs["x"]!, f.inputs["y"]!, f.inputs["scalar"]!)
    expectSameValues(vmap(addAndMultiplyScalar, inAxes: [0, 0, nil])(x, y, scalar), f.out)
  }

  @Test func batchAxisMovedToOutAxis() throws {
    let f = try fixture("out_axes_1")
    func add(_ x: Tensor, _ y: Tensor) -> Tensor { x + y }
    expectSameValues(vmap(add, inAxes: [0, nil], outAxes: 1)(f.inputs["xs"]!, f.inputs["y"]!), f.out)
  }

  @Test func dictionaryArgumentWithPerKeyAxes() throws {
    let f = try fixture("dict_prefix")
    let params = ["w": f.inputs["w"]!, "b": f.inputs["b"]!]
    let affine = vmap({ (p: [String: Tensor], x: Tensor) in p["w"]! * x + p["b"]! }, inAxes: [["w": nil, "b": 0], 0])
    expectSameValues(affine(params, f.inputs["x"]!), f.out)
  }

  @Test func structArgumentWithPerFieldAxes() throws {
    let f = try fixture("dict_prefix")
    let layer = Affine(w: f.inputs["w"]!, b: f.inputs["b"]!)
    let apply = vmap({ (p: Affine, x: Tensor) in p.apply(x) }, inAxes: [["w": nil, "b": 0], 0])
    expectSameValues(apply(layer, f.inputs["x"]!), f.out)
    // Positional form: one entry per (non-static) field, in order.
    expectSameValues(vmap({ (p: Affine, x: Tensor) in p.apply(x) }, inAxes: [[nil, 0], 0])(layer, f.inputs["x"]!), f.out)
  }

  @Test func mappedStartIndices() throws {
    let s = try fixture("dynamic_slice_mapped_index")
    let window = vmap { (x: Tensor, i: Tensor) in Lax.dynamicSlice(x, startIndices: [i], sliceSizes: [2]) }
    expectSameValues(window(s.inputs["x"]!, s.inputs["i"]!), s.out)
    let u = try fixture("dynamic_update_slice_mapped_index")
    let write = vmap { (x: Tensor, v: Tensor, i: Tensor) in Lax.dynamicUpdateSlice(x, v, startIndices: [i]) }
    expectSameValues(write(u.inputs["x"]!, u.inputs["u"]!, u.inputs["i"]!), u.out)
  }

  @Test func nestedVmapGivesAllPairs() throws {
    let f = try fixture("pairwise_distances")
    let pairwise = vmap(vmap(euclideanDistance, inAxes: [nil, 0]), inAxes: [0, nil])
    expectSameValues(pairwise(f.inputs["points1"]!, f.inputs["points2"]!), f.out)
  }

  @Test func axisSizeWithoutMappedInputs() throws {
    let f = try fixture("axis_size_only")
    expectSameValues(vmap({ (x: Tensor) in x * 2 }, inAxes: nil, axisSize: 2)(f.inputs["x"]!), f.out)
  }

  @Test func pytreeOutputsWithPerLeafOutAxes() throws {
    let x = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    let out = vmap({ (x: Tensor) in ["double": x * 2, "sum": Lax.reduceSum(x, axes: [0])] }, outAxes: ["double": 1, "sum": 0])(x)
    expectSameValues(out["double"]!, Tensor([2, 8, 4, 10, 6, 12] as [Float], shape: [3, 2]))
    expectSameValues(out["sum"]!, Tensor([6, 15] as [Float]))
  }
}

/// A `@PyTree` struct used by the batching tests.
@PyTree struct Affine {
  var w: Tensor
  var b: Tensor
  var activation: String = "identity"

  func apply(_ x: Tensor) -> Tensor { w * x + b }
}
