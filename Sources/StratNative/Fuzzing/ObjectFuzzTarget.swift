// What Fuzz/ObjectFuzz drives, and the object corpus replay test replays: one code path for both.
import StratABI

/// Runs one input through the checks `--object` and `stratc inspect` make before `dlopen`: the
/// ELF headers, tables and sections, and the `.stratc` metadata; and the metadata parser on the
/// bytes as section text. Then through the live engine's `ObjectVerifier`, as an object signed
/// by a fixed key (so a valid object passes); and the signature parser, on the bytes as a
/// `.sig` file (`Tests/Fuzz/Corpus/object` holds `sig-*` seeds). Never `dlopen`s: loading runs the input's
/// constructors. Returns the ids of the errors thrown; ids starting `internal.` are bugs (the
/// harness traps).
enum ObjectFuzzTarget {
  static let key = SigningKey(bytes: Array(repeating: 0x5a, count: SigningKey.byteCount))

  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    var ids: [String] = []
    let bytes = Array(input)
    do {
      let metadata = try StrategyObject.metadata(bytes: bytes, path: "fuzz.so")
      ids += roundTrip(metadata)
    } catch { ids.append(error.id) }
    if let metadata = ObjectMetadata(sectionText: String(decoding: input, as: UTF8.self)) {
      ids += roundTrip(metadata)
    }
    ids += verify(bytes)
    return ids
  }

  /// The verifier's refusals of `bytes` as a signed object; and, when they parse as a
  /// signature, whether its MAC is the fixed key's, and that its text reads back the same.
  static func verify(_ bytes: [UInt8]) -> [String] {
    let verifier = ObjectVerifier(keys: [key])
    var ids: [String] = []
    let signature = Array(ObjectSignature(signing: SHA256.hex(bytes), with: key).text.utf8)
    do {
      _ = try verifier.verify(
        object: bytes,
        path: "fuzz.so",
        signature: signature,
        signaturePath: "fuzz.so.sig"
      )
    } catch { ids.append(error.id) }
    if let parsed = try? ObjectSignature(parsing: bytes) {
      if parsed.keyID == key.id, !parsed.isMade(by: key) { ids.append("object.bad-signature") }
      if (try? ObjectSignature(parsing: Array(parsed.text.utf8))) != parsed {
        ids.append("internal.object-signature-round-trip")
      }
    }
    return ids
  }

  /// Metadata read back from its own section text must be the same.
  static func roundTrip(_ metadata: ObjectMetadata) -> [String] {
    ObjectMetadata(sectionText: metadata.sectionText) == metadata
      ? [] : ["internal.object-metadata-round-trip"]
  }
}
