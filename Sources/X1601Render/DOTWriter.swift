/// Writes a ``DOTGraph`` as DOT text.
///
/// The output is deterministic: statements keep the model's order and attributes are sorted by
/// name, so two runs on the same input produce identical files that diff cleanly. Every id and
/// every text value is written as a quoted string with its special characters escaped, and HTML
/// labels are built from escaped text only, so no label can change the structure of the file.
public enum DOTWriter {
  /// Returns the DOT text of `graph`, ending with a newline.
  ///
  /// - Complexity: O(*n* + *m* + total attribute length), where *n* is the number of nodes and
  ///   *m* the number of edges.
  public static func write(_ graph: DOTGraph) -> String {
    var output = ""
    if graph.isStrict {
      output += "strict "
    }
    output += graph.isDirected ? "digraph " : "graph "
    output += quotedID(graph.id)
    output += " {\n"
    writeStatements(of: graph.body, isDirected: graph.isDirected, indent: "  ", into: &output)
    output += "}\n"
    return output
  }

  private static func writeStatements(
    of subgraph: DOTSubgraph, isDirected: Bool, indent: String, into output: inout String
  ) {
    for (name, value) in subgraph.attributes.sorted {
      output += indent + attributeName(name) + "=" + attributeValue(value) + ";\n"
    }
    if !subgraph.nodeDefaults.isEmpty {
      output += indent + "node" + attributeList(subgraph.nodeDefaults) + ";\n"
    }
    if !subgraph.edgeDefaults.isEmpty {
      output += indent + "edge" + attributeList(subgraph.edgeDefaults) + ";\n"
    }
    for node in subgraph.nodes {
      output += indent + quotedID(node.id) + attributeList(node.attributes) + ";\n"
    }
    for nested in subgraph.subgraphs {
      output += indent + "subgraph "
      if !nested.id.isEmpty {
        output += quotedID(nested.id) + " "
      }
      output += "{\n"
      writeStatements(of: nested, isDirected: isDirected, indent: indent + "  ", into: &output)
      output += indent + "}\n"
    }
    let edgeOperator = isDirected ? " -> " : " -- "
    for edge in subgraph.edges {
      output += indent + quotedID(edge.from) + edgeOperator + quotedID(edge.to)
      output += attributeList(edge.attributes) + ";\n"
    }
  }

  private static func attributeList(_ attributes: DOTAttributes) -> String {
    if attributes.isEmpty {
      return ""
    }
    let items = attributes.sorted.map { attributeName($0.name) + "=" + attributeValue($0.value) }
    return " [" + items.joined(separator: ", ") + "]"
  }

  private static func attributeName(_ name: String) -> String {
    isPlainIdentifier(name) ? name : quotedID(name)
  }

  private static func attributeValue(_ value: DOTValue) -> String {
    switch value {
    case .text(let text): return quotedText(text)
    case .html(let label): return "<" + label.markup + ">"
    }
  }

  /// Returns `id` as a quoted DOT identifier.
  ///
  /// A double quote is escaped as `\"`, and a backslash as `\\` so that it can never escape the
  /// closing quote. A line break becomes the two characters `\n`, because a backslash before a
  /// raw line break would join the lines. Graphviz 2.42 keeps backslash sequences in identifiers
  /// as written, so an id holding a backslash or a line break reads back changed, though never
  /// merged with another statement. Views therefore use ids made of letters, digits and
  /// punctuation and put the displayed text in `label`.
  public static func quotedID(_ id: String) -> String {
    var result = "\""
    var previousWasCarriageReturn = false
    for scalar in sanitized(id).unicodeScalars {
      if scalar == "\n" && previousWasCarriageReturn {
        previousWasCarriageReturn = false
        continue
      }
      previousWasCarriageReturn = scalar == "\r"
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n", "\r": result += "\\n"
      default: result.unicodeScalars.append(scalar)
      }
    }
    result += "\""
    return result
  }

  /// Returns `text` as a quoted DOT escape string that Graphviz shows exactly as given.
  ///
  /// Graphviz expands backslash sequences in labels, tooltips and ids (`\N` is the node's name,
  /// `\n` a line break), and record shapes treat `{`, `}`, `|`, `<` and `>` as structure. Each of
  /// these characters is therefore preceded by a backslash, which Graphviz removes when it draws
  /// the text. Line breaks (LF, CR or CR LF) become `\n`, a centred line break.
  public static func quotedText(_ text: String) -> String {
    var result = "\""
    result.reserveCapacity(text.utf8.count + 2)
    var previousWasCarriageReturn = false
    for scalar in sanitized(text).unicodeScalars {
      if scalar == "\n" && previousWasCarriageReturn {
        previousWasCarriageReturn = false
        continue
      }
      previousWasCarriageReturn = scalar == "\r"
      switch scalar {
      case "\"", "\\", "{", "}", "|", "<", ">":
        result += "\\"
        result.unicodeScalars.append(scalar)
      case "\n", "\r":
        result += "\\n"
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    result += "\""
    return result
  }

  /// Replaces the control characters that XML forbids with U+FFFD: Graphviz copies them into
  /// SVG unchanged, which would make the SVG unreadable, and a NUL would end the C string early.
  private static func sanitized(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: HTMLEscaping.isForbiddenControl) else {
      return text
    }
    var result = ""
    for scalar in text.unicodeScalars {
      result.unicodeScalars.append(HTMLEscaping.isForbiddenControl(scalar) ? "\u{FFFD}" : scalar)
    }
    return result
  }

  private static let keywords: Set<String> = [
    "node", "edge", "graph", "digraph", "subgraph", "strict",
  ]

  private static func isPlainIdentifier(_ name: String) -> Bool {
    guard !keywords.contains(name.lowercased()), let first = name.unicodeScalars.first,
      !(first >= "0" && first <= "9")
    else {
      return false
    }
    return name.unicodeScalars.allSatisfy { scalar in
      (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
        || (scalar >= "0" && scalar <= "9") || scalar == "_"
    }
  }
}
