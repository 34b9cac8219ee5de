import Foundation
import StratFIX
import StratNet

extension Engine {
  /// Connects to the FIX venue the setup names, waits for the Logon (10 s), and points the
  /// strategy's OMS at it. One strategy per FIX session for now: the OMS numbers its orders
  /// per strategy, and two strategies on one session would need ClOrdID prefixes per strategy.
  ///
  /// With a journal, the OMS sees the venue through `JournaledVenue`; a restart on a journal
  /// that holds a run resumes the session's incoming MsgSeqNum after the last journaled report,
  /// so the venue resends what the process received but never journaled.
  static func connectFIX(
    _ setup: EngineSetup, _ hosted: [HostedStrategy], journal: EngineJournal?, log: EngineLog
  ) throws(EngineError) -> (FIXOrderGateway, JournaledVenue?)? {
    guard let venue = setup.fixVenue else { return nil }
    try requireOneStrategy(hosted, "a FIX venue")
    let resume = journal.flatMap { $0.journaledCount > 1 ? $0.lastJournaledReportSeq + 1 : nil }
    let gateway = try fixGateway(
      venue, store: venue.store ?? setup.journal.map { $0 + "/fix" }, resumeTargetAt: resume, hosted[0], log: log)
    guard let journal else {
      hosted[0].runner.session.remote = gateway
      return (gateway, nil)
    }
    let journaled = JournaledVenue(gateway: gateway, journal: journal)
    hosted[0].runner.session.remote = journaled
    if let resume { log.info("fix.resume", ["venue": .string(venue.targetCompID), "expected_seq": .int(resume)]) }
    return (gateway, journaled)
  }

  static func requireOneStrategy(_ hosted: [HostedStrategy], _ what: String) throws(EngineError) {
    guard hosted.count == 1 else {
      throw EngineError(id: "engine.fix.one-strategy", message: "\(what) takes one strategy per engine for now; the config names \(hosted.count)")
    }
  }

  /// A gateway on a new FIX 4.4 initiator to `venue`, once its Logon is in (10 s at most).
  /// `name` labels its log lines (the route's name; the TargetCompID without a router).
  static func fixGateway(
    _ venue: EngineConfig.FIXVenue, name: String? = nil, store folder: String?, resumeTargetAt resume: Int? = nil,
    _ host: HostedStrategy, log: EngineLog
  ) throws(EngineError) -> FIXOrderGateway {
    let label = name ?? venue.targetCompID
    let gateway: FIXOrderGateway
    do {
      let dictionary = try FIXDictionary.bundled(.fix44)
      let store = try FIXMessageStore(folder: folder)
      if let resume, resume < store.nextTargetSeq { try store.setNextTarget(resume) }
      let settings = FIXSessionSettings(
        version: .fix44, senderCompID: venue.senderCompID, targetCompID: venue.targetCompID, isInitiator: true,
        heartbeatSeconds: venue.heartbeatSeconds, schedule: venue.schedule)
      let session = FIXSession(settings: settings, dictionary: dictionary, store: store)
      let address = try TCPAddress.parse(venue.address.description)
      let initiator = FIXInitiator(session: session, address: address) { line in log.info("fix.session", ["venue": .string(label), "detail": .string(line)]) }
      gateway = FIXOrderGateway(
        initiator: initiator, symbols: host.built.executor.interface.instruments.map(\.symbol), prefix: "S",
        log: { line in log.warning("fix.gateway", ["venue": .string(label), "detail": .string(line)]) })
      initiator.start()
    } catch let error as FIXError {
      throw EngineError(id: error.id, message: error.message)
    } catch {
      throw EngineError(id: "engine.fix", message: "\(error)")
    }
    let until = Date(timeIntervalSinceNow: 10)
    while gateway.initiator.session.locked({ gateway.initiator.session.state }) != .loggedOn {
      guard Date() < until else {
        gateway.initiator.stop()
        throw EngineError(id: "engine.fix.no-logon", message: "no FIX Logon from \(venue.targetCompID) at \(venue.address) within 10 s")
      }
      usleep(5_000)
    }
    log.info("fix.logged-on", ["venue": .string(label), "address": .string(venue.address.description)])
    return gateway
  }
}
