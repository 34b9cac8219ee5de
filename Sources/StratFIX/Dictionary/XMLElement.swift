/// An element of a small XML document: its name, attributes in order and child elements. Text
/// between elements is dropped: a FIX data dictionary keeps everything in attributes.
struct XMLElement: Sendable {
  var name: String
  var attributes: [(String, String)]
  var children: [XMLElement]
  /// The 1-based line of the element's `<`.
  var line: Int

  subscript(attribute: String) -> String? {
    attributes.first { $0.0 == attribute }?.1
  }

  /// The children named `name`, in document order.
  func children(named name: String) -> [XMLElement] { children.filter { $0.name == name } }

  /// The first child named `name`.
  func child(named name: String) -> XMLElement? { children.first { $0.name == name } }
}
