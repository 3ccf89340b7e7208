import SwiftCompilerPlugin
import SwiftSyntaxMacros

@main
struct SwiftJAXMacrosPlugin: CompilerPlugin {
  let providingMacros: [Macro.Type] = [PyTreeMacro.self]
}
