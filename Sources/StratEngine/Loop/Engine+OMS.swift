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
      if !found.unknownAtVenue.isEmpty || !found.unknownToOMS.isEmpty {
        let record = ReconcileRecord(events: delivered, strategy: s.index, unknownAtVenue: found.unknownAtVenue, unknownToOMS: found.unknownToOMS)
        do throws(EngineError) { try journal?.append(.reconcile, record.bytes) } catch {
          writeAheadFailure = writeAheadFailure ?? error
        }
      }
      for id in found.unknownAtVenue {
        log.warning("oms.reconcile", ["strategy": .string(s.name), "order_id": .int(Int(id)), "finding": .string("unknown_at_venue")])
      }
      for id in found.unknownToOMS {
        log.warning("oms.reconcile", ["strategy": .string(s.name), "order_id": .int(Int(id)), "finding": .string("unknown_to_oms_cancelled")])
      }
    }
  }
}

extension Engine {
  /// While recovering, before event `delivered` + 1: the reconciliations the journal holds for
  /// this point, applied as they were. A reconciliation over FIX first booked the reports that
  /// preceded the venue's answer; their record comes first, and is taken by a settle here.
  func replayReconciliations() throws(EngineError) {
    guard let journal, journal.recovering else { return }
    let now = delivered
    func due(_ payload: [UInt8]) -> Bool { ReconcileRecord(payload: payload)?.events == now }
    if let report = journal.peekJournaled(.report), ReportRecordWire.events(report) == now,
      let next = journal.peekJournaled(.reconcile, offset: 1), due(next)
    {
      for s in strategies where s.active && s.runner.session.remote != nil {
        s.runner.session.settle(takerEvent: Int(now), makerEvent: Int(now))
      }
    }
    while let payload = journal.takeJournaled(.reconcile, if: due) {
      guard let record = ReconcileRecord(payload: payload), record.strategy < strategies.count else {
        throw EngineError(id: "journal.bad-reconcile-record", message: "a reconcile record of the journal does not hold what its type says (\(payload.count) bytes)")
      }
      strategies[record.strategy].runner.session.router.retireUnknownAtVenue(record.unknownAtVenue)
      log.info("oms.reconcile-replayed", ["strategy": .string(strategies[record.strategy].name), "events": .int(Int(now)), "unknown_at_venue": .int(record.unknownAtVenue.count)])
    }
  }
}
