import Foundation
import Synchronization
import Testing

@testable import StratNet

/// The registry's text exposition format, its checks, and promtool's opinion of it.
@Suite struct MetricsTests {
  func sample() throws -> (MetricsRegistry, Counter, Histogram) {
    let registry = MetricsRegistry()
    let orders = try registry.counter("strat_orders_total", help: "Orders sent.")
    let denied = try registry.counter(
      "strat_denials_total",
      help: "Orders denied by risk,\nby reason.",
      labels: ["reason": "max_position"]
    )
    _ = try registry.counter(
      "strat_denials_total",
      help: "Orders denied by risk,\nby reason.",
      labels: ["reason": "a\\b\"c\nd"]
    )
    let exposure = try registry.gauge(
      "strat_gross_exposure",
      help: "Gross exposure.",
      labels: ["strategy": "mm"]
    )
    let latency = try registry.latencyHistogram(
      "strat_tick_to_order_seconds",
      help: "Tick to order."
    )
    orders.add(3)
    denied.add()
    exposure.set(1250.5)
    exposure.add(-0.25)
    latency.observe(100)
    latency.observe(150)
    latency.observe(10_000_000)
    latency.observe(20_000_000)
    try HTTPServerCounters().register(in: registry)
    return (registry, orders, latency)
  }

