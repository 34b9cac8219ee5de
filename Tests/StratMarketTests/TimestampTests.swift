import StratMarket
import Testing

@Suite struct TimestampTests {
  @Test(arguments: [
    ("1970-01-01", Int64(0)),
    ("2020-07-27 04:00:00+00:00", 1_595_822_400_000_000_000),
    ("2020-07-27T04:00:00Z", 1_595_822_400_000_000_000),
    ("2020-07-27T06:00:00+02:00", 1_595_822_400_000_000_000),
    ("2020-07-27T00:30:00-0330", 1_595_822_400_000_000_000),
    ("2020-07-27 04:00", 1_595_822_400_000_000_000),
    ("2021-12-31 23:01:00.000000", 1_640_991_660_000_000_000),
    ("2020-07-27T04:00:00.123456789Z", 1_595_822_400_123_456_789),
    ("2020-02-29", 1_582_934_400_000_000_000),
    ("2000-02-29", 951_782_400_000_000_000),
    ("1969-12-31T23:59:59.5Z", -500_000_000),
  ])
  func parsesDateTimes(text: String, nanos: Int64) throws {
    #expect(try Timestamp.parse(text) == nanos)
  }

  @Test(arguments: [
    "2021-02-29", "1900-02-29", "2020-13-01", "2020-00-10", "2020-04-31", "2020-07-27 24:00",
    "2020-07-27 12:60", "2020-07-27 12:00:60", "2020/07/27", "20-07-27", "2020-07-27X",
    "2020-07-27 04:00:00+00", "2020-07-27 04:00:00+00:00 ", "2020-07-27 04:00:00.", "",
    "2020-07-27T04:00:00.1234567891Z", "3000-01-01", "1600-01-01",
  ])
  func rejectsBadDateTimes(text: String) {
    #expect(throws: TimestampError.self) { try Timestamp.parse(text) }
  }

  @Test func explainsWhatWasExpected() {
    #expect(
      throws: TimestampError.fieldOutOfRange(field: "day", value: 29, range: "01…28 for 2021-02")
    ) {
      try Timestamp.parse("2021-02-29")
    }
    #expect(
      throws: TimestampError.malformed(expected: "'-' after the year (YYYY-MM-DD)", offset: 4)
    ) {
      try Timestamp.parse("2020/07/27")
    }
  }

  @Test func parsesEpochSeconds() throws {
    #expect(try Timestamp.parseEpochSeconds("1704153600") == 1_704_153_600_000_000_000)
    #expect(try Timestamp.parseEpochSeconds("1704153600.25") == 1_704_153_600_250_000_000)
    #expect(try Timestamp.parseEpochSeconds("-1.5") == -1_500_000_000)
    #expect(throws: TimestampError.outOfRange) { try Timestamp.parseEpochSeconds("1637971200000") }
    #expect(throws: TimestampError.self) { try Timestamp.parseEpochSeconds("12a") }
    #expect(throws: TimestampError.self) { try Timestamp.parseEpochSeconds("") }
  }

  @Test(arguments: [
    (Int64(0), "1970-01-01T00:00:00Z"),
    (1_595_822_400_000_000_000, "2020-07-27T04:00:00Z"),
    (1_595_822_400_250_000_000, "2020-07-27T04:00:00.25Z"),
    (1_595_822_400_000_000_001, "2020-07-27T04:00:00.000000001Z"),
    (-500_000_000, "1969-12-31T23:59:59.5Z"),
    (951_782_400_000_000_000, "2000-02-29T00:00:00Z"),
  ])
  func formatsISO8601(nanos: Int64, text: String) {
    #expect(Timestamp.iso8601(nanos) == text)
  }

  @Test func formatsTheWholeInt64Range() {
    #expect(Timestamp.iso8601(.min) == "1677-09-21T00:12:43.145224192Z")
    #expect(Timestamp.iso8601(.max) == "2262-04-11T23:47:16.854775807Z")
    var buffer = TextBuffer()
    buffer.append(time: .min)
    buffer.append(time: .max)
    buffer.append(time: 0)
    #expect(
      buffer.text
        == "1677-09-21T00:12:43.145224192Z2262-04-11T23:47:16.854775807Z1970-01-01T00:00:00Z"
    )
  }

  @Test func roundTripsEveryDayOfFourHundredYears() throws {
    var nanos = try Timestamp.parse("1800-01-01")
    let step: Int64 = 86_400_000_000_000 + 3_661_000_000_007
    for _ in 0..<(146_097 / 2) {
      #expect(try Timestamp.parse(Timestamp.iso8601(nanos)) == nanos)
      nanos += step
    }
  }

  @Test func buildsTimesFromFields() {
    #expect(Timestamp.nanos(year: 2024, month: 1, day: 2) == 1_704_153_600_000_000_000)
    #expect(Timestamp.dayIndex(-1) == -1)
    #expect(Timestamp.dayIndex(1_704_153_600_000_000_000) == 19_724)
  }
}

/// A column of times has one text layout, so that pandas' `to_datetime` (which infers one
/// format from the first row) reads it without options.
@Suite struct TimeColumnLayoutTests {
  @Test(arguments: [
    ([Int64(0), 2_000_000_000], 0),
    ([1_500_000_000, 2_000_000_000], 3),
    ([2_000_000_000, 1_000_250_000], 6),
    ([2_000_000_000, 1_000_000_001, 3_000_000_000], 9),
    ([Int64](), 0),
  ])
  func fractionDigitsAreTheFinestTheColumnNeeds(times: [Int64], digits: Int) {
    #expect(Timestamp.fractionDigits(times) == digits)
  }

  @Test func everyTimeOfAColumnIsWrittenWithTheSameDigits() {
    let times: [Int64] = [1_340_285_400_000_000_000, 1_340_285_400_015_105_074, 1_340_285_401_500_000_000]
    var out = TextBuffer()
    out.timeFractionDigits = Timestamp.fractionDigits(times)
    for time in times {
      out.append(time: time)
      out.append(byte: 0x0A)
    }
    #expect(out.text == "2012-06-21T13:30:00.000000000Z\n2012-06-21T13:30:00.015105074Z\n2012-06-21T13:30:01.500000000Z\n")
    var shortest = TextBuffer()
    shortest.append(time: times[2])
    #expect(shortest.text == "2012-06-21T13:30:01.5Z", "without a column layout, as few digits as needed")
    var milli = TextBuffer()
    milli.timeFractionDigits = 3
    milli.append(time: times[0])
    #expect(milli.text == "2012-06-21T13:30:00.000Z")
  }
}
