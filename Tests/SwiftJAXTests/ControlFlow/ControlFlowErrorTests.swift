import Testing
@testable import SwiftJAX

/// Misuse of control flow gets JAX-grade messages.
@Suite struct ControlFlowErrorTests {
  func captured(_ body: () -> Void) -> JAXError? {
    do {
      try JAXError.capture { body() }
    } catch let e as JAXError {
      return e
    } catch {}
    return nil
  }

  @Test func carryShapeChangeNamesBothTypes() throws {
    let e = try #require(captured {
      _ = Lax.scan({ c, _ in (Lax.concatenate([c, c], dimension: 0), c) }, initial: Tensor([1, 2, 3] as [Float]), xs: nil, length: 2)
    })
    #expect(e.operation == "scan")
    #expect(e.message.contains("float32[3]"))
    #expect(e.message.contains("float32[6]"))
    #expect(e.site != nil)
  }

  @Test func carryDTypeChangeInWhile() throws {
    let e = try #require(captured {
      _ = Lax.whileLoop(cond: { i in i < 3 }, body: { i in Lax.convertElementType(i, .float32) }, initial: Tensor(Int32(0)))
    })
    #expect(e.operation == "while_loop")
    #expect(e.message.contains("int32"))
    #expect(e.message.contains("float32"))
  }

  @Test func condBranchesWithDifferentTypes() throws {
    let e = try #require(captured {
      let r: Tensor = Lax.cond(Tensor(true), { x in x }, { x in Lax.concatenate([x, x], dimension: 0) }, Tensor([1] as [Float]))
      _ = r
    })
    #expect(e.operation == "cond")
    #expect(e.message.contains("float32[1]"))
    #expect(e.message.contains("float32[2]"))
  }

  @Test func nonBooleanWhileCondition() throws {
    let e = try #require(captured {
      _ = Lax.whileLoop(cond: { i in i }, body: { i in i + 1 }, initial: Tensor(Int32(0)))
    })
    #expect(e.message.contains("boolean scalar"))
  }

  /// `if x > 0` inside a traced function: reading a tracer as a Swift Bool
  /// is a concretization error that points to cond/whileLoop.
  @Test func tracerAsSwiftBool() throws {
    let e = try #require(captured {
      _ = makeJaxpr({ a in
        if Bool(a[0] > 0) { return [a[0]] }
        return [-a[0]]
      }, [ShapedArray(shape: [], dtype: .float32)])
    })
    #expect(e.kind == .concretization)
    #expect(e.message.contains("cond"))
    #expect(e.message.contains("whileLoop"))
  }

  @Test func inconsistentScanLengths() throws {
    let e = try #require(captured {
      _ = Lax.scan({ c, x in (c, x) }, initial: Tensor(Float(0)), xs: [Tensor([1, 2] as [Float]), Tensor([1, 2, 3] as [Float])])
    })
    #expect(e.message.contains("(2,)"))
    #expect(e.message.contains("(3,)"))
  }
}
