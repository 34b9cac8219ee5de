import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// The seeded generator and the latency models.
@Suite struct VenueLatencyTests {
  @Test func splitMix64MatchesTheReferenceSequence() {
    var state: UInt64 = 0
    #expect(VenueRandom.splitMix64(&state) == 0xE220_A839_7B1D_CDAF)
    #expect(VenueRandom.splitMix64(&state) == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test func sameSeedSameDrawsDifferentSeedDifferentDraws() {
    for model in [
      LatencyModel.uniform(lowNanos: 1_000, highNanos: 50_000),
      .logNormal(medianNanos: 20_000, sigma: 0.5), .empirical([7, 11, 13, 17, 19, 23]),
    ] {
      var a = LatencySampler(model: model, seed: 42)
      var b = LatencySampler(model: model, seed: 42)
      var c = LatencySampler(model: model, seed: 43)
      let x = (0..<200).map { _ in a.next() }
      #expect(x == (0..<200).map { _ in b.next() })
      #expect(x != (0..<200).map { _ in c.next() })
    }
  }

  @Test func uniformStaysInItsBoundsAndReachesBoth() {
    var sampler = LatencySampler(model: .uniform(lowNanos: 10, highNanos: 13), seed: 7)
    let draws = Set((0..<1_000).map { _ in sampler.next() })
    #expect(draws == [10, 11, 12, 13])
  }

  @Test func logNormalHasItsMedian() {
    var sampler = LatencySampler(model: .logNormal(medianNanos: 50_000, sigma: 0.8), seed: 9)
    let draws = (0..<20_001).map { _ in sampler.next() }.sorted()
    let median = draws[10_000]
    #expect(median > 48_000 && median < 52_000)
    #expect(draws.allSatisfy { $0 >= 0 })
  }

  @Test func orderAndFeedLatenciesAreIndependentStreams() {
    let config = VenueConfig(
      orderLatency: .uniform(lowNanos: 0, highNanos: 1_000_000),
      feedLatency: .uniform(lowNanos: 0, highNanos: 1_000_000),
      seed: 5
    )
    var order = config.makeOrderLatencySampler()
    var feed = config.makeFeedLatencySampler()
    #expect((0..<20).map { _ in order.next() } != (0..<20).map { _ in feed.next() })
  }

  @Test func rejectsInvalidModelsWithDiagnostics() {
    let cases: [(LatencyModel, String)] = [
      (.constant(nanos: -1), "venue.config.latency-range"),
      (.uniform(lowNanos: 5, highNanos: 4), "venue.config.latency-order"),
      (.logNormal(medianNanos: 10, sigma: .nan), "venue.config.latency-sigma"),
      (.empirical([]), "venue.config.latency-empty"),
      (.empirical([1, LatencyModel.maximumNanos + 1]), "venue.config.latency-range"),
    ]
    for (model, id) in cases {
      #expect(throws: VenueError.self) {
        try SimulatedVenue(config: VenueConfig(orderLatency: model), instrumentCount: 1)
      }
      #expect(model.problems(role: "order").map(\.id) == [id])
    }
    #expect(throws: VenueError.self) {
      try SimulatedVenue(config: VenueConfig(), instrumentCount: 0)
    }
  }

  @Test func sameSeedGivesTheSameFillsAndDifferentSeedsDifferentArrivals() throws {
    func run(seed: UInt64) throws -> (fills: [VenueFill], arrivals: [Int64]) {
      let config = VenueConfig(
        orderLatency: .logNormal(medianNanos: 30_000, sigma: 1),
        seed: seed
      )
      let result = try VenuePropertyTests.run(seed: 1_234, config: config)
      return (result.fills, result.arrivals)
    }
    let a = try run(seed: 1)
    let b = try run(seed: 1)
    let c = try run(seed: 2)
    #expect(!a.fills.isEmpty)
    #expect(a.fills == b.fills)
    #expect(a.arrivals == b.arrivals)
    #expect(a.arrivals != c.arrivals)
  }
}

extension VenueLatencyTests {
  @Test func invalidModelsSampleIntoRangeInsteadOfTrapping() {
    var random = VenueRandom(seed: 3)
    #expect(LatencyModel.constant(nanos: -5).sample(&random) == 0)
    #expect(LatencyModel.empirical([]).sample(&random) == 0)
    let swapped = (0..<100).map { _ in
      LatencyModel.uniform(lowNanos: 9, highNanos: 7).sample(&random)
    }
    #expect(Set(swapped) == [7, 8, 9])
    #expect(LatencyModel.logNormal(medianNanos: 100, sigma: .infinity).sample(&random) == 100)
    #expect(random.next(below: 0) == 0)
  }
}
