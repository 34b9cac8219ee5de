import Testing

@testable import StratFIX

@Suite struct FIXDictionaryTests {
  @Test func readsBothShippedVersions() throws {
    let fix44 = try FIXDictionary.bundled(.fix44)
    let fix42 = try FIXDictionary.bundled(.fix42)
    #expect(fix44.beginString == "FIX.4.4")
    #expect(fix42.beginString == "FIX.4.2")
    #expect(fix44.fields[38]?.name == "OrderQty")
    #expect(fix44.fields[38]?.type == .float)
    #expect(fix44.fields[54]?.values?.contains("1") == true)
    #expect(fix44.messages["D"]?.name == "NewOrderSingle")
    #expect(fix44.messages["A"]?.isAdmin == true)
    #expect(fix44.messages["8"]?.isAdmin == false)
  }

  @Test func componentsAreFlattenedAndRequiredOnlyWhenTheComponentIs() throws {
    let fix44 = try FIXDictionary.bundled(.fix44)
    let order = try #require(fix44.messages["D"]).body
    // Symbol comes from the Instrument component; Parties (not required) holds a group.
    #expect(order.tags.contains(55))
    #expect(order.required.contains(11) && order.required.contains(54) && order.required.contains(60))
    #expect(order.groups[453]?.delimiter == 448)  // NoPartyIDs → PartyID
    #expect(!order.required.contains(448))
  }

  @Test func headerAndTrailerComeFromTheDictionary() throws {
    let fix44 = try FIXDictionary.bundled(.fix44)
    #expect(fix44.header.order.prefix(5) == [8, 9, 35, 49, 56])
    #expect(fix44.header.required.contains(52))
    #expect(fix44.isTrailer(10) && fix44.isTrailer(93))
    #expect(fix44.dataFieldByLengthTag[95] == 96)
    #expect(fix44.dataFieldByLengthTag[93] == 89)
  }

  @Test func badXMLIsALocatedError() {
    let cases: [(String, String)] = [
      ("<fix major='4' minor='4'>\n<fields>\n<field number='x' name='A' type='INT'/>\n</fields></fix>", "fix.dictionary.invalid"),
      ("<fix major='4' minor='4'>\n<messages>\n<message name='A' msgtype='A'>\n<field name='Nope' required='Y'/>\n</message></messages></fix>", "fix.dictionary.invalid"),
      ("<fix major='4' minor='4'>\n<header>\n", "fix.dictionary.xml"),
      ("<notfix/>", "fix.dictionary.not-a-dictionary"),
      ("<fix major='4' minor='4'><a b=c/></fix>", "fix.dictionary.xml"),
    ]
    for (xml, id) in cases {
      #expect(throws: FIXError.self) { try FIXDictionary(xml: Array(xml.utf8), path: "d.xml") }
      do {
        _ = try FIXDictionary(xml: Array(xml.utf8), path: "d.xml")
      } catch {
        #expect(error.id == id, "\(xml)")
        #expect(error.location?.path == "d.xml")
      }
    }
  }
}
