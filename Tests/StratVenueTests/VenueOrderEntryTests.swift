import Foundation
import StratFIX
import Testing

@testable import StratVenue

@Suite(.serialized) struct VenueOrderEntryTests {
  @Test func twoClientsTradeAndEachGetsItsFill() throws {
    let venue = try VenueUnderTest(clients: ["CLIENT1", "CLIENT2"])
    let seller = try venue.client("CLIENT1")
    let buyer = try venue.client("CLIENT2")
    defer { seller.stop(); buyer.stop() }
    #expect(seller.waitLoggedOn() && buyer.waitLoggedOn())
    try seller.order("S1", side: "2", quantity: 100, price: "10.25")
    #expect(seller.wait(for: 1).count == 1)
    try buyer.order("B1", side: "1", quantity: 60, price: "10.30")
    let sold = seller.wait(for: 2)
    let bought = buyer.wait(for: 2)
    #expect(field(sold[0], 150) == "0" && field(sold[0], 39) == "0")
    #expect(field(sold[1], 150) == "F" && field(sold[1], 32) == "60" && field(sold[1], 31) == "10.25")
    #expect(field(sold[1], 39) == "1" && field(sold[1], 151) == "40")
    #expect(field(bought[1], 150) == "F" && field(bought[1], 39) == "2" && field(bought[1], 6) == "10.25")
  }

  @Test func cancelReplaceStatusAndMassStatus() throws {
    let venue = try VenueUnderTest(clients: ["CLIENT1"])
    let client = try venue.client("CLIENT1")
    defer { client.stop() }
    #expect(client.waitLoggedOn())
    try client.order("A", side: "1", quantity: 100, price: "9.50")
    try client.order("B", side: "1", quantity: 100, price: "9.40")
    _ = client.wait(for: 2)
    try client.send("G", [(11, "A2"), (38, "80"), (40, "2"), (41, "A"), (44, "9.55"), (54, "1"), (55, "INTC"), (60, FIXTime.timestamp(FIXClock.utcNanos()))])
    try client.send("F", [(11, "B2"), (41, "B"), (54, "1"), (55, "INTC"), (60, FIXTime.timestamp(FIXClock.utcNanos()))])
    try client.send("F", [(11, "C2"), (41, "NOPE"), (54, "1"), (55, "INTC"), (60, FIXTime.timestamp(FIXClock.utcNanos()))])
    let answers = client.wait(for: 5)
    #expect(field(answers[2], 150) == "5" && field(answers[2], 41) == "A" && field(answers[2], 44) == "9.55" && field(answers[2], 38) == "80")
    #expect(field(answers[3], 150) == "4" && field(answers[3], 11) == "B2")
    #expect(field(answers[4], 35) == "9" && field(answers[4], 102) == "1")
    try client.send("H", [(11, "A2"), (54, "1"), (55, "INTC")])
    try client.send("AF", [(584, "M1"), (585, "7")])
    let more = client.wait(for: 7)
    #expect(field(more[5], 150) == "I" && field(more[5], 39) == "0" && field(more[5], 151) == "80")
    #expect(field(more[6], 584) == "M1" && field(more[6], 912) == "Y" && field(more[6], 11) == "A2")
  }

  @Test func badOrdersAreRejectedWithReasons() throws {
    let venue = try VenueUnderTest(clients: ["CLIENT1"])
    let client = try venue.client("CLIENT1")
    defer { client.stop() }
    #expect(client.waitLoggedOn())
    try client.order("X", side: "1", quantity: 100, price: "9.501")
    try client.order("Y", side: "1", quantity: 100, price: "9.50", symbol: "ZZZZ")
    try client.order("Z", side: "1", quantity: 100, price: "9.50")
    try client.order("Z", side: "1", quantity: 100, price: "9.50")
    let answers = client.wait(for: 4)
    #expect(answers.map { field($0, 150) } == ["8", "8", "0", "8"])
    #expect(field(answers[1], 58) == "unknown symbol ZZZZ")
    #expect(field(answers[3], 103) == "6")
  }

  @Test func reportsMadeWhileAClientIsDownArriveByResendAfterItReconnects() throws {
    let venue = try VenueUnderTest(clients: ["CLIENT1", "CLIENT2"])
    let seller = try venue.client("CLIENT1")
    let buyer = try venue.client("CLIENT2")
    defer { seller.stop(); buyer.stop() }
    #expect(seller.waitLoggedOn() && buyer.waitLoggedOn())
    try seller.order("S1", side: "2", quantity: 100, price: "10.00")
    _ = seller.wait(for: 1)
    seller.initiator.dropConnection()
    usleep(5_000)
    try buyer.order("B1", side: "1", quantity: 100, price: "10.00")
    _ = buyer.wait(for: 2)
    let sold = seller.wait(for: 2, seconds: 10)
    #expect(sold.count == 2)
    #expect(field(sold.last ?? "", 150) == "F" && field(sold.last ?? "", 39) == "2")
  }
}
