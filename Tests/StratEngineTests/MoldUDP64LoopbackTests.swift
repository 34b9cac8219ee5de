import Foundation
import StratMarket
import StratNet
import Testing

@testable import StratEngine

@Suite("ITCH over MoldUDP64 on loopback UDP: publisher, request server, feed")
struct MoldUDP64LoopbackTests {
  /// Every message of the file, numbered from 1, once, in order, byte for byte.
  func expectExactlyOnce(_ outcome: LoopbackRun.Outcome, _ file: [[UInt8]]) {
    #expect(outcome.lost.isEmpty, "lost \(outcome.lost)")
    #expect(outcome.messages.count == file.count)
    #expect(outcome.messages.map(\.sequence) == Array(1...UInt64(file.count)))
    #expect(outcome.messages.map(\.bytes) == file)
    #expect(outcome.ended && outcome.counters.state == .ended)
  }

  @Test("A clean day arrives whole, with no gap and no request")
  func cleanDay() throws {
    let file = try LoopbackRun.fileMessages(LoopbackRun.realSample)
    let outcome = try LoopbackRun.run(LoopbackRun.realSample) { $0.maxPacketBytes = 400 }
    expectExactlyOnce(outcome, file)
    #expect(outcome.counters.sequencer.gaps == 0 && outcome.counters.requestsSent == 0)
    #expect(outcome.report?.messages == file.count)
  }

  @Test(
    "Drops, duplicates and reordering at fixed seeds are all repaired: every message once, in order",
    arguments: [1, 2, 3] as [UInt64]
  )
  func impairedDay(seed: UInt64) throws {
    let file = try LoopbackRun.fileMessages(LoopbackRun.realSample)
    let outcome = try LoopbackRun.run(LoopbackRun.realSample) {
      $0.maxPacketBytes = 200
      $0.seed = seed
      ($0.dropProbability, $0.duplicateProbability, $0.reorderProbability) = (0.08, 0.08, 0.08)
    }
    expectExactlyOnce(outcome, file)
    let report = try #require(outcome.report)
    #expect(report.dropped > 0 && report.duplicated > 0 && report.reordered > 0)
    #expect(outcome.counters.sequencer.gaps >= 1, "drops open gaps (overlapping ones count once)")
    #expect(outcome.counters.sequencer.recoveredGaps == outcome.counters.sequencer.gaps)
    #expect(
      outcome.counters.sequencer.duplicateMessages + outcome.counters.sequencer.duplicatePackets > 0
    )
    #expect(report.requestsAnswered > 0 && outcome.counters.requestsSent >= report.requestsAnswered)
  }

  @Test("A delivered message maps to the OrderEvent the file reader's message maps to")
  func orderEvents() throws {
    let reader = try ITCHFileReader(path: LoopbackRun.realSample)
    var expected: [OrderEvent] = []
    while let message = try reader.next() {
      if let event = message.orderEvent(sessionMidnightNanos: 7) { expected.append(event) }
    }
    let outcome = try LoopbackRun.run(LoopbackRun.realSample)
    var mapped: [OrderEvent] = []
    var event = OrderEvent(timeNanos: 0, kind: .add, instrument: 0)
    for message in outcome.messages {
      message.bytes.withUnsafeBytes { bytes in
        let delivery = MoldUDP64Delivery.message(sequence: message.sequence, bytes: bytes)
        if delivery.orderEvent(sessionMidnightNanos: 7, into: &event) { mapped.append(event) }
      }
    }
    #expect(!expected.isEmpty && mapped == expected)
    #expect(
      !MoldUDP64Delivery.lost(first: 1, count: 1).orderEvent(sessionMidnightNanos: 0, into: &event)
    )
  }

  @Test("A gzip file is published as its reader reads it")
  func gzipFile() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("udp-sample-\(UUID().uuidString).itch.gz").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = ["-c", "gzip -c '\(LoopbackRun.realSample)' > '\(path)'"]
    try gzip.run()
    gzip.waitUntilExit()
    try #require(gzip.terminationStatus == 0)
    let file = try LoopbackRun.fileMessages(LoopbackRun.realSample)
    #expect(try LoopbackRun.fileMessages(path) == file)
    let outcome = try LoopbackRun.run(path) { $0.dropProbability = 0.3 }
    expectExactlyOnce(outcome, file)
  }

  @Test("The larger synthetic day survives drops too")
  func syntheticDay() throws {
    let file = try LoopbackRun.fileMessages(LoopbackRun.synthetic)
    let outcome = try LoopbackRun.run(LoopbackRun.synthetic) {
      $0.seed = 11
      ($0.dropProbability, $0.reorderProbability) = (0.02, 0.02)
    }
    expectExactlyOnce(outcome, file)
  }

  @Test(
    "Without a request server a gap is lost: the feed ends STALE and says where, never skipping"
  )
  func lostGapEndsStale() throws {
    let file = try LoopbackRun.fileMessages(LoopbackRun.realSample)
    let limits = MoldUDP64SequencerLimits(requestTimeoutNanos: 1_000_000, requestAttempts: 2)
    let outcome = try LoopbackRun.run(LoopbackRun.realSample, requests: false, limits: limits) {
      $0.maxPacketBytes = 200
      $0.seed = 5
      $0.dropProbability = 0.1
    }
    #expect(!outcome.lost.isEmpty)
    #expect(outcome.counters.state == .stale && outcome.counters.staleInstruments > 0)
    #expect(outcome.counters.sequencer.lostGaps == outcome.lost.count)
    var covered: [UInt64] = outcome.messages.map(\.sequence)
    for range in outcome.lost { covered += (range.first..<range.first + range.count) }
    #expect(covered.sorted() == Array(1...UInt64(file.count)), "every number delivered or lost")
    for message in outcome.messages { #expect(message.bytes == file[Int(message.sequence) - 1]) }
    #expect(outcome.ended)
  }
}

@Suite("ITCH over MoldUDP64 on a loopback multicast group")
struct MoldUDP64MulticastTests {
  @Test(
    "A group joined on loopback receives the whole day",
    .enabled(if: MulticastProbe.works, "the kernel here refuses multicast on loopback")
  )
  func multicastDay() throws {
    let file = try LoopbackRun.fileMessages(LoopbackRun.realSample)
    let group = SocketAddress(ipv4: 0xEFFF_0A0B, port: 0)  // 239.255.10.11
    let outcome = try LoopbackRun.run(LoopbackRun.realSample, listen: group) {
      $0.dropProbability = 0.05
      $0.seed = 4
    }
    #expect(outcome.messages.map(\.bytes) == file)
    #expect(outcome.lost.isEmpty && outcome.counters.state == .ended)
  }
}

/// Whether one datagram sent to a group on loopback comes back here.
enum MulticastProbe {
  static let works: Bool = {
    guard let receiver = try? UDPSocket(bindingTo: SocketAddress(ipv4: 0xEFFF_0A0C, port: 0)),
      let sender = try? UDPSocket(bindingTo: .loopback()),
      (try? sender.sendMulticast(through: .loopback())) != nil,
      (try? sender.send([1, 2, 3], to: receiver.localAddress)) == true
    else { return false }
    guard receiver.waitReadable(timeoutMillis: 500) else { return false }
    var buffer = [UInt8](repeating: 0, count: 16)
    let n = buffer.withUnsafeMutableBytes { try? receiver.receive(into: $0) }
    return n == 3
  }()
}
