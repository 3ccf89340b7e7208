// Seeds 002 and 003: every snippet, the Python line it mirrors above what
// SwiftJAX prints, which is what JAX 0.10.2 prints (DemoTests compares it
// with Tests/Fixtures/demos/patterns.txt, made by scripts/demos/patterns_twin.py).
//
//   swift run -c release patterns

import ArgumentParser
import Examples

@main
struct Patterns: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Seeds 002/003: .at updates, vmap, scan, PRNG keys, jit, grad, printed as JAX prints them.")

  func run() throws {
    print(patternsTranscript(), terminator: "")
  }
}
