import StratMarket
import Testing

@Suite struct TimeMergeTests {
  /// Tiny series from `day` numbers.
  static func series(_ symbol: String, _ days: [Int]) -> BarSeries {
    let rows = days.map { "2020-07-\($0 < 10 ? "0" : "")\($0),1,1,1,1" }
    let text = "Date,Open,High,Low,Close\n" + rows.joined(separator: "\n")
    return try! parseCSV(text).get()
  }

  @Test func groupsByTimeInIncreasingOrderWithStableSeriesOrder() {
    let a = Self.series("A", [1, 2, 4, 5])
    let b = Self.series("B", [2, 3, 5])
    let groups = TimeMerge.groups(of: [a, b])
    let shape = groups.map { $0.members.map { [$0.series, $0.row] } }
    #expect(shape == [[[0, 0]], [[0, 1], [1, 0]], [[1, 1]], [[0, 2]], [[0, 3], [1, 2]]])
    #expect(
      groups.map(\.time) == [1, 2, 3, 4, 5].map { Timestamp.nanos(year: 2020, month: 7, day: $0) }
    )
  }

  @Test func handlesEmptyAndSingleSeries() {
    #expect(TimeMerge.groups(of: []).isEmpty)
    var merge = TimeMerge(times: [[], [5, 6]])
    var advanced = merge.next()
    #expect(advanced && merge.time == 5 && merge.count == 1)
    #expect(merge[0] == TimeMerge.Member(series: 1, row: 0))
    advanced = merge.next()
    #expect(advanced && merge.time == 6)
    advanced = merge.next()
    #expect(!advanced)
    advanced = merge.next()
    #expect(!advanced)
  }

  @Test func joinsRealPairWithMissingDays() throws {
    let ko = try BarCSVReader.read(path: TestPaths.dailyPairs + "/KO.csv", symbol: "KO")
    let pep = try BarCSVReader.read(path: TestPaths.dailyPairs + "/PEP.csv", symbol: "PEP")
    let groups = TimeMerge.groups(of: [ko, pep])
    #expect(groups.count == 1_180)
    let pepOnly = groups.filter { $0.members.count == 1 }
    #expect(pepOnly.count == 2)
    #expect(pepOnly.allSatisfy { $0.members[0].series == 1 })
    #expect(
      pepOnly.map { Timestamp.iso8601($0.time) } == [
        "2021-04-19T04:00:00Z", "2022-03-08T05:00:00Z",
      ]
    )
    let rows = groups.flatMap(\.members)
    #expect(rows.filter { $0.series == 0 }.map(\.row) == Array(0..<ko.count))
    #expect(rows.filter { $0.series == 1 }.map(\.row) == Array(0..<pep.count))
    #expect(zip(groups, groups.dropFirst()).allSatisfy { $0.time < $1.time })
  }
}
