import Foundation

/// The compiled-strategy interface: what the backtester (and later the live engine) sees of a
/// strategy, whichever backend runs it. Neither side imports the IR.
///
/// Call sequence per evaluation step (bars: one step per timestamp, after all bars of it are
/// applied; order books: one step per book event):
/// ```
///   for each bar of this timestamp:  executor.setBar(instrument:, bar:)
///   or, from a book:                 executor.setInput(instrument:, field:, value:) … markSeen
///   order state of every instrument: executor.setInput(instrument:, field: .position, …)
///   let n = executor.step(timeNanos:)         // decisions[0..<n] are valid until the next call
/// ```
public protocol StrategyExecutor: AnyObject {
  /// What the strategy declares: instruments, parameters, state size, risk limits.
  var interface: StrategyInterface { get }
  /// Decisions written by the last `step`; valid until the next call.
  var decisions: UnsafeBufferPointer<Decision> { get }
  /// Returns the strategy to its initial state (as after init).
  func reset()
  /// Makes `bar` the last known bar of instrument `instrument` (index into `interface.instruments`)
  /// and marks the instrument seen.
  func setBar(instrument: Int, bar: Bar)
  /// Sets one field of the instrument's input record (book levels, last trade, order state).
  func setInput(instrument: Int, field: InputField, value: Double)
  /// Marks the instrument as having delivered market data (rules reading it may fire).
  func markSeen(instrument: Int)
  /// Runs one evaluation step at `timeNanos` (UTC, since the epoch); returns the decision count.
  func step(timeNanos: Int64) -> Int
  /// Puts `value` in the parameter buffer for the steps that follow (the state is kept). Refuses
  /// a parameter the strategy lacks, a value of another kind, and a parameter that sizes the
  /// state or that the front end folded into the build (`ParameterTable.slot(for:)`).
  func setParameter(_ value: ParameterInfo) throws(ParameterRefusal)
}

/// One bar of one instrument, in floating point as the strategy sees it.
public struct Bar: Sendable, Equatable {
  public var open: Double
  public var high: Double
  public var low: Double
  public var close: Double
  public var volume: Double

  public init(open: Double, high: Double, low: Double, close: Double, volume: Double) {
    self.open = open
    self.high = high
    self.low = low
    self.close = close
    self.volume = volume
  }
}

extension Bar {
  /// Writes the bar into an instrument's input record (`fields` = its first field).
  @inlinable public func write(into fields: UnsafeMutablePointer<Double>) {
    fields[InputField.open.rawValue] = open
    fields[InputField.high.rawValue] = high
    fields[InputField.low.rawValue] = low
    fields[InputField.close.rawValue] = close
    fields[InputField.volume.rawValue] = volume
  }
}

/// What a step asks the runtime to do for one instrument.
public enum DecisionKind: UInt8, Sendable {
  /// Make the position `quantity` (signed); the runtime orders the difference.
  case target = 0
  /// Buy (quantity > 0) or sell (quantity < 0) `abs(quantity)` at market.
  case market = 1
  /// Buy or sell at `price` or better; the rest rests in the book until cancelled.
  case limit = 2
  /// Buy or sell at `price` or better, immediately; what does not fill at once is cancelled.
  case immediateOrCancel = 3
  /// Cancel the instrument's open orders: buys when quantity > 0, sells when < 0, all when 0.
  case cancel = 4
  /// Make the instrument's open orders on the quantity's side one order for `abs(quantity)` at
  /// `price` (amend in place, or place it when there is none): how a quote follows the market.
  case replace = 5
}

/// One decision of one step. Quantity stays floating point here; the runtime rounds it to
/// whole units with `Decision.wholeUnits` so that every backend converts the same way.
public struct Decision: Sendable, Equatable {
  public var kind: DecisionKind
  public var instrument: Int32
  public var quantity: Double
  public var price: Double

  public init(kind: DecisionKind, instrument: Int32, quantity: Double, price: Double = .nan) {
    self.kind = kind
    self.instrument = instrument
    self.quantity = quantity
    self.price = price
  }

  /// The quantity rounded half away from zero to whole units, or nil when it is not finite or
  /// beyond ±1e15 (such a decision is rejected by the runtime, never truncated silently).
  public var wholeUnits: Int64? {
    guard quantity.isFinite, abs(quantity) <= 1e15 else { return nil }
    return Int64(quantity.rounded(.toNearestOrAwayFromZero))
  }
}
