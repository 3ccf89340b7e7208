import Foundation
import SwiftJAX
import SwiftJAXOptim
import Testing

/// Safetensors checkpoints: interoperability with Python's `safetensors`
/// (Tests/Fixtures/checkpoint_*.safetensors, scripts/fixtures/gen_checkpoint.py),
/// strict loading, corrupt files and atomic writes.

@PyTree struct SmallModel {
  var w: Tensor
  var b: Tensor
  var flags: Tensor
  var half: Tensor
}

let fixturesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fixtures")

/// The model whose checkpoint Python verifies (values fixed in gen_checkpoint.py).
func smallModel() -> SmallModel {
  SmallModel(
    w: (Tensor((0..<6).map { Float($0) }, shape: [2, 3]) - 2) / 8, b: Tensor([1, -2] as [Int32]),
    flags: Tensor([true, false]), half: Tensor([1.5, -0.25] as [Float16]))
}

func zeros(_ shape: [Int], _ dtype: DType) -> Tensor {
  let bytes = [UInt8](repeating: 0, count: shape.reduce(dtype.byteSize, *))
  return bytes.withUnsafeBytes { Tensor(rawBytes: $0, shape: shape, dtype: dtype)! }
}

func temporaryDirectory() -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftjax-ckpt-\(UUID().uuidString)")
  try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir
}

func expectCheckpointError(_ kind: CheckpointError.Kind, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
  do {
    try body()
    Issue.record("expected a \(kind) checkpoint error", sourceLocation: sourceLocation)
  } catch let e as CheckpointError {
    #expect(e.kind == kind, "\(e)", sourceLocation: sourceLocation)
    #expect(e.description.contains(text), "\(e) does not mention \(text)", sourceLocation: sourceLocation)
  } catch {
    Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
  }
}

@Suite("Checkpoints")
struct CheckpointTests {
  typealias Nested = [String: [String: Tensor]]

  static let pythonTemplate: Nested = [
    "params": ["w": zeros([3, 4], .float32), "b": zeros([3], .float32)],
    "extra": [
      "layer0": zeros([2, 2], .int32), "layer1": zeros([1], .uint8), "step": zeros([], .int64),
      "mask": zeros([3], .bool), "half": zeros([3], .float16), "wide": zeros([2], .float64),
    ],
  ]

  @Test func loadsAFileWrittenByPython() throws {
    let t = try Checkpoint.load(fixturesDir.appendingPathComponent("checkpoint_python.safetensors"), like: Self.pythonTemplate)
    #expect(t["params"]!["w"]!.toArray(Float.self) == (0..<12).map { (Float($0) - 5.5) / 4 })
    #expect(t["params"]!["b"]!.toArray(Float.self) == [0.25, -1.5, 3.0])
    #expect(t["extra"]!["layer0"]!.toArray(Int32.self) == [1, -2, 3, 4])
    #expect(t["extra"]!["layer1"]!.toArray(UInt8.self) == [7])
    #expect(t["extra"]!["step"]!.toArray(Int64.self) == [42] && t["extra"]!["step"]!.shape == [])
    #expect(t["extra"]!["mask"]!.toArray(Bool.self) == [true, false, true])
    #expect(t["extra"]!["half"]!.toArray(Float.self) == [0.5, -2, 65504])
    #expect(t["extra"]!["wide"]!.toArray(Double.self) == [Double.pi, -1e300])
  }

  /// The committed Swift-written file (verified by gen_checkpoint.py with
  /// Python's safetensors) is byte for byte what `serialize` writes now.
  /// With SWIFTJAX_WRITE_FIXTURES=1 the test rewrites it instead.
  @Test func swiftWrittenFileForPython() throws {
    let url = fixturesDir.appendingPathComponent("checkpoint_swift.safetensors")
    if ProcessInfo.processInfo.environment["SWIFTJAX_WRITE_FIXTURES"] == "1" {
      try Checkpoint.save(smallModel(), to: url)
    }
    let committed = try Data(contentsOf: url)
    #expect(committed == (try Checkpoint.serialize(smallModel())))
    let back = try Checkpoint.load(url, like: smallModel())
    #expect(back.w.toArray(Float.self) == smallModel().w.toArray(Float.self))
  }

