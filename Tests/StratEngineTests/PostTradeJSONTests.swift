import Foundation
import StratMarket
import StratRuntime
import Testing
@testable import StratEngine

/// The post-trade figures as `/v1/status` shows them.
@Suite struct PostTradeJSONTests {
  @Test func theSnapshotIsExactDecimalsInOneJSONObject() throws {
    let unit: Int64 = 100_000_000
    var risk = PostTradeRisk(instrumentCount: 1)
    risk.book(instrument: 0, quantity: -3, price: 10 * unit, fee: 5_000_000)
    risk.mark(0, 11 * unit)
    let snapshot = PostTradeSnapshot.engine([PostTradeSnapshot.strategy("mm \"1\"", symbols: ["GOOG"], risk: risk)], events: 512)
    let row = "{\"symbol\":\"GOOG\",\"position\":-3,\"mark\":11.00,\"realised\":0.00,\"unrealised\":-3.00,\"fees\":0.05,\"pnl\":-3.05,\"gross\":33.00,\"net\":-33.00}"
    let total = "{\"realised\":0.00,\"unrealised\":-3.00,\"fees\":0.05,\"pnl\":-3.05,\"gross\":33.00,\"net\":-33.00}"
    #expect(snapshot.json == "{\"events\":512,\"total\":\(total),\"instruments\":[\(row)],\"strategies\":[{\"name\":\"mm \\\"1\\\"\",\"total\":\(total),\"var_99_1d\":null,\"var_returns\":0,\"instruments\":[\(row)]}]}")
    let parsed = try JSONSerialization.jsonObject(with: Data(snapshot.json.utf8)) as? [String: Any]
    #expect(parsed?["events"] as? Int == 512)
  }
}
