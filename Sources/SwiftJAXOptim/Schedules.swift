import Foundation
import SwiftJAX

/// A step-size schedule: a function of the int32 step count (Optax's
/// `Schedule`), written in SwiftJAX operations so it runs inside a jitted
/// step. The schedule's constants are Swift values; the current value is
/// exposed in the optimiser state as the `learning_rate` hyperparameter.
///
/// ```swift
/// let lr = Schedule.warmupCosineDecay(initValue: 0, peakValue: 1e-3, warmupSteps: 100, decaySteps: 1000)
/// lr(50)   // 0.0005
/// ```
public struct Schedule {
  let fn: (Tensor) -> Tensor

  /// A schedule from a function of the step count.
  ///
  /// ```swift
  /// Schedule { count in 0.1 * jnp.exp(-0.5 * count) }(2)  // 0.036787946
  /// ```
  public init(_ fn: @escaping (Tensor) -> Tensor) { self.fn = fn }

  /// The value at step `count` (an int32 scalar tensor).
  ///
  /// ```swift
  /// Schedule.linear(initValue: 1, endValue: 0, transitionSteps: 4)(jnp.array(3))  // 0.25
  /// ```
  public func callAsFunction(_ count: Tensor) -> Tensor { fn(count) }

  /// The value at step `count`.
  ///
  /// ```swift
  /// Schedule.linear(initValue: 1, endValue: 0, transitionSteps: 4)(2)  // 0.5
  /// ```
  public func callAsFunction(_ count: Int) -> Tensor { fn(Tensor(Int32(count))) }

  static func w(_ v: Double) -> Tensor { Tensor(weak: v) }

  /// Always `value` (`optax.constant_schedule`).
  ///
  /// ```swift
  /// Schedule.constant(0.1)(5)  // 0.1
  /// ```
  public static func constant(_ value: Double) -> Schedule { Schedule { _ in w(value) } }

  /// `(init - end) · (1 - t/steps)^power + end`, `t` clipped to
  /// `[0, transitionSteps]` after `transitionBegin` (`optax.polynomial_schedule`).
  public static func polynomial(initValue: Double, endValue: Double, power: Double, transitionSteps: Int, transitionBegin: Int = 0) -> Schedule {
    if transitionSteps <= 0 { return constant(initValue) }
    let begin = max(transitionBegin, 0)
    return Schedule { count in
      let c = jnp.clip(count - begin, min: Tensor(weak: 0), max: Tensor(weak: transitionSteps))
      let frac = w(1) - c / Tensor(weak: transitionSteps)
      let p: Tensor = power == power.rounded() ? Tensor(weak: Int(power)) : w(power)
      return w(initValue - endValue) * (frac ** p) + w(endValue)
    }
  }

  /// Linear interpolation from `initValue` to `endValue` (`optax.linear_schedule`).
  ///
  /// ```swift
  /// print(Schedule.linear(initValue: 1, endValue: 0, transitionSteps: 4)(jnp.arange(6)))
  /// // [1.   0.75 0.5  0.25 0.   0.  ]
  /// ```
  public static func linear(initValue: Double, endValue: Double, transitionSteps: Int, transitionBegin: Int = 0) -> Schedule {
    polynomial(initValue: initValue, endValue: endValue, power: 1, transitionSteps: transitionSteps, transitionBegin: transitionBegin)
  }

  /// `init · rate^((count - begin) / steps)` (floored when `staircase`),
  /// optionally bounded by `endValue` (`optax.exponential_decay`).
  public static func exponentialDecay(
    initValue: Double, transitionSteps: Int, decayRate: Double, transitionBegin: Int = 0, staircase: Bool = false, endValue: Double? = nil
  ) -> Schedule {
    if transitionSteps <= 0 || decayRate == 0 { return constant(initValue) }
    let begin = max(transitionBegin, 0)
    return Schedule { count in
      let decreased = count - begin
      var p = decreased / Tensor(weak: transitionSteps)
      if staircase { p = jnp.floor(p) }
      var v = jnp.where(decreased <= Tensor(weak: 0), w(initValue), w(initValue) * jnp.power(w(decayRate), p))
      if let endValue { v = decayRate < 1 ? jnp.maximum(v, w(endValue)) : jnp.minimum(v, w(endValue)) }
      return v
    }
  }

  /// `initValue` scaled by `scale` once `count` reaches each boundary
  /// (`optax.piecewise_constant_schedule`).
  ///
  /// ```swift
  /// print(Schedule.piecewiseConstant(initValue: 1, boundariesAndScales: [2: 0.5, 4: 0.1])(jnp.arange(6)))
  /// // [1.   1.   0.5  0.5  0.05 0.05]
  /// ```
  public static func piecewiseConstant(initValue: Double, boundariesAndScales: [Int: Double] = [:]) -> Schedule {
    precondition(boundariesAndScales.values.allSatisfy { $0 >= 0 }, "piecewiseConstant expects non-negative scale factors")
    let sorted = boundariesAndScales.sorted { $0.key < $1.key }
    return Schedule { count in
      var v = w(initValue)
      for (threshold, scale) in sorted {
        let indicator = jnp.maximum(w(0), jnp.sign(Tensor(weak: threshold) - count))
        v = v * indicator + (w(1) - indicator) * w(scale) * v
      }
      return v
    }
  }

