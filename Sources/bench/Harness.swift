import Foundation

/// One benchmark: a name and a closure that measures it.
struct BenchCase {
  let name: String
  let summary: String
  /// Runs the workload and returns per-repetition times in seconds
  /// (per operation for the eager cases).
  let measure: () -> [Double]
}

/// Monotonic clock in seconds.
@inline(__always)
func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Times `body` (which performs `inner` operations) `reps` times after
/// `warmup` untimed runs; returns seconds per operation for each rep.
func timePerOp(reps: Int, inner: Int, warmup: Int = 2, _ body: () -> Void) -> [Double] {
  for _ in 0..<warmup { body() }
  var out: [Double] = []
  for _ in 0..<reps {
    let t0 = now()
    body()
    out.append((now() - t0) / Double(inner))
  }
  return out
}

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  if s.isEmpty { return .nan }
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// The JSON line the comparison script reads.
func jsonLine(_ name: String, _ times: [Double]) -> String {
  String(format: "{\"case\": \"%@\", \"impl\": \"swiftjax\", \"median_s\": %.6e, \"min_s\": %.6e, \"reps\": %d}",
         name, median(times), times.min() ?? .nan, times.count)
}
