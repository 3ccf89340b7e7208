// Multi-process checks and demos of SwiftJAX's collectives over MPI.
//
//   mpirun -np 2 .build/debug/distributed check      # every collective, a jitted data-parallel step
//   mpirun -np 2 .build/debug/distributed die 1      # rank 1 exits: the others must fail fast
//   mpirun -np 2 .build/debug/distributed hang 1     # rank 1 hangs: the others abort after the timeout
//   mpirun -np 2 .build/release/distributed bench-allreduce   # allreduce_1e7 vs raw MPI_Allreduce
//   mpirun -np 2 .build/release/distributed bench-step 256     # data-parallel MLP step, global batch 256
//   mpirun -np 2 .build/release/distributed ensemble 4096 10000 # Lorenz ensemble split over processes, allGather
//   .build/debug/distributed check                   # no launcher: a one-process group
//
// Exit status 0 when every check passes on this rank.
import Examples
import Foundation
import SwiftJAX

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("rank \(Distributed.processIndex): FAILED: \(message)\n".utf8))
  exit(1)
}

var checks = 0
func expectEqual(_ got: Tensor, _ want: [Float], shape: [Int], tolerance: Float = 0, _ what: String) {
  checks += 1
  if got.shape != shape { fail("\(what): shape \(got.shape), expected \(shape)") }
  let g = got.toArray(Float.self)
  for (a, b) in zip(g, want) where abs(a - b) > tolerance * max(1, abs(b)) {
    fail("\(what): got \(g), expected \(want)")
  }
}

/// Every collective on a value that depends on the rank, against the
/// values computed locally from every rank's (deterministic) input.
func checkCollectives(_ g: Distributed.ProcessGroup) {
  let n = g.size, r = g.rank, axis = g.axisName
  func local(_ k: Int) -> [Float] { [Float(k + 1), Float(10 * (k + 1)), -Float(k)] }
  let x = Tensor(local(r))
  let all = (0..<n).map(local)
  let sum = (0..<3).map { j in all.reduce(0) { $0 + $1[j] } }
  expectEqual(Lax.psum(x, axisName: axis), sum, shape: [3], "psum")
  expectEqual(Lax.pmean(x, axisName: axis), sum.map { $0 / Float(n) }, shape: [3], tolerance: 1e-6, "pmean")
  expectEqual(Lax.pmax(x, axisName: axis), (0..<3).map { j in all.map { $0[j] }.max()! }, shape: [3], "pmax")
  expectEqual(Lax.pmin(x, axisName: axis), (0..<3).map { j in all.map { $0[j] }.min()! }, shape: [3], "pmin")
  expectEqual(Lax.allGather(x, axisName: axis), all.flatMap { $0 }, shape: [n, 3], "all_gather")
  expectEqual(Lax.allGather(x, axisName: axis, tiled: true), all.flatMap { $0 }, shape: [3 * n], "all_gather tiled")
  let blocks = Tensor((0..<(2 * n)).map { Float($0 * (r + 1)) }, shape: [n, 2])
  let ranksTotal = Float(n * (n + 1) / 2)
  let blockSum: [Float] = (0..<(2 * n)).map { Float($0) * ranksTotal }
  expectEqual(Lax.psumScatter(blocks, axisName: axis), Array(blockSum[(2 * r)..<(2 * r + 2)]), shape: [2], "psum_scatter")
  // Rank k's block r is [2r(k+1), (2r+1)(k+1)]; all_to_all gives rank r every rank's block r.
  var exchanged: [Float] = []
  for k in 0..<n {
    let scale = Float(k + 1)
    exchanged += [Float(2 * r) * scale, Float(2 * r + 1) * scale]
  }
  expectEqual(Lax.allToAll(blocks, axisName: axis, splitAxis: 0, concatAxis: 0), exchanged, shape: [n, 2], "all_to_all")
  let ring = (0..<n).map { ($0, ($0 + 1) % n) }
  expectEqual(Lax.ppermute(x, axisName: axis, perm: ring), local((r + n - 1) % n), shape: [3], "ppermute")
  expectEqual(Lax.axisIndex(axisName: axis).astype(.float32), [Float(r)], shape: [], "axis_index")
  // Inside jit: the collectives run through the compiled program's runtime calls.
  let f = jit { (x: Tensor) in Lax.psum(x * x, axisName: axis) + Lax.axisIndex(axisName: axis).astype(.float32) }
  expectEqual(f(x), (0..<3).map { j in all.reduce(0) { $0 + $1[j] * $1[j] } + Float(r) }, shape: [3], "jit(psum)")
}

