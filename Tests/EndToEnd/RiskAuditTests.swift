import Testing

/// The hostile test's audit can fail: an order past each limit, in crafted rows, is reported.
@Suite struct RiskAuditTests {
  static let unit: Int64 = 100_000_000
  /// A book with its mid at 500 from t = 0.
  static let marks = RiskAudit.Marks(times: [0], mids: [500 * unit])

  static func sent(_ id: Int, _ q: Int64, price: Int64? = nil, at t: Int64) -> RiskAudit.Row {
    RiskAudit.Row(id: "\(id)", event: "submitted", side: q > 0 ? 1 : -1, quantity: abs(q), price: price, remaining: abs(q), reason: "", decided: t, step: id)
  }

  static func done(_ id: Int, at t: Int64) -> RiskAudit.Row {
    RiskAudit.Row(id: "\(id)", event: "cancelled", side: 1, quantity: 0, price: nil, remaining: 0, reason: "requested", decided: t, step: id)
  }

  static func breaches(_ rows: [RiskAudit.Row]) -> [String] {
    RiskEngineTests.limitBreaches(rows, marks: marks).filter { !$0.hasPrefix("only ") }
  }

  @Test func ordersWithinEveryLimitPass() {
    var rows: [RiskAudit.Row] = []
    for k in 0..<20 { rows += [Self.sent(k, k % 2 == 0 ? 100 : -100, at: Int64(k) * 200_000_000 + 1), Self.done(k, at: Int64(k) * 200_000_000 + 2)] }
    #expect(Self.breaches(rows) == [])
  }

  @Test func eachKindOfBreachIsReported() {
    let second: Int64 = 1_000_000_000
    #expect(Self.breaches([Self.sent(1, 501, at: 1)]).count == 3)  // quantity, position, notional
    #expect(Self.breaches([Self.sent(1, 201, at: 1)]).first?.contains("notional") == true)
    #expect(Self.breaches([Self.sent(1, 1, price: 511 * Self.unit, at: 1)]).first?.contains("outside 2 %") == true)
    #expect(Self.breaches([Self.sent(1, 150, at: 1), Self.sent(2, 151, at: 2 * second)]).first?.contains("position") == true)
    #expect(Self.breaches([Self.sent(1, 5, at: 1), Self.done(1, at: 2), Self.sent(2, 5, at: 3)]).first?.contains("duplicate") == true)
    let open = (1...6).map { Self.sent($0, $0 % 2 == 0 ? 1 : -1, price: (500 + Int64($0)) * Self.unit / 100 * 100, at: Int64($0) * second) }
    #expect(Self.breaches(open).contains { $0.contains("5 orders were open") })
    var burst: [RiskAudit.Row] = []
    for k in 0..<11 { burst += [Self.sent(k, k % 2 == 0 ? 1 : -1, at: Int64(k) + 1), Self.done(k, at: Int64(k) + 1)] }
    #expect(Self.breaches(burst).contains { $0.contains("11 orders within 1 s") })
    let halt = RiskAudit.Row(id: "", event: "denied", side: 1, quantity: 1, price: nil, remaining: nil, reason: "max_daily_loss", decided: 1, step: 1)
    #expect(Self.breaches([halt, Self.sent(1, 1, at: 2)]).first?.contains("halted") == true)
  }
}
