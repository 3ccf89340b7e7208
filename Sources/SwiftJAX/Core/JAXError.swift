import Foundation

/// Where a public API was called from; attached to errors.
public struct CallSite: Sendable, CustomStringConvertible {
  public let file: String
  public let line: UInt
  public init(file: StaticString, line: UInt) {
    self.file = "\(file)"
    self.line = line
  }
  public init(fileString: String, line: UInt) {
    self.file = fileString
    self.line = line
  }
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
  public enum Kind: String, Sendable {
    case shape, dtype, axis, index, value
    /// A traced value was used where a concrete Swift value is required.
    case concretization
    /// A tracer outlived the transformation that created it.
    case escapedTracer
    /// Two pytrees that should match do not.
    case treeMismatch
    /// A transformation was asked for something it cannot do.
    case transformation
    case unsupported
    case compilation
    /// An integer does not fit the dtype it must become (JAX's `OverflowError`).
    case overflow
    /// Memory for a result could not be allocated (XLA's `RESOURCE_EXHAUSTED`).
    case resourceExhausted
    /// A NaN or infinity appeared while `JAXConfig.debugNaNs`/`debugInfs`
    /// is on (JAX's `FloatingPointError`).
    case floatingPoint
  }

  public let kind: Kind
  /// The operation that failed, e.g. `add` or `dot_general`.
  public let operation: String
  public let message: String
  public var site: CallSite?

  public init(_ kind: Kind, _ operation: String, _ message: String, site: CallSite? = nil) {
    self.kind = kind
    self.operation = operation
    self.message = message
    self.site = site
  }

  public var description: String {
    var s = "\(operation): \(message)"
    if let site { s += " (called from \(site))" }
    return s
  }

  /// Runs `body`; the first SwiftJAX error raised inside is thrown when it
  /// returns. Errors thrown by `body` itself pass through unchanged.
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
