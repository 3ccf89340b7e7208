import Foundation
import Testing

// The one test that imports an executable: the digits demo must keep
// working (data file present, train step compiling, checkpoint round trip).
@testable import train

@Suite("train demo")
struct TrainDemoTests {
  @Test func aFewEpochsLearnTheDigits() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjax-digits-\(UUID().uuidString).safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    var lines: [String] = []
    let r = try TrainDemo.run(epochs: 3, checkpoint: url, log: { lines.append($0) })
    #expect(r.losses.count == 3 && r.losses[2] < r.losses[0], "losses \(r.losses)")
    #expect(r.testAccuracy > 0.85, "test accuracy \(r.testAccuracy) after 3 epochs")
    #expect(r.restoredAccuracy == r.testAccuracy)
    #expect(lines.filter { $0.hasPrefix("epoch") }.count == 3)
  }

  @Test func theCNNTrainsToo() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjax-digits-cnn-\(UUID().uuidString).safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    let r = try TrainDemo.run(model: .cnn, epochs: 2, checkpoint: url, log: { _ in })
    #expect(r.losses.count == 2 && r.losses[1] < r.losses[0], "losses \(r.losses)")
    #expect(r.testAccuracy > 0.8, "CNN test accuracy \(r.testAccuracy) after 2 epochs")
    #expect(r.restoredAccuracy == r.testAccuracy)
  }

  @Test func theCurvesAreDrawn() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjax-train-plot-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = TrainResult(losses: [2.1, 0.9, 0.4], accuracies: [0.5, 0.8, 0.9], testAccuracy: 0.9, restoredAccuracy: 0.9)
    let paths = try drawCurves(r, model: .mlp, directory: dir.path)
    #expect(paths.map { ($0 as NSString).lastPathComponent } == ["train_mlp.png", "train_mlp.svg"])
    let png = try Data(contentsOf: URL(fileURLWithPath: paths[0]))
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    let svg = try String(contentsOfFile: paths[1], encoding: .utf8)
    #expect(svg.contains("<svg") && svg.contains("test accuracy"))
  }
}
