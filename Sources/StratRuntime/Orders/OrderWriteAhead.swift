/// Where the OMS puts each request before the gateway sees it: the live engine appends the
/// request's journal record, so an order is on record (in the page cache, then on disk) before
/// any venue can act on it; a backtest passes `NoWriteAhead`.
///
/// ```
///   decision ─▶ OrderRouter: id, risk, order-log row ─▶ writeAhead.persist(row) ─▶ gateway
///                                                        false: nothing is sent
/// ```
/// A generic parameter of the router's methods, never an existential: the call is specialised
/// (inlined to nothing for `NoWriteAhead`) and allocates nothing. Called on the strategy's thread.
package protocol OrderWriteAhead {
  /// Records `row` (a `submitted`, `cancel_requested` or `replace_requested` row, already the last
  /// row of the order log); false when it could not be recorded: the request is then not sent,
  /// and the caller stops (the engine throws the journal's error after the event).
  func persist(_ row: OrderLogEntry) -> Bool
}

/// The backtest's write-ahead: nothing to record.
package struct NoWriteAhead: OrderWriteAhead {
  package init() {}

  @inline(__always)
  package func persist(_ row: OrderLogEntry) -> Bool { true }
}