  /// Cosine decay from `initValue` to `alpha · initValue` over
  /// `decaySteps` (`optax.cosine_decay_schedule`).
  ///
  /// ```swift
  /// print(Schedule.cosineDecay(initValue: 1, decaySteps: 4)(jnp.arange(6)))
  /// // [1.         0.8535534  0.49999997 0.14644662 0.         0.        ]
  /// ```
  public static func cosineDecay(initValue: Double, decaySteps: Int, alpha: Double = 0, exponent: Double = 1) -> Schedule {
    precondition(decaySteps > 0, "cosineDecay requires positive decaySteps, got \(decaySteps)")
    return Schedule { count in
      let c = jnp.minimum(count, w(Double(decaySteps)))
      let cosine = w(0.5) * (w(1) + jnp.cos(w(Double.pi) * c / w(Double(decaySteps))))
      let e: Tensor = exponent == 1 ? Tensor(weak: 1) : w(exponent)
      let decayed = w(1 - alpha) * (cosine ** e) + w(alpha)
      return w(initValue) * decayed
    }
  }

  /// Runs `schedules[i]` from `boundaries[i-1]` on, each restarted at
  /// step 0 (`optax.join_schedules`).
  ///
  /// ```swift
  /// print(Schedule.join([.constant(1), .constant(0.5)], boundaries: [3])(jnp.arange(6)))
  /// // [1.  1.  1.  0.5 0.5 0.5]
  /// ```
  public static func join(_ schedules: [Schedule], boundaries: [Int]) -> Schedule {
    precondition(schedules.count == boundaries.count + 1, "join needs one more schedule than boundaries")
    return Schedule { step in
      var out = schedules[0](step)
      for (b, s) in zip(boundaries, schedules.dropFirst()) {
        out = jnp.where(step < Tensor(weak: b), out, s(step - b))
      }
      return out
    }
  }

  /// Linear warm-up to `peakValue`, then cosine decay to `endValue` at
  /// `decaySteps` (`optax.warmup_cosine_decay_schedule`).
  ///
  /// ```swift
  /// print(Schedule.warmupCosineDecay(initValue: 0, peakValue: 1, warmupSteps: 2, decaySteps: 6)(jnp.arange(7)))
  /// // [0.         0.5        1.         0.8535534  0.49999997 0.14644662
  /// //  0.        ]
  /// ```
  public static func warmupCosineDecay(
    initValue: Double, peakValue: Double, warmupSteps: Int, decaySteps: Int, endValue: Double = 0, exponent: Double = 1
  ) -> Schedule {
    let alpha = peakValue == 0 ? 0 : endValue / peakValue
    return join([
      linear(initValue: initValue, endValue: peakValue, transitionSteps: warmupSteps),
      cosineDecay(initValue: peakValue, decaySteps: decaySteps - warmupSteps, alpha: alpha, exponent: exponent),
    ], boundaries: [warmupSteps])
  }
}

/// A learning rate: a number (kept in the optimiser state as the
/// `learning_rate` hyperparameter) or a ``Schedule`` of the step count.
///
/// ```swift
/// Optim.adam(learningRate: 1e-3)
/// Optim.adam(learningRate: .schedule(.cosineDecay(initValue: 1e-3, decaySteps: 1000)))
/// ```
public struct LearningRate: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
  let value: Double?
  let schedule: Schedule?

  /// A constant learning rate: `LearningRate(1e-3)`, or just `1e-3`.
  public init(_ value: Double) {
    self.value = value
    self.schedule = nil
  }
  /// `learningRate: 1e-3`.
  ///
  /// ```swift
  /// let lr: LearningRate = 1e-3
  /// Optim.adam(learningRate: lr)
  /// ```
  public init(floatLiteral value: Double) { self.init(value) }
  /// `learningRate: 1`.
  ///
  /// ```swift
  /// let lr: LearningRate = 1
  /// Optim.sgd(learningRate: lr)
  /// ```
  public init(integerLiteral value: Int) { self.init(Double(value)) }
  init(schedule: Schedule) {
    self.value = nil
    self.schedule = schedule
  }

  /// A learning rate that follows `schedule`.
  ///
  /// ```swift
  /// Optim.adam(learningRate: .schedule(.cosineDecay(initValue: 1e-3, decaySteps: 1000)))
  /// ```
  public static func schedule(_ schedule: Schedule) -> LearningRate { LearningRate(schedule: schedule) }
}
