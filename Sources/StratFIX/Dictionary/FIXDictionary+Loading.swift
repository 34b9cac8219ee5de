import Foundation

extension FIXDictionary {
  /// Reads a QuickFIX data dictionary (`<fix major= minor=>` with `<header>`, `<trailer>`,
  /// `<messages>`, `<components>` and `<fields>`). Every reference is checked: a message that
  /// names an unknown field or component is an error with its line, never a silent gap.
  public convenience init(xml bytes: [UInt8], path: String) throws(FIXError) {
    let root = try XMLReader.parse(bytes, path: path)
    var builder = try DictionaryBuilder(root: root, path: path)
    let header = try builder.list(root.child(named: "header"), required: true)
    let trailer = try builder.list(root.child(named: "trailer"), required: true)
    var messages: [String: FIXMessageDefinition] = [:]
    for element in root.child(named: "messages")?.children(named: "message") ?? [] {
      guard let type = element["msgtype"], let name = element["name"] else {
        throw builder.failure("a <message> needs name and msgtype", element)
      }
      let body = try builder.list(element, required: true)
      messages[type] = FIXMessageDefinition(msgType: type, name: name, isAdmin: element["msgcat"] == "admin", body: body)
    }
    self.init(
      beginString: builder.beginString, fields: builder.fields, header: header, trailer: trailer,
      messages: messages)
  }

  /// Reads the dictionary file at `path`.
  public static func load(path: String) throws(FIXError) -> FIXDictionary {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FIXError(id: "fix.dictionary.unreadable", message: "cannot read the FIX dictionary \(path)")
    }
    return try FIXDictionary(xml: [UInt8](data), path: path)
  }
}

/// Resolves fields, components and groups of one document.
private struct DictionaryBuilder {
  let path: String
  let beginString: String
  var fields: [Int: FIXFieldDefinition] = [:]
  private var fieldsByName: [String: Int] = [:]
  private var components: [String: XMLElement] = [:]

  init(root: XMLElement, path: String) throws(FIXError) {
    self.path = path
    guard root.name == "fix", let major = root["major"], let minor = root["minor"] else {
      throw FIXError(
        id: "fix.dictionary.not-a-dictionary", message: "the root element is not <fix major= minor=>",
        location: .init(path: path, line: root.line))
    }
    beginString = root["type"] == "FIXT" ? "FIXT.\(major).\(minor)" : "FIX.\(major).\(minor)"
    for element in root.child(named: "components")?.children(named: "component") ?? [] {
      if let name = element["name"] { components[name] = element }
    }
    for element in root.child(named: "fields")?.children(named: "field") ?? [] {
      try addField(element)
    }
  }

  func failure(_ message: String, _ element: XMLElement) -> FIXError {
    FIXError(id: "fix.dictionary.invalid", message: message, location: .init(path: path, line: element.line))
  }

  private mutating func addField(_ element: XMLElement) throws(FIXError) {
    guard let number = element["number"], let tag = Int(number), tag > 0, let name = element["name"],
      let type = element["type"]
    else { throw failure("a <field> needs a positive number, a name and a type", element) }
    let values = element.children(named: "value").compactMap { $0["enum"] }
    fields[tag] = FIXFieldDefinition(
      tag: tag, name: name, type: FIXValueType(dictionaryName: type), values: values.isEmpty ? nil : Set(values))
    fieldsByName[name] = tag
  }

  /// The fields of `element` (header, trailer, message, group or component body).
  mutating func list(_ element: XMLElement?, required: Bool) throws(FIXError) -> FIXFieldList {
    var order: [Int] = []
    var requiredTags: [Int] = []
    var groups: [Int: FIXGroupDefinition] = [:]
    if let element { try collect(element, required: required, depth: 0, &order, &requiredTags, &groups) }
    return FIXFieldList(tags: Set(order), order: order, required: requiredTags, groups: groups)
  }

  private mutating func collect(
    _ element: XMLElement, required: Bool, depth: Int, _ order: inout [Int], _ requiredTags: inout [Int],
    _ groups: inout [Int: FIXGroupDefinition]
  ) throws(FIXError) {
    guard depth < 32 else { throw failure("components nest deeper than 32", element) }
    for child in element.children {
      let isRequired = required && child["required"] == "Y"
      switch child.name {
      case "field":
        let tag = try tag(of: child)
        order.append(tag)
        if isRequired { requiredTags.append(tag) }
      case "group":
        let tag = try tag(of: child)
        let entry = try list(child, required: true)
        guard let delimiter = entry.order.first else { throw failure("group \(child["name"] ?? "") is empty", child) }
        groups[tag] = FIXGroupDefinition(countTag: tag, delimiter: delimiter, entry: entry)
        order.append(tag)
        if isRequired { requiredTags.append(tag) }
      case "component":
        guard let name = child["name"], let component = components[name] else {
          throw failure("unknown component \(child["name"] ?? "")", child)
        }
        try collect(component, required: isRequired, depth: depth + 1, &order, &requiredTags, &groups)
      default:
        continue
      }
    }
  }

  private func tag(of element: XMLElement) throws(FIXError) -> Int {
    guard let name = element["name"], let tag = fieldsByName[name] else {
      throw failure("unknown field \(element["name"] ?? "")", element)
    }
    return tag
  }
}
