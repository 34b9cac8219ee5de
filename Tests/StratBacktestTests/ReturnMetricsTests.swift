import Foundation
import StratRuntime
@testable import StratBacktest
import StratMarket
import Testing

@Suite struct ReturnMetricsTests {
  static let dayNanos: Int64 = 86_400_000_000_000

  /// `count` daily times from 2020-07-01.
  static func days(_ count: Int) -> [Int64] {
    (0..<count).map { Fixture.day(1) + Int64($0) * dayNanos }
  }

  @Test func returnsAreChangesOverThePreviousAccountValue() {
    let r = BacktestMetrics.returns([10, 5, 5], capital: 100)
    #expect(r == [0.1, -5.0 / 110, 0])
    #expect(BacktestMetrics.returns([-100, 1], capital: 100) == nil, "the account is wiped out")
  }

  @Test func annualisesDailyReturnsByTheDataCalendar() throws {
    // 40 days, alternating +1 and −1 on a capital of 100: 39 intervals over 39 days, so
    // 365.25 samples a year.
    let pnl = (0..<40).map { Double($0 % 2) }
    let s = BacktestMetrics.returnStatistics(times: Self.days(40), pnl: pnl, capital: 100)
    #expect(s.isAnnualised)
    #expect(s.basis == "per step")
    #expect(s.samples == 40)
    #expect(s.periodsPerYear == 365.25)
    let r = try #require(BacktestMetrics.returns(pnl, capital: 100))
    let mean = r.reduce(0, +) / 40
    let sd = (r.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 39).squareRoot()
    #expect(abs(try #require(s.sharpe) - mean / sd * 365.25.squareRoot()) < 1e-12)
    #expect(abs(try #require(s.volatility) - sd * 365.25.squareRoot()) < 1e-12)
    let downside = (r.map { min($0, 0) * min($0, 0) }.reduce(0, +) / 40).squareRoot()
    #expect(abs(try #require(s.sortino) - mean / downside * 365.25.squareRoot()) < 1e-12)
    #expect(s.totalReturn == 0.01)
    #expect(abs(s.maxDrawdown - 1.0 / 101) < 1e-15)
    #expect(abs(try #require(s.cagr) - (pow(1.01, 365.25 / 39) - 1)) < 1e-12)
    #expect(s.calmar == s.cagr.map { $0 / s.maxDrawdown })
  }

  @Test func doesNotAnnualiseFewSamplesAndSaysWhy() {
    let s = BacktestMetrics.returnStatistics(times: Self.days(29), pnl: Array(repeating: 1, count: 29), capital: 100)
    #expect(!s.isAnnualised)
    #expect(s.sharpe == nil && s.cagr == nil && s.volatility == nil && s.sortino == nil && s.periodsPerYear == nil)
    #expect(s.note == "not annualised: 29 returns (per step) over 28.0 days; annualising needs at least 30 returns over at least 28 days")
    #expect(s.totalReturn == 0.01)
  }

  @Test func intradayStepsAreSampledAtTheLastOfEachDay() {
    let minute: Int64 = 60_000_000_000
    let times = (0..<6).map { Fixture.day(1) + Int64($0 / 3) * Self.dayNanos + Int64($0 % 3) * minute }
    let sample = BacktestMetrics.returnSample(times: times, pnl: [1, 2, 3, 4, 5, 6])
    #expect(sample.basis == "last of each UTC day")
    #expect(sample.times == [times[2], times[5]])
    #expect(sample.pnl == [3, 6])
  }

  @Test func exposureIsTheTimeWithAPosition() {
    let fills = [
      Fill(time: 10, instrument: 0, quantity: Quantity(5), price: Price(raw: 1), fee: .zero),
      Fill(time: 20, instrument: 1, quantity: Quantity(-5), price: Price(raw: 1), fee: .zero),
      Fill(time: 20, instrument: 0, quantity: Quantity(-5), price: Price(raw: 1), fee: .zero),
      Fill(time: 30, instrument: 1, quantity: Quantity(5), price: Price(raw: 1), fee: .zero),
    ]
    // Held from 10 to 30 (instrument 1 takes over at 20), flat from 0 to 10 and 30 to 40.
    #expect(BacktestMetrics.exposure(stepTimes: [0, 10, 20, 30, 40], fills: fills, instrumentCount: 2) == 0.5)
  }

  @Test func tripFiguresUseNetPnL() {
    let trips = RoundTrips(
      closed: [trip("3"), trip("-1"), trip("0"), trip("0.00000002"), trip("-2")], openLots: 1)
    let t = BacktestMetrics.tripStatistics(trips)
    #expect(t.count == 5 && t.openLots == 1)
    #expect(t.hitRate == 0.4)
    #expect(abs(t.profitFactor! - 3.00000002 / 3) < 1e-15)
    #expect(t.averageWin == Money(raw: 150_000_001))
    #expect(t.averageLoss == money("-1.5"))
    #expect(BacktestMetrics.tripStatistics(RoundTrips(closed: [], openLots: 0)).hitRate == nil)
  }

  @Test func buyAndHoldSplitsTheCapitalAtEachFirstPrice() throws {
    let a = ReportPriceSeries(instrument: 0, label: "close", times: [0, 20], prices: [money("10"), money("20")].map { Price(raw: $0.raw) })
    let b = ReportPriceSeries(instrument: 1, label: "close", times: [10], prices: [Price(raw: 500_000_000)])
    let pnl = try #require(BacktestMetrics.buyAndHold(stepTimes: [0, 10, 20], prices: [a, b], capital: 1000))
    // 500 buys 50 A at 10; the other 500 waits as cash until B's first price.
    #expect(pnl == [0, 0, 500])
    #expect(BacktestMetrics.buyAndHold(stepTimes: [0], prices: [], capital: 1000) == nil)
  }

  func trip(_ pnl: String) -> RoundTrip {
    RoundTrip(
      instrument: 0, side: .long, entryTime: 0, exitTime: 1, quantity: 1, entryPrice: Price(raw: 1),
      exitPrice: Price(raw: 1), fees: .zero, pnl: money(pnl))
  }
}
