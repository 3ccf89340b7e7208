import Testing
@testable import SwiftJAX

/// Control-flow rows of the batching table: scan (carries that become
/// batched, captured constants, reverse), while (shared and per-example
/// predicates) and cond/switch (shared and per-example index).
let controlFlowCases: [BatchCase] = [
  BatchCase("scan_carry_and_ys", [.f32(2), .f32(4, 2)]) { a in
    let (c, ys) = Lax.scan({ (s: Tensor, x: Tensor) in (Lax.add(s, x), Lax.mul(s, x)) }, initial: a[0], xs: a[1])
    return [c, ys]
  },
  BatchCase("scan_captured_const_reverse", [.f32(), .f32(3), .f32(5, 3)]) { a in
    let (c, ys) = Lax.scan(
      { (s: Tensor, x: Tensor) in (Lax.add(Lax.mul(s, a[0]), x), Lax.reduceSum(s, axes: [0])) },
      initial: a[1], xs: a[2], reverse: true)
    return [c, ys]
  },
  BatchCase("scan_carry_batched_by_body", [.f32(4)]) { a in
    // The carry starts as a shared constant; adding a mapped x batches it.
    let zero = Tensor(0 as Float)
    let (c, ys) = Lax.scan({ (s: Tensor, x: Tensor) in (Lax.add(s, x), s) }, initial: zero, xs: a[0])
    return [c, ys]
  },
  BatchCase("while_shared_predicate", [.f32(3)]) { a in
    let (i, v) = Lax.whileLoop(
      cond: { (i: Tensor, v: Tensor) in Lax.lt(i, Tensor(Int32(3))) },
      body: { (i: Tensor, v: Tensor) in (Lax.add(i, Tensor(Int32(1))), Lax.mul(v, Tensor(1.5 as Float))) },
      initial: (Tensor(Int32(0)), a[0]))
    return [i, v]
  },
  BatchCase("while_per_example_predicate", [.f32(2), .i32(low: 0, high: 5)]) { a in
    let (i, v) = Lax.whileLoop(
      cond: { (i: Tensor, v: Tensor) in Lax.lt(i, a[1]) },
      body: { (i: Tensor, v: Tensor) in (Lax.add(i, Tensor(Int32(1))), Lax.add(Lax.mul(v, Tensor(1.5 as Float)), Tensor(1 as Float))) },
      initial: (Tensor(Int32(0)), a[0]))
    return [i, v]
  },
  BatchCase("while_carry_batched_by_body", [.f32(2)]) { a in
    let (_, v) = Lax.whileLoop(
      cond: { (i: Tensor, v: Tensor) in Lax.lt(i, Tensor(Int32(3))) },
      body: { (i: Tensor, v: Tensor) in (Lax.add(i, Tensor(Int32(1))), Lax.add(v, a[0])) },
      initial: (Tensor(Int32(0)), Tensor([0, 0] as [Float])))
    return [v]
  },
  BatchCase("cond_per_example_predicate", [.f32(), .f32(3)], one: { a in
    Lax.cond(Lax.gt(a[0], Tensor(0 as Float)), { (x: Tensor) in Lax.mul(x, Tensor(2 as Float)) }, { x in Lax.add(x, a[0]) }, a[1])
  }),
  BatchCase("cond_shared_predicate", [.f32(3), .f32()], one: { a in
    Lax.cond(Tensor(true), { (x: Tensor) in Lax.mul(x, a[1]) }, { x in Lax.neg(x) }, a[0])
  }),
  BatchCase("switch_per_example_index", [.i32(low: -1, high: 4), .f32(2)], one: { a in
    Lax.switch(a[0], [{ (x: Tensor) in Lax.neg(x) }, { x in Lax.mul(x, x) }, { x in Lax.exp(x) }], a[1])
  }),
]
