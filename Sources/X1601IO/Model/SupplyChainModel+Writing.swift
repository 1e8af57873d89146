import Foundation
import X1601Graph

extension SupplyChainModel {
  /// The model as JSON text, with fields in a fixed order and empty fields left out, so that
  /// reading the text gives back an equal model.
  public func jsonText() -> String {
    var out = JSONTextWriter()
    out.open("{")
    out.field("format", string: SupplyChainModel.formatName)
    out.field("version", raw: String(SupplyChainModel.formatVersion))
    if let name { out.field("name", string: name) }
    out.section("parties", parties) { out, party in
      out.field("id", string: party.id)
      if let role = party.role { out.field("role", string: role.name) }
      if let jurisdiction = party.jurisdiction { out.field("jurisdiction", string: jurisdiction) }
      out.field("capabilities", strings: party.capabilities)
    }
    for (key, nodes) in [("services", services), ("components", components)] {
      out.section(key, nodes) { out, node in
        out.field("id", string: node.id)
        if let name = node.name { out.field("name", string: name) }
        if let category = node.category { out.field("category", string: category.name) }
        if let deployment = node.deployment { out.field("deployment", string: deployment.name) }
        if let provider = node.provider { out.field("provider", string: provider) }
        out.field("suppliers", strings: node.suppliers)
        if let jurisdiction = node.jurisdiction { out.field("jurisdiction", string: jurisdiction) }
        out.field("dependsOn", strings: node.dependsOn)
        if !node.anyOf.isEmpty {
          let groups = node.anyOf.map { group in
            "[" + group.map(JSONTextWriter.quote).joined(separator: ", ") + "]"
          }
          out.field("anyOf", raw: "[" + groups.joined(separator: ", ") + "]")
        }
        out.field("capabilities", strings: node.capabilities)
        out.field("exposures", strings: node.exposures)
        if let trustZone = node.trustZone { out.field("trustZone", string: trustZone) }
        if let trustBoundary = node.trustBoundary {
          out.field("trustBoundary", raw: trustBoundary ? "true" : "false")
        }
        out.field("data", strings: node.data)
      }
    }
    out.section("costs", costs) { out, cost in
      out.field("node", string: cost.node)
      out.field("capability", string: cost.capability)
      out.field("cost", raw: JSONTextWriter.number(cost.cost))
    }
    out.section("transmissions", transmissions) { out, transmission in
      out.field("upstream", string: transmission.upstream)
      out.field("downstream", string: transmission.downstream)
      out.field("probability", raw: JSONTextWriter.number(transmission.probability))
    }
    out.close("}")
    out.text += "\n"
    return out.text
  }

  /// Writes the model to `path` through a temporary file renamed into place.
  public func write(to path: String) throws(FileWriteError) {
    try AtomicFileWriter.write(jsonText(), to: path)
  }
}

/// A small JSON text builder: one object per line inside arrays, two-space indentation.
struct JSONTextWriter {
  var text = ""
  /// Whether fields go on one line, as inside the objects of an array.
  var inline = false
  private var needsComma: [Bool] = []

  private var indent: String { String(repeating: "  ", count: needsComma.count) }

  mutating func open(_ bracket: String) {
    text += bracket
    needsComma.append(false)
  }

  mutating func close(_ bracket: String) {
    needsComma.removeLast()
    text += "\n" + indent + bracket
  }

  private mutating func key(_ key: String) {
    let isFirst = !needsComma[needsComma.count - 1]
    needsComma[needsComma.count - 1] = true
    if inline {
      text += isFirst ? " " : ", "
    } else {
      text += (isFirst ? "" : ",") + "\n" + indent
    }
    text += JSONTextWriter.quote(key) + ": "
  }

  mutating func field(_ name: String, string value: String) {
    key(name)
    text += JSONTextWriter.quote(value)
  }

  mutating func field(_ name: String, raw value: String) {
    key(name)
    text += value
  }

  /// Writes a string array on one line; an empty array is left out.
  mutating func field(_ name: String, strings values: [String]) {
    guard !values.isEmpty else { return }
    key(name)
    text += "[" + values.map(JSONTextWriter.quote).joined(separator: ", ") + "]"
  }

  /// Writes an array of objects, one object per line; an empty array is left out.
  mutating func section<Element>(
    _ name: String, _ elements: [Element], _ body: (inout JSONTextWriter, Element) -> Void
  ) {
    guard !elements.isEmpty else { return }
    key(name)
    open("[")
    for element in elements {
      if needsComma[needsComma.count - 1] { text += "," }
      needsComma[needsComma.count - 1] = true
      var object = JSONTextWriter()
      object.inline = true
      object.text = "{"
      object.needsComma = [false]
      body(&object, element)
      text += "\n" + indent + object.text + " }"
    }
    close("]")
  }

  /// A JSON string literal.
  static func quote(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// A JSON number that reads back as the same `Double`.
  static func number(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}