/// A jitted data-parallel SGD step (local gradient, pmean) run for some
/// steps on each rank's shard equals full-batch steps on one process.
func checkDataParallelStep(_ g: Distributed.ProcessGroup) {
  let n = g.size, perRank = 8
  let key = Random.PRNGKey(0)
  let keys = Random.split(key, num: 3)
  let xAll = Random.normal(keys[0], shape: [n * perRank, 4])
  let yAll = Random.normal(keys[1], shape: [n * perRank, 2])
  let w0 = Random.normal(keys[2], shape: [4, 2]) * 0.5
  func loss(_ w: Tensor, _ x: Tensor, _ y: Tensor) -> Tensor {
    let d = Numpy.tanh(Numpy.matmul(x, w)) - y
    return (d * d).mean()
  }
  let axis = g.axisName
  let parallelStep = jit { (w: Tensor, x: Tensor, y: Tensor) in
    w - 0.5 * Lax.pmean(grad { (w: Tensor) in loss(w, x, y) }(w), axisName: axis)
  }
  let fullStep = jit { (w: Tensor, x: Tensor, y: Tensor) in w - 0.5 * grad { (w: Tensor) in loss(w, x, y) }(w) }
  let lo = g.rank * perRank
  let xs = xAll[lo..<(lo + perRank)], ys = yAll[lo..<(lo + perRank)]
  var w = w0, wFull = w0
  for _ in 0..<20 {
    w = parallelStep(w, xs, ys)
    wFull = fullStep(wFull, xAll, yAll)
  }
  expectEqual(w, wFull.toArray(Float.self), shape: [4, 2], tolerance: 1e-5, "data-parallel step == full batch")
  // Every rank holds the same parameters.
  expectEqual(Lax.pmax(w, axisName: axis) - Lax.pmin(w, axisName: axis), [Float](repeating: 0, count: 8), shape: [4, 2], "ranks agree")
}

/// allreduce_1e7 (issue 19): psum of `count` float32 across the processes,
/// eager and inside jit, against a raw MPI_Allreduce of the same buffer
/// (libmpi called directly through dlsym), interleaved; medians on rank 0.
func benchAllreduce(_ g: Distributed.ProcessGroup, count: Int, reps: Int) {
  typealias AllreduceFn = @convention(c) (
    UnsafeRawPointer?, UnsafeMutableRawPointer?, Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?
  ) -> Int32
  let lib = ProcessInfo.processInfo.environment["SWIFTJAX_MPI_LIBRARY"] ?? "libmpi.so.40"
  guard g.size > 1, let h = dlopen(lib, RTLD_NOW | RTLD_GLOBAL), let f = dlsym(h, "MPI_Allreduce"),
    let float = dlsym(h, "ompi_mpi_float"), let sum = dlsym(h, "ompi_mpi_op_sum"), let world = dlsym(h, "ompi_mpi_comm_world")
  else { fail("bench-allreduce needs an MPI job of at least 2 processes with Open MPI's \(lib)") }
  let rawAllreduce = unsafeBitCast(f, to: AllreduceFn.self)
  let values = (0..<count).map { Float(($0 + g.rank) % 1000) * 1e-3 }
  let x = Tensor(values, shape: [count])
  let jitted = jit { (x: Tensor) in Lax.psum(x, axisName: g.axisName) }
  var send = values
  var recv = [Float](repeating: 0, count: count)
  func clock() -> Double { Date().timeIntervalSinceReferenceDate }
  var raw: [Double] = [], eager: [Double] = [], compiled: [Double] = []
  _ = jitted(x)
  for _ in 0..<reps {
    var t = clock()
    send.withUnsafeBufferPointer { s in
      recv.withUnsafeMutableBufferPointer { r in _ = rawAllreduce(s.baseAddress, r.baseAddress, Int32(count), float, sum, world) }
    }
    raw.append(clock() - t)
    t = clock()
    _ = Lax.psum(x, axisName: g.axisName)
    eager.append(clock() - t)
    t = clock()
    _ = jitted(x)
    compiled.append(clock() - t)
  }
  func median(_ a: [Double]) -> Double { a.sorted()[a.count / 2] }
  checks += 1
  if g.rank == 0 {
    print(String(format: "allreduce_1e7: %d float32 over %d processes, median of %d: raw MPI_Allreduce %.4f ms, "
      + "psum %.4f ms (%.2fx), jit(psum) %.4f ms (%.2fx)", count, g.size, reps, 1e3 * median(raw), 1e3 * median(eager),
      median(eager) / median(raw), 1e3 * median(compiled), median(compiled) / median(raw)))
  }
}

