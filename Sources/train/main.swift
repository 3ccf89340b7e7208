import Foundation

// `swift run -c release train [epochs]`: an MLP on scikit-learn's digits.
let epochs = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 30
let checkpoint = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjax-digits-mlp.safetensors")
do {
  let result = try TrainDemo.run(epochs: epochs, checkpoint: checkpoint)
  if result.testAccuracy < 0.97 { print(String(format: "warning: test accuracy %.2f%% is below 97%%", 100 * result.testAccuracy)) }
} catch {
  print("train: \(error)")
  exit(1)
}
