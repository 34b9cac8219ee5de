import Foundation

/// The journal's figures for BENCHMARKS.md and Docs/JOURNAL.md, run by hand from
/// `strat-bench --journal` (release build): appends per second of small records with the syncer
/// committing every `syncIntervalMicroseconds`, the group-commit (msync) latency percentiles, and
/// recovery (check + iterate) of a journal of `recoveryRecords` records.
public enum JournalBenchmark {
  /// What one run measured.
  public struct Result: Sendable {
    public var appends: Int
    public var payloadBytes: Int
    public var appendSeconds: Double
    /// From the last append until the syncer declared it durable.
    public var drainSeconds: Double
    public var groups: Int
    /// Group latencies in microseconds: p50, p99, max.
    public var groupMicroseconds: (p50: Double, p99: Double, max: Double)
    public var recoveryRecords: Int
    /// `JournalReader(folder:)`: mapping and checking every segment and CRC.
    public var recoveryCheckSeconds: Double
    /// `forEach` over every record, reading each payload's bytes.
    public var recoveryIterateSeconds: Double

    /// The figures as lines of text.
    public var report: String {
      let rate = Double(appends) / appendSeconds
      return """
        journal: \(appends) appends of \(payloadBytes)-byte payloads in \(format(appendSeconds * 1e3)) ms: \
        \(format(rate / 1e6)) M appends/s (\(format(appendSeconds * 1e9 / Double(appends))) ns each), \
        then \(format(drainSeconds * 1e3)) ms until durable
        journal: \(groups) sync groups; latency p50 \(format(groupMicroseconds.p50)) µs, \
        p99 \(format(groupMicroseconds.p99)) µs, max \(format(groupMicroseconds.max)) µs
        journal: recovery of \(recoveryRecords) records: check \(format(recoveryCheckSeconds * 1e3)) ms, \
        iterate \(format(recoveryIterateSeconds * 1e3)) ms, total \
        \(format((recoveryCheckSeconds + recoveryIterateSeconds) * 1e3)) ms (page cache warm)
        """
    }

    private func format(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.0f", value) }
  }

  /// Runs the benchmark in `folder` (emptied first and removed after).
  public static func run(
    folder: String, appends: Int = 2_000_000, payloadBytes: Int = 64, syncIntervalMicroseconds: Int = 1_000,
    recoveryRecords: Int = 1_000_000
  ) throws(JournalError) -> Result {
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let payload = UnsafeMutableRawBufferPointer.allocate(byteCount: payloadBytes, alignment: 8)
    defer { payload.deallocate() }
    payload.initializeMemory(as: UInt8.self, repeating: 0x42)
    let options = JournalWriter.Options(syncIntervalMicroseconds: syncIntervalMicroseconds, latencySamples: 1 << 20)
    let writer = try JournalWriter(openingForAppend: folder + "/appends", options: options)
    let started = monotonicNanoseconds()
    var last: UInt64 = 0
    for _ in 0..<appends { last = try writer.append(type: 1, payload: UnsafeRawBufferPointer(payload)) }
    let appended = monotonicNanoseconds()
    _ = writer.waitDurable(last, timeoutMicroseconds: 60_000_000)
    let durable = monotonicNanoseconds()
    writer.close()
    let samples = writer.metrics.latencySamples().sorted()
    var result = Result(
      appends: appends, payloadBytes: payloadBytes, appendSeconds: Double(appended - started) / 1e9,
      drainSeconds: Double(durable - appended) / 1e9, groups: samples.count,
      groupMicroseconds: (percentile(samples, 0.50), percentile(samples, 0.99), percentile(samples, 1)),
      recoveryRecords: recoveryRecords, recoveryCheckSeconds: 0, recoveryIterateSeconds: 0)
    try measureRecovery(folder + "/recovery", payload, &result)
    return result
  }

  private static func measureRecovery(
    _ folder: String, _ payload: UnsafeMutableRawBufferPointer, _ result: inout Result
  ) throws(JournalError) {
    let writer = try JournalWriter(openingForAppend: folder, options: .init(syncIntervalMicroseconds: nil))
    for _ in 0..<result.recoveryRecords { _ = try writer.append(type: 2, payload: UnsafeRawBufferPointer(payload)) }
    writer.close()
    let started = monotonicNanoseconds()
    let reader = try JournalReader(folder: folder)
    let checked = monotonicNanoseconds()
    var sum = 0
    reader.forEach { record in sum &+= Int(record.payload[record.payload.count / 2]) &+ Int(record.type) }
    let iterated = monotonicNanoseconds()
    precondition(reader.recordCount == result.recoveryRecords && sum != 0)
    result.recoveryCheckSeconds = Double(checked - started) / 1e9
    result.recoveryIterateSeconds = Double(iterated - checked) / 1e9
  }

  private static func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return Double(sorted[min(sorted.count - 1, Int(p * Double(sorted.count - 1)))]) / 1e3
  }
}
