/// Checks a parsed message against the data dictionary, in the order the fields were sent:
/// header fields first, then the body (groups entry by entry), then the trailer. The first
/// problem wins and becomes a Reject. Unknown message types are `invalidMsgType`; tags the
/// dictionary lacks are `invalidTagNumber` (user-defined tags included: a session that wants
/// them adds them to its dictionary).
public struct FIXValidator: Sendable {
  public let dictionary: FIXDictionary

  public init(dictionary: FIXDictionary) { self.dictionary = dictionary }

  public func validate(_ message: FIXMessageView) -> FIXRejection? {
    guard let definition = dictionary.messages[message.msgType] else { return FIXRejection(.invalidMsgType) }
    var walker = FieldWalker(message: message, dictionary: dictionary)
    do throws(FIXRejection) {
      try walker.header()
      try walker.body(definition.body)
      try walker.trailer()
      try walker.required(dictionary.header, seen: walker.headerSeen)
      try walker.required(definition.body, seen: walker.bodySeen)
    } catch {
      return error
    }
    return nil
  }
}

/// Walks a message's fields once, checking each as it goes.
private struct FieldWalker {
  let message: FIXMessageView
  let dictionary: FIXDictionary
  var index = 3  // 8, 9 and 35 were checked by the framing
  var headerSeen: Set<Int> = [8, 9, 35]
  var bodySeen: Set<Int> = []

  init(message: FIXMessageView, dictionary: FIXDictionary) {
    self.message = message
    self.dictionary = dictionary
  }

  private var end: Int { message.fields.count - 1 }  // the last field is CheckSum (framing)

  mutating func header() throws(FIXRejection) {
    while index < end, dictionary.isHeader(message.fields[index].tag) {
      let field = message.fields[index]
      try check(field)
      guard headerSeen.insert(field.tag).inserted else { throw FIXRejection(.tagAppearsMoreThanOnce, tag: field.tag) }
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
      guard bodySeen.insert(field.tag).inserted else { throw FIXRejection(.tagAppearsMoreThanOnce, tag: field.tag) }
      index += 1
      if let group = list.groups[field.tag] { try entries(of: group, count: field) }
    }
  }

  /// The entries after a group's count field: each starts with the delimiter and holds only the
  /// entry's fields; the group ends at the first field that is neither.
  private mutating func entries(of group: FIXGroupDefinition, count field: FIXField) throws(FIXRejection) {
    let declared = Int(ascii: message.bytes, field) ?? -1
    var found = 0
    while index < end, message.fields[index].tag == group.delimiter {
      found += 1
      var seen: Set<Int> = []
      repeat {
        let member = message.fields[index]
        try check(member)
        guard seen.insert(member.tag).inserted else { throw FIXRejection(.tagAppearsMoreThanOnce, tag: member.tag) }
        index += 1
        if let nested = group.entry.groups[member.tag] { try entries(of: nested, count: member) }
      } while index < end && message.fields[index].tag != group.delimiter
        && group.entry.tags.contains(message.fields[index].tag)
      try required(group.entry, seen: seen)
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

  func required(_ list: FIXFieldList, seen: Set<Int>) throws(FIXRejection) {
    for tag in list.required where !seen.contains(tag) && tag != 10 {
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
