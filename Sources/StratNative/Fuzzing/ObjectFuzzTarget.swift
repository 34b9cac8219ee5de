// What Fuzz/ObjectFuzz drives, and the object corpus replay test replays: one code path for both.

/// Runs one input through the checks `--object` and `stratc inspect` make before `dlopen`: the
/// ELF headers, tables and sections, and the `.stratc` metadata; and the metadata parser on the
/// bytes as section text. Never `dlopen`s: loading runs the input's constructors.
/// Returns the ids of the errors thrown; ids starting `internal.` are bugs (the harness traps).
enum ObjectFuzzTarget {
  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    var ids: [String] = []
    do {
      let metadata = try StrategyObject.metadata(bytes: Array(input), path: "fuzz.so")
      ids += roundTrip(metadata)
    } catch { ids.append(error.id) }
    if let metadata = ObjectMetadata(sectionText: String(decoding: input, as: UTF8.self)) {
      ids += roundTrip(metadata)
    }
    return ids
  }

  /// Metadata read back from its own section text must be the same.
  static func roundTrip(_ metadata: ObjectMetadata) -> [String] {
    ObjectMetadata(sectionText: metadata.sectionText) == metadata
      ? [] : ["internal.object-metadata-round-trip"]
  }
}
