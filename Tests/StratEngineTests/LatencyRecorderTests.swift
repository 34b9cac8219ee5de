import Testing

@testable import StratEngine

@Suite("Bench: latency recorder and summary")
struct LatencyRecorderTests {
  @Test("Nearest-rank percentiles of 1…1000 ns")
  func percentiles() {
    let s = LatencySummary((1...1000).reversed().map(UInt64.init))
    #expect(s.count == 1000)
    #expect(s.p50 == 500 && s.p99 == 990 && s.p999 == 999 && s.max == 1000)
  }

  @Test("Percentiles of few samples are samples, not interpolations")
  func fewSamples() {
    let s = LatencySummary([7, 3])
    #expect(s.p50 == 3 && s.p99 == 7 && s.p999 == 7 && s.max == 7)
    #expect(LatencySummary([]).count == 0 && LatencySummary([]).buckets.isEmpty)
  }

  @Test("Power-of-two buckets: [2ᵏ, 2ᵏ⁺¹), 0 and 1 in the first")
  func buckets() {
    #expect([0, 1, 2, 3, 4, 1023, 1024].map(LatencySummary.bucket(of:)) == [0, 0, 1, 1, 2, 9, 10])
    #expect(LatencySummary((1...1000).map(UInt64.init)).buckets == [1, 2, 4, 8, 16, 32, 64, 128, 256, 489])
  }

  @Test("The histogram prints every bucket from the first non-empty to the last")
  func histogram() {
    let lines = LatencySummary([5, 5, 40]).histogram.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0].hasPrefix("4–8 ns") && lines[0].contains(" 2 ") && lines[0].contains("66.67 %"))
    #expect(lines[1].hasPrefix("8–16 ns") && lines[1].contains(" 0 ") && !lines[1].contains("#"))
    #expect(lines[3].hasPrefix("32–64 ns") && lines[3].contains("33.33 %"))
  }

  @Test("A full recorder keeps what fits and counts the rest")
  func capacity() {
    let r = LatencyRecorder(capacity: 2)
    for v: UInt64 in [30, 10, 20] { r.record(v) }
    #expect(r.count == 2 && r.dropped == 1)
    #expect(r.summary().max == 30 && r.summary().count == 2)
  }
}
