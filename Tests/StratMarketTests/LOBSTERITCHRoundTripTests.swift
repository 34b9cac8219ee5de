import StratMarket
import Testing

/// LOBSTER → ITCH 5.0 bytes → decoded events → book: the ITCH replay of the GOOG day agrees with
/// LOBSTER's orderbook file exactly as the direct replay does, with the same figures.
@Suite struct LOBSTERITCHRoundTripTests {
  @Test(arguments: [1, 5]) func itchReplayAgreesLikeTheDirectReplay(levels: Int) throws {
    let (messages, rows) = try BookAgreementTests.load(levels)
    let session = try LOBSTERFileName.sessionClock(path: LOBSTERSample.messages(levels), date: nil)
    let bytes = try LOBSTERITCHReplay.itchFile(messages: messages, symbol: "GOOG", session: session)
    let decoded = try LOBSTERITCHReplay.orderEvents(itch: bytes, session: session)
    let preexisting = LOBSTERITCHReplay.preexistingOrders(in: messages)
    #expect(decoded.count == preexisting.count + messages.count)
    // Every message comes back with its kind, order, time and (except deletes, whose size ITCH
    // does not carry) its size.
    let replayed = Array(decoded.dropFirst(preexisting.count))
    #expect(
      zip(messages, replayed).allSatisfy { m, r in
        m.kind == r.kind && m.orderID == r.orderID && m.timeNanos == r.timeNanos
          && (m.kind == .delete || m.quantity == r.quantity) && r.instrument == 1
      }
    )
    let books = BookSet()
    for e in decoded { books.apply(e) }
    #expect(books.issues.total == 0)

    // Seed and compare with the preexisting orders applied first, one message per row after.
    let agreement = BookAgreement(levels: levels)
    for e in decoded.prefix(preexisting.count) { agreement.book.apply(e) }
    for (e, row) in zip(replayed, rows) {
      agreement.apply(e)
      agreement.compare(with: row)
    }
    let viaITCH = agreement.report
    let direct = BookAgreement.measure(messages: messages, orderbook: rows, levels: levels)
    print("ITCH", viaITCH)
    #expect(viaITCH.unknownOrderMessages == 0)
    #expect(viaITCH.levelsAgreeing == viaITCH.levelsCompared, "\(viaITCH.firstDisagreements)")
    #expect(viaITCH.levelsCompared == direct.levelsCompared)
    #expect(
      viaITCH.rowsCompared == direct.rowsCompared && viaITCH.rowsAgreeing == direct.rowsAgreeing
    )
    #expect(viaITCH.levelsEntered == direct.levelsEntered)
    #expect(viaITCH.rowsFullyDetermined == direct.rowsFullyDetermined)
  }
}
