import StratRuntime

extension Engine {
  /// The OMS's between-event duties (every 256 events): repeated execution reports the OMS
  /// dropped are counted and logged (`oms.duplicate-report`).
  func superviseOMS() {
    for s in strategies {
      let duplicates = s.runner.session.router.executions.duplicates
      guard duplicates > s.reportedDuplicates else { continue }
      let fresh = duplicates - s.reportedDuplicates
      s.reportedDuplicates = duplicates
      metrics.duplicateReports.add(UInt64(fresh))
      log.warning(
        "oms.duplicate-report",
        ["strategy": .string(s.name), "dropped": .int(fresh), "total": .int(duplicates), "events": .int(Int(delivered))])
    }
  }

  /// The end of the session: day orders still resting expire (`oms.expired`).
  func expireDayOrders() {
    superviseOMS()
    for s in strategies {
      let expired = s.runner.session.router.expireDayOrders()
      guard expired > 0 else { continue }
      metrics.expiredOrders.add(UInt64(expired))
      log.info("oms.expired", ["strategy": .string(s.name), "orders": .int(expired)])
    }
  }
}
