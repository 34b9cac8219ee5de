import StratMarket
import StratRuntime

/// The engine's write-ahead: before the OMS hands a request to the gateway, the strategy's new
/// order-log rows — the request's own last — are journaled (`journalNewRows`), so an order's
/// record precedes the venue's seeing it, and a recovery compares the same records in the same
/// order. Made per call on the stack (two references, no allocation).
///
/// ```
///   OrderRouter.send ─▶ log row ─▶ persist ─▶ Engine.journalNewRows ─▶ journal (mmap append)
///                                     └─ true ─▶ gateway.submit
/// ```
/// A journal error cannot cross the OMS (it does not throw): it is kept in
/// `Engine.writeAheadFailure`, the request is not sent, and the engine throws it once the OMS
/// call returns.
struct JournalWriteAhead: OrderWriteAhead {
  unowned let engine: Engine
  let host: HostedStrategy

  func persist(_ row: OrderLogEntry) -> Bool {
    do throws(EngineError) {
      try engine.journalNewRows(host)
      return true
    } catch {
      engine.writeAheadFailure = engine.writeAheadFailure ?? error
      return false
    }
  }
}

extension Engine {
  /// Throws the journal error a write-ahead kept, if any.
  @inline(__always)
  func throwWriteAheadFailure() throws(EngineError) {
    if let failure = writeAheadFailure ?? journaledVenue?.failure { throw failure }
  }
}
