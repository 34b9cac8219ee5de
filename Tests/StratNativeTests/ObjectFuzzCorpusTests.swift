import Testing

@testable import StratNative

/// The corpus of Fuzz/ObjectFuzz (Tests/Fuzz/Corpus/object: an object built by `stratc build`,
/// cut and bent copies, and what the fuzzer kept), through the checks made before `dlopen`.
@Suite("Object fuzz corpus replay")
struct ObjectFuzzCorpusTests {
  @Test("The object corpus is checked without a trap; every error is an object error")
  func object() throws {
    try FuzzCorpus.replay("object", prefixes: ["object."], ObjectFuzzTarget.run)
  }
}

/// The corpus's `sig-valid` seed was made by Python's `hmac` module (an independent HMAC): it
/// must verify under the harness's key, and the seeds around it must not.
@Suite struct SignatureSeedTests {
  static func seed(_ name: String) throws -> [UInt8] {
    try FuzzCorpus.files("object").first { $0.name == name }.map(\.bytes) ?? []
  }

  @Test func thePythonMadeSignatureVerifiesAndItsVariantsDoNot() throws {
    let valid = try ObjectSignature(parsing: try Self.seed("sig-valid"))
    #expect(valid.keyID == ObjectFuzzTarget.key.id)
    #expect(valid.isMade(by: ObjectFuzzTarget.key))
    #expect(try !ObjectSignature(parsing: try Self.seed("sig-bad-mac")).isMade(by: ObjectFuzzTarget.key))
    #expect(ObjectFuzzTarget.verify(try Self.seed("sig-bad-mac")).contains("object.bad-signature"))
    #expect(throws: SignatureFormatError.self) { try ObjectSignature(parsing: try Self.seed("sig-cut")) }
  }
}
