// A 128-bit content hash for cache keys and file checksums (two
// independent FNV-1a 64 lanes; no crypto dependency on Linux).

struct ContentHash {
  private var a: UInt64 = 0xcbf2_9ce4_8422_2325
  private var b: UInt64 = 0x8422_2325_cbf2_9ce4 ^ 0x9e37_79b9_7f4a_7c15

  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    for x in bytes {
      a = (a ^ UInt64(x)) &* 0x0000_0100_0000_01b3
      b = (b ^ UInt64(x)) &* 0x0000_0100_0000_01b3
      b = b ^ (b >> 29)
    }
  }

  mutating func update(_ s: String) {
    var s = s
    s.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    update([UInt8(0)].withUnsafeBytes { $0 })
  }

  mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

  var low64: UInt64 { a }

  var hex: String {
    func h(_ x: UInt64) -> String {
      let s = String(x, radix: 16)
      return String(repeating: "0", count: 16 - s.count) + s
    }
    return h(a) + h(b)
  }
}
