import StratABI
import StratMarket
import Testing

@testable import StratRuntime

/// The one decision-to-order rule, on crafted decisions.
@Suite struct DecisionTranslatorTests {
  static func intents(_ decisions: [Decision], held: [Int64] = [0, 0]) -> [OrderIntent] {
    var t = DecisionTranslator(instrumentCount: held.count)
    return decisions.withUnsafeBufferPointer { buffer in
      t.begin(buffer, count: buffer.count)
      defer { t.end(buffer, count: buffer.count) }
      return buffer.indices.map { k in t.intent(buffer[k], index: k, time: 7, step: 3) { held[$0] } }
    }
  }

  static func order(_ intent: OrderIntent) -> OrderRecord? {
    if case .order(let r) = intent { return r }
    return nil
  }

  @Test func aTargetOrdersTheDifferenceAndOnlyTheLastTargetOfAnInstrumentCounts() {
    let i = Self.intents([
      Decision(kind: .target, instrument: 0, quantity: 100),
      Decision(kind: .target, instrument: 1, quantity: -50),
      Decision(kind: .target, instrument: 0, quantity: 30),
    ], held: [10, 0])
    guard case .skip = i[0] else { Issue.record("the first target of 0 was not skipped: \(i[0])"); return }
    #expect(Self.order(i[1])?.quantity == -50)
    #expect(Self.order(i[2])?.quantity == 20)
    #expect(Self.order(i[2])?.step == 3 && Self.order(i[2])?.time == 7)
  }

  @Test func quantitiesRoundHalfAwayFromZeroAndZeroIsNotSent() {
    let i = Self.intents([
      Decision(kind: .market, instrument: 0, quantity: 2.5),
      Decision(kind: .market, instrument: 0, quantity: -2.5),
      Decision(kind: .market, instrument: 1, quantity: 0.4),
    ])
    #expect(Self.order(i[0])?.quantity == 3)
    #expect(Self.order(i[1])?.quantity == -3)
    guard case .skip = i[2] else { Issue.record("a zero order was not skipped"); return }
  }

  @Test func malformedDecisionsAreRefusedWithTheirReason() {
    let i = Self.intents([
      Decision(kind: .market, instrument: 5, quantity: 1),
      Decision(kind: .market, instrument: 0, quantity: .nan),
      Decision(kind: .limit, instrument: 0, quantity: 1, price: -1),
      Decision(kind: .limit, instrument: 0, quantity: 1, price: .infinity),
      Decision(kind: .target, instrument: 0, quantity: 1e15),
    ], held: [Int64.min + 1, 0])
    let denials = i.map { intent -> RiskDenial? in
      if case .reject(_, let d) = intent { return d }
      return nil
    }
    #expect(denials[0] == .unknownInstrument(5))
    #expect(denials[1]?.code == .invalidQuantity)
    #expect(denials[2] == .invalidPrice(-1))
    #expect(denials[3] == .invalidPrice(.infinity))
    #expect(denials[4] == .overflow)
  }

  @Test func limitsKeepTheirPriceReplaceIsItsOwnIntentAndCancelFollowsTheSign() {
    let i = Self.intents([
      Decision(kind: .limit, instrument: 0, quantity: 10, price: 12.345),
      Decision(kind: .replace, instrument: 1, quantity: -10, price: 99.5),
      Decision(kind: .cancel, instrument: 0, quantity: 0.3),
      Decision(kind: .cancel, instrument: 0, quantity: -1),
      Decision(kind: .cancel, instrument: 1, quantity: 0),
    ])
    #expect(Self.order(i[0])?.limit == Price(rounding: 12.345))
    guard case .replace(let r) = i[1] else { Issue.record("replace: \(i[1])"); return }
    #expect(r.quantity == -10 && r.limit == Price(rounding: 99.5))
    let sides = i[2...].map { intent -> Side?? in
      if case .cancel(_, let side) = intent { return .some(side) }
      return nil
    }
    #expect(sides == [.some(.buy), .some(.sell), .some(nil)])
  }
}

/// The in-flight event queue keeps order through growth.
@Suite struct EventQueueTests {
  @Test func eventsComeOutInOrderAcrossGrowthAndWrapAround() {
    var q = EventQueue(capacity: 2)
    var next = 0
    var out: [Int64] = []
    for round in 0..<50 {
      for _ in 0..<(round % 7 + 1) {
        q.append(OrderEvent(timeNanos: Int64(next), kind: .add))
        next += 1
      }
      for _ in 0..<min(q.count, round % 5 + 1) { out.append(q.removeFirst().timeNanos) }
    }
    while !q.isEmpty { out.append(q.removeFirst().timeNanos) }
    #expect(out == (0..<next).map(Int64.init))
  }
}

/// Fixed-point limits from the ABI's Doubles.
@Suite struct RiskLimitTableConversionTests {
  @Test func quantityLimitsBecomeWholeUnitsAndNaNOrHugeIsNoLimit() {
    #expect(RiskLimitTable.units(100) == 100)
    #expect(RiskLimitTable.units(1.5) == 1)
    #expect(RiskLimitTable.units(-3) == -1)
    #expect(RiskLimitTable.units(.nan) == .max)
    #expect(RiskLimitTable.units(1e19) == .max)
    #expect(RiskLimitTable.units(nil) == .max)
  }
}
