import StratDiagnostics

/// One value of a configuration document, with the span of its text (for a table made by a
/// header, the header's key; for an implicit table, the first key that made it).
package struct ConfigValue {
  package enum Kind {
    case string(String)
    case integer(Int64)
    /// The value, and the literal's text without `_` (so that money is read exactly).
    case float(Double, text: String)
    case boolean(Bool)
    /// An inline array `[…]`: every element has the same kind.
    case array([ConfigValue])
    case table(ConfigTable)
    /// `[[name]]` headers: one table per header, in file order.
    case tableArray(ConfigTableArray)
  }

  package var kind: Kind
  package var span: SourceSpan

  package init(_ kind: Kind, span: SourceSpan) {
    self.kind = kind
    self.span = span
  }

  /// The kind's name as the schema's messages say it ("a string", "an integer", …).
  package var kindName: String {
    switch kind {
    case .string: "a string"
    case .integer: "an integer"
    case .float: "a float"
    case .boolean: "a boolean"
    case .array: "an array"
    case .table: "a table"
    case .tableArray: "an array of tables"
    }
  }

  /// True when two values are of the same kind (the subset's arrays hold one kind).
  func hasSameKind(as other: ConfigValue) -> Bool {
    switch (kind, other.kind) {
    case (.string, .string), (.integer, .integer), (.float, .float), (.boolean, .boolean),
      (.array, .array), (.table, .table), (.tableArray, .tableArray):
      true
    default: false
    }
  }
}

/// A key as bytes: TOML compares keys by code points, while Swift's `String ==` treats
/// canonically equivalent texts ("é" and "e\u{301}") as equal.
struct ConfigKey: Hashable {
  let utf8: [UInt8]
  init(_ text: String) { utf8 = Array(text.utf8) }
}

/// A table: its entries in the order they were defined. A class, because headers and dotted
/// keys reopen a table that is already inside another one while the file is parsed.
package final class ConfigTable {
  package struct Entry {
    package let key: String
    package let keySpan: SourceSpan
    package var value: ConfigValue
  }

  package private(set) var entries: [Entry] = []
  private var index: [ConfigKey: Int] = [:]
  /// Defined by a `[header]` or `[[header]]`, or as a prefix of dotted keys of an earlier
  /// section: no header may define it (again).
  var isExplicit = false
  /// Dotted keys of the current section went through it: explicit once the section ends.
  var isPendingExplicit = false
  /// An inline table, or inside an inline value: nothing may add to it.
  var isFrozen = false

  package init() {}

  /// The entry named `key`, compared byte for byte.
  package subscript(key: String) -> Entry? {
    index[ConfigKey(key)].map { entries[$0] }
  }

  func contains(_ key: String) -> Bool { index[ConfigKey(key)] != nil }

  /// Adds an entry; the caller has checked that the key is new.
  func add(_ key: String, keySpan: SourceSpan, value: ConfigValue) {
    index[ConfigKey(key)] = entries.count
    entries.append(Entry(key: key, keySpan: keySpan, value: value))
  }
}

/// The tables of `[[name]]` headers; a class so that a later header appends to it in place.
package final class ConfigTableArray {
  package private(set) var tables: [ConfigTable] = []
  package private(set) var headerSpans: [SourceSpan] = []

  init() {}

  func append(_ table: ConfigTable, header: SourceSpan) {
    tables.append(table)
    headerSpans.append(header)
  }
}
