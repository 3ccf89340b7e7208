// `jnp.block`: an array assembled from nested lists of blocks.

extension Numpy {
  /// A nested list of blocks for `jnp.block`: an array, or a
  /// list of nested lists (all of the same depth).
  ///
  /// ```swift
  /// let blocks: Numpy.Blocks = [[.array(jnp.ones([1, 2])), .array(jnp.zeros([1, 1]))]]
  /// jnp.block(blocks)  // [[1. 1. 0.]]
  /// ```
  public indirect enum Blocks: ExpressibleByArrayLiteral {
    /// One block.
    case array(Tensor)
    /// A list, concatenated along the axis its depth selects.
    case list([Blocks])

    /// `[a, b]` as a list of blocks.
    ///
    /// - Parameter elements: the nested blocks.
    public init(arrayLiteral elements: Blocks...) { self = .list(elements) }
  }

  /// `jnp.block`: assembles an array from nested lists of blocks. The
  /// innermost lists are concatenated along the last axis, the next level
  /// along the second-to-last, and so on; blocks of lower rank get leading
  /// axes of size 1 first.
  ///
  /// ```swift
  /// let m = jnp.block([[jnp.eye(2), jnp.zeros([2, 1])], [jnp.ones([1, 2]), jnp.ones([1, 1])]])   // [3, 3]
  /// ```
  ///
  /// - Parameters:
  ///   - blocks: rows of blocks.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func block(_ blocks: [[Tensor]], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    block(.list(blocks.map { .list($0.map(Blocks.array)) }), file: file, line: line)
  }

  /// `jnp.block` of a flat list: the blocks concatenated along the last
  /// axis (scalars become length-1 vectors).
  ///
  /// ```swift
  /// jnp.block([jnp.array([1, 2]), jnp.array([3])])   // [1, 2, 3]
  /// ```
  ///
  /// - Parameters:
  ///   - blocks: the blocks.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func block(_ blocks: [Tensor], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    block(.list(blocks.map(Blocks.array)), file: file, line: line)
  }

  /// `jnp.block` for any nesting depth (see ``Blocks``).
  ///
  /// ```swift
  /// let x = jnp.zeros([1, 2, 3])
  /// jnp.block(.list([.list([.array(x), .array(x)])]))   // shape [1, 2, 6]
  /// ```
  ///
  /// - Parameters:
  ///   - blocks: the nested blocks.
  ///   - file: the caller's file, for error messages.
  ///   - line: the caller's line, for error messages.
  public static func block(_ blocks: Blocks, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
    blockLevel(blocks, file: file, line: line)?.array ?? .invalid
  }

  /// JAX's `_block`: the assembled array and the list depth.
  static func blockLevel(_ b: Blocks, file: StaticString, line: UInt) -> (array: Tensor, depth: Int)? {
    switch b {
    case .array(let t):
      return t.isInvalid ? nil : (t, 1)
    case .list(let items):
      if items.isEmpty {
        report(.value, "block", "empty list arguments are not allowed", file: file, line: line)
        return nil
      }
      var parts: [(array: Tensor, depth: Int)] = []
      for item in items {
        guard let p = blockLevel(item, file: file, line: line) else { return nil }
        parts.append(p)
      }
      let depth = parts[0].depth
      if parts.contains(where: { $0.depth != depth }) {
        report(.value, "block", "mismatched list depths: \(parts.map(\.depth)) (every list at one level must nest equally deep)", file: file, line: line)
        return nil
      }
      let rank = Swift.max(depth, parts.map(\.array.rank).max() ?? 0)
      let padded = parts.map { p in
        p.array.rank == rank ? p.array : reshape(p.array, [Int](repeating: 1, count: rank - p.array.rank) + p.array.shape, file: file, line: line)
      }
      let out = concatenate(padded, axis: rank - depth, file: file, line: line)
      return out.isInvalid ? nil : (out, depth + 1)
    }
  }
}
