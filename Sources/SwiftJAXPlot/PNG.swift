// A PNG encoder with no system dependency: zlib stream with fixed-Huffman
// deflate (LZ77 with a hash chain), CRC32 per chunk, Adler32 over the image.
// Plots are mostly flat colour, so fixed Huffman codes with back-references
// already shrink them 20-50x; dynamic Huffman is not worth the code.

/// Encodes 8-bit RGB pixels (row-major, 3 bytes per pixel) as a PNG file.
///
/// ```swift
/// print(Array(encodePNG(width: 2, height: 1, rgb: [255, 0, 0, 0, 0, 255])[8..<33]))
/// // [0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0, 123, 64, 232, 221]
/// ```
public func encodePNG(width: Int, height: Int, rgb: [UInt8]) -> [UInt8] {
  precondition(rgb.count == width * height * 3, "encodePNG: \(rgb.count) bytes for \(width)x\(height) RGB")
  var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
  var ihdr: [UInt8] = []
  ihdr += bigEndian32(UInt32(width)) + bigEndian32(UInt32(height))
  ihdr += [8, 2, 0, 0, 0]  // 8 bits, truecolour, deflate, adaptive filters, no interlace
  appendChunk(&out, "IHDR", ihdr)
  appendChunk(&out, "IDAT", zlibCompress(filterRows(width: width, height: height, rgb: rgb)))
  appendChunk(&out, "IEND", [])
  return out
}

/// The Paeth predictor (PNG spec 9.4): whichever neighbour is nearest a + b - c.
func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
  let p = Int(a) + Int(b) - Int(c)
  let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
  if pa <= pb && pa <= pc { return a }
  return pb <= pc ? b : c
}

/// Picks per row the PNG filter (None, Sub, Up, Average, Paeth) with the smallest sum of
/// absolute residuals, the usual heuristic.
func filterRows(width: Int, height: Int, rgb: [UInt8]) -> [UInt8] {
  let stride = width * 3
  var out: [UInt8] = []
  out.reserveCapacity((stride + 1) * height)
  var candidate = [UInt8](repeating: 0, count: stride)
  for y in 0..<height {
    let row = y * stride
    var best: (filter: UInt8, cost: Int, bytes: [UInt8]) = (0, Int.max, [])
    for filter: UInt8 in 0...4 {
      var cost = 0
      for i in 0..<stride {
        let raw = rgb[row + i]
        let a = i >= 3 ? rgb[row + i - 3] : 0, b = y > 0 ? rgb[row - stride + i] : 0
        let c = i >= 3 && y > 0 ? rgb[row - stride + i - 3] : 0
        let pred: UInt8
        switch filter {
        case 1: pred = a
        case 2: pred = b
        case 3: pred = UInt8((Int(a) + Int(b)) / 2)
        case 4: pred = paeth(a, b, c)
        default: pred = 0
        }
        let v = raw &- pred
        candidate[i] = v
        cost += Int(Int8(bitPattern: v).magnitude)
      }
      if cost < best.cost { best = (filter, cost, candidate) }
    }
    out.append(best.filter)
    out += best.bytes
  }
  return out
}

func bigEndian32(_ v: UInt32) -> [UInt8] {
  [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
}

func appendChunk(_ out: inout [UInt8], _ type: String, _ data: [UInt8]) {
  let typeBytes = Array(type.utf8)
  out += bigEndian32(UInt32(data.count))
  out += typeBytes
  out += data
  out += bigEndian32(crc32(typeBytes + data))
}

let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
  var c = UInt32(n)
  for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
  return c
}

/// CRC-32 (ISO 3309, as PNG uses it).
///
/// ```swift
/// crc32(Array("IEND".utf8))  // 2923585666
/// ```
public func crc32(_ bytes: [UInt8]) -> UInt32 {
  var c: UInt32 = 0xFFFF_FFFF
  for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
  return c ^ 0xFFFF_FFFF
}

/// Adler-32 (RFC 1950), zlib's checksum.
///
/// ```swift
/// adler32(Array("Wikipedia".utf8))  // 300286872
/// ```
public func adler32(_ bytes: [UInt8]) -> UInt32 {
  var a: UInt32 = 1, b: UInt32 = 0
  var i = 0
  while i < bytes.count {
    let end = min(i + 5552, bytes.count)  // largest run without overflow before the modulo
    while i < end { a += UInt32(bytes[i]); b += a; i += 1 }
    a %= 65521; b %= 65521
  }
  return (b << 16) | a
}

