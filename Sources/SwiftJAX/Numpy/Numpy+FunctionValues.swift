// Library functions as values, as JAX users pass them: `grad(jnp.tanh)`,
// `vmap(jnp.dot, inAxes: [0, nil])`, `treeMap(jnp.add, a, b)`. A function
// with defaulted `file:line:` parameters cannot convert to a function
// type, so each gets a disfavoured overload without them: a direct call
// `jnp.tanh(x)` still picks the one that records the caller's line, and a
// reference `jnp.tanh` picks this one (errors then name this file).

extension Numpy {
  // Unary elementwise functions.
  @_disfavoredOverload public static func abs(_ x: Tensor) -> Tensor { abs(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func absolute(_ x: Tensor) -> Tensor { absolute(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func arccos(_ x: Tensor) -> Tensor { arccos(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func arccosh(_ x: Tensor) -> Tensor { arccosh(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func arcsin(_ x: Tensor) -> Tensor { arcsin(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func arcsinh(_ x: Tensor) -> Tensor { arcsinh(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func arctan(_ x: Tensor) -> Tensor { arctan(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func arctanh(_ x: Tensor) -> Tensor { arctanh(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func cbrt(_ x: Tensor) -> Tensor { cbrt(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func ceil(_ x: Tensor) -> Tensor { ceil(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func cos(_ x: Tensor) -> Tensor { cos(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func cosh(_ x: Tensor) -> Tensor { cosh(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func deg2rad(_ x: Tensor) -> Tensor { deg2rad(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func degrees(_ x: Tensor) -> Tensor { degrees(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func exp(_ x: Tensor) -> Tensor { exp(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func exp2(_ x: Tensor) -> Tensor { exp2(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func expm1(_ x: Tensor) -> Tensor { expm1(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func floor(_ x: Tensor) -> Tensor { floor(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func invert(_ x: Tensor) -> Tensor { invert(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func isfinite(_ x: Tensor) -> Tensor { isfinite(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func isinf(_ x: Tensor) -> Tensor { isinf(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func isnan(_ x: Tensor) -> Tensor { isnan(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func log(_ x: Tensor) -> Tensor { log(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func log10(_ x: Tensor) -> Tensor { log10(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func log1p(_ x: Tensor) -> Tensor { log1p(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func log2(_ x: Tensor) -> Tensor { log2(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func logicalNot(_ x: Tensor) -> Tensor { logicalNot(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func negative(_ x: Tensor) -> Tensor { negative(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func rad2deg(_ x: Tensor) -> Tensor { rad2deg(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func radians(_ x: Tensor) -> Tensor { radians(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func ravel(_ x: Tensor) -> Tensor { ravel(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func reciprocal(_ x: Tensor) -> Tensor { reciprocal(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func sign(_ x: Tensor) -> Tensor { sign(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func sin(_ x: Tensor) -> Tensor { sin(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func sinc(_ x: Tensor) -> Tensor { sinc(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func sinh(_ x: Tensor) -> Tensor { sinh(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func sqrt(_ x: Tensor) -> Tensor { sqrt(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func square(_ x: Tensor) -> Tensor { square(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func tan(_ x: Tensor) -> Tensor { tan(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func tanh(_ x: Tensor) -> Tensor { tanh(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func trunc(_ x: Tensor) -> Tensor { trunc(x, file: #fileID, line: #line) }

  // Binary functions.
  @_disfavoredOverload public static func add(_ x: Tensor, _ y: Tensor) -> Tensor { add(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func arctan2(_ x: Tensor, _ y: Tensor) -> Tensor { arctan2(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func copysign(_ x: Tensor, _ y: Tensor) -> Tensor { copysign(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func divide(_ x: Tensor, _ y: Tensor) -> Tensor { divide(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func dot(_ x: Tensor, _ y: Tensor) -> Tensor { dot(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func floorDivide(_ x: Tensor, _ y: Tensor) -> Tensor { floorDivide(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func fmod(_ x: Tensor, _ y: Tensor) -> Tensor { fmod(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func hypot(_ x: Tensor, _ y: Tensor) -> Tensor { hypot(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func inner(_ x: Tensor, _ y: Tensor) -> Tensor { inner(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func logaddexp(_ x: Tensor, _ y: Tensor) -> Tensor { logaddexp(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func matmul(_ x: Tensor, _ y: Tensor) -> Tensor { matmul(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func maximum(_ x: Tensor, _ y: Tensor) -> Tensor { maximum(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func minimum(_ x: Tensor, _ y: Tensor) -> Tensor { minimum(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func mod(_ x: Tensor, _ y: Tensor) -> Tensor { mod(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func multiply(_ x: Tensor, _ y: Tensor) -> Tensor { multiply(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func outer(_ x: Tensor, _ y: Tensor) -> Tensor { outer(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func power(_ x: Tensor, _ y: Tensor) -> Tensor { power(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func remainder(_ x: Tensor, _ y: Tensor) -> Tensor { remainder(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func subtract(_ x: Tensor, _ y: Tensor) -> Tensor { subtract(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func trueDivide(_ x: Tensor, _ y: Tensor) -> Tensor { trueDivide(x, y, file: #fileID, line: #line) }
  @_disfavoredOverload public static func vdot(_ x: Tensor, _ y: Tensor) -> Tensor { vdot(x, y, file: #fileID, line: #line) }

  // Reductions over every axis.
  @_disfavoredOverload public static func sum(_ x: Tensor) -> Tensor { sum(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func prod(_ x: Tensor) -> Tensor { prod(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func max(_ x: Tensor) -> Tensor { max(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func min(_ x: Tensor) -> Tensor { min(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func all(_ x: Tensor) -> Tensor { all(x, file: #fileID, line: #line) }
  @_disfavoredOverload public static func any(_ x: Tensor) -> Tensor { any(x, file: #fileID, line: #line) }
}
