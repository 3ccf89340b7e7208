import Foundation
import SwiftJAX

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A checkpoint error: what went wrong, naming the file and the first
/// offending tensor.
///
/// ```swift
/// let missing = URL(fileURLWithPath: "/nonexistent/params.safetensors")
/// (try? Checkpoint.loadAll(missing)) == nil  // true
/// ```
public struct CheckpointError: Error, CustomStringConvertible, Equatable {
  /// What went wrong.
  ///
  /// ```swift
  /// let missing = URL(fileURLWithPath: "/nonexistent/params.safetensors")
  /// var kind: CheckpointError.Kind? = nil
  /// do { _ = try Checkpoint.loadAll(missing) } catch let e as CheckpointError { kind = e.kind } catch {}
  /// kind!  // io
  /// ```
  public enum Kind: String, Sendable {
    /// The file could not be read or written.
    case io
    /// The file is not a well-formed safetensors file (truncated, bad header, bad offsets).
    case corrupt
    /// The file is well formed but does not match the target structure.
    case mismatch
    /// The tree holds something that cannot be saved (a tracer, an invalid tensor).
    case unsupported
  }
  /// What went wrong.
  public let kind: Kind
  /// The details: the file and the first offending tensor.
  public let message: String
  /// `checkpoint <kind> error: <message>`.
  public var description: String { "checkpoint \(kind.rawValue) error: \(message)" }
}

/// Saving and loading pytrees in the safetensors format
/// (https://github.com/huggingface/safetensors): an 8-byte little-endian
/// header length, a JSON header mapping each tensor name to its dtype,
/// shape and byte range, then the raw row-major data. Tensor names are
/// pytree paths (`['w']`, `.layers[0].bias`, `.inner[0].slots['mu'].w`),
/// so Python reads the file with `safetensors.numpy.load_file`.
///
/// ```swift
/// try Checkpoint.save(Tuple2Tree(params, optState), to: url)
/// let restored = try Checkpoint.load(url, like: Tuple2Tree(params, optState))
/// ```
public enum Checkpoint {
  /// The name of a leaf: its pytree path (`root` for a bare tensor).
  static func names(_ def: TreeDef) -> [String] { def.leafPaths().map { $0.isEmpty ? "root" : $0 } }

  static let dtypeCodes: [DType: String] = [
    .bool: "BOOL", .int8: "I8", .int16: "I16", .int32: "I32", .int64: "I64", .uint8: "U8", .uint16: "U16",
    .uint32: "U32", .uint64: "U64", .float16: "F16", .float32: "F32", .float64: "F64", .bfloat16: "BF16",
  ]

