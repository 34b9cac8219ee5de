import Foundation

/// The journal's figures for BENCHMARKS.md and Docs/JOURNAL.md, run by hand from
/// `strat-bench --journal` (release build), each phase on a fresh journal:
/// - flat out: `appends` appends of `payloadBytes` as fast as one thread can, the syncer
///   committing every `syncIntervalMicroseconds`; then the time until the last is durable;
/// - paced: `pacedRate` appends per second for one second (a busy engine), with the latency of
///   each append and of each sync group;
/// - recovery: check and iterate a journal of `recoveryRecords` records.
package enum JournalBenchmark {
  /// Nanosecond percentiles of one series: p50, p99, p99.9, max, and how many there were.
  package struct Percentiles: Sendable {
    package var count = 0
    package var p50 = 0.0, p99 = 0.0, p999 = 0.0, max = 0.0

    init(_ values: [UInt64]) {
      let sorted = values.sorted()
      count = sorted.count
      guard !sorted.isEmpty else { return }
      func at(_ p: Double) -> Double {
        Double(sorted[Swift.min(sorted.count - 1, Int(p * Double(sorted.count - 1)))])
      }
      (p50, p99, p999, max) = (at(0.5), at(0.99), at(0.999), Double(sorted.last!))
    }

    /// "p50 A, p99 B, p99.9 C, max D" in µs.
    package var microseconds: String {
      "p50 \(f(p50 / 1e3)), p99 \(f(p99 / 1e3)), p99.9 \(f(p999 / 1e3)), max \(f(max / 1e3)) µs"
    }
  }

  /// What one run measured.
  package struct Result: Sendable {
    package var appends = 0, payloadBytes = 0
    package var appendSeconds = 0.0
    /// From the last flat-out append until the syncer declared it durable.
    package var drainSeconds = 0.0
    package var flatGroups = Percentiles([])
    package var pacedRate = 0
    package var pacedAppends = Percentiles([])
    package var pacedGroups = Percentiles([])
    package var recoveryRecords = 0
    /// `JournalReader(folder:)`: mapping and checking every segment and CRC.
    package var recoveryCheckSeconds = 0.0
    /// `forEach` over every record, reading each payload.
    package var recoveryIterateSeconds = 0.0

    /// The figures as lines of text.
    package var report: String {
      """
      journal flat out: \(appends) appends of \(payloadBytes) B in \(f(appendSeconds * 1e3)) ms = \
      \(f(Double(appends) / appendSeconds / 1e6)) M appends/s (\(f(appendSeconds * 1e9 / Double(appends))) ns each); \
      durable \(f(drainSeconds * 1e3)) ms after the last
      journal flat out: \(flatGroups.count) sync groups, latency \(flatGroups.microseconds)
      journal paced \(pacedRate)/s for 1 s: append latency \(pacedAppends.microseconds)
      journal paced \(pacedRate)/s for 1 s: \(pacedGroups.count) sync groups, latency \(pacedGroups.microseconds)
      journal recovery of \(recoveryRecords) records: check \(f(recoveryCheckSeconds * 1e3)) ms + iterate \
      \(f(recoveryIterateSeconds * 1e3)) ms = \(f((recoveryCheckSeconds + recoveryIterateSeconds) * 1e3)) ms (page cache warm)
      """
    }
  }

  /// Runs the benchmark in `folder` (emptied first and removed after).
  package static func run(
    folder: String,
    appends: Int = 2_000_000,
    payloadBytes: Int = 64,
    syncIntervalMicroseconds: Int = 1_000,
    pacedRate: Int = 100_000,
    recoveryRecords: Int = 1_000_000
  ) throws(JournalError) -> Result {
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let payload = UnsafeMutableRawBufferPointer.allocate(byteCount: payloadBytes, alignment: 8)
    defer { payload.deallocate() }
    payload.initializeMemory(as: UInt8.self, repeating: 0x42)
    let bytes = UnsafeRawBufferPointer(payload)
    let options = JournalWriter.Options(
      syncIntervalMicroseconds: syncIntervalMicroseconds,
      latencySamples: 1 << 20
    )
    var result = Result()
    result.payloadBytes = payloadBytes
    try flatOut(folder + "/flat", bytes, appends, options, &result)
    try paced(folder + "/paced", bytes, pacedRate, options, &result)
    try recovery(folder + "/recovery", bytes, recoveryRecords, &result)
    return result
  }

  private static func flatOut(
    _ folder: String,
    _ payload: UnsafeRawBufferPointer,
    _ appends: Int,
    _ options: JournalWriter.Options,
    _ result: inout Result
  ) throws(JournalError) {
    let writer = try JournalWriter(openingForAppend: folder, options: options)
    let started = monotonicNanoseconds()
    var last: UInt64 = 0
    for _ in 0..<appends { last = try writer.append(type: 1, payload: payload) }
    let appended = monotonicNanoseconds()
    _ = writer.waitDurable(last, timeoutMicroseconds: 60_000_000)
    let durable = monotonicNanoseconds()
    writer.close()
    result.appends = appends
    result.appendSeconds = Double(appended - started) / 1e9
    result.drainSeconds = Double(durable - appended) / 1e9
    result.flatGroups = Percentiles(writer.metrics.latencySamples())
  }

  /// Appends at `rate` per second for one second, timing each append (the clock read is vDSO).
  private static func paced(
    _ folder: String,
    _ payload: UnsafeRawBufferPointer,
    _ rate: Int,
    _ options: JournalWriter.Options,
    _ result: inout Result
  ) throws(JournalError) {
    let writer = try JournalWriter(openingForAppend: folder, options: options)
    var latencies = [UInt64](repeating: 0, count: rate)
    let started = monotonicNanoseconds()
    for i in 0..<rate {
      let due = started + UInt64(i) * 1_000_000_000 / UInt64(rate)
      while monotonicNanoseconds() < due {}
      let before = monotonicNanoseconds()
      _ = try writer.append(type: 1, payload: payload)
      latencies[i] = monotonicNanoseconds() - before
    }
    writer.close()
    result.pacedRate = rate
    result.pacedAppends = Percentiles(latencies)
    result.pacedGroups = Percentiles(writer.metrics.latencySamples())
  }

  private static func recovery(
    _ folder: String,
    _ payload: UnsafeRawBufferPointer,
    _ records: Int,
    _ result: inout Result
  ) throws(JournalError) {
    let writer = try JournalWriter(
      openingForAppend: folder,
      options: .init(syncIntervalMicroseconds: nil)
    )
    for _ in 0..<records { _ = try writer.append(type: 2, payload: payload) }
    writer.close()
    let started = monotonicNanoseconds()
    let reader = try JournalReader(folder: folder)
    let checked = monotonicNanoseconds()
    var sum = 0
    reader.forEach { record in
      sum &+= Int(record.payload[record.payload.count / 2]) &+ Int(record.type)
    }
    let iterated = monotonicNanoseconds()
    precondition(reader.recordCount == records && sum != 0)
    result.recoveryRecords = records
    result.recoveryCheckSeconds = Double(checked - started) / 1e9
    result.recoveryIterateSeconds = Double(iterated - checked) / 1e9
  }
}

private func f(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.0f", value) }
