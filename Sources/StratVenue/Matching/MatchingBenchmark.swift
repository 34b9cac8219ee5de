import Glibc

/// Matching-engine throughput, for `strat-bench`: operations (new orders, cancels, replaces)
/// per second on one core. Time is the thread's CPU time, so other processes sharing the
/// machine do not count against the engine. Tests never check timing.
public enum MatchingBenchmark {
  /// What one run measured.
  public struct Result: Sendable, Hashable {
    /// Operations timed (every one of them: accepted, rejected or cancel-rejected).
    public var operations: Int
    /// CPU seconds of the timed pass.
    public var seconds: Double
    /// Fills (trades) the operations made.
    public var fills: Int
    /// Events written.
    public var events: Int
    /// Orders resting at the end.
    public var restingOrders: Int

    /// Operations per second.
    public var operationsPerSecond: Double { seconds > 0 ? Double(operations) / seconds : 0 }
  }

  /// Runs `operations` seeded `RandomOrderFlow` operations on one instrument. A first, untimed
  /// pass draws the operations (cancels need ids that earlier orders got); the timed pass runs
  /// them on a fresh engine, which gives the same ids because matching is deterministic.
  public static func run(operations: Int = 1_000_000, seed: UInt64 = 42) -> Result {
    let instruments = [MatchingInstrument(symbol: "BENCH", locate: 1)]
    let operationsList = draw(operations, seed: seed, instruments)
    guard let engine = try? MatchingEngine(instruments: instruments, capacity: 1 << 20) else {
      preconditionFailure("the benchmark's instrument list is valid")
    }
    let events = MatchingEvents(capacity: 4_096)
    var fills = 0
    var written = 0
    let start = cpuNanos()
    operationsList.withUnsafeBufferPointer { buffer in
      for operation in buffer {
        engine.run(operation, into: events)
        written += events.count
        for event in events { if case .fill = event { fills += 1 } }
      }
    }
    let seconds = Double(cpuNanos() - start) / 1e9
    return Result(
      operations: operations,
      seconds: seconds,
      fills: fills,
      events: written,
      restingOrders: engine.books[0].restingOrderCount
    )
  }

  private static func draw(_ count: Int, seed: UInt64, _ instruments: [MatchingInstrument])
    -> [RandomOrderFlow.Operation]
  {
    guard let engine = try? MatchingEngine(instruments: instruments, capacity: 1 << 20) else {
      return []
    }
    var flow = RandomOrderFlow(seed: seed, instruments: instruments)
    let events = MatchingEvents(capacity: 4_096)
    var operations: [RandomOrderFlow.Operation] = []
    operations.reserveCapacity(count)
    for _ in 0..<count {
      let operation = flow.next()
      operations.append(operation)
      flow.remember(events, locate: engine.run(operation, into: events))
    }
    return operations
  }

  /// CPU time of the calling thread in nanoseconds.
  static func cpuNanos() -> Int64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
  }
}
