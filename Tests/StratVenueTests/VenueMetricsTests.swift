import Foundation
import StratFIX
import StratNet
import Testing

@testable import StratVenue

/// strat-venue's /metrics: a VenueServer with the endpoint on port 0, two FIX clients trading
/// through it, and the numbers scraped over HTTP (and checked by promtool when it is here).
@Suite(.serialized) struct VenueMetricsTests {
  /// A venue on loopback ports with metrics, clients CLIENT1 and CLIENT2, instrument INTC.
  func venue() throws -> VenueServer {
    var settings = VenueSettings()
    settings.clients = ["CLIENT1", "CLIENT2"]
    settings.fixAddress = .loopback(port: 0)
    settings.instruments = [MatchingInstrument(symbol: "INTC", locate: 1)]
    settings.metrics = .loopback(port: 0)
    let server = try VenueServer(settings) { _ in }
    server.start()
    return server
  }

  func scrape(_ server: VenueServer, _ path: String = "/metrics") throws -> HTTPClientResponse {
    try HTTPClient.send("GET", path, to: try #require(server.metricsServer).address)
  }

  /// The sample `series` (name and labels as rendered), polled until it equals `expected` (5 s).
  func sample(_ server: VenueServer, _ series: String, becomes expected: String) throws -> String? {
    let until = Date(timeIntervalSinceNow: 5)
    var found: String?
    repeat {
      let text = String(decoding: try scrape(server).body, as: UTF8.self)
      found = text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.map { String($0.dropFirst(series.count + 1)) }
      if found == expected { return found }
      usleep(5_000)
    } while Date() < until
    return found
  }

  @Test func ordersFillsRejectsAndSessionsAreCounted() throws {
    let server = try venue()
    defer { server.stop() }
    let dictionary = try FIXDictionary.bundled(.fix44)
    let seller = try TestClient(name: "CLIENT1", port: server.acceptor.address.port, dictionary: dictionary)
    let buyer = try TestClient(name: "CLIENT2", port: server.acceptor.address.port, dictionary: dictionary)
    defer { seller.stop(); buyer.stop() }
    #expect(seller.waitLoggedOn() && buyer.waitLoggedOn())
    #expect(try sample(server, "strat_venue_fix_sessions_logged_on", becomes: "2") == "2")
    try seller.order("S1", side: "2", quantity: 100, price: "10.25")
    _ = seller.wait(for: 1)
    try buyer.order("B1", side: "1", quantity: 60, price: "10.30")
    try buyer.order("B2", side: "1", quantity: 50, price: "9.00")
    try seller.order("Y", side: "1", quantity: 10, price: "9.50", symbol: "ZZZZ")
    try seller.order("S1", side: "2", quantity: 10, price: "10.25")
    _ = buyer.wait(for: 3)
    try seller.send("F", [(11, "C1"), (41, "NOPE"), (54, "2"), (55, "INTC"), (60, FIXTime.timestamp(FIXClock.utcNanos()))])
    try seller.send("F", [(11, "C2"), (41, "S1"), (54, "2"), (55, "INTC"), (60, FIXTime.timestamp(FIXClock.utcNanos()))])
    try buyer.send("G", [(11, "B3"), (38, "60"), (40, "2"), (41, "B2"), (44, "9.10"), (54, "1"), (55, "INTC"), (60, FIXTime.timestamp(FIXClock.utcNanos()))])
    #expect(seller.wait(for: 6).count == 6 && buyer.wait(for: 4).count == 4)
    let expected = [
      ("strat_venue_orders_total{client=\"CLIENT1\"}", "3"), ("strat_venue_orders_total{client=\"CLIENT2\"}", "2"),
      ("strat_venue_fills_total", "2"), ("strat_venue_filled_quantity_total", "120"),
      ("strat_venue_cancels_total", "1"), ("strat_venue_replaces_total", "1"),
      ("strat_venue_rejects_total{message=\"execution_report\",reason=\"unknown_symbol\"}", "1"),
      ("strat_venue_rejects_total{message=\"execution_report\",reason=\"duplicate_order\"}", "1"),
      ("strat_venue_rejects_total{message=\"order_cancel_reject\",reason=\"unknown_order\"}", "1"),
      ("strat_venue_rejects_total{message=\"execution_report\",reason=\"incorrect_quantity\"}", "0"),
      ("strat_venue_resting_orders", "1"),
      // Logon and five orders or cancels in; Logon and six reports out.
      ("strat_venue_fix_messages_received_total{client=\"CLIENT1\"}", "6"),
      ("strat_venue_fix_messages_sent_total{client=\"CLIENT1\"}", "7"),
    ]
    for (series, value) in expected { #expect(try sample(server, series, becomes: value) == value, "\(series)") }
    buyer.stop()
    #expect(try sample(server, "strat_venue_fix_sessions_logged_on", becomes: "1") == "1")
  }

  @Test func aSessionRejectIsCountedForItsClient() throws {
    let server = try venue()
    defer { server.stop() }
    let client = try TestClient(name: "CLIENT2", port: server.acceptor.address.port, dictionary: try FIXDictionary.bundled(.fix44))
    defer { client.stop() }
    #expect(client.waitLoggedOn())
    try client.send("D", [(38, "10"), (40, "2"), (44, "9.50"), (54, "1"), (55, "INTC"), (59, "0")])  // no ClOrdID, no TransactTime
    #expect(try sample(server, "strat_venue_fix_session_rejects_total{client=\"CLIENT2\"}", becomes: "1") == "1")
    #expect(try sample(server, "strat_venue_fix_garbled_total{client=\"CLIENT2\"}", becomes: "0") == "0")
    #expect(try sample(server, "strat_venue_orders_total{client=\"CLIENT2\"}", becomes: "0") == "0")
  }

  @Test func metricsAreTextFormatAndHealthAnswers() throws {
    let server = try venue()
    defer { server.stop() }
    let metrics = try scrape(server)
    #expect(metrics.status == 200 && metrics.header("content-type") == MetricsRegistry.contentType)
    let text = String(decoding: metrics.body, as: UTF8.self)
    #expect(text.contains("# TYPE strat_venue_orders_total counter\nstrat_venue_orders_total{client=\"CLIENT1\"} 0\n"))
    #expect(text.contains("# TYPE strat_venue_resting_orders gauge\n"))
    let health = try scrape(server, "/health")
    #expect(health.status == 200 && String(decoding: health.body, as: UTF8.self) == "ok\n")
    #expect(try scrape(server, "/v1/status").status == 404)
  }

  /// promtool on PATH, if any (as StratNetTests' MetricsTests looks for it).
  static let promtool = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
    .split(separator: ":").map { "\($0)/promtool" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test(.enabled(if: promtool != nil, "promtool is not installed (Debian: apt-get install prometheus); skipped"))
  func promtoolAcceptsTheScrape() throws {
    let server = try venue()
    defer { server.stop() }
    let client = try TestClient(name: "CLIENT1", port: server.acceptor.address.port, dictionary: try FIXDictionary.bundled(.fix44))
    defer { client.stop() }
    #expect(client.waitLoggedOn())
    try client.order("A", side: "1", quantity: 10, price: "9.50")
    _ = client.wait(for: 1)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.promtool!)
    process.arguments = ["check", "metrics"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(Data(try scrape(server).body))
    try input.fileHandleForWriting.close()
    let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0 && said.isEmpty, "promtool: \(said)")
  }
}
