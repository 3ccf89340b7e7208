import Foundation
@testable import SwiftJAX

/// Builds random programs step by step, evaluating each step eagerly on
/// example inputs as it goes: the values' shapes and dtypes decide which
/// steps are valid next.
struct FuzzGenerator {
  var rng: FuzzRNG
  /// Nesting depth (scan bodies and vmapped functions are sub-programs).
  let depth: Int

  /// A program of about `steps` steps over 1-2 random inputs.
  static func program(seed: UInt64, steps: Int) -> FuzzProgram {
    var g = FuzzGenerator(rng: FuzzRNG(seed: seed), depth: 0)
    let first = FuzzValues.shape(&g.rng)
    var inputs = [FuzzValues.tensor(&g.rng, first, g.rng.pick(FuzzValues.dtypes))]
    if g.rng.chance(0.5) {
      // A second input, often of the same shape (binary partners).
      let s = g.rng.chance(0.6) ? first : FuzzValues.shape(&g.rng)
      inputs.append(FuzzValues.tensor(&g.rng, s, g.rng.chance(0.6) ? inputs[0].dtype : g.rng.pick(FuzzValues.dtypes)))
    }
    var p = FuzzProgram(seed: seed, inputs: inputs)
    g.extend(&p, steps: steps)
    return p
  }

  /// Appends `steps` valid steps (rejected proposals are recorded and
  /// skipped) and chooses the outputs.
  mutating func extend(_ p: inout FuzzProgram, steps: Int) {
    var env = p.inputs
    for _ in 0..<steps {
      // The newest value, the largest one (to keep loops in play as
      // slices and reductions shrink values), or any.
      let largest = env.indices.max { env[$0].aval.count < env[$1].aval.count }!
      let a = rng.chance(0.5) ? env.count - 1 : rng.chance(0.5) ? largest : rng.int(0...(env.count - 1))
      guard let step = propose(env, a) else { continue }
      do {
        let v = try JAXError.capture { step.apply(env) }
        // Keep programs cheap to run eagerly many times.
        if v.aval.count > 1 << 16 { continue }
        p.steps.append(step)
        env.append(v)
      } catch {
        p.rejected.append("\(step.text): \(error)")
      }
    }
    // Either the last value, or every value nothing reads (so every step
    // is checked, at the price of materialising those values).
    p.outputs = [env.count - 1]
    if rng.chance(0.5) {
      let read = Set(p.steps.flatMap(\.reads))
      p.outputs = (p.inputs.count..<env.count).filter { !read.contains($0) }
      if p.outputs.isEmpty { p.outputs = [env.count - 1] }
    }
  }

  /// A random valid step reading value `a` (and maybe others), or nil.
  mutating func propose(_ env: [Tensor], _ a: Int) -> FuzzStep? {
    let x = env[a]
    let r = rng.int(0...99)
    switch r {
    case 0..<16: return unary(x, a)
    case 16..<32: return binary(env, a)
    case 32..<36: return select(env, a)
    case 36..<42: return transpose(x, a)
    case 42..<46: return rev(x, a)
    case 46..<51: return slice(x, a)
    case 51..<55: return pad(x, a)
    case 55..<60: return reshape(x, a)
    case 60..<64: return broadcast(x, a)
    case 64..<69: return reduce(x, a)
    case 69..<71: return cumulative(x, a)
    case 71..<81: return dot(env, a)
    case 81..<84: return concatenate(env, a)
    case 84..<87: return convert(x, a)
    case 87..<89: return roll(x, a)
    case 89..<91: return take(x, a)
    case 91..<93: return dynamicSlice(x, a)
    case 93..<96: return depth < 2 ? scan(x, a) : nil
    default: return depth < 2 ? vmapStep(x, a) : nil
    }
  }
}
