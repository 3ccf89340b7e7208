import Foundation

// The rules of the collectives, following jax/_src/lax/parallel.py:
// evaluation on the members of a communicator, JVP, transposition (JAX's
// pmap semantics, `check_vma=False`: psum transposes to psum, all_gather
// to psum_scatter and back, all_to_all and ppermute to their inverses) and
// batching (over another axis, or over the very axis a `vmap` names).

extension Collective {
  /// The same collective with another operation (same axis).
  func with(_ op: CollectiveOp) -> Collective { Collective(op, axisName: axisName, axisSize: axisSize) }

  func bind1(_ op: CollectiveOp, _ x: Tensor, site: CallSite? = nil) -> Tensor {
    SwiftJAX.bind1(.collective(with(op)), [x], site: site)
  }

  // MARK: Evaluation

  /// Called when this member skips collective `p` (its operand is invalid
  /// after an error): the other members are told instead of timing out.
  static func abandon(_ p: Primitive) {
    guard case .collective(let c) = p, let f = AxisEnv.lookup(c.axisName),
      case .member(let comm, let rank) = f.binder, let group = comm as? DeviceGroup else { return }
    group.abort("device \(rank) skipped \(c.name) after an error")
  }

  /// Runs the collective on this member's operands: the axis name must be
  /// bound to a communicator on this thread (a `pmap` device or an MPI
  /// process group).
  func evaluate(_ inputs: [ConcreteArray], outputs: [ShapedArray]) -> [ConcreteArray] {
    func failed(_ e: JAXError) -> [ConcreteArray] {
      JAXError.raise(e)
      return outputs.map { a in
        let c = ConcreteArray(uninitialized: a)
        memset(c.data, 0, a.byteCount)
        return c
      }
    }
    guard let frame = AxisEnv.lookup(axisName), case .member(let comm, let rank) = frame.binder else {
      return failed(JAXError(.transformation, name, "axis name '\(axisName)' is not bound to devices here; "
        + "collectives run inside pmap(_, axisName:), vmap(_, axisName:) or a Distributed process group "
        + "(names in scope: \(AxisEnv.namesInScope))"))
    }
    if comm.size != axisSize {
      return failed(JAXError(.value, name, "axis '\(axisName)' was traced with size \(axisSize) but runs on \(comm.size) members"))
    }
    do {
      if case .axisIndex = op { return [adScalar(Double(rank), .int32).concrete!] }
      if let r = try comm.allReduce(op, inputs[0], rank: rank) { return [r] }
      let all = try comm.allGather(inputs[0], rank: rank)
      let r = InterpreterContext.withoutDynamicTrace { combine(all.map { Tensor(value: $0) }, rank: rank) }
      guard let c = r.concrete else { return failed(JAXError(.value, name, "could not combine the members' values")) }
      return [c]
    } catch {
      return failed(error)
    }
  }

  /// Member `rank`'s result from every member's operand (`xs` in member
  /// order). Reductions add in member order, so every member gets the same
  /// bits.
  func combine(_ xs: [Tensor], rank: Int) -> Tensor {
    switch op {
    case .psum: return xs.dropFirst().reduce(xs[0]) { Lax.add($0, $1) }
    case .pmax: return xs.dropFirst().reduce(xs[0]) { SwiftJAX.bind1(.binary(.max), [$0, $1]) }
    case .pmin: return xs.dropFirst().reduce(xs[0]) { SwiftJAX.bind1(.binary(.min), [$0, $1]) }
    case .allGather(let d, let tiled):
      return Lax.concatenate(tiled ? xs : xs.map { Lax.expandDims($0, dimensions: [d]) }, dimension: d)
    case .psumScatter(let d, let tiled):
      let sum = with(.psum).combine(xs, rank: rank)
      let k = tiled ? sum.shape[d] / axisSize : 1
      let block = Lax.sliceInDim(sum, start: rank * k, limit: (rank + 1) * k, axis: d)
      return tiled ? block : Lax.squeeze(block, dimensions: [d])
    case .allToAll(let s, let c):
      let k = xs[0].shape[s] / axisSize
      return Lax.concatenate(xs.map { Lax.sliceInDim($0, start: rank * k, limit: (rank + 1) * k, axis: s) }, dimension: c)
    case .ppermute(let perm):
      if let p = perm.first(where: { $0.destination == rank }) { return xs[p.source] }
      return adZeros(xs[0].aval)
    case .axisIndex:
      return adScalar(Double(rank), .int32)
    }
  }

  /// Runs the collective from `input` into `output` (buffers of a compiled
  /// program) without copies when the communicator can (an MPI all-reduce);
  /// nil otherwise. Returns the callback status (0: done).
  func runInPlace(_ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, _ aval: ShapedArray) -> Int32? {
    guard let frame = AxisEnv.lookup(axisName), case .member(let comm, _) = frame.binder,
      let mpi = comm as? MPICommunicator, mpi.size == axisSize else { return nil }
    do {
      return try mpi.allReduce(op, input, output, aval) ? 0 : nil
    } catch {
      JAXError.raise(error)
      return 1
    }
  }

  // MARK: Differentiation

  func jvp(_ x: [Tensor], _ t: [Tensor?], site: CallSite?) -> ([Tensor], [Tensor?]) {
    let y = SwiftJAX.bind(.collective(self), x, site: site)
    guard let g = t.first ?? nil else { return (y, [nil]) }
    switch op {
    case .axisIndex: return (y, [nil])
    case .pmax, .pmin:
      // Like reduce_max's JVP: the tangent is the mean of the tangents of
      // the members that attain the extremum.
      let mask = Lax.convertElementType(Lax.eq(x[0], y[0]), x[0].dtype)
      let num = bind1(.psum, Lax.mul(g, mask), site: site)
      let den = bind1(.psum, mask, site: site)
      return (y, [Lax.div(num, den)])
    case .psum, .allGather, .psumScatter, .allToAll, .ppermute:
      return (y, [bind1(op, g, site: site)])
    }
  }

  /// The cotangent of the operand from the output cotangent `ct`, or nil
  /// if the collective is not linear.
  func transpose(_ ct: Tensor) -> Tensor? {
    switch op {
    case .psum: return bind1(.psum, ct)
    case .allGather(let d, let tiled): return bind1(.psumScatter(dimension: d, tiled: tiled), ct)
    case .psumScatter(let d, let tiled): return bind1(.allGather(dimension: d, tiled: tiled), ct)
    case .allToAll(let s, let c): return bind1(.allToAll(splitAxis: c, concatAxis: s), ct)
    case .ppermute(let perm): return bind1(.ppermute(perm: perm.map { .init($0.destination, $0.source) }), ct)
    case .pmax, .pmin, .axisIndex: return nil
    }
  }
}
