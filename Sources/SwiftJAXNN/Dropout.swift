import SwiftJAX

/// Dropout (Flax's `nn.Dropout`): in `.train(key:)` each element is kept
/// with probability `1 − rate` and scaled by `1 / (1 − rate)`; in `.eval`
/// it is the identity. The key comes from the mode (split per layer), so
/// the same key gives the same mask, under `jit` too. (Masks are not
/// Flax's bit for bit: Flax folds the module path into the key.)
public struct Dropout: Layer {
  /// The probability of dropping each element, in [0, 1].
  public var rate: Double
  let site: CallSite
  /// Dropout with the given rate: `Dropout(0.1)`.
  public init(_ rate: Double, file: StaticString = #fileID, line: UInt = #line) {
    precondition((0...1).contains(rate), "SwiftJAXNN.Dropout: rate \(rate) is not in [0, 1]")
    self.rate = rate
    site = CallSite(file: file, line: line)
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables { Variables(params: .empty) }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    guard context.mode.isTraining, rate > 0 else { return x }
    if rate == 1 { return jnp.zerosLike(x) }
    guard let key = context.nextKey() else {
      JAXError.report(JAXError(.value, "Dropout", "training needs a random key: apply(..., mode: .train(key: key))", site: site))
      return .failed
    }
    let keep = 1 - rate
    let mask = Random.bernoulli(key, p: Tensor(Float(keep)), shape: x.shape)
    return jnp.where(mask, x / Tensor(weak: keep), jnp.zerosLike(x))
  }
}

/// A lookup table (Flax's `nn.Embed`): integer ids `[...]` to vectors
/// `[..., features]`. Parameter `embedding` `[numEmbeddings, features]`,
/// initialised as Flax does (variance scaling 1, fan-in, normal, with the
/// embedding axis as output axis: stddev 1).
///
/// ```swift
/// let embed = Embedding(10, 4)
/// let params = embed.initialize(Random.PRNGKey(0), jnp.array([1, 2]))
/// embed.apply(params, jnp.array([1, 2]))   // f32[2, 4]
/// ```
public struct Embedding: Layer {
  /// The number of ids (rows of the table).
  public var numEmbeddings: Int
  /// The size of each embedding vector.
  public var features: Int
  /// How the table is initialised.
  public var embeddingInit: NN.Initializer
  let site: CallSite
  /// A table of `numEmbeddings` vectors of `features` values:
  /// `Embedding(1000, 64)`.
  public init(
    _ numEmbeddings: Int, _ features: Int,
    embeddingInit: @escaping NN.Initializer = nn.initializers.varianceScaling(scale: 1, mode: .fanIn, distribution: .normal, inAxis: [-1], outAxis: [0]),
    file: StaticString = #fileID, line: UInt = #line
  ) {
    self.numEmbeddings = numEmbeddings
    self.features = features
    self.embeddingInit = embeddingInit
    site = CallSite(file: file, line: line)
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    Variables(params: Params(["embedding": embeddingInit(key, [numEmbeddings, features], .float32)]))
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor {
    guard x.dtype.isInteger else {
      JAXError.report(JAXError(.dtype, "Embedding", "ids must be integers, got \(x.dtype)", site: site))
      return .failed
    }
    // jnp.take's default mode, as Flax: out-of-range ids read NaN rows.
    return jnp.take(params["embedding"].tensor, x, axis: 0)
  }

  /// The logits of `query` against every embedding (`query · embeddingᵀ`,
  /// Flax's `Embed.attend`), for tied input/output embeddings.
  ///
  /// ```swift
  /// let embed = Embedding(10, 4)
  /// let params = embed.initialize(Random.PRNGKey(0), jnp.array([1]))
  /// embed.attend(params, jnp.ones([2, 4]))   // logits f32[2, 10]
  /// ```
  public func attend(_ params: Params, _ query: Tensor) -> Tensor {
    jnp.matmul(query, jnp.transpose(params["embedding"].tensor))
  }
}
