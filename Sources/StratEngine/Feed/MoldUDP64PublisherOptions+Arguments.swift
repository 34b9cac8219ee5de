import StratNet

extension MoldUDP64PublisherOptions {
  /// `strat-engine publish`'s arguments as options, and the file (Docs/FEEDS.md).
  package static func parse(_ args: ArraySlice<String>) throws(FeedCommandFlags.Usage)
    -> (MoldUDP64PublisherOptions, String)
  {
    let flags = try FeedCommandFlags(
      args,
      valued: [
        "udp", "request-port", "session", "speed", "drop", "dup", "reorder", "seed", "max-packet",
        "linger",
      ]
    )
    guard flags.positional.count == 1, let file = flags.positional.first else {
      throw FeedCommandFlags.Usage(message: "give exactly one FILE (got \(flags.positional.count))")
    }
    guard let udp = flags.string("udp") else {
      throw FeedCommandFlags.Usage(message: "--udp ADDR is required")
    }
    var options = MoldUDP64PublisherOptions(destination: try FeedCommandFlags.address(udp, "udp"))
    options.requestPort = try flags.number("request-port", UInt16.self) ?? 0
    if let session = flags.string("session") {
      guard (1...10).contains(session.utf8.count),
        session.allSatisfy({ $0.isASCII && !$0.isWhitespace })
      else {
        throw FeedCommandFlags.Usage(
          message: "--session \(session): 1 to 10 ASCII characters, no spaces"
        )
      }
      options.session = session
    }
    if let speed = try flags.number("speed", Double.self) {
      guard speed > 0 && speed.isFinite else {
        throw FeedCommandFlags.Usage(message: "--speed \(speed): must be above 0")
      }
      options.speed = speed
    }
    options.dropProbability = try flags.probability("drop")
    options.duplicateProbability = try flags.probability("dup")
    options.reorderProbability = try flags.probability("reorder")
    options.seed = try flags.number("seed", UInt64.self) ?? 1
    if let bytes = try flags.number("max-packet", Int.self) {
      guard (90...65_507).contains(bytes) else {
        throw FeedCommandFlags.Usage(
          message: "--max-packet \(bytes): from 90 (header and one message) to 65507"
        )
      }
      options.maxPacketBytes = bytes
    }
    if let seconds = try flags.number("linger", Double.self) {
      guard seconds >= 0 && seconds <= 3_600 else {
        throw FeedCommandFlags.Usage(message: "--linger \(seconds): 0 to 3600 seconds")
      }
      options.lingerNanos = Int64(seconds * 1e9)
    }
    return (options, file)
  }
}

extension MoldUDP64FeedConfig {
  /// `strat-engine listen`'s arguments as a feed configuration and the seconds to listen.
  package static func parseListen(_ args: ArraySlice<String>) throws(FeedCommandFlags.Usage)
    -> (MoldUDP64FeedConfig, seconds: Double)
  {
    let flags = try FeedCommandFlags(args, valued: ["udp", "request", "seconds", "buffered"])
    guard flags.positional.isEmpty else {
      throw .init(message: "unexpected \(flags.positional[0])")
    }
    guard let udp = flags.string("udp") else { throw .init(message: "--udp ADDR is required") }
    var config = MoldUDP64FeedConfig(name: udp, listen: try FeedCommandFlags.address(udp, "udp"))
    if let text = flags.string("request") {
      config.requestServer = try FeedCommandFlags.address(text, "request")
    }
    let seconds = try flags.number("seconds", Double.self) ?? 60
    guard seconds > 0 && seconds <= 86_400 else {
      throw .init(message: "--seconds: above 0, at most 86400")
    }
    if let held = try flags.number("buffered", Int.self) {
      guard (1...(1 << 24)).contains(held) else {
        throw .init(message: "--buffered: 1 to 16777216")
      }
      config.limits.bufferedMessages = held
    }
    return (config, seconds)
  }
}

extension FeedCommandFlags {
  /// A HOST:PORT flag value, or a usage error that carries the address error's hint.
  package static func address(_ text: String, _ flag: String) throws(Usage) -> SocketAddress {
    do { return try SocketAddress(parsing: text) } catch {
      throw Usage(message: "--\(flag): \(error.message); \(error.notes.joined(separator: "; "))")
    }
  }
}
