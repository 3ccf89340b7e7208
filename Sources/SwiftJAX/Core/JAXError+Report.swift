// A public way for libraries built on SwiftJAX (SwiftJAXOptim...) to
// report errors through the same machinery as the core's operations.

extension JAXError {
  /// Reports `error` like a failing SwiftJAX operation: recorded in the
  /// innermost ``capture(file:line:_:)`` scope (the caller then returns
  /// invalid values), or a fatal error naming the operation and call site.
  ///
  /// ```swift
  /// JAXError.report(JAXError(.treeMismatch, "adam.update", "...", site: CallSite(file: file, line: line)))
  /// ```
  public static func report(_ error: JAXError) { raise(error) }
}

extension Tensor {
  /// The invalid tensor a failing operation returns after reporting a
  /// ``JAXError`` inside a capture scope (for libraries that report errors
  /// with ``JAXError/report(_:)`` and must still return a value).
  public static var failed: Tensor { .invalid }
}
