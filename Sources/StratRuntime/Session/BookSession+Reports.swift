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
  /// Reconciles the OMS's open orders with the venue's (`OrderRouter.reconcile`).
  package mutating func reconcile(at time: Int64) -> Reconciliation {
    if let remote { return router.reconcile(with: remote, at: time) }
    return router.reconcile(with: venue, at: time)
  }
}