  /// Writes `tree` to `url` atomically: the bytes go to a temporary file in
  /// the same directory, are flushed, and the file is renamed over `url`,
  /// so readers see the old checkpoint or the new one, never a mix.
  /// `metadata` goes in the header's `__metadata__` (string to string).
  ///
  /// ```swift
  /// let url = FileManager.default.temporaryDirectory.appendingPathComponent("doc-\(UUID()).safetensors")
  /// try Checkpoint.save(["w": jnp.array([1.0, 2.0])], to: url, metadata: ["step": "3"])
  /// try Checkpoint.load(url, like: ["w": jnp.zeros([2])])["w"]!  // [1. 2.]
  /// ```
  public static func save<T: PyTree>(_ tree: T, to url: URL, metadata: [String: String] = [:]) throws {
    let bytes = try serialize(tree, metadata: metadata)
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: tmp.path, contents: nil), let handle = try? FileHandle(forWritingTo: tmp) else {
      throw CheckpointError(kind: .io, message: "cannot create \(tmp.path)")
    }
    do {
      try handle.write(contentsOf: bytes)
      try handle.synchronize()
      try handle.close()
    } catch {
      try? FileManager.default.removeItem(at: tmp)
      throw CheckpointError(kind: .io, message: "writing \(tmp.path): \(error)")
    }
    if rename(tmp.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: tmp)
      throw CheckpointError(kind: .io, message: "renaming \(tmp.path) to \(url.path): \(reason)")
    }
  }

  /// The safetensors bytes of `tree` (what ``save(_:to:metadata:)`` writes).
  public static func serialize<T: PyTree>(_ tree: T, metadata: [String: String] = [:]) throws -> Data {
    let (leaves, def) = treeFlatten(tree)
    let keys = names(def)
    if let dup = Dictionary(grouping: keys, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
      throw CheckpointError(kind: .unsupported, message: "two leaves share the name \(dup)")
    }
    var header: [String: Any] = metadata.isEmpty ? [:] : ["__metadata__": metadata]
    var body = Data()
    for (name, leaf) in zip(keys, leaves) {
      guard let code = dtypeCodes[leaf.dtype], let raw = leaf.withRawBytes({ Data($0) }) else {
        throw CheckpointError(kind: .unsupported, message: "\(name) is not a concrete array (a tracer or an invalid tensor cannot be saved)")
      }
      header[name] = ["dtype": code, "shape": leaf.shape, "data_offsets": [body.count, body.count + raw.count]]
      body.append(raw)
    }
    var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
    // Pad the header with spaces to a multiple of 8 (as the reference
    // writer does) so the data that follows is aligned.
    while json.count % 8 != 0 { json.append(0x20) }
    var out = Data()
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
    out.append(json)
    out.append(body)
    return out
  }

  /// Loads `url` into the structure of `template`, strictly: every leaf's
  /// name must be in the file with the template leaf's dtype and shape, and
  /// the file may hold nothing else. The first mismatch is an error naming
  /// the tensor; nothing is returned unless everything matched.
  ///
  /// ```swift
  /// let url = FileManager.default.temporaryDirectory.appendingPathComponent("doc-\(UUID()).safetensors")
  /// try Checkpoint.save(["w": jnp.array([1.0, 2.0]), "b": jnp.array([0.5])], to: url)
  /// try Checkpoint.load(url, like: ["w": jnp.zeros([2]), "b": jnp.zeros([1])])["w"]!  // [1. 2.]
  /// ```
  public static func load<T: PyTree>(_ url: URL, like template: T) throws -> T {
    guard let data = try? Data(contentsOf: url) else { throw CheckpointError(kind: .io, message: "cannot read \(url.path)") }
    do {
      return try deserialize(data, like: template)
    } catch let e as CheckpointError {
      throw CheckpointError(kind: e.kind, message: "\(url.path): \(e.message)")
    }
  }

  /// Every tensor in `url` by name, with the file's dtypes and shapes.
  ///
  /// ```swift
  /// let url = FileManager.default.temporaryDirectory.appendingPathComponent("doc-\(UUID()).safetensors")
  /// try Checkpoint.save(["step": jnp.array([3], dtype: .int32)], to: url)
  /// try Checkpoint.loadAll(url).values.first!  // [3]
  /// ```
  public static func loadAll(_ url: URL) throws -> [String: Tensor] {
    guard let data = try? Data(contentsOf: url) else { throw CheckpointError(kind: .io, message: "cannot read \(url.path)") }
    let (entries, body) = try parse(data)
    return try entries.mapValues { try tensor($0, body) }
  }

  /// ``load(_:like:)`` from bytes in memory.
  public static func deserialize<T: PyTree>(_ data: Data, like template: T) throws -> T {
    let (entries, body) = try parse(data)
    let (leaves, def) = treeFlatten(template)
    let keys = names(def)
    var out: [Tensor] = []
    for (name, leaf) in zip(keys, leaves) {
      guard let e = entries[name] else {
        throw CheckpointError(kind: .mismatch, message: "tensor \(name) (\(leaf.dtype)\(shapeString(leaf.shape))) is missing from the file")
      }
      if e.dtype != leaf.dtype || e.shape != leaf.shape {
        throw CheckpointError(
          kind: .mismatch, message: "tensor \(name) is \(e.dtype)\(shapeString(e.shape)) in the file but \(leaf.dtype)\(shapeString(leaf.shape)) in the target")
      }
      out.append(try tensor(e, body))
    }
    if let extra = Set(entries.keys).subtracting(keys).sorted().first {
      throw CheckpointError(kind: .mismatch, message: "the file has a tensor \(extra) that the target structure does not have")
    }
    return treeUnflatten(def, out)
  }

  struct Entry {
    let dtype: DType
    let shape: [Int]
    let range: Range<Int>
  }

  static func shapeString(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }

  /// Parses and validates the header: every entry's dtype, shape and
  /// offsets, which must tile the data section exactly.
  static func parse(_ data: Data) throws -> ([String: Entry], Data) {
    func corrupt(_ m: String) -> CheckpointError { CheckpointError(kind: .corrupt, message: m) }
    guard data.count >= 8 else { throw corrupt("file is \(data.count) bytes, too short for a safetensors header") }
    let n = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    guard n <= UInt64(data.count - 8) else { throw corrupt("header length \(n) exceeds the file size \(data.count) (truncated file?)") }
    let headerData = data.subdata(in: 8..<(8 + Int(n)))
    guard let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any] else {
      throw corrupt("the header is not a JSON object")
    }
    let body = data.subdata(in: (8 + Int(n))..<data.count)
    var entries: [String: Entry] = [:]
    for (name, value) in header where name != "__metadata__" {
      guard let v = value as? [String: Any], let code = v["dtype"] as? String, let shape = v["shape"] as? [Int],
        let offsets = v["data_offsets"] as? [Int], offsets.count == 2
      else { throw corrupt("header entry \(name) lacks dtype, shape or data_offsets") }
      guard let dtype = dtypeCodes.first(where: { $0.value == code })?.key else { throw corrupt("tensor \(name) has unsupported dtype \(code)") }
      let expected = shape.reduce(dtype.byteSize, *)
      guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[1] - offsets[0] == expected else {
        throw corrupt("tensor \(name): data_offsets \(offsets) do not hold \(code)\(shapeString(shape)) (\(expected) bytes)")
      }
      entries[name] = Entry(dtype: dtype, shape: shape, range: offsets[0]..<offsets[1])
    }
    // The byte ranges must tile the data section: no gaps, no overlap,
    // nothing past the end (a truncated file fails here).
    var end = 0
    for e in entries.values.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
      guard e.range.lowerBound == end else { throw corrupt("tensor data ranges overlap or leave a gap at byte \(end)") }
      end = e.range.upperBound
    }
    guard end == body.count else { throw corrupt("the tensors need \(end) bytes of data but the file has \(body.count) (truncated file?)") }
    return (entries, body)
  }

  static func tensor(_ e: Entry, _ body: Data) throws -> Tensor {
    let t = body.subdata(in: e.range).withUnsafeBytes { Tensor(rawBytes: $0, shape: e.shape, dtype: e.dtype) }
    guard let t else { throw CheckpointError(kind: .corrupt, message: "cannot build a \(e.dtype) tensor of shape \(shapeString(e.shape))") }
    return t
  }
}
