import Foundation
import Testing
@testable import SwiftJAX

/// The compile caches of `jit` and `pmap` key on the axis names a traced
/// program looked up: a program traced for an axis of one size is never
/// reused for another.
@Suite struct AxisEnvTests {
  /// Runs `body` on `n` threads, each a member of one `DeviceGroup` bound
  /// to `name` (as a pmap device thread or an MPI process is).
  static func onMembers<R>(_ n: Int, name: String = "i", _ body: @escaping @Sendable (Int) -> R) -> [R] {
    let group = DeviceGroup(size: n, timeout: 30)
    let results = Results<R>(n)
    let done = DispatchGroup()
    for r in 0..<n {
      done.enter()
      Thread {
        let out = AxisEnv.with(AxisFrame(name: name, size: n, binder: .member(group, rank: r))) { body(r) }
        results.set(r, out)
        done.leave()
      }.start()
    }
    done.wait()
    return results.values
  }

  final class Results<R>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [R?]
    init(_ n: Int) { slots = Array(repeating: nil, count: n) }
    func set(_ r: Int, _ v: R) { lock.lock(); slots[r] = v; lock.unlock() }
    var values: [R] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
  }

  /// One jitted function called by the members of a 2-member group, then
  /// of a 3-member group: compiled once per size, right results for both.
  @Test func jitRecompilesWhenTheAxisSizeChanges() {
    let f = jit { (x: Tensor) in Lax.psum(x, axisName: "i") * Float(Lax.axisSize(axisName: "i")) }
    let two = Self.onMembers(2) { r in f(Tensor([Float(r + 1)])).toArray(Float.self) }
    #expect(two == [[6], [6]])                       // (1 + 2) · 2
    let three = Self.onMembers(3) { r in f(Tensor([Float(r + 1)])).toArray(Float.self) }
    #expect(three == [[18], [18], [18]])             // (1 + 2 + 3) · 3
    #expect(f.cacheSize == 2)
    // (Members compile concurrently on a miss; the first to finish explains it.)
    #expect(f.cacheMissExplanations.contains("axis 'i' changed size: 2 → 3"))
    // Back to two members: the first program is still cached.
    _ = Self.onMembers(2) { r in f(Tensor([Float(r)])) }
    #expect(f.cacheSize == 2)
  }

  /// A binding the program never looked up is not part of its key.
  @Test func jitIgnoresAxisNamesItDoesNotUse() {
    let f = jit { (x: Tensor) in x * 2 }
    _ = Self.onMembers(2) { _ in f(Tensor([1] as [Float])) }
    _ = Self.onMembers(3) { _ in f(Tensor([1] as [Float])) }
    #expect(f.cacheSize == 1)
  }

  /// An unbound name at one call and a bound one at the next is a
  /// different key (the first trace failed, the second succeeds).
  @Test func jitOfAnUnboundAxisNameFailsThenWorksOnceBound() {
    let f = jit { (x: Tensor) in x * Float(Lax.axisSize(axisName: "k")) }
    #expect(throws: JAXError.self) { try JAXError.capture { _ = f(Tensor([1] as [Float])) } }
    let out = AxisEnv.with(AxisFrame(name: "k", size: 4, binder: .staged)) { f(Tensor([1] as [Float])) }
    #expect(out.toArray(Float.self) == [4])
  }

  /// Inside `vmap(axisName:)` and `pmap` a jitted function is traced
  /// through, so axes of different sizes give the right results.
  @Test func jittedFunctionUnderNamedVmapAndPmapOfTwoSizes() {
    Devices.localCount = max(Devices.localCount, 3)
    let g = jit { (x: Tensor) in x / Lax.psum(x, axisName: "i") }
    for n in [2, 3] {
      let x = Tensor((1...n).map(Float.init))
      let total = Float(n * (n + 1) / 2)
      let want = (1...n).map { Float($0) / total }
      #expect(vmap({ g($0) }, axisName: "i")(x).toArray(Float.self) == want)
      #expect(pmap({ g($0) }, axisName: "i")(x).toArray(Float.self) == want)
    }
  }

  /// `pmap` keys on the outer axis names its function looks up too.
  @Test func pmapRecompilesWhenAnOuterAxisChanges() {
    Devices.localCount = max(Devices.localCount, 2)
    let f = pmap({ (x: Tensor) in x * Float(Lax.axisSize(axisName: "outer")) }, axisName: "i")
    let x = Tensor([1, 2] as [Float])
    let a = AxisEnv.with(AxisFrame(name: "outer", size: 3, binder: .staged)) { f(x) }
    let b = AxisEnv.with(AxisFrame(name: "outer", size: 5, binder: .staged)) { f(x) }
    #expect(a.toArray(Float.self) == [3, 6])
    #expect(b.toArray(Float.self) == [5, 10])
  }

  /// Which names a trace looked up, and nested recordings.
  @Test func recordingCollectsLookedUpNames() {
    let (_, outer) = AxisEnv.recordingLookups {
      _ = AxisEnv.lookup("a")
      let (_, inner) = AxisEnv.recordingLookups { _ = AxisEnv.lookup("b") }
      #expect(inner == ["b"])
    }
    #expect(outer == ["a", "b"])
    #expect(AxisEnv.bindings(["b", "a"]) == [AxisBinding(name: "a", size: nil), AxisBinding(name: "b", size: nil)])
  }
}
