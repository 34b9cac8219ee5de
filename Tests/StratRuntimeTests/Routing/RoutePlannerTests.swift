import StratMarket
import Testing

@testable import StratRuntime

/// The smart order router's plan: best price net of fees across venues, a split when one venue
/// cannot fill, the policy's tie-break, and where the unshown rest goes.
@Suite struct RoutePlannerTests {
  static let cent: Int64 = 1_000_000
  static func p(_ dollars: Int64, cents: Int64 = 0) -> Int64 { dollars * 100_000_000 + cents * cent }
  static func venue(_ name: String, taker: Int64 = 0, maker: Int64 = 0, latency: Int64 = 0) -> RouteVenue {
    RouteVenue(
      name: name, fees: VenueFees(maker: .perShare(Money(raw: maker)), taker: .perShare(Money(raw: taker))),
      latencyNanos: latency)
  }
  static func levels(_ pairs: (Int64, Int64)...) -> [QuoteLevel] { pairs.map { QuoteLevel(price: $0.0, size: $0.1) } }

  @Test func aBuyGoesToTheLowestAskAndIsSplitWhenThatVenueCannotFillIt() {
    var planner = RoutePlanner(venues: [Self.venue("A"), Self.venue("B")], policy: .bestPrice)
    let books = [Self.levels((Self.p(100, cents: 2), 500)), Self.levels((Self.p(100, cents: 1), 200), (Self.p(100, cents: 3), 900))]
    let plan = planner.plan(side: .buy, quantity: 600, limit: Self.p(100, cents: 2), rests: true, books: books)
    // B's 200 at 100.01 first, then A's 500 at 100.02 for the other 400; B's 100.03 is past the limit.
    #expect(plan.slices == [RouteSlice(venue: 0, quantity: 400), RouteSlice(venue: 1, quantity: 200)])
    #expect(plan.visible == 600 && plan.restQuantity == 0 && plan.restVenue == nil)
    #expect(plan.views[1].sizeWithinLimit == 200)
  }

  @Test func feesDecideBetweenVenuesThatShowTheSamePrice() {
    // A charges 0.3 cents a share to take; B 0.1: the same ask is cheaper at B.
    var planner = RoutePlanner(venues: [Self.venue("A", taker: 300_000), Self.venue("B", taker: 100_000)], policy: .bestPrice)
    let books = [Self.levels((Self.p(50), 1_000)), Self.levels((Self.p(50), 1_000))]
    let plan = planner.plan(side: .buy, quantity: 300, limit: nil, rests: false, books: books)
    #expect(plan.slices == [RouteSlice(venue: 1, quantity: 300)])
    #expect(plan.views[0].net == Self.p(50) + 300_000)
  }

  @Test func aLowerPriceLosesToAHigherFee() {
    // A's bid is a cent higher but its 1.5-cent taker fee makes it worse for a seller than B.
    var planner = RoutePlanner(venues: [Self.venue("A", taker: 1_500_000), Self.venue("B")], policy: .bestPrice)
    let books = [Self.levels((Self.p(20, cents: 1), 100)), Self.levels((Self.p(20), 100))]
    let plan = planner.plan(side: .sell, quantity: 100, limit: Self.p(19), rests: true, books: books)
    #expect(plan.slices == [RouteSlice(venue: 1, quantity: 100)])
  }

  @Test func atEqualNetPriceThePolicyBreaksTheTie() {
    let venues = [Self.venue("A", latency: 90_000), Self.venue("B", latency: 20_000)]
    let books = [Self.levels((Self.p(10), 800)), Self.levels((Self.p(10), 300))]
    var best = RoutePlanner(venues: venues, policy: .bestPrice)
    var fast = RoutePlanner(venues: venues, policy: .lowestLatency)
    // Best price: the venue with more size first (A); lowest latency: B first.
    #expect(best.plan(side: .buy, quantity: 300, limit: nil, rests: false, books: books).slices == [RouteSlice(venue: 0, quantity: 300)])
    #expect(fast.plan(side: .buy, quantity: 300, limit: nil, rests: false, books: books).slices == [RouteSlice(venue: 1, quantity: 300)])
    // More than B has: the rest spills to A.
    #expect(
      fast.plan(side: .buy, quantity: 500, limit: nil, rests: false, books: books).slices
        == [RouteSlice(venue: 0, quantity: 200), RouteSlice(venue: 1, quantity: 300)])
  }

  @Test func whatNoVenueShowsRestsWhereRestingCostsLeast() {
    // B pays a rebate to makers: a passive bid below every ask rests there.
    var planner = RoutePlanner(venues: [Self.venue("A", maker: 0), Self.venue("B", maker: -200_000)], policy: .bestPrice)
    let books = [Self.levels((Self.p(30, cents: 5), 100)), Self.levels((Self.p(30, cents: 4), 100))]
    let passive = planner.plan(side: .buy, quantity: 400, limit: Self.p(30), rests: true, books: books)
    #expect(passive.slices == [RouteSlice(venue: 1, quantity: 400)])
    #expect(passive.visible == 0 && passive.restVenue == 1 && passive.restQuantity == 400)
    // A marketable one takes B's 100 and A's 100, and rests the other 200 at B.
    let marketable = planner.plan(side: .buy, quantity: 400, limit: Self.p(30, cents: 5), rests: true, books: books)
    #expect(marketable.slices == [RouteSlice(venue: 0, quantity: 100), RouteSlice(venue: 1, quantity: 300)])
  }

  @Test func anIOCRestGoesWithTheBestPricedSlice() {
    var planner = RoutePlanner(venues: [Self.venue("A"), Self.venue("B", maker: -200_000)], policy: .bestPrice)
    let books = [Self.levels((Self.p(30, cents: 1), 100)), Self.levels((Self.p(30, cents: 2), 100))]
    let plan = planner.plan(side: .buy, quantity: 500, limit: Self.p(30, cents: 2), rests: false, books: books)
    #expect(plan.slices == [RouteSlice(venue: 0, quantity: 400), RouteSlice(venue: 1, quantity: 100)])
  }

  @Test func emptyBooksSendEverythingToOneVenue() {
    var planner = RoutePlanner(venues: [Self.venue("A"), Self.venue("B")], policy: .lowestLatency)
    let plan = planner.plan(side: .sell, quantity: 70, limit: nil, rests: false, books: [[], []])
    #expect(plan.slices == [RouteSlice(venue: 0, quantity: 70)])
    #expect(plan.views.allSatisfy { $0.best == nil && $0.sizeWithinLimit == 0 })
  }
}
