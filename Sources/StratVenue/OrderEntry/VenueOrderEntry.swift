import StratFIX

/// A client session's application at the venue: reads each order-entry message on the
/// session's reader thread and hands it to the venue thread (`VenueCore`).
public final class VenueOrderEntry: FIXApplication {
  public static let messageTypes: Set<String> = ["D", "F", "G", "H", "AF"]
  private let core: VenueCore
  private let key: String

  public init(core: VenueCore, session: FIXSession) {
    self.core = core
    key = "\(session.settings.senderCompID)-\(session.settings.targetCompID)"
  }

  public func fixReceived(_ message: FIXMessageView, on session: FIXSession, now: Int64) {
    core.submit(VenueCommand.read(message, session: key), from: session)
  }
}
