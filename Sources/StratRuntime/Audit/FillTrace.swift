/// Where one ledger fill came from: the order, when it was decided and reached the venue, how it
/// took liquidity and which market event filled it. `BacktestResult.fillTraces[k]` explains
/// `ledger.fills[k]`; both are appended together, so the two arrays have the same length.
public struct FillTrace: Sendable, Equatable {
  /// How a fill met the market.
  public enum Liquidity: UInt8, Sendable {
    /// Our resting order was hit by a later market event (book runs).
    case maker
    /// Our arriving order took displayed liquidity (book runs).
    case taker
    /// Filled at a bar's price (bar runs: the next open, or the close).
    case bar

    /// The name written in `trades.csv`.
    public var name: String {
      switch self {
      case .maker: "maker"
      case .taker: "taker"
      case .bar: "bar"
      }
    }
  }

  /// The order id: sequential per bar run (from 1), the venue's id on books.
  public var orderID: UInt64
  /// When the strategy decided the order (ns since the epoch, UTC).
  public var decided: Int64
  /// When the order reached the venue; on bars, the time of the bar that filled it.
  public var arrived: Int64
  /// Maker, taker or bar.
  public var liquidity: Liquidity
  /// 1-based sequence number of the market event that filled it (see Docs/OUTPUTS.md): on bars
  /// the bar's place in the merged bar stream, on books the event's place in the feed.
  public var event: Int
  /// The 1-based step (row of `equity.csv`) whose equity first includes the fill.
  public var step: Int

  /// Creates a trace.
  public init(orderID: UInt64, decided: Int64, arrived: Int64, liquidity: Liquidity, event: Int, step: Int) {
    self.orderID = orderID
    self.decided = decided
    self.arrived = arrived
    self.liquidity = liquidity
    self.event = event
    self.step = step
  }
}
