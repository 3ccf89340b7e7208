import Foundation
import SwiftJAX
import SwiftJAXNN
import SwiftJAXOptim

/// The scikit-learn digits dataset (1797 8×8 images, Data/digits): pixels
/// scaled to [0, 1], float32 `[n, 64]`, labels int32 `[n]`.
struct Digits {
  var images: [Float]
  var labels: [Int32]
  var count: Int { labels.count }

  /// Reads `Data/digits/digits.u8` (65 bytes per example: 64 pixels in
  /// 0...16, then the label), written by scripts/data/extract_digits.py.
  static func load(from url: URL) throws -> Digits {
    let bytes = [UInt8](try Data(contentsOf: url))
    guard bytes.count == 1797 * 65 else {
      throw NSError(domain: "train", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(url.path): expected 1797×65 bytes, got \(bytes.count)"])
    }
    var d = Digits(images: [], labels: [])
    for row in stride(from: 0, to: bytes.count, by: 65) {
      d.images += bytes[row..<row + 64].map { Float($0) / 16 }
      d.labels.append(Int32(bytes[row + 64]))
    }
    return d
  }

  /// The dataset file: next to the package sources (found from this file's
  /// path) or under the current directory.
  static var defaultURL: URL {
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Data/digits/digits.u8")
    return FileManager.default.fileExists(atPath: repo.path) ? repo : URL(fileURLWithPath: "Data/digits/digits.u8")
  }

  /// The examples at `indices`, as tensors.
  func subset(_ indices: [Int]) -> (x: Tensor, y: Tensor) {
    var xs: [Float] = []
    xs.reserveCapacity(indices.count * 64)
    for i in indices { xs += images[i * 64..<(i + 1) * 64] }
    return (Tensor(xs, shape: [indices.count, 64]), Tensor(indices.map { labels[$0] }, shape: [indices.count]))
  }
}

/// SplitMix64: a small deterministic generator for the split and shuffles.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// What a run reports.
struct TrainResult {
  var losses: [Float]
  /// Test accuracy after each epoch.
  var accuracies: [Float] = []
  var testAccuracy: Float
  var restoredAccuracy: Float
}

/// Which model the demo trains.
enum ModelKind: String, CaseIterable {
  /// 64-256-128-10 ReLU MLP on the flattened pixels.
  case mlp
  /// Two 3×3 conv layers (32 and 64 channels, ReLU, 2×2 max-pooling),
  /// then a dense layer, on the 8×8×1 images.
  case cnn

  var layer: any Layer {
    switch self {
    case .mlp:
      return MLP([64, 256, 128, 10])
    case .cnn:
      return Sequential(
        Lambda { jnp.reshape($0, [$0.shape[0], 8, 8, 1]) },
        Conv(32, kernelSize: [3, 3]), Lambda { nn.relu($0) }, MaxPool(windowShape: [2, 2], strides: [2, 2]),
        Conv(64, kernelSize: [3, 3]), Lambda { nn.relu($0) }, MaxPool(windowShape: [2, 2], strides: [2, 2]),
        Lambda { jnp.reshape($0, [$0.shape[0], 2 * 2 * 64]) }, Dense(10))
    }
  }

  var summary: String {
    switch self {
    case .mlp: "MLP 64-256-128-10"
    case .cnn: "CNN conv3x3(32)-pool-conv3x3(64)-pool-dense(10)"
    }
  }
}

/// An MLP or a small CNN on digits: 80/20 train/test split, Adam, a
/// jitted train step with `valueAndGrad`, one progress line per epoch, and
/// a checkpoint saved and reloaded at the end.
///
/// With `dataParallel`, the process joins a ``Distributed`` group (one
/// process per MPI rank; alone, a group of one): each process takes its
/// share of every batch and the jitted step averages the gradients with
/// `pmean`, so every process holds the parameters a one-process run on the
/// full batches computes (to float32 rounding).
enum TrainDemo {
  static func crossEntropy(_ logits: Tensor, _ labels: Tensor) -> Tensor {
    -jnp.mean(jnp.sum(nn.oneHot(labels, numClasses: 10) * nn.logSoftmax(logits), axis: -1))
  }

  static func accuracy(_ model: any Layer, _ params: Params, _ x: Tensor, _ y: Tensor) -> Float {
    jnp.mean(jnp.argmax(model.apply(params, x), axis: -1) == y).item(Float.self)
  }

