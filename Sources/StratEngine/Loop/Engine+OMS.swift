import StratRuntime

extension Engine {
  /// The OMS's between-event duties (every 256 events): once a recovery has replayed the
  /// journal, the OMS reconciles with the venue; repeated execution reports the OMS dropped are
  /// counted and logged (`oms.duplicate-report`).
  func superviseOMS() {
    reconcileAfterRecovery()
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

extension Engine {
  /// After a recovery (the first boundary once the journal's records are used up): each
  /// strategy's open orders against the venue's (`oms.reconcile`, with one warning per order
  /// found on one side only, and counters in /metrics).
  func reconcileAfterRecovery() {
    guard reconcilePending, !(journal?.recovering ?? false) else { return }
    reconcilePending = false
    for s in strategies {
      let time = max(s.runner.replay.observationTime, s.runner.replay.lastEventTime)
      let found = s.runner.session.reconcile(at: time, event: Int(delivered))
      metrics.reconcileUnknownAtVenue.add(UInt64(found.unknownAtVenue.count))
      metrics.reconcileUnknownToOMS.add(UInt64(found.unknownToOMS.count))
      log.info(
        "oms.reconcile",
        ["strategy": .string(s.name), "events": .int(Int(delivered)), "oms_orders": .int(found.omsOrders),
         "venue_orders": .int(found.venueOrders), "unknown_at_venue": .int(found.unknownAtVenue.count),
         "unknown_to_oms": .int(found.unknownToOMS.count)])
      for id in found.unknownAtVenue {
        log.warning("oms.reconcile", ["strategy": .string(s.name), "order_id": .int(Int(id)), "finding": .string("unknown_at_venue")])
      }
      for id in found.unknownToOMS {
        log.warning("oms.reconcile", ["strategy": .string(s.name), "order_id": .int(Int(id)), "finding": .string("unknown_to_oms_cancelled")])
      }
    }
  }
}
