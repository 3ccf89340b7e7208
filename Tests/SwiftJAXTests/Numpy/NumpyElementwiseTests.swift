import Testing
@testable import SwiftJAX

/// Elementwise dispatch shared by the float32 and float64 passes.
func runElementwise(_ c: FixtureCase, _ x: [Tensor]) -> [Tensor]? {
  let unary: [String: (Tensor) -> Tensor] = [
    "exp": { jnp.exp($0) }, "exp2": { jnp.exp2($0) }, "expm1": { jnp.expm1($0) }, "log": { jnp.log($0) },
    "log1p": { jnp.log1p($0) }, "sqrt": { jnp.sqrt($0) }, "cbrt": { jnp.cbrt($0) }, "sin": { jnp.sin($0) },
    "cos": { jnp.cos($0) }, "tan": { jnp.tan($0) }, "arcsin": { jnp.arcsin($0) }, "arccos": { jnp.arccos($0) },
    "arctan": { jnp.arctan($0) }, "sinh": { jnp.sinh($0) }, "cosh": { jnp.cosh($0) }, "tanh": { jnp.tanh($0) },
    "arcsinh": { jnp.arcsinh($0) }, "arccosh": { jnp.arccosh($0) }, "arctanh": { jnp.arctanh($0) },
    "log2": { jnp.log2($0) }, "log10": { jnp.log10($0) }, "sinc": { jnp.sinc($0) }, "deg2rad": { jnp.deg2rad($0) },
    "rad2deg": { jnp.rad2deg($0) }, "square": { jnp.square($0) }, "reciprocal": { jnp.reciprocal($0) },
    "abs": { jnp.abs($0) }, "sign": { jnp.sign($0) }, "floor": { jnp.floor($0) }, "ceil": { jnp.ceil($0) },
    "trunc": { jnp.trunc($0) }, "isnan": { jnp.isnan($0) }, "isinf": { jnp.isinf($0) },
    "isfinite": { jnp.isfinite($0) }, "negative": { jnp.negative($0) }, "logical_not": { jnp.logicalNot($0) },
    "bitwise_not": { jnp.bitwiseNot($0) }, "bitwise_count": { jnp.bitwiseCount($0) },
  ]
  let binary: [String: (Tensor, Tensor) -> Tensor] = [
    "add": { $0 + $1 }, "subtract": { $0 - $1 }, "multiply": { $0 * $1 }, "divide": { $0 / $1 },
    "floor_divide": { jnp.floorDivide($0, $1) }, "mod": { jnp.mod($0, $1) }, "fmod": { jnp.fmod($0, $1) },
    "maximum": { jnp.maximum($0, $1) }, "minimum": { jnp.minimum($0, $1) }, "hypot": { jnp.hypot($0, $1) },
    "arctan2": { jnp.arctan2($0, $1) }, "copysign": { jnp.copysign($0, $1) }, "logaddexp": { jnp.logaddexp($0, $1) },
    "power": { $0 ** $1 }, "logical_and": { jnp.logicalAnd($0, $1) }, "logical_or": { jnp.logicalOr($0, $1) },
    "logical_xor": { jnp.logicalXor($0, $1) }, "bitwise_and": { $0 & $1 }, "bitwise_or": { $0 | $1 },
    "bitwise_xor": { $0 ^ $1 }, "left_shift": { $0 << $1 }, "right_shift": { jnp.rightShift($0, $1) },
  ]
  if let f = unary[c.op], c.params.isEmpty { return [f(x[0])] }
  if let f = binary[c.op] { return [f(x[0], x[1])] }
  switch c.op {
  case "round": return [jnp.round(x[0], decimals: c.int("decimals") ?? 0)]
  case "nan_to_num": return [jnp.nanToNum(x[0], nan: c.double("nan") ?? 0, posinf: c.double("posinf"), neginf: c.double("neginf"))]
  case "where": return [jnp.where(x[0], x[1], x[2])]
  case "clip":
    return [jnp.clip(x[0], min: c.double("min").map { c.params["min"] is Int ? Tensor(weak: Int($0)) : Tensor(weak: $0) }, max: c.double("max").map { Tensor(weak: $0) })]
  case "clip_arrays": return [jnp.clip(x[0], min: x[1], max: x[2])]
  default: return nil
  }
}

extension NumpySuite {
@Suite struct NumpyElementwiseTests {
  @Test func float32AndIntegerMatchJAX() { checkFixtures("elementwise", runElementwise) }
  @Test func float64MatchesJAX() { checkFixtures("elementwise_x64", x64: true, runElementwise) }

  @Test func expOfIntTracesWithConvert() throws {
    let j = makeJaxpr({ x in [jnp.exp(x[0])] }, [ShapedArray(shape: [3], dtype: .int32)])
    try j.jaxpr.typecheck()
    #expect(j.jaxpr.equations.map(\.primitive.name) == ["convert_element_type", "exp"])
    #expect(j.outAvals == [ShapedArray(shape: [3], dtype: .float32)])
  }
}
}
