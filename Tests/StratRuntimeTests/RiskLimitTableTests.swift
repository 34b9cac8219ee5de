import StratABI
import StratMarket
import Testing
@testable import StratRuntime

/// The engine's global limits on top of a strategy's: each limit the stricter of the two.
@Suite struct RiskLimitTableTests {
  static func money(_ text: String) -> Money { try! Money(text) }

  static let strategy: RiskLimitTable = {
    var t = RiskLimitTable(instrumentCount: 2)
    t.maxPosition = [300, .max]
    t.maxOrderQuantity = 500
    t.maxOrderNotional = money("100000")
    t.maxDailyLoss = money("5000")
    t.priceBand = Rate(raw: 2_000_000)
    t.maxOrders = 10
    t.orderRateWindowNanos = 1_000_000_000
    return t
  }()

  @Test func eachLimitIsTheStricterOfTheTwo() {
    var global = RiskLimitTable(instrumentCount: 2)
    global.maxPosition = [1000, 200]
    global.maxOrderQuantity = 150
    global.maxOrderNotional = Self.money("1000000")
    global.maxDailyLoss = Self.money("1500")
    global.priceBand = Rate(raw: 5_000_000)
    global.maxOpenOrders = 5
    global.duplicateWindowNanos = 1_000_000
    let t = Self.strategy.tightened(by: global)
    #expect(t.maxPosition == [300, 200])
    #expect(t.maxOrderQuantity == 150)
    #expect(t.maxOrderNotional == Self.money("100000"))
    #expect(t.maxDailyLoss == Self.money("1500"))
    #expect(t.priceBand == Rate(raw: 2_000_000))
    #expect(t.maxOpenOrders == 5)
    #expect(t.duplicateWindowNanos == 1_000_000)
    // No global rate limit: the strategy's stands, window and all.
    #expect(t.maxOrders == 10 && t.orderRateWindowNanos == 1_000_000_000)
  }

  @Test func aLimitOnlyOneSideSetsIsKept() {
    let none = RiskLimitTable(instrumentCount: 2)
    #expect(Self.strategy.tightened(by: none) == Self.strategy)
    #expect(none.tightened(by: Self.strategy) == Self.strategy)
  }

  @Test func orderRatesCombineAsTheSmallerCountOverTheLongerWindow() {
    var global = RiskLimitTable(instrumentCount: 2)
    global.maxOrders = 50
    global.orderRateWindowNanos = 60_000_000_000
    let t = Self.strategy.tightened(by: global)
    #expect(t.maxOrders == 10)
    #expect(t.orderRateWindowNanos == 60_000_000_000)
    var fast = RiskLimitTable(instrumentCount: 2)
    fast.maxOrders = 3
    fast.orderRateWindowNanos = 1_000
    let u = Self.strategy.tightened(by: fast)
    #expect(u.maxOrders == 3 && u.orderRateWindowNanos == 1_000_000_000)
  }

  @Test func theLongerDuplicateWindowWins() {
    var a = RiskLimitTable(instrumentCount: 1)
    a.duplicateWindowNanos = 5
    var b = RiskLimitTable(instrumentCount: 1)
    b.duplicateWindowNanos = 9
    #expect(a.tightened(by: b).duplicateWindowNanos == 9)
    #expect(b.tightened(by: a).duplicateWindowNanos == 9)
    #expect(a.tightened(by: RiskLimitTable(instrumentCount: 1)).duplicateWindowNanos == 5)
  }

  @Test func declaredLimitsBecomeWholeUnitsAndExactMoney() {
    let t = RiskLimitTable(
      RiskLimits(maxPosition: [300.9, nil], maxOrderQuantity: -1, maxOrderNotional: 1e5, maxDailyLoss: .nan),
      instrumentCount: 2)
    #expect(t.maxPosition == [300, .max])
    #expect(t.maxOrderQuantity == -1)
    #expect(t.maxOrderNotional == Self.money("100000"))
    #expect(t.maxDailyLoss == nil)
  }
}
