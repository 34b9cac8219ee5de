/// How well a book rebuilt from messages agrees with LOBSTER's own orderbook file, level by
/// level, on the levels the messages determine (see `BookAgreement` and AGREEMENT.md).
public struct AgreementReport: Sendable, Hashable, CustomStringConvertible {
  /// One level where the rebuilt book and the orderbook row differ.
  public struct Disagreement: Sendable, Hashable {
    /// 1-based row (= message) number.
    public var row: Int
    public var side: Side
    /// Price in 1e-8 units.
    public var price: Int64
    /// The orderbook file's quantity (0: no level at that price).
    public var expected: Int64
    /// The rebuilt book's quantity.
    public var found: Int64
  }

  /// Levels per side in the orderbook file.
  public var levels: Int
  /// Messages applied.
  public var messages = 0
  /// Orderbook rows read (should equal `messages`).
  public var rows = 0
  /// Rows compared with the rebuilt book (every row after the first, which seeds it).
  public var rowsCompared = 0
  /// Rows where every determined level agreed.
  public var rowsAgreeing = 0
  /// Rows with no level entering the visible depth from beyond it: the whole row is determined.
  public var rowsFullyDetermined = 0
  /// Fully determined rows that agreed in full.
  public var rowsFullyDeterminedAgreeing = 0
  /// Determined levels (side, price) compared.
  public var levelsCompared = 0
  /// Determined levels that agreed.
  public var levelsAgreeing = 0
  /// Levels taken from the first row (the state before the sample starts).
  public var levelsSeeded = 0
  /// Levels excluded: they entered the visible depth from beyond it, where messages are not
  /// reported, so their quantity was taken from the row.
  public var levelsEntered = 0
  /// Prices the rebuilt book had in newly visible depth that the row shows empty (orders that
  /// left while out of view); cleared, not compared.
  public var staleLevelsCleared = 0
  /// Messages about orders the book never saw (placed before the sample or out of view).
  public var unknownOrderMessages = 0
  /// The first few disagreements.
  public var firstDisagreements: [Disagreement] = []

  /// Creates an empty report for a file of `levels` levels.
  public init(levels: Int) { self.levels = levels }

  /// Percentage of determined levels that agreed (100 when none were compared).
  public var percentAgreeing: Double {
    levelsCompared == 0 ? 100 : 100 * Double(levelsAgreeing) / Double(levelsCompared)
  }

  /// A one-paragraph summary with every count.
  public var description: String {
    let percent = (percentAgreeing * 1000).rounded(.down) / 1000
    return "levels \(levels): messages \(messages), rows \(rows), rows compared \(rowsCompared) "
      + "(agreeing \(rowsAgreeing)), rows fully determined \(rowsFullyDetermined) "
      + "(agreeing \(rowsFullyDeterminedAgreeing)), levels compared \(levelsCompared), "
      + "agreeing \(levelsAgreeing) (\(percent) %), excluded: seeded from row 1 \(levelsSeeded), "
      + "entered from beyond the depth \(levelsEntered), stale cleared \(staleLevelsCleared); "
      + "messages about unseen orders \(unknownOrderMessages)"
  }
}
