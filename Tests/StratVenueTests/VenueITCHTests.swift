import StratMarket
import Testing

@testable import StratVenue

/// The venue's ITCH stream, read back by the project's own ITCH reader and book builder
/// (`BookSet`), gives the matching books' levels after seeded random flow.
@Suite struct VenueITCHTests {
  static let instruments = [
    testInstrument,
    MatchingInstrument(
      symbol: "OTHER",
      locate: 7,
      tickSize: Price(raw: 50_000),
      maxOrderQuantity: 10_000
    ),
  ]

  /// Every level of every instrument, best first.
  static func levels(_ engine: MatchingEngine) -> [[BookLevel]] {
    engine.books.flatMap { book in
      [Side.buy, .sell].map { side in (0..<book.levelCount(side)).map { book.level(side, $0)! } }
    }
  }

  static func levels(_ set: BookSet) -> [[BookLevel]] {
    instruments.flatMap { instrument in
      let book = set.book(UInt32(instrument.locate))
      return [Side.buy, .sell].map { side in
        (0..<book.levelCount(side)).map { book.level(side, $0)! }
      }
    }
  }

  @Test(arguments: [3 as UInt64, 11])
  func bookBuilderAgreesWithTheMatchingBooks(seed: UInt64) throws {
    let engine = try MatchingEngine(instruments: Self.instruments, capacity: 4_096)
    var flow = RandomOrderFlow(seed: seed, instruments: Self.instruments)
    let events = MatchingEvents()
    var messages = VenueITCH.startOfDay(Self.instruments, timestamp: 34_200_000_000_000)
    var checkpoints: [(messages: Int, levels: [[BookLevel]])] = []
    for step in 0..<5_000 {
      let locate = engine.run(flow.next(), into: events)
      flow.remember(events, locate: locate)
      let symbol = ITCHSymbol(engine.book(locate)?.instrument.symbol ?? "")
      VenueITCH.append(
        events,
        locate: locate,
        stock: symbol,
        timestamp: 34_200_000_000_000 + Int64(step) * 1_000,
        to: &messages
      )
      if step % 250 == 249 { checkpoints.append((messages.count, Self.levels(engine))) }
    }
    messages += VenueITCH.endOfDay(timestamp: 57_600_000_000_000)
    let file = try ITCHEncoder.file(messages)
    let set = BookSet()
    var read = 0
    var kinds = Set<UInt8>()
    try file.withUnsafeBytes { raw in
      let reader = try ITCHFileReader(stream: BufferByteStream(raw))
      var remaining = checkpoints.makeIterator()
      var next = remaining.next()
      while let message = try reader.next() {
        kinds.insert(message.typeCode)
        if let event = message.orderEvent(sessionMidnightNanos: 0) {
          #expect(
            set.apply(event) == nil,
            "the builder could not apply message \(read): \(message)"
          )
        }
        read += 1
        if let checkpoint = next, checkpoint.messages == read {
          #expect(Self.levels(set) == checkpoint.levels, "books differ after message \(read)")
          next = remaining.next()
        }
      }
    }
    #expect(read == messages.count)
    #expect(Self.levels(set) == Self.levels(engine))
    // Every kind of book change appeared: A, E, X, D, U, and the day's S and R.
    #expect(kinds.isSuperset(of: [0x41, 0x45, 0x58, 0x44, 0x55, 0x53, 0x52]))
  }

  @Test func replaceThatRestsAtOnceIsOneUMessage() throws {
    let d = BookDriver()
    let id = d.submit(.limit(.buy, 100, at: cents(1000), owner: 1)).acceptedID!
    d.replace(id, owner: 1, price: cents(999), quantity: 100)
    var out: [ITCHMessage] = []
    VenueITCH.append(d.events, locate: 1, stock: ITCHSymbol("TEST"), timestamp: 5, to: &out)
    let header = ITCHHeader(stockLocate: 1, timestamp: 5)
    #expect(
      out == [
        .orderReplace(
          .init(
            header: header,
            originalOrderReferenceNumber: id,
            newOrderReferenceNumber: id + 1,
            shares: 100,
            price: cents(999)
          )
        )
      ]
    )
  }

  @Test func dayStartsWithSystemEventsAndADirectoryPerInstrument() {
    let codes = VenueITCH.startOfDay(Self.instruments, timestamp: 0).map(\.typeCode)
    #expect(codes == [0x53, 0x52, 0x52, 0x53, 0x53])
    let end = VenueITCH.endOfDay(timestamp: 0).compactMap { m -> UInt8? in
      if case .systemEvent(let s) = m { s.eventCode } else { nil }
    }
    #expect(end == [0x4D, 0x45, 0x43])
  }

  /// The same flow gives the same feed, byte for byte.
  @Test func sameFlowGivesTheSameBytes() throws {
    func stream() throws -> [UInt8] {
      let engine = try MatchingEngine(instruments: Self.instruments, capacity: 4_096)
      var flow = RandomOrderFlow(seed: 99, instruments: Self.instruments)
      let events = MatchingEvents()
      var messages: [ITCHMessage] = []
      for step in 0..<2_000 {
        let locate = engine.run(flow.next(), into: events)
        flow.remember(events, locate: locate)
        VenueITCH.append(
          events,
          locate: locate,
          stock: engine.book(locate)!.feedSymbol,
          timestamp: Int64(step),
          to: &messages
        )
      }
      return try ITCHEncoder.file(messages)
    }
    let first = try stream()
    #expect(first.count > 10_000)
    #expect(first == (try stream()))
  }
}
