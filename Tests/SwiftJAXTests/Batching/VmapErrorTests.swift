import Testing
@testable import SwiftJAX

/// vmap's errors: observable through `JAXError.capture`, naming the
/// arguments, axes and shapes as JAX's messages do. None of these needs a
/// kernel: the failure happens before anything is computed.
@Suite struct VmapErrorTests {
  func add(_ a: Tensor, _ b: Tensor) -> Tensor { a + b }

  func captured(_ body: () -> Void) -> JAXError? {
    do {
      try JAXError.capture { body() }
      return nil
    } catch let e as JAXError {
      return e
    } catch {
      return nil
    }
  }

  @Test func inconsistentSizesNameEveryArgument() throws {
    let e = try #require(captured {
      _ = vmap(add)(Tensor([0, 1, 2] as [Int32]), Tensor([0, 1] as [Int32]))
    })
    #expect(e.kind == .shape)
    #expect(e.operation == "vmap")
    #expect(e.message == """
      vmap got inconsistent sizes for array axes to be mapped:
        * one axis had size 3: axis 0 of argument 0 of type int32[3];
        * one axis had size 2: axis 0 of argument 1 of type int32[2]
      """)
    #expect(e.site?.file.hasSuffix("VmapErrorTests.swift") == true)
  }

  @Test func inconsistentSizesGroupMostCommonFirst() throws {
    let f = { (a: Tensor, b: [String: Tensor]) in a + b["u"]! + b["v"]! }
    let e = try #require(captured {
      _ = vmap(f)(Tensor([1, 2] as [Float]), ["u": Tensor([1, 2, 3] as [Float]), "v": Tensor([1, 2, 3] as [Float])])
    })
    #expect(e.message.contains("* most axes (2 of them) had size 3, e.g. axis 0 of argument 1['u'] of type float32[3];"))
    #expect(e.message.contains("* one axis had size 2: axis 0 of argument 0 of type float32[2]"))
  }

  @Test func axisSizeDisagreeingWithInputs() throws {
    let e = try #require(captured { _ = vmap({ (x: Tensor) in x }, axisSize: 4)(Tensor([1, 2] as [Float])) })
    #expect(e.message.contains("axisSize was given as 4"))
    #expect(e.message.contains("axis 0 of argument 0 of type float32[2]"))
  }

  @Test func axisOutOfRange() throws {
    let x = Tensor([Float](repeating: 1, count: 12), shape: [3, 4])
    let e = try #require(captured { _ = vmap({ (x: Tensor) in x }, inAxes: 2)(x) })
    #expect(e.kind == .axis)
    #expect(e.message == "vmap was requested to map argument 0 along axis 2, which implies that its rank should be at least 3, but is only 2 (its shape is (3, 4))")
    let n = try #require(captured { _ = vmap({ (x: Tensor) in x }, inAxes: -3)(x) })
    #expect(n.message.contains("along axis -3"))
  }

  @Test func negativeAxesCountFromTheEnd() throws {
    let j = makeJaxpr({ xs in [vmap({ (x: Tensor) in Lax.reduceSum(x, axes: [0]) }, inAxes: -1)(xs[0])] }, [ShapedArray(shape: [3, 4], dtype: .float32)])
    #expect(j.outAvals == [ShapedArray(shape: [4], dtype: .float32)])
  }

  @Test func nothingMappedNeedsAxisSize() throws {
    let e = try #require(captured { _ = vmap({ (x: Tensor) in x }, inAxes: nil)(Tensor([1] as [Float])) })
    #expect(e.message == "vmap must have at least one non-nil value in inAxes or axisSize must be specified")
  }

  @Test func inAxesWithWrongNumberOfEntries() throws {
    let e = try #require(captured { _ = vmap(add, inAxes: [0, 0, nil])(Tensor([1] as [Float]), Tensor([1] as [Float])) })
    #expect(e.message.contains("one entry per argument, but got 3 entries ((0, 0, None)) for 2 arguments"))
  }

  @Test func inAxesThatAreNotATreePrefix() throws {
    let f = { (p: [String: Tensor]) in p["w"]! }
    let e = try #require(captured { _ = vmap(f, inAxes: [["w": 0, "bias": nil]])(["w": Tensor([1, 2] as [Float])]) })
    #expect(e.message.contains("vmap inAxes specification must be a tree prefix of the corresponding value"))
    #expect(e.message.contains("{'bias': None, 'w': 0}"))
    #expect(e.message.contains("at argument 0"))
    let leaf = try #require(captured { _ = vmap({ (x: Tensor) in x }, inAxes: [[0, 1]])(Tensor([1, 2] as [Float])) })
    #expect(leaf.message.contains("got specification (0, 1) for value tree * at argument 0"))
  }

  @Test func mappedOutputWithNilOutAxes() throws {
    let e = try #require(captured { _ = vmap({ (x: Tensor) in x }, outAxes: nil)(Tensor([1, 2] as [Float])) })
    #expect(e.message.contains("vmap has mapped output but outAxes is nil for output"))
  }

  @Test func outAxisOutOfRange() throws {
    let e = try #require(captured { _ = vmap({ (x: Tensor) in x }, outAxes: 2)(Tensor([1, 2] as [Float])) })
    #expect(e.kind == .axis)
    #expect(e.message.contains("outAxes 2 for output is out of bounds: the batched output has rank 1"))
  }

  /// A shape error inside the mapped function is reported in the
  /// per-example shapes the user wrote, at the user's line.
  @Test func errorsInsideUsePerExampleShapes() throws {
    let xs = Tensor([Float](repeating: 1, count: 6), shape: [2, 3])
    let ys = Tensor([Float](repeating: 1, count: 8), shape: [2, 4])
    let e = try #require(captured { _ = vmap({ (x: Tensor, y: Tensor) in Lax.add(x, y) })(xs, ys) })
    #expect(e.operation == "add")
    #expect(e.message.contains("(3,) and (4,)"))
  }

  /// After an error the failed call still returns a value of the right
  /// structure (of invalid tensors), so code after it runs to the end of
  /// the capture scope.
  @Test func failedCallReturnsInvalidTreeOfRightStructure() throws {
    var out: [String: Tensor] = [:]
    let e = captured {
      out = vmap({ (x: Tensor) in ["a": x, "b": x] }, inAxes: 1)(Tensor([1] as [Float]))
    }
    #expect(e != nil)
    #expect(out.keys.sorted() == ["a", "b"])
    #expect(out.values.allSatisfy { $0.isInvalid })
  }
}
