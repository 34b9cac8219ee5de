import StratFIX

/// A client session's application at the venue: reads each order-entry message on the
/// session's reader thread and hands it to the venue thread (`VenueCore`); counts the
/// session's Logons in the venue's metrics, and exports its wire counts there.
public final class VenueOrderEntry: FIXApplication {
  public static let messageTypes: Set<String> = ["D", "F", "G", "H", "AF"]
  private let core: VenueCore
  private let key: String

  /// Made once per session, at its first Logon (the acceptor keeps it for reconnects).
  public init(core: VenueCore, session: FIXSession, log: @Sendable (String) -> Void = { _ in }) {
    self.core = core
    key = "\(session.settings.senderCompID)-\(session.settings.targetCompID)"
    do { try core.metrics?.watch(session, client: session.settings.targetCompID) } catch {
      log("venue: cannot export the metrics of \(key): \(error.message)")
    }
  }

  public func fixReceived(_ message: FIXMessageView, on session: FIXSession, now: Int64) {
    core.submit(VenueCommand.read(message, session: key), from: session)
  }

  public func fixLoggedOn(_ session: FIXSession) { core.metrics?.sessionsLoggedOn.add(1) }

  public func fixLoggedOut(_ session: FIXSession) { core.metrics?.sessionsLoggedOn.add(-1) }
}
