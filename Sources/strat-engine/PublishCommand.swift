import Foundation
import StratEngine
import StratMarket
import StratNet

let publishUsage = """
  usage: strat-engine publish FILE --udp ADDR [--request-port P] [--session NAME] [--speed X]
                              [--drop P] [--dup P] [--reorder P] [--seed N] [--max-packet BYTES]
                              [--linger SECONDS]
    Sends the ITCH 5.0 file FILE (raw or gzip) as MoldUDP64 packets to ADDR (HOST:PORT, unicast
    or a multicast group on loopback), answering re-requests on --request-port (0: any port; the
    port is printed). --speed paces by the messages' timestamps (2 = twice real time); without it
    packets go as fast as the socket takes them. --drop/--dup/--reorder are probabilities per
    packet, drawn from --seed. See Docs/FEEDS.md.
  """

/// `strat-engine publish`: 0 when the day was sent, 1 on a file or socket error, 2 on a usage error.
func publishCommand(_ args: ArraySlice<String>) -> Int32 {
  let options: MoldUDP64PublisherOptions
  let file: String
  do throws(CommandFlags.Usage) {
    (options, file) = try publishOptions(args)
  } catch {
    printError("strat-engine publish: \(error.message)\n\(publishUsage)")
    return 2
  }
  do {
    let reader = try ITCHFileReader(path: file)
    let publisher = try MoldUDP64Publisher(options)
    let server = publisher.requestAddress.map { " requests on \($0)" } ?? ""
    printError("strat-engine publish: \(file) to \(options.destination)\(server)")
    let report = try publisher.run(reader)
    print(publishSummary(report))
    return 0
  } catch let error as NetError {
    printError(error.description)
  } catch let error as MarketDataError {
    printError(error.diagnostics.map { "error[\($0.id)]: \($0.message)" }.joined(separator: "\n"))
  } catch {
    printError("strat-engine publish: \(error)")
  }
  return 1
}

/// The flags as publisher options, and the file.
func publishOptions(_ args: ArraySlice<String>) throws(CommandFlags.Usage) -> (MoldUDP64PublisherOptions, String) {
  let flags = try CommandFlags(
    args,
    valued: ["udp", "request-port", "session", "speed", "drop", "dup", "reorder", "seed", "max-packet", "linger"]
  )
  guard flags.positional.count == 1, let file = flags.positional.first else {
    throw CommandFlags.Usage(message: "give exactly one FILE (got \(flags.positional.count))")
  }
  guard let udp = flags.string("udp") else { throw CommandFlags.Usage(message: "--udp ADDR is required") }
  var options: MoldUDP64PublisherOptions
  do { options = MoldUDP64PublisherOptions(destination: try SocketAddress(parsing: udp)) } catch {
    throw CommandFlags.Usage(message: "--udp: \(error.message); \(error.notes.joined(separator: "; "))")
  }
  options.requestPort = try flags.number("request-port", UInt16.self) ?? 0
  if let session = flags.string("session") {
    guard (1...10).contains(session.utf8.count), session.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
      throw CommandFlags.Usage(message: "--session \(session): 1 to 10 ASCII characters, no spaces")
    }
    options.session = session
  }
  if let speed = try flags.number("speed", Double.self) {
    guard speed > 0 && speed.isFinite else { throw CommandFlags.Usage(message: "--speed \(speed): must be above 0") }
    options.speed = speed
  }
  options.dropProbability = try flags.probability("drop")
  options.duplicateProbability = try flags.probability("dup")
  options.reorderProbability = try flags.probability("reorder")
  options.seed = try flags.number("seed", UInt64.self) ?? 1
  if let bytes = try flags.number("max-packet", Int.self) {
    guard (90...65_507).contains(bytes) else {
      throw CommandFlags.Usage(message: "--max-packet \(bytes): from 90 (header and one message) to 65507")
    }
    options.maxPacketBytes = bytes
  }
  if let seconds = try flags.number("linger", Double.self) {
    guard seconds >= 0 && seconds <= 3_600 else { throw CommandFlags.Usage(message: "--linger \(seconds): 0 to 3600 seconds") }
    options.lingerNanos = Int64(seconds * 1e9)
  }
  return (options, file)
}

func publishSummary(_ report: MoldUDP64PublisherReport) -> String {
  let seconds = Double(report.elapsedNanos) / 1e9
  return """
    {"messages":\(report.messages),"packets":\(report.packets),"dropped":\(report.dropped),\
    "duplicated":\(report.duplicated),"reordered":\(report.reordered),\
    "requests_answered":\(report.requestsAnswered),"requests_unavailable":\(report.requestsUnavailable),\
    "seconds":\(String(format: "%.3f", seconds))}
    """
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