  static func run(
    model kind: ModelKind = .mlp, epochs: Int, batchSize: Int = 64, learningRate: Double = 2e-3, checkpoint: URL,
    data: URL = Digits.defaultURL, dataParallel: Bool = false, log printLine: (String) -> Void = { print($0) }
  ) throws -> TrainResult {
    let group = dataParallel ? try Distributed.initialize() : nil
    let (rank, processes) = (group?.rank ?? 0, group?.size ?? 1)
    // Only the first process reports.
    func log(_ line: String) { if rank == 0 { printLine(line) } }
    guard batchSize % processes == 0 else {
      throw NSError(domain: "train", code: 2, userInfo: [NSLocalizedDescriptionKey: "batch size \(batchSize) is not divisible by \(processes) processes"])
    }
    if let group { log("data parallel: \(group), \(batchSize / processes) examples per process and batch") }
    let digits = try Digits.load(from: data)
    var rng = SplitMix64(state: 2026)
    let order = Array(0..<digits.count).shuffled(using: &rng)
    let nTest = digits.count / 5
    let trainIdx = Array(order.dropFirst(nTest)), test = digits.subset(Array(order.prefix(nTest)))
    log("digits: \(trainIdx.count) train, \(nTest) test; \(kind.summary), batch \(batchSize), Adam lr \(learningRate)")
    let model = kind.layer

    let opt = Optim.adam(learningRate: LearningRate(learningRate))
    var params = model.initialize(Random.PRNGKey(0), test.x)
    var state = opt.initialize(params)
    log("parameters: \(params.count)")
    // Data parallel: each process's gradient of its share's mean loss,
    // averaged over the processes, is the full batch's gradient.
    func average<T: PyTree>(_ t: T) -> T { group.map { Lax.pmean(t, axisName: $0.axisName) } ?? t }
    let step = jit { (p: Params, s: OptState, x: Tensor, y: Tensor) in
      let (localLoss, localGrads) = valueAndGrad({ (p: Params) in crossEntropy(model.apply(p, x), y) })(p)
      let (loss, g) = (average(localLoss), average(localGrads))
      let (updates, newState) = opt.update(g, s, params: p)
      return (Optim.applyUpdates(p, updates), newState, loss)
    }
    var losses: [Float] = [], accuracies: [Float] = []
    for epoch in 1...epochs {
      let start = Date()
      let shuffled = trainIdx.shuffled(using: &rng)
      var total: Float = 0, batches = 0
      // Whole batches only, so the jitted step compiles once.
      for b in stride(from: 0, through: shuffled.count - batchSize, by: batchSize) {
        let share = batchSize / processes
        let (x, y) = digits.subset(Array(shuffled[(b + rank * share)..<(b + (rank + 1) * share)]))
        let (p, s, loss) = step(params, state, x, y)
        (params, state) = (p, s)
        total += loss.item(Float.self)
        batches += 1
      }
      losses.append(total / Float(batches))
      let seconds = Date().timeIntervalSince(start)
      accuracies.append(accuracy(model, params, test.x, test.y))
      log(String(format: "epoch %3d  loss %.4f  test accuracy %.2f%%  %.3f s", epoch, losses.last!, 100 * accuracies.last!, seconds))
    }
    let testAccuracy = accuracy(model, params, test.x, test.y)
    let checksum = treeFlatten(params).0.reduce(0.0) { $0 + Double(jnp.sum(jnp.abs($1)).item(Float.self)) }
    log(String(format: "parameter checksum (sum of |p|): %.7e", checksum))
    // Every process saves its own copy (concurrent writers of one file would race).
    let checkpoint = processes == 1 ? checkpoint : checkpoint.appendingPathExtension("rank\(rank)")
    try Checkpoint.save(Tuple2Tree(params, state), to: checkpoint, metadata: ["model": kind.summary])
    let (restored, _) = try Checkpoint.load(checkpoint, like: Tuple2Tree(params, state)).tuple
    let restoredAccuracy = accuracy(model, restored, test.x, test.y)
    log(String(format: "checkpoint %@ reloaded: test accuracy %.2f%%", checkpoint.path, 100 * restoredAccuracy))
    return TrainResult(losses: losses, accuracies: accuracies, testAccuracy: testAccuracy, restoredAccuracy: restoredAccuracy)
  }
}
