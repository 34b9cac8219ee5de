import StratMarket

extension BookSession {
  /// Removes from `report` the fills and updates the OMS has applied before (by execution id),
  /// in place: the rest keep their order, and nothing is allocated.
  package mutating func dropRepeatedReports() {
    var kept = 0
    for k in report.fills.indices where router.executions.isFirst(report.fills[k].executionID) {
      report.fills[kept] = report.fills[k]
      kept += 1
    }
    report.fills.removeLast(report.fills.count - kept)
    kept = 0
    for k in report.updates.indices where router.executions.isFirst(report.updates[k].executionID) {
      report.updates[kept] = report.updates[k]
      kept += 1
    }
    report.updates.removeLast(report.updates.count - kept)
  }
}

extension BookSession {
  /// Reconciles the OMS's open orders with the venue's (`OrderRouter.reconcile`). A remote
  /// venue answers after every report it sent before the answers (a FIX session delivers in
  /// sequence), so those reports are booked first: an order that filled while the engine was
  /// away is then filled here too, not unknown at the venue.
  package mutating func reconcile(at time: Int64, event: Int = 0) -> Reconciliation {
    guard let remote else { return router.reconcile(with: venue, at: time) }
    let theirs = remote.openOrders()
    settle(takerEvent: event, makerEvent: event)
    return router.reconcile(with: remote, theirs: theirs, at: time)
  }
}
