import Foundation
import StratEngine
import StratMarket

let listenUsage = """
  usage: strat-engine listen --udp ADDR [--request ADDR] [--seconds N] [--buffered MESSAGES]
    Receives ITCH 5.0 over MoldUDP64 on ADDR (HOST:PORT; a multicast group is joined on
    loopback) with the engine's feed, re-requesting gaps from --request, until the session ends
    or N seconds (default 60) pass; prints the feed's counters and the rate as one JSON line.
    Exit 0 when the session ended whole, 3 when it ended STALE or did not end.
  """

/// `strat-engine listen`: the operator's view of a feed, and the publish→receive benchmark.
func listenCommand(_ args: ArraySlice<String>) -> Int32 {
  let config: MoldUDP64FeedConfig
  let seconds: Double
  do throws(FeedCommandFlags.Usage) {
    (config, seconds) = try MoldUDP64FeedConfig.parseListen(args)
  } catch {
    printError("strat-engine listen: \(error.message)\n\(listenUsage)")
    return 2
  }
  do {
    let feed = try MoldUDP64Feed(config)
    return listen(feed, seconds: seconds)
  } catch {
    printError(error.description)
    return 1
  }
}

/// Spins on `poll` as the hot thread would; the clock starts at the first message.
private func listen(_ feed: MoldUDP64Feed, seconds: Double) -> Int32 {
  printError("strat-engine listen: on \(feed.listenAddress)")
  let deadline = MonotonicClock.nanos() + Int64(seconds * 1e9)
  var first: Int64?
  var last: Int64 = 0
  var checksum: UInt64 = 0
  while !feed.sequencer.isSessionOver && MonotonicClock.nanos() < deadline {
    let n = feed.poll { delivery in
      if case .message(let sequence, let bytes) = delivery {
        checksum = checksum &* 31 &+ sequence &+ UInt64(bytes.count)
      }
    }
    if n > 0 {
      let now = MonotonicClock.nanos()
      first = first ?? now
      last = now
    } else if first == nil {
      _ = feed.waitReadable(timeoutMillis: 10)
    }
  }
  let counts = feed.counters
  let span = Double(max(1, last - (first ?? last))) / 1e9
  print(
    """
    {"state":"\(counts.state.rawValue)","messages":\(counts.sequencer.messages),\
    "packets":\(counts.dataPackets),"retransmitted":\(counts.retransmittedPackets),\
    "gaps":\(counts.sequencer.gaps),"recovered":\(counts.sequencer.recoveredGaps),\
    "lost_gaps":\(counts.sequencer.lostGaps),"lost_messages":\(counts.sequencer.lostMessages),\
    "duplicate_packets":\(counts.sequencer.duplicatePackets),"requests":\(counts.requestsSent),\
    "stale_instruments":\(counts.staleInstruments),"seconds":\(String(format: "%.4f", span)),\
    "messages_per_second":\(Int(Double(counts.sequencer.messages) / span)),"checksum":\(checksum)}
    """
  )
  return counts.state == .ended ? 0 : 3
}
