import Foundation
import StratEngine
import StratMarket

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
  do throws(FeedCommandFlags.Usage) {
    (options, file) = try MoldUDP64PublisherOptions.parse(args)
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
  } catch let error as MoldUDP64FeedError {
    printError(error.description)
  } catch let error as MarketDataError {
    printError(error.diagnostics.map { "error[\($0.id)]: \($0.message)" }.joined(separator: "\n"))
  } catch {
    printError("strat-engine publish: \(error)")
  }
  return 1
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
