/// A FIX data dictionary: the fields (tag, name, type, allowed values), the standard header and
/// trailer, and each message's fields, components flattened in place and repeating groups
/// nested. Built once from QuickFIX's XML (`FIXDictionary.load`), then read by the codec (which
/// fields are `data`), the validator and the session. Immutable; shared across sessions.
public final class FIXDictionary: Sendable {
  /// `FIX.4.2`, `FIX.4.4`.
  public let beginString: String
  /// Every field the dictionary defines, by tag.
  public let fields: [Int: FIXFieldDefinition]
  /// Field tags by name.
  public let tagsByName: [String: Int]
  public let header: FIXFieldList
  public let trailer: FIXFieldList
  /// Messages by MsgType (35).
  public let messages: [String: FIXMessageDefinition]
  /// For a LENGTH field that announces a data field: the data field's tag (95 → 96).
  public let dataFieldByLengthTag: [Int: Int]
  /// The same as a flat table, for the parser (one array read per field, no hashing).
  public let dataFields: FIXDataFields

  init(
    beginString: String, fields: [Int: FIXFieldDefinition], header: FIXFieldList, trailer: FIXFieldList,
    messages: [String: FIXMessageDefinition]
  ) {
    self.beginString = beginString
    self.fields = fields
    var names: [String: Int] = [:]
    for (tag, field) in fields { names[field.name] = tag }
    tagsByName = names
    self.header = header
    self.trailer = trailer
    self.messages = messages
    dataFieldByLengthTag = FIXDictionary.pairDataFields(fields, names: names)
    dataFields = FIXDataFields(dataFieldByLengthTag)
  }

  /// A data field's length field is named after it: SecureData ← SecureDataLen,
  /// RawData ← RawDataLength, Signature ← SignatureLength.
  private static func pairDataFields(_ fields: [Int: FIXFieldDefinition], names: [String: Int]) -> [Int: Int] {
    var pairs: [Int: Int] = [:]
    for (tag, field) in fields where field.type == .data {
      for suffix in ["Len", "Length"] {
        if let length = names[field.name + suffix], fields[length]?.type == .length { pairs[length] = tag }
      }
    }
    return pairs
  }

  /// The tag for a field name; traps on a name the dictionary lacks, which is a programming
  /// error in the caller (the session names only standard fields).
  public func tag(_ name: String) -> Int {
    guard let tag = tagsByName[name] else { preconditionFailure("\(beginString) has no field \(name)") }
    return tag
  }

  public func isHeader(_ tag: Int) -> Bool { header.tags.contains(tag) }
  public func isTrailer(_ tag: Int) -> Bool { trailer.tags.contains(tag) }
}

/// One field's definition.
public struct FIXFieldDefinition: Sendable {
  public let tag: Int
  public let name: String
  public let type: FIXValueType
  /// The values the dictionary allows, when it lists them (a MULTIPLEVALUESTRING's are the
  /// allowed words); nil when any value of the type is allowed.
  public let values: Set<String>?
}

/// The fields of a header, trailer, message body or group entry, in dictionary order.
public struct FIXFieldList: Sendable {
  /// Every tag that may appear at this level (a group's count field, not its members).
  public let tags: Set<Int>
  /// The tags in dictionary order.
  public let order: [Int]
  public let required: [Int]
  /// The groups at this level, by their count (NUMINGROUP) tag.
  public let groups: [Int: FIXGroupDefinition]
}

/// A repeating group: a count field, then that many entries, each starting with `delimiter`.
public final class FIXGroupDefinition: Sendable {
  public let countTag: Int
  public let delimiter: Int
  public let entry: FIXFieldList

  init(countTag: Int, delimiter: Int, entry: FIXFieldList) {
    self.countTag = countTag
    self.delimiter = delimiter
    self.entry = entry
  }
}

/// One message type.
public struct FIXMessageDefinition: Sendable {
  public let msgType: String
  public let name: String
  /// Administrative (session) rather than application.
  public let isAdmin: Bool
  public let body: FIXFieldList
}

/// LENGTH tag → the data tag it announces, as an array indexed by tag (0: none).
public struct FIXDataFields: Sendable {
  private let table: [Int32]

  public init(_ pairs: [Int: Int]) {
    var table = [Int32](repeating: 0, count: (pairs.keys.max() ?? -1) + 1)
    for (length, data) in pairs where length >= 0 { table[length] = Int32(data) }
    self.table = table
  }

  /// No data fields: every value ends at SOH.
  public static let none = FIXDataFields([:])

  @inline(__always)
  public func dataTag(announcedBy tag: Int) -> Int? {
    guard tag >= 0, tag < table.count, table[tag] != 0 else { return nil }
    return Int(table[tag])
  }
}
