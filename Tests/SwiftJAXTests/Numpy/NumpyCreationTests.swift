import Foundation
import Testing
@testable import SwiftJAX

extension NumpySuite {
@Suite struct NumpyCreationTests {
  @Test func creationMatchesJAX() {
    checkFixtures("creation") { c, x in
      switch c.op {
      case "zeros": return [jnp.zeros(c.ints("shape")!, dtype: c.dtype())]
      case "ones": return [jnp.ones(c.ints("shape")!, dtype: c.dtype())]
      case "empty": return [jnp.empty(c.ints("shape")!)]
      case "full":
        let v: Tensor = c.int("int").map { Tensor(weak: $0) } ?? Tensor(weak: c.double("float")!)
        return [jnp.full(c.ints("shape")!, v, dtype: c.dtype())]
      case "zeros_like": return [jnp.zerosLike(x[0])]
      case "ones_like": return [jnp.onesLike(x[0])]
      case "full_like": return [jnp.fullLike(x[0], Tensor(weak: c.double("float")!))]
      case "arange_int":
        let a = c.ints("args")!
        return [a.count == 1 ? jnp.arange(a[0]) : jnp.arange(a[0], a[1], a[2])]
      case "arange_float":
        let a = (c.params["args"] as! [NSNumber]).map(\.doubleValue)
        return [jnp.arange(a[0], a[1], a[2])]
      case "linspace":
        return [jnp.linspace(c.double("start")!, c.double("stop")!, num: c.int("num")!, endpoint: c.bool("endpoint"))]
      case "logspace":
        return [jnp.logspace(c.double("start")!, c.double("stop")!, num: c.int("num")!, endpoint: c.bool("endpoint"), base: c.double("base")!)]
      case "eye": return [jnp.eye(c.int("n")!, c.int("m"), k: c.int("k")!, dtype: c.dtype())]
      case "identity": return [jnp.identity(c.int("n")!)]
      case "tri": return [jnp.tri(c.int("n")!, c.int("m"), k: c.int("k")!)]
      case "tril": return [jnp.tril(x[0], k: c.int("k")!)]
      case "triu": return [jnp.triu(x[0], k: c.int("k")!)]
      case "meshgrid": return jnp.meshgrid(x, indexing: c.params["indexing"] as! String == "ij" ? .ij : .xy)
      case "diag": return [jnp.diag(x[0], k: c.int("k")!)]
      case "diagonal": return [jnp.diagonal(x[0], offset: c.int("offset")!, axis1: c.int("axis1")!, axis2: c.int("axis2")!)]
      case "array_stack": return [jnp.array(x)]
      case "asarray": return [jnp.asarray(x[0], dtype: c.dtype())]
      default: return nil
      }
    }
  }

  @Test func arangeTracesToIota() throws {
    let j = makeJaxpr({ _ in [jnp.arange(1, 7, 2)] }, [])
    try j.jaxpr.typecheck()
    #expect(j.description.contains("iota"))
    #expect(j.outAvals == [ShapedArray(shape: [3], dtype: .int32)])
  }

  @Test func eyeTracesLikeJAX() throws {
    let j = makeJaxpr({ _ in [jnp.eye(3)] }, [])
    #expect(j.jaxpr.equations.map(\.primitive.name) == ["iota", "iota", "add", "eq", "convert_element_type"])
  }
}
}
