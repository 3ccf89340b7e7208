// The training demo of seed 004: an MLP (default) or a small CNN on
// scikit-learn's digits, with a jitted `valueAndGrad` + Adam step, a line
// per epoch, a checkpoint round trip and the loss/accuracy curves drawn.
//
//   swift run -c release train [--model mlp|cnn] [--epochs N] [--output demo-output]
//   mpirun -np 2 .build/release/train --data-parallel
//
// With --data-parallel each MPI process takes its share of every batch and
// the gradients are averaged with pmean inside the jitted step.

import ArgumentParser
import Foundation
import SwiftJAX
import SwiftJAXPlot

extension ModelKind: ExpressibleByArgument {}

@main
struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Seed 004: train an MLP or a CNN on the digits, Flax/Optax style.")

  @Option(help: "The model: mlp (64-256-128-10) or cnn (two 3×3 conv layers with max-pooling, then dense).")
  var model = ModelKind.mlp

  @Option(help: "Epochs (default: 30 for the MLP, 15 for the CNN).")
  var epochs: Int?

  @Flag(help: "Join an MPI process group (run under mpirun) and split every batch across the processes.")
  var dataParallel = false

  @Option(help: "Directory for the loss-curve images.")
  var output = "demo-output"

  func validate() throws {
    if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
  }

  func run() throws {
    let checkpoint = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjax-digits-\(model.rawValue).safetensors")
    let target: Float = model == .cnn ? 0.98 : 0.97
    let result = try TrainDemo.run(
      model: model, epochs: epochs ?? (model == .cnn ? 15 : 30), checkpoint: checkpoint, dataParallel: dataParallel)
    let isFirstProcess = !dataParallel || Distributed.processIndex == 0
    if isFirstProcess {
      if result.testAccuracy < target {
        print(String(format: "warning: test accuracy %.2f%% is below %.0f%%", 100 * result.testAccuracy, 100 * target))
      }
      let paths = try drawCurves(result, model: model, directory: output)
      print("\nImages:")
      for p in paths { print("  \(p)") }
    }
    if dataParallel { Distributed.shutdown() }
  }
}

/// The training loss and the test accuracy per epoch, side by side, as
/// `<directory>/train_<model>.png` and `.svg`; returns the paths.
func drawCurves(_ r: TrainResult, model: ModelKind, directory: String) throws -> [String] {
  try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  let epochs = (1...r.losses.count).map(Double.init)
  var loss = Chart(title: "\(model.summary): training loss", xLabel: "epoch", yLabel: "cross-entropy (mean over the epoch)")
  loss.yScale = .log
  loss.legend = .none
  loss.line(epochs, r.losses.map(Double.init), Style(label: "train loss"))
  var accuracy = Chart(title: "test accuracy", xLabel: "epoch", yLabel: "accuracy (%)")
  accuracy.legend = .none
  accuracy.line(epochs, r.accuracies.map { 100 * Double($0) }, Style(label: "test accuracy"))
  let figure = Figure([loss, accuracy], columns: 2)
  let base = (directory as NSString).appendingPathComponent("train_\(model.rawValue)")
  try figure.write(to: base + ".png")
  try figure.write(to: base + ".svg")
  return [base + ".png", base + ".svg"]
}
