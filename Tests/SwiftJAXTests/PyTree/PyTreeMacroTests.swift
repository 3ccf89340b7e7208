import SwiftJAXMacros
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import Testing

/// What `@PyTree` expands to, and its diagnostics.
@Suite struct PyTreeMacroTests {
  let macros: [String: MacroSpec] = ["PyTree": MacroSpec(type: PyTreeMacro.self, conformances: ["PyTree"])]

  func check(_ source: String, _ expanded: String, diagnostics: [DiagnosticSpec] = [], sourceLocation: SourceLocation = #_sourceLocation) {
    assertMacroExpansion(
      source, expandedSource: expanded, diagnostics: diagnostics, macroSpecs: macros,
      failureHandler: { Issue.record(Comment(rawValue: $0.message), sourceLocation: sourceLocation) })
  }

  @Test func expandsStoredPropertiesInOrder() {
    check(
      """
      @PyTree public struct Layer {
        public var w: Tensor
        var bias: Tensor?
        var units: Int = 3
        let tag = "x"
        var fanIn: Int { w.shape[0] }
        static var count = 0
        var observed: Tensor { didSet { } }
      }
      """,
      """
      public struct Layer {
        public var w: Tensor
        var bias: Tensor?
        var units: Int = 3
        let tag = "x"
        var fanIn: Int { w.shape[0] }
        static var count = 0
        var observed: Tensor { didSet { } }
      }

      extension Layer: SwiftJAX.PyTree {
        public func flattenTree(into leaves: inout [SwiftJAX.Tensor]) -> SwiftJAX.TreeDef {
          SwiftJAX.TreeDef.node(kind: "Layer", keys: ["w", "bias", "units", "observed"], children: [
            SwiftJAX.pyTreeFlattenField(self.w, into: &leaves),
            SwiftJAX.pyTreeFlattenField(self.bias, into: &leaves),
            SwiftJAX.pyTreeFlattenField(self.units, into: &leaves),
            SwiftJAX.pyTreeFlattenField(self.observed, into: &leaves)
          ])
        }
        public static func unflattenTree(_ def: SwiftJAX.TreeDef, _ leaves: inout ArraySlice<SwiftJAX.Tensor>) -> Self {
          Self(_pyTreeFields: SwiftJAX.pyTreeFieldDefs(def, count: 4, of: "Layer"), leaves: &leaves)
        }
        public init(_pyTreeFields fields: [SwiftJAX.TreeDef], leaves: inout ArraySlice<SwiftJAX.Tensor>) {
          self.w = SwiftJAX.pyTreeUnflattenField(fields[0], &leaves)
          self.bias = SwiftJAX.pyTreeUnflattenField(fields[1], &leaves)
          self.units = SwiftJAX.pyTreeUnflattenField(fields[2], &leaves)
          self.observed = SwiftJAX.pyTreeUnflattenField(fields[3], &leaves)
        }
      }
      """)
  }

  @Test func rejectsClassesAndEnums() {
    for decl in ["class", "enum"] {
      check(
        "@PyTree \(decl) Model {}",
        "\(decl) Model {}",
        diagnostics: [
          DiagnosticSpec(
            message: "@PyTree can only be applied to a struct; for a class or enum, conform to PyTree by hand (flattenTree/unflattenTree)",
            line: 1, column: 1)
        ])
    }
  }

  @Test func rejectsLazyAndTupleProperties() {
    check(
      """
      @PyTree struct S {
        lazy var cache: Tensor = Tensor(0)
        var (a, b): (Tensor, Tensor)
      }
      """,
      """
      struct S {
        lazy var cache: Tensor = Tensor(0)
        var (a, b): (Tensor, Tensor)
      }
      """,
      diagnostics: [
        DiagnosticSpec(
          message: "@PyTree does not support 'lazy' properties: a pytree is rebuilt from its leaves, so make it a stored or computed property",
          line: 2, column: 3),
        DiagnosticSpec(message: "@PyTree needs one name per stored property; split tuple patterns into separate properties", line: 3, column: 7),
      ])
  }
}
