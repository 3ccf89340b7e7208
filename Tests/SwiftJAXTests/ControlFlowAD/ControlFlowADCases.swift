import Testing
@testable import SwiftJAX

/// The table of control-flow programs every AD check runs over. Inputs
/// are float64 (the checks run under `JAXConfig.withX64`); Swift
/// literals in the bodies are weakly typed and stay float64.
enum ControlFlowADCases {
  static let all: [ControlFlowCase] = scans + loops + branches + nested

  static let scans: [ControlFlowCase] = [
    ControlFlowCase(name: "scan: carry, ys and a captured constant", shapes: [[3], [5, 3], [3]]) { a in
      let w = a[2]
      let (c, ys) = Lax.scan({ (c: Tensor, x: Tensor) in (Lax.sin(c) * x + w, c * x) }, initial: a[0], xs: a[1])
      return [c, ys]
    },
    ControlFlowCase(name: "scan: reverse", shapes: [[2], [4, 2]]) { a in
      let (c, ys) = Lax.scan({ (c: Tensor, x: Tensor) in (c * Lax.cos(x) + x * x, Lax.tanh(c)) }, initial: a[0], xs: a[1], reverse: true)
      return [c, ys]
    },
    ControlFlowCase(name: "scan: tuple carry", shapes: [[3], [3], [6, 3]]) { a in
      let ((p, q), ys) = Lax.scan({ (s: (Tensor, Tensor), x: Tensor) in
        ((s.0 * Lax.cos(s.1) + x, Lax.sin(s.0)), s.0 + s.1)
      }, initial: (a[0], a[1]), xs: a[2])
      return [p, q, ys]
    },
    // The carry starts from a constant (symbolically zero tangent) and
    // only becomes differentiable through the body: the fixpoint case.
    ControlFlowCase(name: "scan: zero initial tangent made nonzero by the body", shapes: [[4, 3], [3]]) { a in
      let w = a[1]
      let (c, _) = Lax.scan({ (c: Tensor, x: Tensor) in (c * 0.5 + Lax.sin(x) * w, nil as Tensor?) }, initial: f64([0, 0, 0]), xs: a[0])
      return [c]
    },
    // One carry never sees a tangent: it stays a symbolic zero.
    ControlFlowCase(name: "scan: a carry with no tangent", shapes: [[2], [5, 2]]) { a in
      let ((c, k), ys) = Lax.scan({ (s: (Tensor, Tensor), x: Tensor) in
        ((s.0 * s.1 + x, s.1 * 1.1), Lax.exp(s.0))
      }, initial: (a[0], f64([1, 2])), xs: a[1])
      return [c, k, ys]
    },
    ControlFlowCase(name: "scan: loop-invariant residuals (hoisted)", shapes: [[3], [3], [4, 3]]) { a in
      let w = a[1]
      let (c, _) = Lax.scan({ (c: Tensor, x: Tensor) in (Lax.sin(w) * c + Lax.exp(w) * x, nil as Tensor?) }, initial: a[0], xs: a[2])
      return [c]
    },
    ControlFlowCase(name: "Lax.map (no carry)", shapes: [[4, 2], [2]]) { a in
      let w = a[1]
      return [Lax.map({ (x: Tensor) in Lax.sin(x) * w + x * x }, a[0])]
    },
    ControlFlowCase(name: "scan: no xs, ys only", shapes: [[2]]) { a in
      let (_, ys) = Lax.scan({ (c: Tensor, _: Tensor?) in (Lax.sin(c) + c, c * c) }, initial: a[0], xs: nil, length: 5)
      return [ys]
    },
  ]

  static let loops: [ControlFlowCase] = [
    // Static bounds lower to scan: an int32 counter carry (no tangent)
    // used as a dynamic index, so its stacked values are residuals.
    ControlFlowCase(name: "forLoop (static bounds)", shapes: [[3], [4, 3], [3]]) { a in
      let xs = a[1], w = a[2]
      let out = Lax.forLoop(0, 4, body: { i, v in
        let row = Lax.reshape(Lax.dynamicSlice(xs, startIndices: [i, Tensor(Int32(0))], sliceSizes: [1, 3]), [3])
        return v * w + Lax.sin(v) * Lax.convertElementType(i, .float64) + row
      }, initial: a[0])
      return [out]
    },
    ControlFlowCase(name: "whileLoop (forward mode only)", shapes: [[3], [3]], reverse: false) { a in
      let w = a[1]
      let (_, v) = Lax.whileLoop(
        cond: { (i: Tensor, _: Tensor) in i < Tensor(Int32(5)) },
        body: { (i: Tensor, v: Tensor) in (i + Tensor(Int32(1)), Lax.sin(v) * w + v) },
        initial: (Tensor(Int32(0)), a[0]))
      return [v]
    },
    ControlFlowCase(name: "forLoop with traced bounds (forward mode only)", shapes: [[2]], reverse: false) { a in
      [Lax.forLoop(Tensor(Int32(1)), Tensor(Int32(4)), body: { _, v in Lax.cos(v) * v + 0.5 }, initial: a[0])]
    },
  ]