  @Test func rendersTheTextFormat() throws {
    let text = try sample().0.render()
    let lines = text.split(separator: "\n").map(String.init)
    #expect(
      lines.prefix(9) == [
        "# HELP strat_orders_total Orders sent.",
        "# TYPE strat_orders_total counter",
        "strat_orders_total 3",
        "# HELP strat_denials_total Orders denied by risk,\\nby reason.",
        "# TYPE strat_denials_total counter",
        "strat_denials_total{reason=\"max_position\"} 1",
        "strat_denials_total{reason=\"a\\\\b\\\"c\\nd\"} 0",
        "# HELP strat_gross_exposure Gross exposure.",
        "# TYPE strat_gross_exposure gauge",
      ]
    )
    #expect(lines.contains("strat_gross_exposure{strategy=\"mm\"} 1250.25"))
    #expect(
      lines.contains("strat_tick_to_order_seconds_bucket{le=\"1e-07\"} 1"),
      "100 ns is in le=100 ns"
    )
    #expect(lines.contains("strat_tick_to_order_seconds_bucket{le=\"2e-07\"} 2"))
    #expect(lines.contains("strat_tick_to_order_seconds_bucket{le=\"0.005\"} 2"))
    #expect(lines.contains("strat_tick_to_order_seconds_bucket{le=\"0.01\"} 3"))
    #expect(lines.contains("strat_tick_to_order_seconds_bucket{le=\"+Inf\"} 4"))
    #expect(lines.contains("strat_tick_to_order_seconds_count 4"))
    #expect(lines.contains("strat_tick_to_order_seconds_sum 0.03000025"))
    #expect(lines.filter { $0.hasPrefix("strat_tick_to_order_seconds_bucket") }.count == 17)
    #expect(text.hasSuffix("\n"))
  }

  @Test func refusesBadNamesDuplicatesAndConflicts() throws {
    let registry = MetricsRegistry()
    func id(_ body: () throws -> Void) -> String? {
      do { try body() } catch { return (error as? StratNetError)?.id ?? "\(error)" }
      return nil
    }
    #expect(id { _ = try registry.counter("9lives", help: "") } == "net.metrics.name")
    #expect(id { _ = try registry.counter("a-b", help: "") } == "net.metrics.name")
    #expect(
      id { _ = try registry.counter("ok_total", help: "", labels: ["__x": "1"]) }
        == "net.metrics.label-name"
    )
    #expect(
      id { _ = try registry.counter("ok_total", help: "", labels: ["a b": "1"]) }
        == "net.metrics.label-name"
    )
    #expect(
      id { _ = try registry.histogram("h", help: "", labels: ["le": "1"], bounds: [1]) }
        == "net.metrics.label-name"
    )
    #expect(
      id { _ = try registry.histogram("h", help: "", bounds: [2, 2]) } == "net.metrics.bounds"
    )
    #expect(id { _ = try registry.histogram("h", help: "", bounds: []) } == "net.metrics.bounds")
    #expect(id { _ = try registry.counter("x_total", help: "x", labels: ["a": "1"]) } == nil)
    #expect(
      id { _ = try registry.counter("x_total", help: "x", labels: ["a": "1"]) }
        == "net.metrics.duplicate"
    )
    #expect(id { _ = try registry.gauge("x_total", help: "x") } == "net.metrics.conflict")
    #expect(
      id { _ = try registry.counter("x_total", help: "other help", labels: ["a": "2"]) }
        == "net.metrics.conflict"
    )
  }

  @Test func updatesFromSeveralThreadsAreAllCounted() throws {
    let registry = MetricsRegistry()
    let counter = try registry.counter("events_total", help: "Events.")
    let histogram = try registry.latencyHistogram("latency_seconds", help: "Latency.")
    DispatchQueue.concurrentPerform(iterations: 4) { index in
      for value in 0..<50_000 {
        counter.add()
        histogram.observe(UInt64(value % 3 == 0 ? 50 : 20_000_000))
      }
    }
    #expect(counter.value == 200_000)
    let (cumulative, sum) = histogram.snapshot()
    #expect(cumulative.last == 200_000)
    #expect(cumulative.first == 4 * 16_667)
    #expect(sum == 4 * (16_667 * 50 + 33_333 * 20_000_000))
  }

  @Test func aSingleWriterCountsEveryUpdateWhileAnotherThreadRenders() throws {
    let registry = MetricsRegistry()
    let counter = try registry.counter("events_total", help: "Events.")
    let histogram = try registry.latencyHistogram("latency_seconds", help: "Latency.")
    let writing = Atomic<Bool>(true)
    let done = DispatchSemaphore(value: 0)
    Thread {
      for value in 0..<100_000 {
        counter.addSingleWriter(2)
        histogram.observeSingleWriter(UInt64(value % 2 == 0 ? 100 : 1_000))
      }
      writing.store(false, ordering: .releasing)
    }.start()
    Thread {
      while writing.load(ordering: .acquiring) { _ = registry.render() }
      done.signal()
    }.start()
    #expect(done.wait(timeout: .now() + 30) == .success)
    #expect(counter.value == 200_000)
    let (cumulative, sum) = histogram.snapshot()
    #expect(cumulative[0] == 50_000)
    #expect(cumulative[3] == 100_000)
    #expect(sum == 50_000 * 1_100)
  }

  @Test func serverCountersAreExported() throws {
    let registry = MetricsRegistry()
    let test = try TestServer()
    try test.server.counters.register(in: registry)
    _ = try test.raw("GET /open HTTP/1.1\r\n\r\n")
    _ = try HTTPClient.send("POST", "/v1/kill", to: test.address)
    _ = try test.authorized("GET", "/v1/status")
    let lines = registry.render().split(separator: "\n")
    #expect(lines.contains("strat_control_requests_total{outcome=\"handled\"} 1"))
    #expect(lines.contains("strat_control_requests_total{outcome=\"rejected\"} 1"))
    #expect(lines.contains("strat_control_requests_total{outcome=\"unauthorized\"} 1"))
    #expect(lines.contains("strat_control_connections_refused_total 0"))
  }

  @Test func aSlowControlHandlerDoesNotDelayMetrics() throws {
    let registry = MetricsRegistry()
    let inside = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let slow = HTTPRoute("POST", "/v1/strategies/load", requiresToken: false) { _ in
      inside.signal()
      _ = release.wait(timeout: .now() + 10)
      return .json(200, "{}")
    }
    let server = try HTTPServer(
      address: .loopback(port: 0),
      routes: [slow, registry.route()],
      token: nil
    )
    server.start()
    defer { server.stop() }
    let address = server.address
    let finished = DispatchSemaphore(value: 0)
    Thread {
      _ = try? HTTPClient.send(
        "POST",
        "/v1/strategies/load",
        to: address,
        timeoutMilliseconds: 15_000
      )
      finished.signal()
    }.start()
    #expect(inside.wait(timeout: .now() + 10) == .success)
    #expect(
      try HTTPClient.send("GET", "/metrics", to: address, timeoutMilliseconds: 3_000).status == 200
    )
    release.signal()
    #expect(finished.wait(timeout: .now() + 10) == .success)
  }

  @Test func servedWithoutTokenWithTheFormatsContentType() throws {
    let (registry, orders, _) = try sample()
    let server = try HTTPServer(
      address: .loopback(port: 0),
      routes: [registry.route()],
      token: try BearerToken(TestServer.secret)
    )
    server.start()
    defer { server.stop() }
    orders.add()
    let response = try HTTPClient.send("GET", "/metrics", to: server.address)
    #expect(response.status == 200)
    #expect(response.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
    #expect(response.bodyText.contains("strat_orders_total 4\n"))
    #expect(response.bodyText == registry.render())
  }

  /// promtool on PATH, if any.
  static let promtool = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
    .split(separator: ":").map { "\($0)/promtool" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test(
    .enabled(
      if: promtool != nil,
      "promtool is not installed (Debian: apt-get install prometheus); skipped"
    )
  )
  func promtoolAcceptsTheRendering() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.promtool!)
    process.arguments = ["check", "metrics"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(Data(try sample().0.render().utf8))
    try input.fileHandleForWriting.close()
    let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "promtool: \(said)")
    #expect(said.isEmpty, "promtool: \(said)")
  }
}
