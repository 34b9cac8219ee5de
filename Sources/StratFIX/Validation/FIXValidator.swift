/// Checks a parsed message against the data dictionary, in the order the fields were sent:
/// header fields first, then the body (groups entry by entry), then the trailer. The first
/// problem wins and becomes a Reject. Unknown message types are `invalidMsgType`; tags the
/// dictionary lacks are `invalidTagNumber` (user-defined tags included: a session that wants
/// them adds them to its dictionary).
/// The sets of tags seen are bitsets kept from one message to the next, so validating
/// allocates nothing once the first messages have sized them; one thread at a time (the
/// session's lock) uses a validator.
public final class FIXValidator: @unchecked Sendable {
  public let dictionary: FIXDictionary
  /// Seen tags per level: header, body, then one per group nesting depth.
  private var levels: [FIXTagSet] = []

  public init(dictionary: FIXDictionary) {
    self.dictionary = dictionary
    levels = [FIXTagSet(maxTag: Self.maxTag(dictionary)), FIXTagSet(maxTag: Self.maxTag(dictionary))]
  }

  static func maxTag(_ dictionary: FIXDictionary) -> Int { dictionary.fields.keys.max() ?? 0 }

  public func validate(_ message: FIXMessageView) -> FIXRejection? {
    guard let definition = dictionary.messages[message.msgType] else { return FIXRejection(.invalidMsgType) }
    for k in levels.indices { levels[k].clear() }
    var walker = FieldWalker(message: message, dictionary: dictionary, validator: self)
    do throws(FIXRejection) {
      try walker.header()
      try walker.body(definition.body)
      try walker.trailer()
      try walker.required(dictionary.header, level: 0)
      try walker.required(definition.body, level: 1)
    } catch {
      return error
    }
    return nil
  }
}

extension FIXValidator {
  /// Inserts `tag` into the seen set of `level`; false when it was there already.
  fileprivate func insert(_ tag: Int, level: Int) -> Bool {
    while levels.count <= level { levels.append(FIXTagSet(maxTag: Self.maxTag(dictionary))) }
    return levels[level].insert(tag)
  }

  fileprivate func contains(_ tag: Int, level: Int) -> Bool { level < levels.count && levels[level].contains(tag) }

  fileprivate func clear(level: Int) { if level < levels.count { levels[level].clear() } }
}

/// A set of dictionary tags as a bitset that remembers which words it touched, so clearing
/// costs what was inserted.
struct FIXTagSet {
  private var words: [UInt64]
  private var touched: [Int] = []

  init(maxTag: Int) {
    words = [UInt64](repeating: 0, count: maxTag / 64 + 1)
    touched.reserveCapacity(64)
  }

  /// Inserts a tag of the dictionary (0 < tag ≤ maxTag); false when it was there already.
  mutating func insert(_ tag: Int) -> Bool {
    let (word, bit) = (tag >> 6, UInt64(1) << UInt64(tag & 63))
    guard word < words.count else { return true }  // not a dictionary tag: check() refused it first
    if words[word] & bit != 0 { return false }
    if words[word] == 0 { touched.append(word) }
    words[word] |= bit
    return true
  }

  func contains(_ tag: Int) -> Bool {
    let word = tag >> 6
    return tag >= 0 && word < words.count && words[word] & (UInt64(1) << UInt64(tag & 63)) != 0
  }

  mutating func clear() {
    for word in touched { words[word] = 0 }
    touched.removeAll(keepingCapacity: true)
  }
}

/// Walks a message's fields once, checking each as it goes. Level 0 holds the header's tags,
/// 1 the body's, 2… the current entry of each nested group.
private struct FieldWalker {
  let message: FIXMessageView
  let dictionary: FIXDictionary
  let validator: FIXValidator
  var index = 3  // 8, 9 and 35 were checked by the framing

  init(message: FIXMessageView, dictionary: FIXDictionary, validator: FIXValidator) {
    self.message = message
    self.dictionary = dictionary
    self.validator = validator
    for tag in [8, 9, 35] { _ = validator.insert(tag, level: 0) }
  }

  private var end: Int { message.fields.count - 1 }  // the last field is CheckSum (framing)

  mutating func header() throws(FIXRejection) {
    while index < end, dictionary.isHeader(message.fields[index].tag) {
      let field = message.fields[index]
      try check(field)
      guard validator.insert(field.tag, level: 0) else { throw FIXRejection(.tagAppearsMoreThanOnce, tag: field.tag) }
      index += 1
    }
  }

  mutating func body(_ list: FIXFieldList) throws(FIXRejection) {
    while index < end {
      let field = message.fields[index]
      if dictionary.isTrailer(field.tag) { return }
      try check(field)
      if dictionary.isHeader(field.tag) { throw FIXRejection(.tagOutOfOrder, tag: field.tag) }
      guard list.tags.contains(field.tag) else { throw FIXRejection(.tagNotDefinedForMessage, tag: field.tag) }
      guard validator.insert(field.tag, level: 1) else { throw FIXRejection(.tagAppearsMoreThanOnce, tag: field.tag) }
      index += 1
      if let group = list.groups[field.tag] { try entries(of: group, count: field, level: 2) }
    }
  }

  /// The entries after a group's count field: each starts with the delimiter and holds only the
  /// entry's fields; the group ends at the first field that is neither.
  private mutating func entries(of group: FIXGroupDefinition, count field: FIXField, level: Int) throws(FIXRejection) {
    let declared = Int(ascii: message.bytes, field) ?? -1
    var found = 0
    while index < end, message.fields[index].tag == group.delimiter {
      found += 1
      validator.clear(level: level)
      repeat {
        let member = message.fields[index]
        try check(member)
        guard validator.insert(member.tag, level: level) else { throw FIXRejection(.tagAppearsMoreThanOnce, tag: member.tag) }
        index += 1
        if let nested = group.entry.groups[member.tag] { try entries(of: nested, count: member, level: level + 1) }
      } while index < end && message.fields[index].tag != group.delimiter
        && group.entry.tags.contains(message.fields[index].tag)
      try required(group.entry, level: level)
    }
    guard found == declared else { throw FIXRejection(.incorrectNumInGroup, tag: group.countTag) }
  }

  mutating func trailer() throws(FIXRejection) {
    while index < end {
      let field = message.fields[index]
      try check(field)
      guard dictionary.isTrailer(field.tag) else { throw FIXRejection(.tagOutOfOrder, tag: field.tag) }
      index += 1
    }
  }

  func required(_ list: FIXFieldList, level: Int) throws(FIXRejection) {
    for tag in list.required where !validator.contains(tag, level: level) && tag != 10 {
      throw FIXRejection(.requiredTagMissing, tag: tag)
    }
  }

  /// A field on its own: a known tag, a value, the type's format and the listed values.
  private func check(_ field: FIXField) throws(FIXRejection) {
    guard field.tag > 0, let definition = dictionary.fields[field.tag] else {
      throw FIXRejection(.invalidTagNumber, tag: field.tag)
    }
    guard field.valueCount > 0 else { throw FIXRejection(.tagWithoutValue, tag: field.tag) }
    let value = message.slice(field)
    guard definition.type.accepts(value) else { throw FIXRejection(.incorrectDataFormat, tag: field.tag) }
    if let allowed = definition.values {
      let text = String(decoding: value, as: UTF8.self)
      let ok =
        definition.type == .multipleValueString
        ? text.split(separator: " ").allSatisfy { allowed.contains(String($0)) } : allowed.contains(text)
      guard ok else { throw FIXRejection(.valueIncorrect, tag: field.tag) }
    }
  }
}
