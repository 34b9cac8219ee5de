import Foundation
import StratMarket
import StratNet

@testable import StratEngine

/// Runs a publisher (on its own thread) to a `MoldUDP64Feed` polled on the test's thread, over
/// real loopback UDP on kernel-chosen ports, and keeps everything the feed delivered.
enum LoopbackRun {
  static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/data").standardized.path
  static let realSample = data + "/itch50-nasdaq-real-directory-slice/sample.itch"
  static let synthetic = data + "/itch50-ritch-synthetic/ex20101224.TEST_ITCH_50"

  /// The file's messages as bytes, as StratMarket's reader reads them.
  static func fileMessages(_ path: String) throws -> [[UInt8]] {
    let reader = try ITCHFileReader(path: path)
    var messages: [[UInt8]] = []
    while let wire = try reader.nextWire() {
      let length = ITCHMessageType.length(of: wire.type)!
      messages.append(Array(UnsafeRawBufferPointer(start: wire.base, count: length)))
    }
    return messages
  }

  /// Limits that survive a loaded CI machine: 2 s without progress before a gap is lost.
  static let patient = MoldUDP64SequencerLimits(
    requestTimeoutNanos: 100_000_000,
    requestAttempts: 20
  )

  struct Outcome {
    var messages: [(sequence: UInt64, bytes: [UInt8])] = []
    var lost: [(first: UInt64, count: UInt64)] = []
    var ended = false
    var counters = MoldUDP64FeedCounters()
    var report: MoldUDP64PublisherReport?
  }

  final class ReportBox: @unchecked Sendable {
    var report: MoldUDP64PublisherReport?
    let done = DispatchSemaphore(value: 0)
  }

  /// Publishes `path` with `options` edited by `edit` to a feed with `limits`; `requests: false`
  /// runs neither a request server nor re-requests. Gives up after `timeout` seconds.
  static func run(
    _ path: String,
    listen: SocketAddress = .loopback(),
    requests: Bool = true,
    limits: MoldUDP64SequencerLimits = patient,
    timeout: Double = 20,
    _ edit: (inout MoldUDP64PublisherOptions) -> Void = { _ in }
  ) throws -> Outcome {
    let config = MoldUDP64FeedConfig(name: "test", listen: listen, limits: limits)
    let receiver = try MoldUDP64Feed(config)
    var options = MoldUDP64PublisherOptions(
      destination: SocketAddress(ipv4: listen.ipv4, port: receiver.listenAddress.port)
    )
    options.requestPort = requests ? 0 : nil
    options.lingerNanos = 15_000_000_000  // until stop(): the feed may still be recovering
    options.endOfSessionRepeats = 1_000
    edit(&options)
    let publisher = try MoldUDP64Publisher(options)
    receiver.requestServer = publisher.requestAddress
    let box = ReportBox()
    let thread = Thread {
      box.report = (try? ITCHFileReader(path: path)).flatMap { try? publisher.run($0) }
      box.done.signal()
    }
    thread.start()
    var outcome = Outcome()
    let deadline = Date().addingTimeInterval(timeout)
    while !receiver.sequencer.isSessionOver && Date() < deadline {
      let n = receiver.poll { delivery in
        switch delivery {
        case .message(let sequence, let bytes): outcome.messages.append((sequence, Array(bytes)))
        case .lost(let first, let count): outcome.lost.append((first, count))
        case .sessionEnded: outcome.ended = true
        case .sessionStarted: break
        }
      }
      if n == 0 { _ = receiver.waitReadable(timeoutMillis: 2) }
    }
    outcome.counters = receiver.counters
    publisher.stop()
    _ = box.done.wait(timeout: .now() + timeout)
    outcome.report = box.report
    return outcome
  }
}
