import Foundation
import StratFIX
import StratNet

extension Engine {
  /// Connects to the FIX venue the setup names, waits for the Logon (10 s), and points the
  /// strategy's OMS at it. One strategy per FIX session for now: the OMS numbers its orders
  /// per strategy, and two strategies on one session would need ClOrdID prefixes per strategy.
  static func connectFIX(_ setup: EngineSetup, _ hosted: [HostedStrategy], log: EngineLog) throws(EngineError) -> FIXOrderGateway? {
    guard let venue = setup.fixVenue else { return nil }
    guard hosted.count == 1 else {
      throw EngineError(id: "engine.fix.one-strategy", message: "a FIX venue takes one strategy per engine for now; the config names \(hosted.count)")
    }
    let gateway: FIXOrderGateway
    do {
      let dictionary = try FIXDictionary.bundled(.fix44)
      let folder = venue.store ?? setup.journal.map { $0 + "/fix" }
      let store = try FIXMessageStore(folder: folder)
      let settings = FIXSessionSettings(
        version: .fix44, senderCompID: venue.senderCompID, targetCompID: venue.targetCompID, isInitiator: true,
        heartbeatSeconds: venue.heartbeatSeconds, schedule: venue.schedule)
      let session = FIXSession(settings: settings, dictionary: dictionary, store: store)
      let address = try TCPAddress.parse(venue.address.description)
      let initiator = FIXInitiator(session: session, address: address) { line in log.info("fix.session", ["detail": .string(line)]) }
      gateway = FIXOrderGateway(
        initiator: initiator, symbols: hosted[0].built.executor.interface.instruments.map(\.symbol), prefix: "S",
        log: { line in log.warning("fix.gateway", ["detail": .string(line)]) })
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
    log.info("fix.logged-on", ["venue": .string(venue.targetCompID), "address": .string(venue.address.description)])
    hosted[0].runner.session.remote = gateway
    return gateway
  }
}
