import StratABI

/// A seeded stream of evaluation steps for a strategy with `instruments` instruments, drawn once
/// so that every backend is fed the identical events. Per step, a random subset of instruments
/// gets a bar (a random walk, sometimes with NaN, 0, negative, huge, tiny or infinite fields) or,
/// for a strategy that reads the book, book levels, sizes and a trade print through `setInput`
/// and `markSeen`; some instruments get new order state (position, avg_price — NaN when flat —,
/// open orders, fills). Times never go back; some repeat, some jump across UTC midnight.
public struct RandomEventStream: Sendable {
  public enum Event: Sendable {
    case bar(instrument: Int, Bar)
    case input(instrument: Int, InputField, Double)
    case seen(instrument: Int)
  }

  public struct Step: Sendable {
    public var time: Int64
    public var events: [Event]
  }

  public let steps: [Step]

  public static let day: Int64 = 86_400_000_000_000
  public static let minute: Int64 = 60_000_000_000

  public init(seed: UInt64, instruments: Int, readsBook: Bool, count: Int) {
    var rng = SplitMix64(seed: seed ^ 0xE7E1_75EE_D000_0002)
    var prices = (0..<instruments).map { _ in rng.pick([100.0, 20.0, 1.0, 5000.0]) }
    var fills = [Double](repeating: 0, count: instruments)
    // 2024-01-02T00:00:00Z plus up to a day, so that sessions and midnights are crossed.
    var time: Int64 = 1_704_153_600_000_000_000 + Int64(rng.below(1440)) * Self.minute
    var steps: [Step] = []
    for _ in 0..<count {
      time += Self.advance(&rng, from: time)
      var events: [Event] = []
      for i in 0..<instruments where rng.below(5) < 3 {
        prices[i] = Self.walk(prices[i], &rng)
        if readsBook, rng.chance(2) {
          events += Self.book(i, around: prices[i], &rng)
        } else {
          events.append(.bar(instrument: i, Self.bar(around: prices[i], &rng)))
        }
      }
      for i in 0..<instruments where rng.chance(3) {
        events += Self.orderState(i, price: prices[i], fills: &fills[i], &rng)
      }
      steps.append(Step(time: time, events: events))
    }
    self.steps = steps
  }

  /// Feeds one step's events to `executor` and runs the step; returns the decision count.
  public static func run(_ step: Step, on executor: any StrategyExecutor) -> Int {
    for event in step.events {
      switch event {
      case .bar(let i, let bar): executor.setBar(instrument: i, bar: bar)
      case .input(let i, let field, let value):
        executor.setInput(instrument: i, field: field, value: value)
      case .seen(let i): executor.markSeen(instrument: i)
      }
    }
    return executor.step(timeNanos: step.time)
  }

  // MARK: - Drawing

  /// How far the clock moves: often minutes, sometimes nothing (the same timestamp again), a
  /// nanosecond, hours, or exactly to the next UTC midnight (or a nanosecond before it).
  static func advance(_ rng: inout SplitMix64, from time: Int64) -> Int64 {
    switch rng.below(10) {
    case 0: return 0
    case 1: return 1
    case 2: return Int64(rng.int(1...1_000_000_000))
    case 3: return Int64(rng.int(1...23)) * 3_600_000_000_000
    case 4:
      let toMidnight = day - time % day
      return rng.chance(2) ? toMidnight : max(0, toMidnight - 1)
    default: return Int64(rng.int(1...30)) * minute
    }
  }

  static func walk(_ price: Double, _ rng: inout SplitMix64) -> Double {
    if rng.chance(40) { return rng.pick([100.0, 1.0, 1e-3]) }
    let next = price * (1 + (rng.unit() - 0.5) * 0.04)
    return next.isFinite && next > 0 ? next : 100
  }

  /// A value that breaks arithmetic: NaN, zeros, negatives, extremes, infinities.
  static func edge(_ rng: inout SplitMix64, near value: Double) -> Double {
    rng.pick([
      .nan, 0, -0.0, -value, 1e300, -1e300, 5e-324, .infinity, -.infinity, value * 1e10, 1e-300,
    ])
  }

  static func bar(around price: Double, _ rng: inout SplitMix64) -> Bar {
    let open = price * (1 + (rng.unit() - 0.5) * 0.01)
    let high = max(open, price) * (1 + rng.unit() * 0.005)
    let low = min(open, price) * (1 - rng.unit() * 0.005)
    var fields = [open, high, low, price, Double(rng.below(5) * 100)]
    if rng.chance(5) { fields[rng.below(5)] = edge(&rng, near: price) }
    if rng.chance(20) { fields = [price, price, price, price, 0] }  // a flat bar: zero variance
    return Bar(
      open: fields[0],
      high: fields[1],
      low: fields[2],
      close: fields[3],
      volume: fields[4]
    )
  }

  /// Levels around the price (a random depth; the rest of a side cleared to NaN or left as is),
  /// sometimes an empty or crossed side, and a trade print or none; then the seen mark.
  static func book(_ i: Int, around price: Double, _ rng: inout SplitMix64) -> [Event] {
    var events: [Event] = []
    let tick = price * 0.0005
    let depth = rng.int(0...InputField.maxLevels)
    let crossed = rng.chance(15)
    for level in 1...InputField.maxLevels where level <= depth || rng.chance(3) {
      let k = Double(level)
      var values = [
        price - k * tick, Double(rng.int(0...500)), price + (crossed ? -2 : 1) * k * tick,
        Double(rng.int(0...500)),
      ]
      if level > depth { values = [.nan, .nan, .nan, .nan] }
      if rng.chance(8) { values[rng.below(4)] = edge(&rng, near: price) }
      let fields = [InputField.bidPrice(level), .bidSize(level), .askPrice(level), .askSize(level)]
      for (field, value) in zip(fields, values) where !rng.chance(6) {
        events.append(.input(instrument: i, field, value))
      }
    }
    if rng.chance(3) {
      let last = rng.chance(10) ? edge(&rng, near: price) : price + (rng.unit() - 0.5) * tick
      events.append(.input(instrument: i, .last, last))
      events.append(.input(instrument: i, .lastSize, Double(rng.int(1...300))))
      events.append(.input(instrument: i, .traded, 1))
    } else {
      events.append(.input(instrument: i, .traded, 0))
    }
    events.append(.seen(instrument: i))
    return events
  }

  static func orderState(_ i: Int, price: Double, fills: inout Double, _ rng: inout SplitMix64)
    -> [Event]
  {
    let position = Double(rng.int(-3...3) * 100)
    let openBuy = Double(rng.int(0...2) * 50)
    let openSell = Double(rng.int(0...2) * 50)
    if rng.chance(2) { fills += Double(rng.int(1...3)) }
    var values: [(InputField, Double)] = [
      (.position, position), (.avgPrice, position == 0 ? .nan : price),
      (.openOrders, Double((openBuy > 0 ? 1 : 0) + (openSell > 0 ? 1 : 0))),
      (.openBuy, openBuy), (.openSell, openSell), (.fills, fills),
    ]
    if rng.chance(10) {
      let k = rng.below(values.count)
      values[k].1 = edge(&rng, near: price)
    }
    return values.map { .input(instrument: i, $0.0, $0.1) }
  }
}
