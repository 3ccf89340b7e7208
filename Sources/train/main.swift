import Foundation
import SwiftJAX

// `swift run -c release train [--data-parallel] [epochs]`: an MLP on
// scikit-learn's digits. With --data-parallel, run under MPI
// (`mpirun -np 2 .build/release/train --data-parallel`): each process takes
// its share of every batch and the gradients are averaged with pmean.
var arguments = Array(CommandLine.arguments.dropFirst())
let dataParallel = arguments.contains("--data-parallel")
arguments.removeAll { $0 == "--data-parallel" }
let epochs = arguments.first.flatMap { Int($0) } ?? 30
let checkpoint = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjax-digits-mlp.safetensors")
do {
  let result = try TrainDemo.run(epochs: epochs, checkpoint: checkpoint, dataParallel: dataParallel)
  if result.testAccuracy < 0.97 && (!dataParallel || Distributed.processIndex == 0) {
    print(String(format: "warning: test accuracy %.2f%% is below 97%%", 100 * result.testAccuracy))
  }
} catch {
  print("train: \(error)")
  exit(1)
}
if dataParallel { Distributed.shutdown() }
