import Foundation

/// Where a public API was called from; attached to errors.
///
/// ```swift
/// CallSite(fileString: "Train.swift", line: 42).description   // "Train.swift:42"
/// ```
public struct CallSite: Sendable, CustomStringConvertible {
  /// The caller's file, as `#fileID` gives it (`Module/File.swift`).
  public let file: String
  /// The caller's line.
  public let line: UInt
  /// A call site from `#fileID` and `#line` default arguments.
  ///
  /// ```swift
  /// func op(file: StaticString = #fileID, line: UInt = #line) { let site = CallSite(file: file, line: line) }
  /// ```
  public init(file: StaticString, line: UInt) {
    self.file = "\(file)"
    self.line = line
  }
  /// A call site from a file name held as a `String`.
  ///
  /// ```swift
  /// CallSite(fileString: "Model.swift", line: 7).file   // "Model.swift"
  /// ```
  public init(fileString: String, line: UInt) {
    self.file = fileString
    self.line = line
  }
  /// `file:line`.
  public var description: String { "\(file):\(line)" }
}

/// An error raised by a SwiftJAX operation: a wrong shape, dtype or axis, a
/// tracer used where a concrete value is needed, a mismatched pytree...
///
/// Operations do not throw (so `a + b` reads like NumPy). An error either
/// stops the program with its message (like a Swift precondition) or, inside
/// ``JAXError/capture(file:line:_:)``, is recorded and re-thrown when the
/// scope ends. Within the scope the failing operation returns an *invalid*
/// tensor, and every operation on an invalid tensor returns another, so
/// the scope runs to its end without doing further work.
///
/// ```swift
/// do {
///   try JAXError.capture {
///     _ = Tensor.ones([2, 3]) + Tensor.ones([4])
///   }
/// } catch let e as JAXError {
///   print(e.kind, e.message)  // .shape, "add: incompatible shapes ..."
/// }
/// ```
public struct JAXError: Error, CustomStringConvertible, Sendable {
  /// What kind of mistake the error reports; tests match on it.
  ///
  /// ```swift
  /// #expect(error.kind == .shape)
  /// ```
  public enum Kind: String, Sendable {
    /// Incompatible or invalid shapes; a wrong dtype; an axis out of range;
    /// an index out of range; an invalid argument value.
    case shape, dtype, axis, index, value
    /// A traced value was used where a concrete Swift value is required.
    case concretization
    /// A tracer outlived the transformation that created it.
    case escapedTracer
    /// Two pytrees that should match do not.
    case treeMismatch
    /// A transformation was asked for something it cannot do.
    case transformation
    /// Something SwiftJAX does not implement (yet).
    case unsupported
    /// jit could not compile or load a program.
    case compilation
    /// An integer does not fit the dtype it must become (JAX's `OverflowError`).
    case overflow
    /// Memory for a result could not be allocated (XLA's `RESOURCE_EXHAUSTED`).
    case resourceExhausted
    /// A NaN or infinity appeared while `JAXConfig.debugNaNs`/`debugInfs`
    /// is on (JAX's `FloatingPointError`).
    case floatingPoint
  }

  /// What kind of mistake this is.
  public let kind: Kind
  /// The operation that failed, e.g. `add` or `dot_general`.
  public let operation: String
  /// The explanation: the shapes, dtypes or values involved and how to fix it.
  public let message: String
  /// The caller's file and line, when known.
  public var site: CallSite?

  /// An error of `kind` raised by `operation` (for custom operations built
  /// on SwiftJAX that report errors the same way).
  ///
  /// ```swift
  /// JAXError(.shape, "my_op", "expected a matrix, got shape (3,)")
  /// ```
  public init(_ kind: Kind, _ operation: String, _ message: String, site: CallSite? = nil) {
    self.kind = kind
    self.operation = operation
    self.message = message
    self.site = site
  }

  /// `operation: message (called from file:line)`.
  public var description: String {
    var s = "\(operation): \(message)"
    if let site { s += " (called from \(site))" }
    return s
  }

  /// Runs `body`; the first SwiftJAX error raised inside is thrown when it
  /// returns. Errors thrown by `body` itself pass through unchanged.
  ///
  /// ```swift
  /// let result = Result { try JAXError.capture { jnp.ones([2]) + jnp.ones([3]) } }
  /// (try? result.get()) == nil   // the shape error was thrown, not fatal
  /// ```
  @discardableResult
  public static func capture<R>(
    file: StaticString = #fileID, line: UInt = #line, _ body: () throws -> R
  ) throws -> R {
    let ctx = InterpreterContext.current
    let scope = ErrorScope()
    ctx.errorScopes.append(scope)
    defer { ctx.errorScopes.removeLast() }
    let r = try body()
    if var e = scope.first {
      if e.site == nil { e.site = CallSite(file: file, line: line) }
      throw e
    }
    return r
  }

  /// Reports the error: recorded in the innermost capture scope, or fatal.
  static func raise(_ error: JAXError) {
    var error = error
    // A site inside this module is a Swift operator's (`+` cannot take
    // #fileID) or a helper's that did not forward its caller's: it would
    // point the user at SwiftJAX's source. Leave it out, so the capture
    // scope's site is used instead.
    if let site = error.site, site.file.hasPrefix("SwiftJAX/") { error.site = nil }
    let ctx = InterpreterContext.current
    if let scope = ctx.errorScopes.last {
      if scope.first == nil { scope.first = error }
      return
    }
    fatalError("SwiftJAX error: \(error.description)")
  }
}

final class ErrorScope {
  var first: JAXError?
}
