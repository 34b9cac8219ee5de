import Testing

@testable import StratFIX

@Suite struct FIXCodecTests {
  @Test func checksumAndBodyLengthMatchAHandComputedMessage() {
    // From QuickFIX's 1a script: 63 body bytes; the byte sum of everything before 10= is 10 mod 256.
    let bytes = framed("35=A|34=1|49=ISLD|52=00000000-00:00:00.000|56=TW42|98=0|108=30|", begin: "FIX.4.2")
    #expect(String(decoding: bytes, as: UTF8.self).contains("\u{1}9=63\u{1}"))
    #expect(bytes.suffix(7) == fix("10=010|")[...])
  }

  @Test func encoderWritesWhatTheParserReads() throws {
    let encoder = FIXEncoder(capacity: 512)
    encoder.start(beginString: "FIX.4.4", msgType: "D")
    encoder.append(49, "CLIENT1")
    encoder.append(34, 7)
    encoder.append(44, fixed: 12_345_000_000, decimals: 8)
    encoder.append(38, fixed: -250, decimals: 2)
    encoder.append(54, character: UInt8(ascii: "1"))
    encoder.append(60, timestamp: 1_340_280_000_123_456_789)
    let out = Array(try encoder.finish())
    let text = String(decoding: out.map { $0 == 1 ? UInt8(ascii: "|") : $0 }, as: UTF8.self)
    #expect(text.hasPrefix("8=FIX.4.4|9="))
    #expect(text.contains("|44=123.45|38=-2.5|54=1|60=20120621-12:00:00.123|"))
    withView(out) { result in
      guard case .success(let view) = result else { Issue.record("\(result)"); return }
      #expect(view.msgType == "D")
      #expect(view.msgSeqNum == 7)
      #expect(view.string(49) == "CLIENT1")
    }
  }

  @Test func encoderOverflowIsAnErrorNotACorruptMessage() {
    let encoder = FIXEncoder(capacity: 64)
    encoder.start(beginString: "FIX.4.4", msgType: "D")
    encoder.append(58, String(repeating: "x", count: 100))
    #expect(throws: FIXError.self) { try encoder.finish() }
  }

  @Test func garbledMessagesAreNamed() {
    let good = framed("35=0|34=2|49=A|52=20240102-03:04:05|56=B|")
    var badSum = good
    badSum[badSum.count - 2] = badSum[badSum.count - 2] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
    let cases: [([UInt8], FIXGarble)] = [
      (badSum, .wrongChecksum),
      (fix("8=FIX.4.4|9=5|35=0|34=2|10=000|"), .wrongBodyLength),
      (fix("8=FIX.4.4|9=12|34=2|35=0|10=000|"), .msgTypeNotThird),
      (fix("8=FIX.4.4|9=14|35=0|4garbled=x|10=000|"), .notTagValue),
      (fix("8=FIX.4.4|9=5|35=0|10=0|"), .badCheckSumField),
    ]
    for (bytes, expected) in cases {
      withView(bytes) { result in
        guard case .failure(let garble) = result else { Issue.record("accepted \(bytes)"); return }
        #expect(garble == expected)
      }
    }
    withView(good) { result in
      if case .failure(let garble) = result { Issue.record("\(garble)") }
    }
  }

  @Test func dataFieldsMayHoldSOH() throws {
    let dictionary = try FIXDictionary.bundled(.fix44)
    let bytes = framed("35=0|34=2|49=A|52=20240102-03:04:05|56=B|95=3|96=a|b|")
    withView(bytes, dictionary: dictionary) { result in
      guard case .success(let view) = result else { Issue.record("\(result)"); return }
      #expect(view.value(96).map(Array.init) == fix("a|b"))
    }
  }
}

@Suite struct FIXFramerTests {
  let framer = FIXFramer(maxBodyLength: 1000, maxMessageLength: 1100)

  func frame(_ bytes: [UInt8]) -> FIXFramer.Frame { bytes.withUnsafeBytes { framer.next(in: $0) } }

  @Test func findsAWholeMessageAndWaitsForAPartOne() {
    let message = framed("35=0|34=2|49=A|52=20240102-03:04:05|56=B|")
    #expect(frame(message + fix("8=FIX")) == .message(count: message.count))
    for cut in [1, 5, 12, message.count - 1] { #expect(frame(Array(message.prefix(cut))) == .incomplete) }
  }

  @Test func skipsJunkBeforeBeginString() {
    #expect(frame(fix("xx|35=0|8=FIX.4.4|")) == .skip(count: 8, reason: .noBeginString))
    #expect(frame(fix("garbage")) == .skip(count: 7, reason: .noBeginString))
    #expect(frame(fix("junk8")) == .skip(count: 4, reason: .noBeginString))
  }

  @Test func aShortBodyLengthEndsAtTheRealChecksumAndALongOneSwallowsTheNextMessage() {
    let first = fix("8=FIX.4.4|9=5|35=0|34=2|49=A|10=000|")
    #expect(frame(first) == .message(count: first.count))
    let long = fix("8=FIX.4.4|9=40|35=0|34=2|10=000|")
    let next = framed("35=0|34=3|49=A|52=20240102-03:04:05|56=B|")
    #expect(frame(long + next) == .message(count: long.count + next.count))
  }

  @Test func capsBoundWhatIsBuffered() {
    #expect(frame(fix("8=FIX.4.4|9=99999|35=0|")) == .skip(count: 2, reason: .bodyTooLong))
    #expect(frame(fix("8=FIX.4.4|9=12345678901|")) == .skip(count: 2, reason: .badBodyLength))
    #expect(frame(fix("8=FIX.4.4|35=0|")) == .skip(count: 2, reason: .noBodyLength))
    let endless = fix("8=FIX.4.4|9=10|35=0|") + [UInt8](repeating: UInt8(ascii: "x"), count: 1200)
    #expect(frame(endless) == .skip(count: 2, reason: .noChecksum))
  }
}

@Suite struct FIXTimeTests {
  func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func datesBeyondWhat64BitNanosHoldAreValidFormatsButNotTimes() {
    for text in ["99991231", "00010101", "16000229"] {
      bytes(text).withUnsafeBytes { raw in
        #expect(FIXTime.isDate(raw))
        #expect(FIXTime.parseDate(raw) == nil)
      }
    }
    bytes("99991231-23:59:59").withUnsafeBytes { #expect(FIXTime.isTimestamp($0) && FIXTime.parseTimestamp($0) == nil) }
    bytes("20230229").withUnsafeBytes { #expect(!FIXTime.isDate($0)) }
  }

  @Test func timestampsRoundTripAtMilliseconds() {
    let nanos: Int64 = 1_340_280_000_123_000_000
    let text = FIXTime.timestamp(nanos)
    #expect(text == "20120621-12:00:00.123")
    bytes(text).withUnsafeBytes { #expect(FIXTime.parseTimestamp($0) == nanos) }
    bytes("20120621-12:00:00.123456789").withUnsafeBytes { #expect(FIXTime.parseTimestamp($0) == nanos + 456_789) }
    bytes("20120621-24:00:00").withUnsafeBytes { #expect(FIXTime.parseTimestamp($0) == nil) }
  }
}
