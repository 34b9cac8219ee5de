import Testing

@testable import StratFIX

@Suite struct FIXValidatorTests {
  let header = "49=TW|52=20240102-03:04:05.000|56=ISLD|34=2|"

  func rejection(_ body: String, version: FIXVersion = .fix44) throws -> FIXRejection? {
    let dictionary = try FIXDictionary.bundled(version)
    let validator = FIXValidator(dictionary: dictionary)
    return withView(framed(body, begin: version.beginString), dictionary: dictionary) { result in
      guard case .success(let view) = result else { return FIXRejection(.other) }
      return validator.validate(view)
    }
  }

  let order = "11=ID|21=1|55=INTC|54=1|60=20240102-03:04:05|38=100|40=2|44=10.5|"

  @Test func aValidOrderPasses() throws {
    #expect(try rejection("35=D|" + header + order) == nil)
  }

  @Test func eachProblemGetsItsReason() throws {
    let cases: [(String, FIXRejection)] = [
      ("35=ZZ|" + header, FIXRejection(.invalidMsgType)),
      ("35=D|" + header + order + "5000=x|", FIXRejection(.invalidTagNumber, tag: 5000)),
      ("35=D|" + header + order + "0=x|", FIXRejection(.invalidTagNumber, tag: 0)),
      // FIX 4.4 names the instrument by Symbol or SecurityID, so Symbol itself is optional.
      ("35=D|" + header + "21=1|55=INTC|54=1|60=20240102-03:04:05|38=100|40=2|", FIXRejection(.requiredTagMissing, tag: 11)),
      ("35=D|" + header + order + "108=30|", FIXRejection(.tagNotDefinedForMessage, tag: 108)),
      ("35=D|" + header + order.replacingOccurrences(of: "55=INTC", with: "55=") , FIXRejection(.tagWithoutValue, tag: 55)),
      ("35=D|" + header + order.replacingOccurrences(of: "21=1", with: "21=4"), FIXRejection(.valueIncorrect, tag: 21)),
      ("35=D|" + header + order.replacingOccurrences(of: "38=100", with: "38=+100"), FIXRejection(.incorrectDataFormat, tag: 38)),
      ("35=D|" + header + order + "40=1|", FIXRejection(.tagAppearsMoreThanOnce, tag: 40)),
      ("35=D|" + header + order + "50=X|", FIXRejection(.tagOutOfOrder, tag: 50)),
      ("35=D|" + header + order + "453=2|448=A|447=D|452=1|", FIXRejection(.incorrectNumInGroup, tag: 453)),
      ("35=0|49=TW|56=ISLD|34=2|", FIXRejection(.requiredTagMissing, tag: 52)),
    ]
    for (body, expected) in cases {
      #expect(try rejection(body) == expected, "\(body)")
    }
  }

  @Test func groupsWithTheRightCountPass() throws {
    #expect(try rejection("35=D|" + header + order + "453=2|448=A|447=D|452=1|448=B|447=D|452=3|") == nil)
    #expect(try rejection("35=D|" + header + order + "453=0|") == nil)
  }

  @Test func fix42KnowsItsOwnFields() throws {
    let order42 = "11=ID|21=1|55=INTC|54=1|60=20240102-03:04:05|38=100|40=2|44=10.5|"
    #expect(try rejection("35=D|" + header + order42, version: .fix42) == nil)
    #expect(try rejection("35=D|" + header + order42 + "1028=Y|", version: .fix42) == FIXRejection(.invalidTagNumber, tag: 1028))
    let noSymbol = order42.replacingOccurrences(of: "55=INTC|", with: "")
    #expect(try rejection("35=D|" + header + noSymbol, version: .fix42) == FIXRejection(.requiredTagMissing, tag: 55))
  }
}
