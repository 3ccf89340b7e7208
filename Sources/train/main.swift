import Foundation

// `swift run -c release train [epochs] [--model mlp|cnn]`: an MLP (default)
// or a small CNN on scikit-learn's digits.
var args = Array(CommandLine.arguments.dropFirst())
var kind = ModelKind.mlp
if let i = args.firstIndex(of: "--model") {
  guard i + 1 < args.count, let k = ModelKind(rawValue: args[i + 1]) else {
    print("train: --model takes one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
    exit(2)
  }
  kind = k
  args.removeSubrange(i...i + 1)
}
let epochs = args.first.flatMap { Int($0) } ?? (kind == .cnn ? 15 : 30)
let checkpoint = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjax-digits-\(kind.rawValue).safetensors")
let target: Float = kind == .cnn ? 0.98 : 0.97
do {
  let result = try TrainDemo.run(model: kind, epochs: epochs, checkpoint: checkpoint)
  if result.testAccuracy < target {
    print(String(format: "warning: test accuracy %.2f%% is below %.0f%%", 100 * result.testAccuracy, 100 * target))
  }
} catch {
  print("train: \(error)")
  exit(1)
}
