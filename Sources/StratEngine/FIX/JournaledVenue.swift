import StratRuntime

/// The OMS's view of a FIX venue when the engine keeps a journal: the venue's reports are an
/// input of the run, so each batch the OMS drains is journaled (record 15) before the OMS books
/// it, and a recovery hands the OMS the same batches at the same points.
///
///   live:       OMS ─request─▶ gateway ─FIX─▶ venue;  gateway ─drain─▶ journal (report) ─▶ OMS
///   recovering: OMS ─request─▶ gateway table only;    journal (report) ─▶ gateway table ─▶ OMS
///
/// What the venue sent after the last journaled report (the process died before journaling it)
/// is not lost: the restart sets the session's next expected MsgSeqNum after that report, so the
/// venue resends it, and what was journaled already is dropped by execution id.
final class JournaledVenue: RemoteVenue {
  let gateway: FIXOrderGateway
  let journal: EngineJournal
  private var scratch = VenueReport()
  /// Why a report could not be journaled: thrown by the engine after the OMS call.
  var failure: EngineError?
  package private(set) var replayedBatches = 0

  /// The engine's count of delivered events: a batch is journaled with it, and a recovery
  /// hands the batch over at the first drain of the same count (the same place among the steps).
  /// (The engine sets it once it is built.)
  var events: () -> UInt64 = { 0 }

  init(gateway: FIXOrderGateway, journal: EngineJournal) {
    self.gateway = gateway
    self.journal = journal
  }

  func submit(_ order: VenueOrderRequest, decidedAt: Int64) -> UInt64 {
    guard journal.recovering else { return gateway.submit(order, decidedAt: decidedAt) }
    gateway.restore(submit: order, decidedAt: decidedAt)
    return order.id
  }

  func cancel(orderID: UInt64, decidedAt: Int64) {
    guard journal.recovering else { return gateway.cancel(orderID: orderID, decidedAt: decidedAt) }
    gateway.restore(cancel: orderID)
  }

  func replace(orderID: UInt64, quantity: Int64, price: Int64, decidedAt: Int64) {
    guard journal.recovering else { return gateway.replace(orderID: orderID, quantity: quantity, price: price, decidedAt: decidedAt) }
    gateway.restore(replace: orderID, price: price)
  }

  func openOrders() -> [VenueOrderStatus] { gateway.openOrders() }
  func order(_ id: UInt64) -> VenueOrderStatus? { gateway.order(id) }

  func drain(into report: inout VenueReport) {
    if journal.recovering {
      let now = events()
      while let payload = journal.takeJournaled(.report, if: { (ReportRecordWire.events($0) ?? .max) <= now }) {
        guard let (batch, _) = ReportRecordWire.decode(payload) else {
          failure = failure ?? EngineError(id: "journal.bad-report-record", message: "a report record of the journal does not hold what its type says (\(payload.count) bytes)", notes: ["Docs/JOURNAL.md \"Records\" gives the layout"])
          return
        }
        gateway.replay(batch)
        report.fills += batch.fills
        report.updates += batch.updates
        replayedBatches += 1
      }
      return
    }
    let seq = gateway.drainCountingSeq(into: &scratch)
    guard !scratch.fills.isEmpty || !scratch.updates.isEmpty else { return }
    let bytes = ReportRecordWire.encode(scratch, events: events(), lastSeq: seq)
    do throws(EngineError) { try journal.append(.report, bytes) } catch { failure = failure ?? error }
    report.fills += scratch.fills
    report.updates += scratch.updates
    scratch.removeAll()
  }
}
