import Foundation
import StratDiagnostics
import StratJournal

/// The engine's side of its journal: appends records, and after a crash replays the run against
/// what was journaled before it.
///
/// Recovery re-runs the same events from the start of the day (the venue, books and strategies
/// are deterministic in virtual time). Each record the re-run makes is compared, byte for byte,
/// with the next journaled one instead of being appended (`recovering`); once the journaled
/// records are used up, the run is where it was when it died — same positions, open orders,
/// strategy state, order ids — and records are appended again. A record that differs means the
/// journal belongs to another run (config, code, data): the engine refuses to go on.
package final class EngineJournal {
  private let writer: JournalWriter
  /// Payloads (with their type as the first byte) journaled before this process started.
  private var journaled: [[UInt8]] = []
  private var cursor = 0
  /// Commands journaled before this process started: (events delivered, command), in order.
  package private(set) var journaledCommands: [(events: UInt64, command: EngineCommand)] = []
  /// The version each strategy started with, as journaled (a recovery builds these bytes).
  package private(set) var journaledVersions: [Int: VersionBlob] = [:]
  /// Hot-loads journaled before this process started, in order.
  package private(set) var journaledHotLoads: [HotLoadRecord] = []
  /// The live feed's records journaled before this process started (a recovery replays them).
  package private(set) var recordedMarket = RecordedMarket()
  /// Hot-loads, shadow actions and unloads journaled before this process started, in order.
  package private(set) var journaledLifecycle: [LifecycleRecord] = []
  /// The torn last record the journal ended in, cut when it was opened (for the log).
  package let cutTail: String?

  package init(folder: String, run: [UInt8]) throws(EngineError) {
    do throws(JournalError) {
      let reader = try JournalReader(folder: folder)
      var records: [[UInt8]] = []
      records.reserveCapacity(reader.recordCount)
      reader.forEach { record in records.append([record.type] + Array(record.payload)) }
      writer = try JournalWriter(openingForAppend: folder, recovered: reader)
      cutTail = writer.cutTornTail.map { "\($0)" }
      journaled = records
    } catch {
      throw EngineError(
        id: error.id, message: error.message, notes: error.notes,
        location: DataLocation(path: error.file, byteOffset: error.offset))
    }
    journaledCommands = journaled.compactMap(Self.command)
    journaledHotLoads = journaled.compactMap(HotLoadRecord.init(payload:))
    var market = RecordedMarket()
    for (k, payload) in journaled.enumerated() where payload[0] >= EngineRecordType.market.rawValue {
      let failure: EngineError? = payload.withUnsafeBytes { bytes in
        do throws(EngineError) {
          try market.take(type: bytes[0], payload: UnsafeRawBufferPointer(rebasing: bytes[1...]), record: k + 1)
          return nil
        } catch { return error }
      }
      if let failure { throw failure }
    }
    recordedMarket = market
    journaledLifecycle = journaled.compactMap(LifecycleRecord.init(payload:))
    for record in journaled.compactMap(VersionRecord.init(payload:)) where journaledVersions[record.strategy] == nil {
      journaledVersions[record.strategy] = record.blob
    }
    if journaled.isEmpty {
      try append(.run, run)
    } else {
      guard journaled[0] == [EngineRecordType.run.rawValue] + run else {
        throw EngineError(
          id: "journal.other-run",
          message: "the journal in \(folder) was written by another run (other strategies, code, params, data or settings)",
          notes: ["start with an empty journal folder, or with the config and files of that run"])
      }
      cursor = 1
    }
  }

  /// While recovering, the next journaled record when it is of `type` (its payload, the type
  /// byte dropped), taken as if this run had made it; nil otherwise. A venue's reports are an
  /// input of the run, like market events: the re-run takes them instead of making them.
  package func takeJournaled(_ type: EngineRecordType, if wanted: ([UInt8]) -> Bool = { _ in true }) -> [UInt8]? {
    guard cursor < journaled.count, journaled[cursor].first == type.rawValue, wanted(Array(journaled[cursor].dropFirst())) else { return nil }
    defer { cursor += 1 }
    return Array(journaled[cursor].dropFirst())
  }

  /// While recovering, the payload of the journaled record `offset` places ahead (0: the next),
  /// when it is of `type`.
  package func peekJournaled(_ type: EngineRecordType, offset: Int = 0) -> [UInt8]? {
    let k = cursor + offset
    guard k < journaled.count, journaled[k].first == type.rawValue else { return nil }
    return Array(journaled[k].dropFirst())
  }

  /// The highest FIX MsgSeqNum of the venue reports journaled before this process started (0:
  /// none): a restart has the venue resend everything after it.
  package var lastJournaledReportSeq: Int {
    journaled.lazy.filter { $0.first == EngineRecordType.report.rawValue }
      .compactMap { ReportRecordWire.decode(Array($0.dropFirst()))?.1 }.max() ?? 0
  }

  /// True while the run is replaying what the journal already holds.
  package var recovering: Bool { cursor < journaled.count }
  /// Records journaled before this process started (the run record included).
  package var journaledCount: Int { journaled.count }

  /// Appends a record, or while recovering checks it against the journaled one.
  @inline(__always)
  package func record(_ type: EngineRecordType, _ payload: UnsafeRawBufferPointer) throws(EngineError) {
    if cursor < journaled.count {
      let expected = journaled[cursor]
      let same = expected.count == payload.count + 1 && expected[0] == type.rawValue
        && expected.withUnsafeBytes { memcmp($0.baseAddress! + 1, payload.baseAddress!, payload.count) == 0 }
      guard same else {
        throw EngineError(
          id: "journal.diverged",
          message: "record \(cursor + 1) of the journal differs from what this run makes there (a \(type) record)",
          notes: [
            "the journal belongs to another run, or the strategy or data changed",
            "journaled: a \(EngineRecordType(rawValue: expected[0]).map { "\($0)" } ?? "?") record of \(expected.count - 1) bytes \(Self.hex(expected.dropFirst()))",
            "made now: \(payload.count) bytes \(Self.hex(payload))",
          ])
      }
      cursor += 1
      return
    }
    do throws(JournalError) {
      _ = try writer.append(type: type.rawValue, payload: payload)
    } catch {
      throw EngineError(id: "journal.append", message: "\(error)")
    }
  }

  func append(_ type: EngineRecordType, _ bytes: [UInt8]) throws(EngineError) {
    let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
    defer { copy.deallocate() }
    copy.copyBytes(from: bytes)
    try record(type, UnsafeRawBufferPointer(rebasing: copy[0..<bytes.count]))
  }

  /// Waits (at most 5 s) until everything appended is on disk; the syncer thread does the
  /// fsync, the caller only waits. False when it is not.
  @discardableResult
  package func sync() -> Bool { writer.waitDurable(writer.lastSequence, timeoutMicroseconds: 5_000_000) }

  package func close() { writer.close() }

  /// The durable sequence and the journal's own counters, for metrics.
  package var metrics: JournalMetrics { writer.metrics }

  /// The first 64 bytes in hex, for a divergence's notes.
  static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    bytes.prefix(64).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
  }

  static func command(_ payload: [UInt8]) -> (UInt64, EngineCommand)? {
    guard payload.count == 10, payload[0] == EngineRecordType.command.rawValue,
      let command = EngineCommand(rawValue: payload[9])
    else { return nil }
    let events = littleEndian(payload[1..<9])
    return (events, command)
  }
}
