import Testing

@testable import StratFixed

@Suite struct FixedFormatTests {
  @Test func rawLimitsFollowWidthAndSignedness() {
    let s = FixedFormat(width: 8, integerBits: 4)
    #expect(s.minRaw == -128 && s.maxRaw == 127 && s.fractionBits == 4)
    let u = FixedFormat(width: 8, integerBits: 4, signed: false)
    #expect(u.minRaw == 0 && u.maxRaw == 255)
  }

  @Test func theCppSpellingNamesEveryParameter() {
    let f = FixedFormat(width: 40, integerBits: 18, quantization: .AP_RND_CONV, overflow: .AP_SAT)
    #expect(f.description == "ap_fixed<40,18,AP_RND_CONV,AP_SAT>")
  }
}
