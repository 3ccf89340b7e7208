import Foundation
import Testing

// Guards the API coverage table (Tests/Fixtures/api_coverage.json, written
// by scripts/api_coverage.py from JAX 0.10.2): every JAX name listed as
// covered must still be declared in Sources/SwiftJAX under the Swift name
// the table gives, so a rename or removal fails here until the table is
// regenerated on purpose.

private let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `[Swift type: public static func names]`, free functions under "",
/// read from the sources the way scripts/api_coverage.py reads them.
private func declaredFunctions() throws -> [String: Set<String>] {
  let decl = try NSRegularExpression(pattern: #"^(?:public\s+)?(?:extension|enum|struct|final class|class)\s+(\w+)"#)
  let member = try NSRegularExpression(pattern: #"public\s+static\s+func\s+`?(\w+)`?"#)
  let free = try NSRegularExpression(pattern: #"^public\s+func\s+`?(\w+)`?"#)
  func first(_ re: NSRegularExpression, _ s: String) -> String? {
    guard let m = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)), let r = Range(m.range(at: 1), in: s) else { return nil }
    return String(s[r])
  }
  var out: [String: Set<String>] = [:]
  let src = repoRoot.appendingPathComponent("Sources/SwiftJAX")
  let files = FileManager.default.enumerator(at: src, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
  for file in files {
    var current: String?
    for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if let t = first(decl, line) { current = t; continue }
      if let f = first(free, line) { out["", default: []].insert(f); continue }
      if let f = first(member, line), let current { out[current, default: []].insert(f) }
    }
  }
  return out
}

@Suite struct APICoverageTests {
  @Test func everyCoveredNameIsStillDeclared() throws {
    let data = try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/api_coverage.json"))
    let table = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let namespaces = try #require(table["namespaces"] as? [String: [String: Any]])
    let declared = try declaredFunctions()
    var checked = 0
    for (ns, entry) in namespaces.sorted(by: { $0.key < $1.key }) {
      let covered = try #require(entry["covered"] as? [String: String])
      for (jaxName, swiftName) in covered.sorted(by: { $0.key < $1.key }) {
        let parts = swiftName.split(separator: ".").map(String.init)
        let (type, name) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
        #expect(declared[type]?.contains(name) == true, "\(ns).\(jaxName) is listed as covered by \(swiftName), which is no longer declared; rerun scripts/api_coverage.py --write")
        checked += 1
      }
    }
    // The table is not trivially empty (jax.numpy alone had 200+ covered names).
    #expect(checked > 300)
  }
}
