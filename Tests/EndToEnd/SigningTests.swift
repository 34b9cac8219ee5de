import Foundation
import Testing

/// `stratc keygen`, `build --sign` and `inspect [--key]` as a user runs them: a private key
/// file never replaced unless told, a signature beside the object, the key id shown, the
/// engine's checks run by `inspect --key`, and each refusal with its id and exit 1.
@Suite struct SigningTests {
  /// A fresh folder with a key in it.
  static func folderWithKey() throws -> (folder: String, key: String) {
    let folder = Stratc.temporaryDirectory()
    let key = folder + "/strat.key"
    let run = try Stratc.run(["keygen", key])
    #expect(run.status == 0, "\(run.stderr)")
    return (folder, key)
  }

  static func build(_ strategy: String, _ out: String, key: String?) throws -> Stratc.Run {
    try Stratc.run(
      ["build", BackendTests.strategy(strategy), "-o", out, "--quiet"]
        + (key.map { ["--sign", $0] } ?? [])
    )
  }

  static func mode(_ path: String) throws -> Int {
    try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
  }

  @Test func keygenWritesAPrivateKeyAndNeverReplacesOneUnlessForced() throws {
    let (folder, key) = try Self.folderWithKey()
    #expect(try Self.mode(key) == 0o600)
    let first = try String(contentsOfFile: key, encoding: .utf8)
    #expect(first.utf8.count == 65)
    let again = try Stratc.run(["keygen", key])
    #expect(again.status == 1 && again.stderr.contains("error[key.exists]"), "\(again.stderr)")
    #expect(try String(contentsOfFile: key, encoding: .utf8) == first)
    let forced = try Stratc.run(["keygen", key, "--force"])
    #expect(forced.status == 0 && forced.stdout.hasPrefix("wrote \(key): key "))
    #expect(try String(contentsOfFile: key, encoding: .utf8) != first)
    #expect(try Self.mode(key) == 0o600)
    #expect(try Stratc.run(["keygen"]).status == 2)
    _ = folder
  }

