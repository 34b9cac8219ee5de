import Foundation
import StratDiagnostics
import Testing

@testable import StratMarket

@Suite("MoldUDP64 packets and replay captures")
struct ITCHMoldUDP64Tests {
  /// The real sample's 1000 messages.
  static func sampleMessages() throws -> [ITCHMessage] {
    let reader = try ITCHFileReader(path: ITCHPaths.realSample)
    var messages: [ITCHMessage] = []
    while let message = try reader.next() { messages.append(message) }
    return messages
  }

  /// Packs messages into packets of `size`, numbered from 1.
  static func packets(_ messages: [ITCHMessage], size: Int) throws -> [[UInt8]] {
    var result: [[UInt8]] = []
    var sequence: UInt64 = 1
    for start in stride(from: 0, to: messages.count, by: size) {
      let chunk = Array(messages[start..<min(start + size, messages.count)])
      result.append(
        try MoldUDP64Encoder.packet(
          session: "000000042A",
          sequenceNumber: sequence,
          messages: chunk
        )
      )
      sequence += UInt64(chunk.count)
    }
    return result
  }

  func readCapture(_ bytes: [UInt8], policy: MalformedInputPolicy = .stop) throws(MarketDataError)
    -> (packets: [MoldUDP64Packet], reader: MoldUDP64FileReader)
  {
    let reader = MoldUDP64FileReader(
      stream: SteppedByteStream(bytes, name: "cap.mold", step: 777),
      policy: policy
    )
    var packets: [MoldUDP64Packet] = []
    while let packet = try reader.next() { packets.append(packet) }
    return (packets, reader)
  }

  @Test(
    "The real sample in packets of 7, with heartbeat and end of session, decodes back with no gap"
  )
  func roundTripsCapture() throws {
    let messages = try Self.sampleMessages()
    var packets = try Self.packets(messages, size: 7)
    packets.insert(MoldUDP64Encoder.heartbeat(session: "000000042A", sequenceNumber: 8), at: 1)
    packets.append(MoldUDP64Encoder.endOfSession(session: "000000042A", sequenceNumber: 1_001))
    let (decoded, reader) = try readCapture(MoldUDP64Encoder.capture(packets))
    #expect(decoded.count == packets.count)
    #expect(decoded.flatMap(\.messages) == messages)
    #expect(
      decoded[0].session == "000000042A" && decoded[0].sequenceNumber == 1
        && decoded[0].messageCount == 7
    )
    #expect(decoded[1].isHeartbeat)
    #expect(decoded.last?.isEndOfSession == true)
    #expect(reader.decoder.gapCount == 0)
    #expect(reader.decoder.diagnostics.isEmpty)
    #expect(reader.decoder.nextSequence == 1_001)
  }

  @Test("A dropped packet is a data.moldudp64.sequence-gap warning with the missing count")
  func reportsGaps() throws {
    var packets = try Self.packets(Array(try Self.sampleMessages().prefix(50)), size: 10)
    packets.remove(at: 2)  // messages 21...30
    packets.append(packets[1])  // a repeat of 11...20
    let (decoded, reader) = try readCapture(MoldUDP64Encoder.capture(packets))
    #expect(decoded.count == 5)
    #expect(reader.decoder.gapCount == 1)
    #expect(reader.decoder.missingMessages == 10)
    let ids = reader.decoder.diagnostics.map(\.id)
    #expect(ids == ["data.moldudp64.sequence-gap", "data.moldudp64.sequence-repeat"])
    #expect(reader.decoder.diagnostics[0].severity == .warning)
    #expect(reader.decoder.diagnostics[0].message.contains("expected sequence number 21; found 31"))
  }

  @Test("Malformed blocks: unknown type and bad length stop under .stop, are skipped under .skip")
  func malformedBlocks() throws {
    let good = try ITCHEncoder.bytes(of: try Self.sampleMessages()[0])
    var packet = MoldUDP64Encoder.heartbeat(session: "S", sequenceNumber: 1)
    packet[19] = 3
    packet += [0, UInt8(good.count)] + good
    packet += [0, 2, UInt8(ascii: "?"), 0]
    packet += [0, 5] + good.prefix(5)
    var decoder = MoldUDP64Decoder(name: "p", policy: .stop)
    #expect(throws: MarketDataError.self) {
      _ = try packet.withUnsafeBytes { try decoder.decode($0) }
    }
    var skipping = MoldUDP64Decoder(name: "p", policy: .skip)
    let decoded = try packet.withUnsafeBytes { try skipping.decode($0) }
    #expect(decoded.messages.count == 1)
    #expect(skipping.skippedCount == 2)
    #expect(
      skipping.diagnostics.map(\.id) == ["data.itch.unknown-type", "data.itch.length-mismatch"]
    )
  }

  @Test("Every truncation of a packet and of a capture is a data.moldudp64 error, never a trap")
  func truncations() throws {
    let packet = try Self.packets(Array(try Self.sampleMessages().prefix(3)), size: 3)[0]
    for length in 0..<packet.count {
      var decoder = MoldUDP64Decoder(name: "p")
      do {
        _ = try Array(packet.prefix(length)).withUnsafeBytes { try decoder.decode($0) }
        Issue.record("cut at \(length) decoded")
      } catch let error as MarketDataError {
        #expect(error.diagnostics.first?.id == "data.moldudp64.truncated")
      } catch {
        Issue.record(error)
      }
    }
    let capture = MoldUDP64Encoder.capture([packet, packet])
    for length in 1..<capture.count where length != packet.count + 2 {
      do {
        _ = try readCapture(Array(capture.prefix(length)))
        Issue.record("capture cut at \(length) read")
      } catch {
        #expect(error.diagnostics.first?.id.hasPrefix("data.moldudp64.") == true)
      }
    }
  }
}
