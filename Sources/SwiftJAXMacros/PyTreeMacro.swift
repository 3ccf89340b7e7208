import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

/// `@PyTree` on a struct: generates its `PyTree` conformance from its
/// stored properties, in declaration order.
///
/// The macro only sees syntax, so it does not decide which fields are
/// leaves: it emits calls to the overloaded `pyTreeFlattenField` /
/// `pyTreeUnflattenField` helpers and lets the type checker pick, by each
/// field's real type, between "child pytree" (`PyTree` types: tensors,
/// arrays, dictionaries, optionals, other `@PyTree` structs) and "static
/// metadata" (`LosslessStringConvertible` types such as `Int`, `Float`,
/// `String`, kept in the `TreeDef`). That works through type aliases,
/// generic parameters and inferred types, which a name-based check could
/// not. A field of any other type fails to type-check at the field.
///
/// Skipped: computed and `static` properties, and `let` constants with an
/// initial value (they cannot be re-assigned when rebuilding, and are the
/// same in every instance anyway).
///
/// ```swift
/// @PyTree struct Affine {   // expanded by PyTreeMacro
///   var scale: Tensor
///   var shift: Tensor
/// }
/// treeLeaves(Affine(scale: jnp.array([2.0]), shift: jnp.array([1.0])))[1]  // [1.]
/// ```
public struct PyTreeMacro: ExtensionMacro {
  public static func expansion(
    of node: AttributeSyntax,
    attachedTo declaration: some DeclGroupSyntax,
    providingExtensionsOf type: some TypeSyntaxProtocol,
    conformingTo protocols: [TypeSyntax],
    in context: some MacroExpansionContext
  ) throws -> [ExtensionDeclSyntax] {
    guard let structDecl = declaration.as(StructDeclSyntax.self) else {
      context.diagnose(Diagnostic(node: node, message: PyTreeDiagnostic.notAStruct))
      return []
    }
    guard let fields = storedFields(of: structDecl, in: context) else { return [] }

    let access = accessPrefix(of: structDecl)
    let name = structDecl.name.trimmedDescription
    let keys = fields.map { "\"\($0)\"" }.joined(separator: ", ")
    let flattenChildren = fields.map {
      "SwiftJAX.pyTreeFlattenField(self.\($0), into: &leaves)"
    }.joined(separator: ",\n      ")
    let assignments = fields.enumerated().map { i, f in
      "self.\(f) = SwiftJAX.pyTreeUnflattenField(fields[\(i)], &leaves)"
    }.joined(separator: "\n    ")
    // Only declare the conformance when the compiler asks for it (the
    // type may already state `: PyTree` itself).
    let conformance = protocols.isEmpty ? "" : ": SwiftJAX.PyTree"

    let ext: DeclSyntax = """
      extension \(type.trimmed)\(raw: conformance) {
        \(raw: access)func flattenTree(into leaves: inout [SwiftJAX.Tensor]) -> SwiftJAX.TreeDef {
          SwiftJAX.TreeDef.node(kind: \(literal: name), keys: [\(raw: keys)], children: [
            \(raw: flattenChildren)
          ])
        }
        \(raw: access)static func unflattenTree(_ def: SwiftJAX.TreeDef, _ leaves: inout ArraySlice<SwiftJAX.Tensor>) -> Self {
          Self(_pyTreeFields: SwiftJAX.pyTreeFieldDefs(def, count: \(raw: fields.count), of: \(literal: name)), leaves: &leaves)
        }
        \(raw: access)init(_pyTreeFields fields: [SwiftJAX.TreeDef], leaves: inout ArraySlice<SwiftJAX.Tensor>) {
          \(raw: assignments)
        }
      }
      """
    guard let e = ext.as(ExtensionDeclSyntax.self) else { return [] }
    return [e]
  }

  /// Names of the stored instance properties that take part in the tree,
  /// or nil after diagnosing a property the macro cannot handle.
  static func storedFields(of decl: StructDeclSyntax, in context: some MacroExpansionContext) -> [String]? {
    var names: [String] = []
    var ok = true
    for member in decl.memberBlock.members {
      guard let v = member.decl.as(VariableDeclSyntax.self) else { continue }
      let modifiers = Set(v.modifiers.map { $0.name.text })
      if modifiers.contains("static") || modifiers.contains("class") { continue }
      if modifiers.contains("lazy") {
        context.diagnose(Diagnostic(node: v, message: PyTreeDiagnostic.lazyProperty))
        ok = false
        continue
      }
      let isLet = v.bindingSpecifier.tokenKind == .keyword(.let)
      for binding in v.bindings {
        if let accessors = binding.accessorBlock, isComputed(accessors) { continue }
        if isLet && binding.initializer != nil { continue }
        guard let ident = binding.pattern.as(IdentifierPatternSyntax.self) else {
          context.diagnose(Diagnostic(node: binding.pattern, message: PyTreeDiagnostic.patternBinding))
          ok = false
          continue
        }
        names.append(String(ident.identifier.text.filter { $0 != "`" }))
      }
    }
    return ok ? names : nil
  }

  /// A property with `get`/`set` (or a bare getter body) is computed;
  /// one with only `willSet`/`didSet` observers is stored.
  static func isComputed(_ block: AccessorBlockSyntax) -> Bool {
    switch block.accessors {
    case .getter: return true
    case .accessors(let list):
      return list.contains { a in
        let k = a.accessorSpecifier.tokenKind
        return k != .keyword(.willSet) && k != .keyword(.didSet)
      }
    }
  }

  /// The generated members must be as visible as the struct for the
  /// conformance of a public type to be valid.
  static func accessPrefix(of decl: StructDeclSyntax) -> String {
    for m in decl.modifiers {
      switch m.name.tokenKind {
      case .keyword(.public), .keyword(.open): return "public "
      case .keyword(.package): return "package "
      default: continue
      }
    }
    return ""
  }
}

enum PyTreeDiagnostic: String, DiagnosticMessage {
  case notAStruct
  case lazyProperty
  case patternBinding

  var message: String {
    switch self {
    case .notAStruct:
      "@PyTree can only be applied to a struct; for a class or enum, conform to PyTree by hand (flattenTree/unflattenTree)"
    case .lazyProperty:
      "@PyTree does not support 'lazy' properties: a pytree is rebuilt from its leaves, so make it a stored or computed property"
    case .patternBinding:
      "@PyTree needs one name per stored property; split tuple patterns into separate properties"
    }
  }
  var diagnosticID: MessageID { MessageID(domain: "SwiftJAXMacros", id: rawValue) }
  var severity: DiagnosticSeverity { .error }
}