  @Test func roundTripsParametersAndOptimiserState() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let opt = Optim.adam(learningRate: 1e-3)
    var params = smallModel()
    params.flags = jnp.ones([2])
    var state = opt.initialize(["w": params.w])
    (_, state) = opt.update(["w": params.w], state, params: ["w": params.w])
    let tree = Tuple2Tree(params, state)
    let url = dir.appendingPathComponent("ckpt.safetensors")
    try Checkpoint.save(tree, to: url, metadata: ["step": "1"])
    let back = try Checkpoint.load(url, like: tree)
    for (a, b) in zip(treeLeaves(back), treeLeaves(tree)) {
      #expect(a.dtype == b.dtype && a.shape == b.shape && a.withRawBytes({ Data($0) }) == b.withRawBytes({ Data($0) }))
    }
    let names = try Checkpoint.loadAll(url).keys.sorted()
    #expect(names.contains("[1].inner[0].slots['mu']['w']") && names.contains("[0].w"))
    // No temporary file is left next to the checkpoint.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["ckpt.safetensors"])
  }

  @Test func strictLoadNamesTheFirstMismatch() throws {
    let url = fixturesDir.appendingPathComponent("checkpoint_python.safetensors")
    var wrongShape = Self.pythonTemplate
    wrongShape["params"]!["w"] = zeros([4, 3], .float32)
    expectCheckpointError(.mismatch, mentioning: "['params']['w'] is float32[3, 4] in the file but float32[4, 3]") {
      _ = try Checkpoint.load(url, like: wrongShape)
    }
    var wrongDType = Self.pythonTemplate
    wrongDType["extra"]!["step"] = zeros([], .int32)
    expectCheckpointError(.mismatch, mentioning: "['extra']['step'] is int64[] in the file but int32[]") {
      _ = try Checkpoint.load(url, like: wrongDType)
    }
    var missing = Self.pythonTemplate
    missing["params"]!["gamma"] = zeros([3], .float32)
    expectCheckpointError(.mismatch, mentioning: "['params']['gamma'] (float32[3]) is missing") {
      _ = try Checkpoint.load(url, like: missing)
    }
    var extra = Self.pythonTemplate
    extra["extra"]!["wide"] = nil
    expectCheckpointError(.mismatch, mentioning: "the file has a tensor ['extra']['wide']") {
      _ = try Checkpoint.load(url, like: extra)
    }
  }

  @Test func truncatedAndCorruptFilesAreClearErrors() throws {
    let good = try Checkpoint.serialize(smallModel())
    let template = smallModel()
    expectCheckpointError(.corrupt, mentioning: "truncated") { _ = try Checkpoint.deserialize(good.prefix(good.count - 3), like: template) }
    expectCheckpointError(.corrupt, mentioning: "header length") { _ = try Checkpoint.deserialize(good.prefix(20), like: template) }
    expectCheckpointError(.corrupt, mentioning: "too short") { _ = try Checkpoint.deserialize(Data([1, 2]), like: template) }
    var badJSON = good
    badJSON[8] = UInt8(ascii: "x")
    expectCheckpointError(.corrupt, mentioning: "not a JSON object") { _ = try Checkpoint.deserialize(badJSON, like: template) }
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    expectCheckpointError(.io, mentioning: "cannot read") { _ = try Checkpoint.load(dir.appendingPathComponent("none"), like: template) }
  }

  @Test func aFailedSaveLeavesTheOldCheckpoint() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("model.safetensors")
    try Checkpoint.save(smallModel(), to: url)
    let before = try Data(contentsOf: url)
    var bad = smallModel()
    try? JAXError.capture { bad.b = jnp.ones([2]) + jnp.ones([3]) }   // an invalid tensor
    expectCheckpointError(.unsupported, mentioning: ".b is not a concrete array") { try Checkpoint.save(bad, to: url) }
    #expect(try Data(contentsOf: url) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model.safetensors"])
  }
}