/// The data-parallel step of docs/scaling.md: a jitted SGD step of a
/// 784-512-512-10 ReLU MLP (squared error) on a global batch of `batch`
/// examples, each process taking `batch / size` of them and averaging the
/// gradients with pmean. Prints rank 0's median seconds per step.
func benchStep(_ g: Distributed.ProcessGroup, batch: Int, reps: Int) {
  guard batch % g.size == 0 else { fail("bench-step: the batch \(batch) must divide among \(g.size) processes") }
  let sizes = [784, 512, 512, 10]
  let keys = Random.split(Random.PRNGKey(0), num: 8)
  var params: [Tensor] = []
  for l in 0..<3 {
    params.append(Random.normal(keys[l], shape: [sizes[l], sizes[l + 1]]) * Float(1 / Double(sizes[l]).squareRoot()))
    params.append(Numpy.zeros([sizes[l + 1]]))
  }
  let local = batch / g.size
  let x = Random.normal(Random.foldIn(keys[3], g.rank), shape: [local, 784])
  let y = Random.normal(Random.foldIn(keys[4], g.rank), shape: [local, 10])
  func loss(_ ps: [Tensor], _ x: Tensor, _ y: Tensor) -> Tensor {
    var h = x
    for l in 0..<3 {
      h = Numpy.matmul(h, ps[2 * l]) + ps[2 * l + 1]
      if l < 2 { h = NN.relu(h) }
    }
    let d = h - y
    return (d * d).mean()
  }
  let axis = g.axisName
  let step = jit { (ps: [Tensor], x: Tensor, y: Tensor) -> [Tensor] in
    let grads = Lax.pmean(grad { (ps: [Tensor]) in loss(ps, x, y) }(ps), axisName: axis)
    return zip(ps, grads).map { $0 - 0.01 * $1 }
  }
  params = step(params, x, y)
  var times: [Double] = []
  for _ in 0..<reps {
    let t = Date()
    params = step(params, x, y)
    times.append(Date().timeIntervalSince(t))
  }
  checks += 1
  let count = params.reduce(0) { $0 + $1.size }
  if g.rank == 0 {
    print(String(format: "data_parallel_step: MLP 784-512-512-10 (%d parameters, %.2f MB of gradients), global batch %d "
      + "over %d process(es) (%d each): median of %d %.2f ms per step", count, Double(4 * count) / 1e6, batch, g.size,
      local, reps, 1e3 * times.sorted()[reps / 2]))
  }
}

