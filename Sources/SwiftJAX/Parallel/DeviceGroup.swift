import Foundation

/// The devices of one process (JAX's host-platform devices): `pmap` runs
/// one thread per device, and their collectives meet here, in shared
/// memory. Every exchange is a barrier with a deadline, so a device that
/// failed or hangs makes the others fail with a clear error instead of
/// waiting forever.
final class DeviceGroup: Communicator, @unchecked Sendable {
  let size: Int
  let timeout: Double
  private let condition = NSCondition()
  private var slots: [ConcreteArray?]
  private var arrived = 0
  private var generation = 0
  /// The values of the last completed exchange. It is replaced only when
  /// every member has arrived at the next exchange, so by then every member
  /// has read it.
  private var published: [ConcreteArray] = []
  private var failure: String? = nil

  init(size: Int, timeout: Double = Distributed.collectiveTimeout) {
    self.size = size
    self.timeout = timeout
    slots = Array(repeating: nil, count: size)
  }

  /// Marks the group failed (a member raised an error): members waiting
  /// now, or arriving later, get an error naming `reason`.
  func abort(_ reason: String) {
    condition.lock()
    if failure == nil { failure = reason }
    condition.broadcast()
    condition.unlock()
  }

  func allGather(_ value: ConcreteArray, rank: Int) throws(JAXError) -> [ConcreteArray] {
    condition.lock()
    defer { condition.unlock() }
    if let failure { throw groupError(failure) }
    slots[rank] = value
    arrived += 1
    if arrived == size {
      published = slots.map { $0! }
      slots = Array(repeating: nil, count: size)
      arrived = 0
      generation += 1
      condition.broadcast()
      return published
    }
    let mine = generation
    let deadline = Date(timeIntervalSinceNow: timeout)
    while generation == mine && failure == nil {
      if !condition.wait(until: deadline) && generation == mine {
        let missing = slots.enumerated().filter { $0.element == nil }.map(\.offset)
        failure = "device(s) \(missing) did not reach the collective within \(timeout) s "
          + "(SWIFTJAX_COLLECTIVE_TIMEOUT); a device that takes another branch or stops early never arrives"
        condition.broadcast()
      }
    }
    if generation == mine { throw groupError(failure!) }
    return published
  }

  func allReduce(_ op: CollectiveOp, _ value: ConcreteArray, rank: Int) throws(JAXError) -> ConcreteArray? { nil }

  private func groupError(_ reason: String) -> JAXError {
    JAXError(.transformation, "pmap", "a collective could not complete: \(reason)")
  }
}

/// The devices a process offers to `pmap` (JAX's `jax.local_devices()` on
/// the CPU platform, whose count `--xla_force_host_platform_device_count`
/// sets).
///
/// ```swift
/// Devices.localCount = 2          // or SWIFTJAX_DEVICE_COUNT=2
/// let y = pmap({ x in Lax.psum(x, axisName: "i") }, axisName: "i")(Tensor([1, 2] as [Float]))
/// ```
public enum Devices {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var count: Int =
    ProcessInfo.processInfo.environment["SWIFTJAX_DEVICE_COUNT"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    ?? ProcessInfo.processInfo.activeProcessorCount

  /// How many devices `pmap` may use in this process: `SWIFTJAX_DEVICE_COUNT`
  /// at start-up, else the number of cores. Settable (at least 1).
  public static var localCount: Int {
    get { lock.lock(); defer { lock.unlock() }; return count }
    set { lock.lock(); count = max(1, newValue); lock.unlock() }
  }
}

/// The number of devices of this process (`jax.local_device_count()`).
///
/// ```swift
/// let n = localDeviceCount()
/// let batches = data.reshape(n, -1, 64)   // one slice per device for pmap
/// ```
public func localDeviceCount() -> Int { Devices.localCount }