  static let branches: [ControlFlowCase] = [true, false].map { p in
    ControlFlowCase(name: "cond (\(p))", shapes: [[3], [3]]) { a in
      [Lax.cond(Tensor(p), { (x: Tensor, y: Tensor) in Lax.sin(x) * y }, { x, y in x * x + Lax.exp(y) }, a[0], a[1])]
    }
  } + [
    ControlFlowCase(name: "cond on a traced predicate", shapes: [[3], [3]]) { a in
      let pred = Lax.reduceSum(a[0], axes: [0]) > Tensor(0.0)
      return [Lax.cond(pred, { (x: Tensor, y: Tensor) in Lax.sin(x) * y }, { x, _ in Lax.cos(x) }, a[0], a[1])]
    },
  ] + (0..<3).map { k in
    // Branches with different residuals (by number and type) and one
    // that ignores an operand.
    ControlFlowCase(name: "switch (branch \(k))", shapes: [[2], [2], [2, 2]]) { a in
      let ops = Tuple3Tree(a[0], a[1], a[2])
      let r: Tensor = Lax.switch(Tensor(Int32(k)), [
        { (o: Tuple3Tree<Tensor, Tensor, Tensor>) in Lax.sin(o.a) * o.b },
        { o in Lax.dot(o.c, Lax.exp(o.a)) + o.b * o.b },
        { o in o.b * 3.0 },
      ], ops)
      return [r]
    }
  }

  static let nested: [ControlFlowCase] = [
    ControlFlowCase(name: "cond inside scan", shapes: [[2], [6]]) { a in
      let (c, ys) = Lax.scan({ (c: Tensor, x: Tensor) in
        let n: Tensor = Lax.cond(x > Tensor(0.0), { (c: Tensor, x: Tensor) in c * Lax.sin(x) + x }, { c, x in c + x * x }, c, x)
        return (n, Lax.reduceSum(n, axes: [0]))
      }, initial: a[0], xs: a[1])
      return [c, ys]
    },
    ControlFlowCase(name: "scan inside cond", shapes: [[2], [3, 2]]) { a in
      [Lax.cond(Tensor(true), { (c: Tensor, xs: Tensor) in
        Lax.scan({ (c: Tensor, x: Tensor) in (Lax.sin(c) * x, nil as Tensor?) }, initial: c, xs: xs).0
      }, { c, _ in c }, a[0], a[1])]
    },
    // linearize splits the scan body, which holds a while loop: the
    // Jaxpr-level while rule keeps the primal carries known.
    ControlFlowCase(name: "whileLoop inside scan (forward mode only)", shapes: [[2], [3, 2]], reverse: false) { a in
      let (c, ys) = Lax.scan({ (c: Tensor, x: Tensor) in
        let (_, v) = Lax.whileLoop(cond: { (i: Tensor, _: Tensor) in i < Tensor(Int32(2)) },
                                   body: { (i: Tensor, v: Tensor) in (i + Tensor(Int32(1)), Lax.sin(v) * x + v) },
                                   initial: (Tensor(Int32(0)), c))
        return (v, v * c)
      }, initial: a[0], xs: a[1])
      return [c, ys]
    },
    ControlFlowCase(name: "scan of scan", shapes: [[2], [3, 2], [2]]) { a in
      let w = a[2]
      let (c, ys) = Lax.scan({ (c: Tensor, x: Tensor) in
        let (inner, _) = Lax.scan({ (d: Tensor, _: Tensor?) in (Lax.sin(d) * x + w * d, nil as Tensor?) }, initial: c, xs: nil, length: 3)
        return (inner, inner * c)
      }, initial: a[0], xs: a[1])
      return [c, ys]
    },
  ]
}
