import SwiftJAX

/// One step of a recurrent network: `(carry, x) -> (carry, y)` on
/// `[batch, features]` inputs. The carry is a list of tensors
/// (`[c, h]` for an LSTM, `[h]` for a GRU).
public protocol RecurrentCell {
  /// The hidden size.
  var features: Int { get }
  /// Parameters for inputs with `inputFeatures` features.
  func initialize(_ key: Tensor, inputFeatures: Int) -> Params
  /// The zero carry for `batch` leading dimensions.
  func initialCarry(batch: [Int]) -> [Tensor]
  /// One time step.
  func step(_ params: Params, carry: [Tensor], _ x: Tensor) -> ([Tensor], Tensor)
}

/// Flax's gate projections: input kernels LeCun normal, recurrent kernels
/// orthogonal, biases zeros, every kernel `[in, features]`.
func gate(_ key: Tensor, _ inF: Int, _ f: Int, bias: Bool, recurrent: Bool) -> Params {
  let initializer = recurrent ? nn.initializers.orthogonal() : nn.initializers.lecunNormal()
  var p = Params(["kernel": initializer(key, [inF, f], .float32)])
  if bias { p["bias"] = .tensor(jnp.zeros([f], dtype: .float32)) }
  return p
}

func dense(_ p: Params, _ x: Tensor) -> Tensor {
  let y = jnp.matmul(x, p["kernel"].tensor)
  return p["bias"].isEmpty ? y : y + p["bias"].tensor
}

/// Flax's `nn.LSTMCell`: gates `i, f, g, o` from input projections `ii,
/// if, ig, io` (no bias) and recurrent projections `hi, hf, hg, ho` (with
/// bias); `c' = f·c + i·g`, `h' = o·tanh(c')`. Carry `[c, h]`, output `h'`.
public struct LSTMCell: RecurrentCell {
  /// The size of the hidden state.
  public var features: Int
  /// A cell with a hidden state of `features` values: `LSTMCell(features: 32)`.
  public init(features: Int) { self.features = features }

  public func initialize(_ key: Tensor, inputFeatures: Int) -> Params {
    let keys = Random.split(key, num: 8)
    var p = Params.empty
    for (i, g) in ["i", "f", "g", "o"].enumerated() {
      p["i" + g] = gate(keys[2 * i], inputFeatures, features, bias: false, recurrent: false)
      p["h" + g] = gate(keys[2 * i + 1], features, features, bias: true, recurrent: true)
    }
    return p
  }

  public func initialCarry(batch: [Int]) -> [Tensor] {
    [jnp.zeros(batch + [features], dtype: .float32), jnp.zeros(batch + [features], dtype: .float32)]
  }

  public func step(_ params: Params, carry: [Tensor], _ x: Tensor) -> ([Tensor], Tensor) {
    let (c, h) = (carry[0], carry[1])
    func pre(_ g: String) -> Tensor { dense(params["i" + g], x) + dense(params["h" + g], h) }
    let i = nn.sigmoid(pre("i")), f = nn.sigmoid(pre("f")), g = jnp.tanh(pre("g")), o = nn.sigmoid(pre("o"))
    let newC = f * c + i * g
    let newH = o * jnp.tanh(newC)
    return ([newC, newH], newH)
  }
}

/// Flax's `nn.GRUCell`: `r = σ(ir(x) + hr(h))`, `z = σ(iz(x) + hz(h))`,
/// `n = tanh(in(x) + r·hn(h))`, `h' = (1 − z)·n + z·h`; the input
/// projections and `hn` have biases, `hr` and `hz` do not. Carry `[h]`.
public struct GRUCell: RecurrentCell {
  /// The size of the hidden state.
  public var features: Int
  /// A cell with a hidden state of `features` values: `GRUCell(features: 32)`.
  public init(features: Int) { self.features = features }

  public func initialize(_ key: Tensor, inputFeatures: Int) -> Params {
    let keys = Random.split(key, num: 6)
    var p = Params.empty
    for (i, g) in ["r", "z", "n"].enumerated() {
      p["i" + g] = gate(keys[2 * i], inputFeatures, features, bias: true, recurrent: false)
      p["h" + g] = gate(keys[2 * i + 1], features, features, bias: g == "n", recurrent: true)
    }
    return p
  }

  public func initialCarry(batch: [Int]) -> [Tensor] { [jnp.zeros(batch + [features], dtype: .float32)] }

  public func step(_ params: Params, carry: [Tensor], _ x: Tensor) -> ([Tensor], Tensor) {
    let h = carry[0]
    let r = nn.sigmoid(dense(params["ir"], x) + dense(params["hr"], h))
    let z = nn.sigmoid(dense(params["iz"], x) + dense(params["hz"], h))
    let n = jnp.tanh(dense(params["in"], x) + r * dense(params["hn"], h))
    let newH = (Tensor(Float(1)) - z) * n + z * h
    return ([newH], newH)
  }
}

/// A recurrent network over `[batch, time, features]` inputs (Flax's
/// `nn.RNN`): the cell runs under `lax.scan` over the time axis, so the
/// whole sequence is one traced loop under `jit` and `grad`. Parameters
/// live under `cell`, as in Flax. Returns `[batch, time, cell.features]`;
/// ``run(_:_:initialCarry:)`` also returns the final carry.
public struct RNN<Cell: RecurrentCell>: Layer {
  /// The cell run at every time step.
  public var cell: Cell
  let site: CallSite
  /// A recurrent network of `cell`: `RNN(LSTMCell(features: 32))`.
  public init(_ cell: Cell, file: StaticString = #fileID, line: UInt = #line) {
    self.cell = cell
    site = CallSite(file: file, line: line)
  }

  public func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables {
    Variables(params: .dict(["cell": cell.initialize(key, inputFeatures: sample.shape.last ?? 1)]))
  }

  /// The outputs and the final carry, from `initialCarry` (zeros when nil).
  ///
  /// ```swift
  /// let rnn = RNN(LSTMCell(features: 4))
  /// let x = jnp.ones([2, 5, 3])   // [batch, time, features]
  /// let params = rnn.initialize(Random.PRNGKey(0), x)
  /// rnn.run(params, x).outputs   // f32[2, 5, 4]
  /// ```
  public func run(_ params: Params, _ x: Tensor, initialCarry: [Tensor]? = nil) -> (outputs: Tensor, carry: [Tensor]) {
    guard x.rank == 3 else {
      JAXError.report(JAXError(.shape, "RNN", "input \(x.shape) must be [batch, time, features]", site: site))
      return (.failed, [])
    }
    let cellParams = params["cell"]
    let timeMajor = jnp.swapaxes(x, 0, 1)
    let (carry, ys) = Lax.scan({ (c: [Tensor], xt: Tensor) in cell.step(cellParams, carry: c, xt) },
                               initial: initialCarry ?? cell.initialCarry(batch: [x.shape[0]]), xs: timeMajor)
    return (jnp.swapaxes(ys, 0, 1), carry)
  }

  public func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor { run(params, x).outputs }
}
