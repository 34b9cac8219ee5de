import StratFIX
import StratNet

/// `strat-venue --acceptance`: a FIX acceptor in the configuration QuickFIX's acceptance
/// scripts expect — we are ISLD, the client is TW42 (FIX 4.2) or TW44 (FIX 4.4), heartbeats as
/// the Logon asks, sequence numbers reset at every Logon, messages kept in memory only.
public enum AcceptanceServer {
  public static func settings(_ version: FIXVersion) -> [FIXSessionSettings] {
    let client = version == .fix42 ? "TW42" : "TW44"
    return [
      FIXSessionSettings(
        version: version, senderCompID: "ISLD", targetCompID: client, isInitiator: false, resetOnLogon: true,
        applicationTypes: AcceptanceEcho.echoedTypes)
    ]
  }

  /// Starts listening on `port` (0: any) and returns the running acceptor.
  public static func start(
    port: UInt16, version: FIXVersion, log: @escaping @Sendable (String) -> Void
  ) throws(FIXError) -> FIXAcceptor {
    let dictionary = try FIXDictionary.bundled(version)
    let acceptor = try FIXAcceptor(
      address: .loopback(port: port), dictionary: dictionary, sessions: settings(version), storeFolder: nil,
      log: log
    ) { _ in AcceptanceEcho() }
    acceptor.start()
    return acceptor
  }
}