/// Issue 19's ensemble demo: `count` Lorenz initial conditions split in
/// contiguous blocks over the processes; each integrates its block for
/// `steps` RK4 steps (jit of vmap of the scan rollout) and `allGather`
/// collects every final state on every process. Rank 0 then integrates the
/// whole ensemble alone and checks that the gathered states are the same
/// bits: each rollout runs the same operations wherever it runs.
func ensemble(_ g: Distributed.ProcessGroup, count: Int, steps: Int) {
  guard count % g.size == 0 else { fail("ensemble: \(count) initial conditions do not divide among \(g.size) processes") }
  let stepper = LorenzRK4Stepper()
  let rollout = jit(vmap { (coords: Tensor) in
    Lax.scan({ c, _ in (stepper(c), Tensor?.none) }, initial: coords, xs: nil, length: steps).0
  })
  func inits(_ range: Range<Int>) -> Tensor {
    let values: [Float] = (3 * range.lowerBound..<3 * range.upperBound).map { k in 10 + Float(k % 97) * 0.01 }
    return Tensor(values, shape: [range.count, 3])
  }
  let local = count / g.size
  let mine = inits(g.rank * local..<(g.rank + 1) * local)
  let start = Date()
  let finals = rollout(mine)
  let gathered = Lax.allGather(finals, axisName: g.axisName, tiled: true)
  let seconds = Date().timeIntervalSince(start)
  checks += 1
  if gathered.shape != [count, 3] { fail("ensemble: gathered shape \(gathered.shape), expected [\(count), 3]") }
  guard g.rank == 0 else { return }
  let alone = rollout(inits(0..<count)).toArray(Float.self)
  let all = gathered.toArray(Float.self)
  let differing = zip(all, alone).filter { $0.bitPattern != $1.bitPattern }.count
  if differing > 0 { fail("ensemble: \(differing) of \(all.count) gathered values differ from the one-process run") }
  var mean = [0.0, 0.0, 0.0]
  for (k, v) in all.enumerated() { mean[k % 3] += Double(v) / Double(count) }
  print(String(format: "ensemble: %d Lorenz rollouts of %d steps over %d process(es) (%d each) in %.3f s (compile included); "
    + "mean final state (%.4f, %.4f, %.4f); gathered states equal the one-process run bit for bit",
    count, steps, g.size, local, seconds, mean[0], mean[1], mean[2]))
}

let args = CommandLine.arguments.dropFirst()
let group: Distributed.ProcessGroup
do {
  group = try Distributed.initialize()
} catch {
  fail("\(error)")
}
switch args.first ?? "check" {
case "check":
  checkCollectives(group)
  checkDataParallelStep(group)
  print("rank \(group.rank) of \(group.size) [\(group.backend)]: \(checks) checks passed")
case "die":
  // Rank `args[1]` exits without joining the collective; the others must
  // not hang (mpirun or the collective watchdog ends them).
  let victim = Int(args.dropFirst().first ?? "1") ?? 1
  if group.rank == victim {
    FileHandle.standardError.write(Data("rank \(group.rank): exiting on purpose\n".utf8))
    exit(7)
  }
  _ = Lax.psum(Tensor([1] as [Float]), axisName: group.axisName)
  fail("psum returned although rank \(victim) died")
case "bench-allreduce":
  benchAllreduce(group, count: Int(args.dropFirst().first ?? "") ?? 10_000_000, reps: 9)
case "bench-step":
  benchStep(group, batch: Int(args.dropFirst().first ?? "") ?? 256, reps: 21)
case "ensemble":
  let numbers = args.dropFirst().compactMap { Int($0) }
  ensemble(group, count: numbers.first ?? 4096, steps: numbers.dropFirst().first ?? 10_000)
case "hang":
  // Rank `args[1]` never reaches the collective (it sleeps); the others'
  // collective watchdog must abort the job after SWIFTJAX_COLLECTIVE_TIMEOUT.
  let victim = Int(args.dropFirst().first ?? "1") ?? 1
  if group.rank == victim { sleep(100_000) }
  _ = Lax.psum(Tensor([1] as [Float]), axisName: group.axisName)
  fail("psum returned although rank \(victim) never joined")
default:
  fail("unknown mode \(args.first!); use check, ensemble, bench-allreduce, bench-step, die or hang")
}
Distributed.shutdown()
