import Foundation
import StratFIX
import StratNet

@testable import StratVenue

/// A venue (acceptor + VenueCore) on a loopback port, and clients that log on to it.
final class VenueUnderTest {
  let core: VenueCore
  let acceptor: FIXAcceptor
  let dictionary: FIXDictionary

  init(clients: [String], symbols: [String] = ["INTC", "AAPL"]) throws {
    dictionary = try FIXDictionary.bundled(.fix44)
    let instruments = symbols.enumerated().map { MatchingInstrument(symbol: $0.element, locate: UInt16($0.offset + 1)) }
    let core = try VenueCore(instruments: instruments)
    self.core = core
    let settings = clients.map {
      FIXSessionSettings(senderCompID: "VENUE", targetCompID: $0, isInitiator: false, applicationTypes: VenueOrderEntry.messageTypes)
    }
    acceptor = try FIXAcceptor(address: .loopback(port: 0), dictionary: dictionary, sessions: settings, storeFolder: nil) {
      VenueOrderEntry(core: core, session: $0)
    }
    core.start()
    acceptor.start()
  }

  func client(_ name: String) throws -> TestClient { try TestClient(name: name, port: acceptor.address.port, dictionary: dictionary) }

  deinit {
    acceptor.stop()
    core.stop()
  }
}

/// A FIX initiator that keeps every application message it receives as `|` text.
final class TestClient: FIXApplication, @unchecked Sendable {
  let initiator: FIXInitiator
  private let lock = NSLock()
  private var received: [String] = []
  private var loggedOn = false

  init(name: String, port: UInt16, dictionary: FIXDictionary, store: FIXMessageStore? = nil) throws {
    let settings = FIXSessionSettings(senderCompID: name, targetCompID: "VENUE", isInitiator: true, heartbeatSeconds: 30)
    let session = FIXSession(settings: settings, dictionary: dictionary, store: try store ?? FIXMessageStore(folder: nil))
    initiator = FIXInitiator(session: session, address: .loopback(port: port))
    initiator.minimumBackoffNanos = 20_000_000
    initiator.application = self
    initiator.start()
  }

  func fixReceived(_ message: FIXMessageView, on session: FIXSession, now: Int64) {
    lock.lock()
    received.append(message.text)
    lock.unlock()
  }

  func fixLoggedOn(_ session: FIXSession) {
    lock.lock()
    loggedOn = true
    lock.unlock()
  }

  var messages: [String] {
    lock.lock()
    defer { lock.unlock() }
    return received
  }

  /// Waits until `count` messages have arrived (or 5 s), then returns them all.
  func wait(for count: Int, seconds: Double = 5) -> [String] {
    let until = Date(timeIntervalSinceNow: seconds)
    while messages.count < count && Date() < until { usleep(2_000) }
    return messages
  }

  func waitLoggedOn() -> Bool {
    let until = Date(timeIntervalSinceNow: 5)
    while Date() < until {
      lock.lock()
      let done = loggedOn
      lock.unlock()
      if done { return true }
      usleep(2_000)
    }
    return false
  }

  /// Sends a message of `type` with `fields` (tag, value) in order.
  func send(_ type: String, _ fields: [(Int, String)]) throws {
    try initiator.withSession { session throws(FIXError) in
      try session.sendApplication(type, now: FIXClock.utcNanos()) { encoder in
        for (tag, value) in fields { encoder.append(tag, value) }
      }
    }
  }

  func order(_ id: String, side: String, quantity: Int, price: String, symbol: String = "INTC", tif: String = "0") throws {
    try send("D", [(11, id), (38, String(quantity)), (40, "2"), (44, price), (54, side), (55, symbol), (59, tif), (60, FIXTime.timestamp(FIXClock.utcNanos()))])
  }

  func stop() { initiator.stop() }
}

/// The value of `tag` in a `|` message.
func field(_ message: String, _ tag: Int) -> String? {
  message.split(separator: "|").first { $0.hasPrefix("\(tag)=") }.map { String($0.dropFirst("\(tag)=".count)) }
}
