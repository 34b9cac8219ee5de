import Foundation
import StratMarket
import Testing

@testable import StratVenue

/// Seeding the venue with the LOBSTER GOOG day of 2012-06-21 (level 10 files, in ../shared/data).
@Suite struct SeedReplayTests {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent(
      "../../../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"
    )
    .standardizedFileURL.path
  static let goog = MatchingInstrument(
    symbol: "GOOG",
    locate: 1,
    tickSize: Price(raw: 1_000_000),
    maxOrderQuantity: 1_000_000
  )

  static func replay() throws -> (SeedReplay, [OrderEvent]) {
    let feed = try BookFeed.load(path: path)
    let engine = try MatchingEngine(instruments: [goog], capacity: 1 << 16)
    return (SeedReplay(day: feed.events, into: engine, locates: [0: 1]), feed.events)
  }

  /// With no client orders, the seeded touch is the day's: at 20 points of the day, the best
  /// bid and ask prices equal those of LOBSTER's own orderbook file at that message. (The
  /// message file only carries events within its top 10 levels, so an order cancelled deeper
  /// goes stale; the replay drops seeded levels better than the day's touch.)
  @Test func seededTouchFollowsTheDay() throws {
    let feed = try BookFeed.load(path: Self.path)
    let snapshots = try #require(feed.snapshots)
    let engine = try MatchingEngine(instruments: [Self.goog], capacity: 1 << 16)
    let replay = SeedReplay(
      day: feed.events,
      into: engine,
      locates: [0: 1],
      snapshots: feed.snapshots
    )
    let book = engine.books[0]
    var agree = 0
    var points = 0
    for step in 1...20 {
      var last = feed.events.count * step / 21
      let time = feed.events[last].timeNanos
      while last + 1 < feed.events.count && feed.events[last + 1].timeNanos == time { last += 1 }
      replay.advance(to: time) { _, _ in }
      points += 1
      let bid = snapshots.level(row: last, side: .buy, index: 0)?.price
      let ask = snapshots.level(row: last, side: .sell, index: 0)?.price
      if book.bestBid?.price == bid && book.bestAsk?.price == ask { agree += 1 }
      // Never better than the day: a stale seeded order inside the day's spread was dropped.
      #expect((book.bestBid?.price ?? 0) <= (bid ?? 0))
      #expect((book.bestAsk?.price ?? .max) >= (ask ?? .max))
    }
    // 18 of 20 on this day: at the other two the touch is an order added before the file starts.
    #expect(agree >= 18)
    #expect(replay.counts.rejected == 0)
    #expect(replay.counts.applied > 10_000 && replay.counts.staleLevels > 0)
  }

  /// A client takes a seeded ask; the day's later events about it are clamped, and the venue
  /// stays uncrossed to the end of the day.
  @Test func clientTradesWithSeededLiquidityAndLaterEventsAreClamped() throws {
    let (replay, day) = try Self.replay()
    replay.advance(to: day[day.count / 3].timeNanos) { _, _ in }
    let book = replay.engine.books[0]
    let ask = try #require(book.bestAsk)
    let events = MatchingEvents()
    book.submit(.limit(.buy, ask.quantity, at: Price(raw: ask.price), owner: 1), into: events)
    let fills = Array(events).fills
    #expect(fills.map(\.quantity).reduce(0, +) == ask.quantity)
    #expect(fills.allSatisfy { $0.restingOwner == SeedReplay.seedOwner && $0.incomingOwner == 1 })
    var crossed = 0
    replay.advance(to: Int64.max) { _, _ in
      if let bid = book.bestBid, let ask = book.bestAsk, bid.price >= ask.price { crossed += 1 }
    }
    #expect(crossed == 0)
    #expect(replay.counts.clamped > 0)
    #expect(replay.nextTime == nil)
  }
}

/// The clamping rule on a made-up day.
@Suite struct SeedClampTests {
  @Test func dayEventsTakeOffOnlyWhatClientsLeft() throws {
    let engine = try MatchingEngine(instruments: [testInstrument])
    let day = [
      OrderEvent(
        timeNanos: 1,
        kind: .add,
        side: .sell,
        orderID: 77,
        price: cents(1000).raw,
        quantity: 100
      ),
      OrderEvent(timeNanos: 3, kind: .cancel, orderID: 77, quantity: 50),
      OrderEvent(timeNanos: 4, kind: .execute, orderID: 77, quantity: 50),
      OrderEvent(timeNanos: 5, kind: .delete, orderID: 12),
    ]
    let replay = SeedReplay(day: day, into: engine, locates: [0: 1])
    let book = engine.books[0]
    replay.advance(to: 2) { _, _ in }
    let seededID: UInt64 = 1
    let events = MatchingEvents()
    book.submit(.limit(.buy, 60, at: cents(1000), owner: 5), into: events)
    #expect(Array(events).fills.map(\.restingOrderID) == [seededID])
    // The day cancels 50 of 100: 50 left by the day, 40 on the venue: nothing to take off.
    replay.advance(to: 3) { _, _ in }
    #expect(
      book.status(of: seededID)
        == .resting(
          side: .sell,
          price: cents(1000),
          remaining: 40,
          owner: SeedReplay.seedOwner
        )
    )
    // The day's aggressor takes 50: it finds 40, and the order is gone.
    var taken: [MatchingEvent.Fill] = []
    replay.advance(to: 4) { _, e in taken += Array(e).fills }
    #expect(taken.map(\.quantity) == [40])
    #expect(taken.map(\.incomingOwner) == [SeedReplay.takerOwner])
    #expect(book.status(of: seededID) == .final)
    replay.advance(to: 5) { _, _ in }
    #expect(
      replay.counts
        == .init(applied: 3, ignored: 0, unknownOrders: 1, rejected: 0, clamped: 2, staleLevels: 0)
    )
  }
}

/// Seeding from an order-by-order ITCH 5.0 file (RITCH's synthetic day: ALC, BOB, CHAR). Its
/// generator leaves its own book crossed (bids above asks) and refers to 117 orders it never
/// added, so the seeded venue cannot equal it: the venue matches what crosses.
@Suite struct SeedITCHTests {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/data/itch50-ritch-synthetic/ex20101224.TEST_ITCH_50")
    .standardizedFileURL.path

  @Test func seedsEveryStockAndKeepsTheBooksUncrossed() throws {
    let feed = try BookFeed.load(path: Self.path)
    let names = feed.symbols.sorted { $0.key < $1.key }
    let instruments = names.map {
      MatchingInstrument(
        symbol: $0.value,
        locate: UInt16($0.key),
        tickSize: Price(raw: 10_000),
        maxOrderQuantity: 1_000_000
      )
    }
    let engine = try MatchingEngine(instruments: instruments)
    let locates = Dictionary(uniqueKeysWithValues: names.map { ($0.key, UInt16($0.key)) })
    let replay = SeedReplay(day: feed.events, into: engine, locates: locates)
    var crossed = 0
    replay.advance(to: .max) { locate, _ in
      let book = engine.book(locate)!
      if let bid = book.bestBid, let ask = book.bestAsk, bid.price >= ask.price { crossed += 1 }
    }
    let set = BookSet()
    for event in feed.events { set.apply(event) }
    #expect(names.map(\.value) == ["ALC", "BOB", "CHAR"])
    #expect(crossed == 0)
    #expect(replay.counts.rejected == 0)
    // The orders the day never added are the same ones the book builder could not find.
    #expect(replay.counts.unknownOrders == set.issues.total)
    #expect(replay.counts.applied > 6_000 && engine.books.allSatisfy { $0.restingOrderCount > 0 })
  }
}