/// LSB-first bit writer, as deflate packs its bits.
struct BitWriter {
  var bytes: [UInt8] = []
  var acc: UInt64 = 0
  var count = 0
  mutating func write(_ value: UInt32, _ bits: Int) {
    acc |= UInt64(value) << UInt64(count)
    count += bits
    while count >= 8 { bytes.append(UInt8(acc & 0xFF)); acc >>= 8; count -= 8 }
  }
  /// Huffman codes are sent most significant bit first.
  mutating func writeCode(_ code: UInt32, _ bits: Int) {
    var reversed: UInt32 = 0
    for i in 0..<bits where (code >> UInt32(i)) & 1 != 0 { reversed |= 1 << UInt32(bits - 1 - i) }
    write(reversed, bits)
  }
  mutating func flush() { if count > 0 { bytes.append(UInt8(acc & 0xFF)); acc = 0; count = 0 } }
}

let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
let distBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
let distExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

extension BitWriter {
  /// A literal/length symbol in the fixed Huffman code (RFC 1951 3.2.6).
  mutating func fixedSymbol(_ s: Int) {
    switch s {
    case 0...143: writeCode(UInt32(0x30 + s), 8)
    case 144...255: writeCode(UInt32(0x190 + s - 144), 9)
    case 256...279: writeCode(UInt32(s - 256), 7)
    default: writeCode(UInt32(0xC0 + s - 280), 8)
    }
  }
  mutating func match(length: Int, distance: Int) {
    var li = lengthBase.count - 1
    while lengthBase[li] > length { li -= 1 }
    fixedSymbol(257 + li)
    if lengthExtra[li] > 0 { write(UInt32(length - lengthBase[li]), lengthExtra[li]) }
    var di = distBase.count - 1
    while distBase[di] > distance { di -= 1 }
    writeCode(UInt32(di), 5)
    if distExtra[di] > 0 { write(UInt32(distance - distBase[di]), distExtra[di]) }
  }
}

/// A zlib stream (RFC 1950) of one fixed-Huffman deflate block with greedy
/// LZ77 matching over a 32 KiB window.
///
/// ```swift
/// Array(zlibCompress(Array("abc abc abc".utf8)).suffix(4))  // [22, 49, 3, 179]
/// ```
public func zlibCompress(_ data: [UInt8]) -> [UInt8] {
  var w = BitWriter()
  w.write(1, 1)  // BFINAL
  w.write(1, 2)  // BTYPE = fixed Huffman
  let hashSize = 1 << 15
  var head = [Int](repeating: -1, count: hashSize)
  var prev = [Int](repeating: -1, count: data.count)
  func hash(_ i: Int) -> Int {
    (Int(data[i]) << 10 ^ Int(data[i + 1]) << 5 ^ Int(data[i + 2])) & (hashSize - 1)
  }
  func insert(_ i: Int) {
    guard i + 2 < data.count else { return }
    let h = hash(i)
    prev[i] = head[h]
    head[h] = i
  }
  var i = 0
  while i < data.count {
    var bestLen = 0, bestDist = 0
    if i + 2 < data.count {
      var cand = head[hash(i)]
      var chain = 128  // bounded search keeps encoding fast
      let maxLen = min(258, data.count - i)
      while cand >= 0 && i - cand <= 32768 && chain > 0 {
        var l = 0
        while l < maxLen && data[cand + l] == data[i + l] { l += 1 }
        if l > bestLen { bestLen = l; bestDist = i - cand; if l == maxLen { break } }
        cand = prev[cand]
        chain -= 1
      }
    }
    if bestLen >= 3 {
      w.match(length: bestLen, distance: bestDist)
      for k in i..<(i + bestLen) { insert(k) }
      i += bestLen
    } else {
      w.fixedSymbol(Int(data[i]))
      insert(i)
      i += 1
    }
  }
  w.fixedSymbol(256)
  w.flush()
  return [0x78, 0x01] + w.bytes + bigEndian32(adler32(data))
}