  @Test func aSignedBuildWritesItsSignatureAndInspectNamesAndChecksIt() throws {
    let (folder, key) = try Self.folderWithKey()
    let object = folder + "/pairs.so"
    let built = try Self.build("pairs", object, key: key)
    #expect(built.status == 0, "\(built.stderr)")
    let signature = try String(contentsOfFile: object + ".sig", encoding: .utf8)
    let keyID = try #require(signature.split(separator: "\n").first { $0.hasPrefix("key=") })
      .dropFirst(4)
    let inspect = try Stratc.run(["inspect", object])
    #expect(inspect.status == 0)
    #expect(
      inspect.stdout.hasSuffix(
        "signature  hmac-sha256 by key \(keyID) (not checked: --key KEYFILE checks it)\n"
      )
    )
    let checked = try Stratc.run(["inspect", object, "--key", key])
    #expect(checked.status == 0, "\(checked.stderr)")
    #expect(checked.stdout.hasSuffix("signature  hmac-sha256 by key \(keyID), verified\n"))
    // The object is the unsigned build's, byte for byte: signing never touches it.
    let plain = folder + "/plain.so"
    #expect(try Self.build("pairs", plain, key: nil).status == 0)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: plain))
        == Data(contentsOf: URL(fileURLWithPath: object))
    )
  }

  @Test func inspectWithAnotherKeyOrOnATamperedObjectRefuses() throws {
    let (folder, key) = try Self.folderWithKey()
    let object = folder + "/pairs.so"
    #expect(try Self.build("pairs", object, key: key).status == 0)
    let other = folder + "/other.key"
    #expect(try Stratc.run(["keygen", other]).status == 0)
    ObjectRefusalTests.expectRefused(
      try Stratc.run(["inspect", object, "--key", other]),
      "object.unknown-key"
    )
    // A byte of the code flipped: the structure is intact, the hash is not.
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: object)))
    let text = try #require(Self.textOffset(bytes))
    bytes[text] ^= 0x01
    try Data(bytes).write(to: URL(fileURLWithPath: object))
    ObjectRefusalTests.expectRefused(
      try Stratc.run(["inspect", object, "--key", key]),
      "object.hash-mismatch"
    )
    // Another object's signature beside it.
    let bollinger = folder + "/bollinger.so"
    #expect(try Self.build("bollinger", bollinger, key: key).status == 0)
    try FileManager.default.removeItem(atPath: object + ".sig")
    try FileManager.default.copyItem(atPath: bollinger + ".sig", toPath: object + ".sig")
    #expect(
      try Stratc.run(["inspect", object]).stdout.contains(
        "signature  \(object).sig signs another object"
      )
    )
    try FileManager.default.removeItem(atPath: object + ".sig")
    ObjectRefusalTests.expectRefused(
      try Stratc.run(["inspect", object, "--key", key]),
      "object.unsigned"
    )
  }

  /// The file offset of the first byte of `.text` (from the section headers).
  static func textOffset(_ bytes: [UInt8]) -> Int? {
    func u(_ at: Int, _ n: Int) -> Int {
      (0..<n).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
    }
    let (shoff, shnum, names) = (u(40, 8), u(60, 2), u(62, 2))
    let namesOffset = u(shoff + 64 * names + 24, 8)
    for k in 0..<shnum {
      let at = shoff + 64 * k
      let name = bytes[(namesOffset + u(at, 4))...].prefix { $0 != 0 }
      if Array(name) == Array(".text".utf8) { return u(at + 24, 8) }
    }
    return nil
  }

  @Test func aKeyOthersMayReadIsRefusedAndNothingIsBuilt() throws {
    let (folder, key) = try Self.folderWithKey()
    #expect(chmod(key, 0o644) == 0)
    let object = folder + "/pairs.so"
    let run = try Self.build("pairs", object, key: key)
    #expect(
      run.status == 1 && run.stderr.contains("error[key.permissions]")
        && run.stderr.contains("mode 0644"),
      "\(run.stderr)"
    )
    #expect(
      !FileManager.default.fileExists(atPath: object)
        && !FileManager.default.fileExists(atPath: object + ".sig")
    )
    ObjectRefusalTests.expectRefused(
      try Stratc.run(["inspect", ObjectRefusalTests.object, "--key", key]),
      "key.permissions"
    )
  }

  @Test func anUnsignedBuildRemovesAStaleSignature() throws {
    let (folder, key) = try Self.folderWithKey()
    let object = folder + "/pairs.so"
    #expect(try Self.build("pairs", object, key: key).status == 0)
    #expect(FileManager.default.fileExists(atPath: object + ".sig"))
    #expect(try Self.build("pairs", object, key: nil).status == 0)
    #expect(!FileManager.default.fileExists(atPath: object + ".sig"))
    #expect(
      try Stratc.run(["inspect", object]).stdout.hasSuffix("signature  none (no \(object).sig)\n")
    )
    let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(left == ["pairs.so", "strat.key"], "no staging file is left behind")
  }

  @Test func aMalformedKeyIsLocatedAndTheKeyIsNeverAnOutput() throws {
    let (folder, key) = try Self.folderWithKey()
    let bad = folder + "/bad.key"
    try Data("abzz\n".utf8).write(to: URL(fileURLWithPath: bad))
    #expect(chmod(bad, 0o600) == 0)
    let run = try Stratc.run(
      [
        "build", BackendTests.strategy("pairs"), "-o", folder + "/x.so", "--sign", bad,
        "--diagnostics=json",
      ])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(#""id":"key.malformed""#) && run.stderr.contains(#""byteOffset":2"#),
      "\(run.stderr)"
    )
    let over = try Stratc.run(["build", BackendTests.strategy("pairs"), "-o", key, "--sign", key])
    #expect(
      over.status == 2 && over.stderr.contains("-o would overwrite the input"),
      "\(over.stderr)"
    )
    #expect(try String(contentsOfFile: key, encoding: .utf8).utf8.count == 65)
  }
}
