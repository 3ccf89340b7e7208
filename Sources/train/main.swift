import Foundation
import SwiftJAX

// `swift run -c release train [epochs] [--model mlp|cnn] [--data-parallel]`:
// an MLP (default) or a small CNN on scikit-learn's digits. With
// --data-parallel, run under MPI (`mpirun -np 2 .build/release/train
// --data-parallel`): each process takes its share of every batch and the
// gradients are averaged with pmean.
var args = Array(CommandLine.arguments.dropFirst())
let dataParallel = args.contains("--data-parallel")
args.removeAll { $0 == "--data-parallel" }
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
  let result = try TrainDemo.run(model: kind, epochs: epochs, checkpoint: checkpoint, dataParallel: dataParallel)
  if result.testAccuracy < target && (!dataParallel || Distributed.processIndex == 0) {
    print(String(format: "warning: test accuracy %.2f%% is below %.0f%%", 100 * result.testAccuracy, 100 * target))
  }
} catch {
  print("train: \(error)")
  exit(1)
}
if dataParallel { Distributed.shutdown() }
