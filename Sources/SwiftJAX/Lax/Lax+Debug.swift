import Foundation

// `Debug.print` and `Debug.callback` (JAX's `jax.debug.print` and
// `jax.debug.callback`): values seen when the program
// runs, not when it is traced. Built on the host-callback primitive
// (Primitive+HostCallback.swift).

/// JAX's `jax.debug`: values seen when the program *runs*, not when it is
/// traced. (A Swift `print` inside `jit` runs only while tracing and shows
/// tracers; Swift's own `debugPrint` is the standard library's, hence the
/// namespace.)
///
/// ```swift
/// jit { (x: Tensor) in Debug.print("x = {}", x); return x * 2 }(jnp.array([1, 2]))   // prints x = [1 2]
/// ```
public enum Debug {
  /// Prints `format` with each `{}` replaced by the next argument's value
  /// (`{0}`, `{1}`... pick an argument by position) when the computation
  /// runs: at once in eager code, at every call of a jitted function (from
  /// the compiled code), once per iteration inside `scan`/`whileLoop`, one
  /// line per example under `vmap`, and with primal values under
  /// `grad`/`jvp` — JAX's `jax.debug.print`. Lines come out in program
  /// order.
  ///
  /// ```swift
  /// let f = jit { (x: Tensor) -> Tensor in
  ///   Debug.print("x = {}", x)      // printed at every call, with x's value
  ///   return x * 2
  /// }
  /// _ = f(jnp.array([1.0, 2.0]))   // x = [1. 2.]
  /// ```
  public static func print(_ format: String, _ args: Tensor..., file: StaticString = #fileID, line: UInt = #line) {
    print(format, arguments: args, file: file, line: line)
  }

  /// ``print(_:_:file:line:)`` with the arguments as an array.
  ///
  /// ```swift
  /// Debug.print("carry = {}, x = {}", arguments: [c, x])
  /// ```
  public static func print(_ format: String, arguments: [Tensor], file: StaticString = #fileID, line: UInt = #line) {
    let site = CallSite(file: file, line: line)
    if let problem = DebugFormat.problem(format, count: arguments.count) {
      JAXError.raise(JAXError(.value, "debug_print", problem, site: site))
      return
    }
    let call = HostCallback(name: "debug_print", format: format) { values in
      DebugFormat.emit(DebugFormat.render(format, values.map(\.description)))
    }
    _ = bind(.hostCallback(call), arguments, site: site)
  }

  /// Calls `callback` with the arguments' values when the computation runs
  /// (JAX's `jax.debug.callback`): in eager code at once, in jitted code
  /// from the compiled program, per example under `vmap`, with primal
  /// values under differentiation. The callback returns nothing; use it to
  /// log, plot or check values.
  ///
  /// ```swift
  /// let f = jit { (x: Tensor) -> Tensor in
  ///   Debug.callback([x]) { vs in logger.record(vs[0].item(Float.self)) }
  ///   return x + 1
  /// }
  /// ```
  public static func callback(
    _ arguments: [Tensor], name: String = "callback", file: StaticString = #fileID, line: UInt = #line,
    _ callback: @escaping ([Tensor]) -> Void
  ) {
    let call = HostCallback(name: "debug_callback", format: name, action: callback)
    _ = bind(.hostCallback(call), arguments, site: CallSite(file: file, line: line))
  }

  /// Sends this thread's ``print(_:_:file:line:)`` lines to `sink` instead
  /// of standard output while `body` runs (for tests and logging).
  ///
  /// ```swift
  /// var lines: [String] = []
  /// Debug.withPrintSink({ lines.append($0) }) { _ = f(x) }
  /// ```
  public static func withPrintSink<R>(_ sink: @escaping (String) -> Void, _ body: () throws -> R) rethrows -> R {
    let ctx = InterpreterContext.current
    let old = ctx.debugPrintSink
    ctx.debugPrintSink = sink
    defer { ctx.debugPrintSink = old }
    return try body()
  }
}

/// Calls a Swift function on the arguments' values when the computation
/// runs and uses its results, which must have the declared `resultShapes`
/// (JAX's `jax.pure_callback`): a way to use host code (a Swift library, a
/// lookup table) inside `jit`. Under `vmap` it is called once per example
/// and the results are stacked; it has no derivative (wrap it in
/// `customJVP` to give one). "Pure" means the optimiser may drop the call
/// when its results are unused.
///
/// ```swift
/// let f = jit { (x: Tensor) -> Tensor in
///   let y = pureCallback({ vs in [Tensor(vs[0].toArray(Float.self).map { $0.squareRoot() })] },
///                        resultShapes: [x.aval], [x])[0]
///   return y + 1
/// }
/// ```
public func pureCallback(
  _ callback: @escaping ([Tensor]) -> [Tensor], resultShapes: [ShapedArray], _ arguments: [Tensor],
  name: String = "callback", file: StaticString = #fileID, line: UInt = #line
) -> [Tensor] {
  let site = CallSite(file: file, line: line)
  if resultShapes.isEmpty {
    JAXError.raise(JAXError(.value, "pure_callback", "a pure callback must declare at least one result; use Debug.callback for side effects", site: site))
    return []
  }
  let call = HostCallback(pure: name, resultAvals: resultShapes.map { ShapedArray(shape: $0.shape, dtype: $0.dtype.canonical, weakType: $0.weakType) }, action: callback)
  return bind(.hostCallback(call), arguments, site: site)
}

/// The `{}` format of `Debug.print`.
enum DebugFormat {
  /// Why `format` cannot be filled with `count` values, or nil.
  static func problem(_ format: String, count: Int) -> String? {
    var auto = 0, explicit: [Int] = []
    for p in placeholders(format) {
      if let i = p { explicit.append(i) } else { auto += 1 }
    }
    if auto > 0 && !explicit.isEmpty {
      return "format \"\(format)\" mixes automatic ({}) and numbered ({0}) fields"
    }
    if auto > count { return "format \"\(format)\" has \(auto) {} fields but \(count) arguments were given" }
    if let bad = explicit.first(where: { $0 >= count }) {
      return "format \"\(format)\" refers to argument {\(bad)} but \(count) arguments were given"
    }
    return nil
  }

  /// The fields in order: nil for `{}`, the index for `{n}`.
  static func placeholders(_ format: String) -> [Int?] {
    var out: [Int?] = []
    var i = format.startIndex
    while let open = format[i...].firstIndex(of: "{") {
      guard let close = format[open...].firstIndex(of: "}") else { break }
      let inner = format[format.index(after: open)..<close]
      if inner.isEmpty { out.append(nil) } else if let n = Int(inner) { out.append(n) }
      i = format.index(after: close)
    }
    return out
  }

  /// `format` with its fields replaced by `values`.
  static func render(_ format: String, _ values: [String]) -> String {
    var out = ""
    var next = 0
    var i = format.startIndex
    while let open = format[i...].firstIndex(of: "{"), let close = format[open...].firstIndex(of: "}") {
      out += format[i..<open]
      let inner = format[format.index(after: open)..<close]
      if inner.isEmpty, next < values.count {
        out += values[next]
        next += 1
      } else if let n = Int(inner), n < values.count {
        out += values[n]
      } else {
        out += format[open...close]
      }
      i = format.index(after: close)
    }
    return out + format[i...]
  }

  static func emit(_ line: String) {
    if let sink = InterpreterContext.current.debugPrintSink { sink(line) } else { Swift.print(line) }
  }
}
