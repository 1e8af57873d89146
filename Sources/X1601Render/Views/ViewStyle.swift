/// Colours, shapes and text helpers shared by the views, so that the pictures look alike.
enum ViewStyle {
  static let fontName = "Helvetica"
  static let edgeColor = "#555555"
  static let mutedColor = "#b8b8b8"
  static let mutedText = "#8a8a8a"
  static let coverFill = "#ffd966"
  static let coverBorder = "#b7860b"
  static let coveredFill = "#d9ead3"
  static let uncoveredFill = "#f4cccc"
  static let uncoveredBorder = "#cc0000"
  static let affectedFill = "#f4cccc"
  static let sourceFill = "#e06666"
  static let witnessColor = "#cc0000"
  static let blockedColor = "#3d85c6"
  static let clusterFill = "#f7f7f7"
  static let clusterBorder = "#999999"

  /// Fill colours from no exposure to high exposure, one per ``exposureBand(_:)``.
  static let exposureFills = ["#ffffff", "#fff2cc", "#fce5cd", "#f4cccc", "#e06666"]
  /// The lowest exposure count of each band after the first.
  static let exposureBandStarts = [1, 3, 6, 10]

  /// Returns the band of an exposure count: 0 for none, then 1–2, 3–5, 6–9 and 10 or more.
  static func exposureBand(_ count: Int) -> Int {
    var band = 0
    for start in exposureBandStarts where count >= start {
      band += 1
    }
    return band
  }

  /// Returns a text description of band `band`, such as "3–5".
  static func exposureBandText(_ band: Int) -> String {
    if band == 0 { return "0" }
    let start = exposureBandStarts[band - 1]
    if band == exposureBandStarts.count { return "\(start)+" }
    return "\(start)–\(exposureBandStarts[band] - 1)"
  }

  /// Returns the Graphviz shape of a node kind.
  static func shape(for kind: NodeKindStyle) -> String {
    switch kind {
    case .threat: "octagon"
    case .challenge: "diamond"
    case .capability: "hexagon"
    case .party: "house"
    case .service: "box"
    case .component: "component"
    case .group: "folder"
    }
  }

  /// Sets the graph, node and edge defaults that every view starts with.
  static func applyDefaults(to graph: inout DOTGraph, rankDirection: String) {
    graph.body.attributes["rankdir"] = .text(rankDirection)
    graph.body.attributes["fontname"] = .text(fontName)
    graph.body.attributes["fontsize"] = "12"
    graph.body.attributes["labelloc"] = "t"
    graph.body.attributes["nodesep"] = "0.25"
    graph.body.attributes["ranksep"] = "0.6"
    graph.body.nodeDefaults["fontname"] = .text(fontName)
    graph.body.nodeDefaults["fontsize"] = "10"
    graph.body.nodeDefaults["style"] = "filled"
    graph.body.nodeDefaults["fillcolor"] = "#ffffff"
    graph.body.edgeDefaults["fontname"] = .text(fontName)
    graph.body.edgeDefaults["fontsize"] = "9"
    graph.body.edgeDefaults["color"] = .text(edgeColor)
    graph.body.edgeDefaults["arrowsize"] = "0.7"
  }

  /// Breaks `text` into lines of at most about `width` characters at spaces. A word longer
  /// than `width` keeps a line of its own.
  static func wrapped(_ text: String, width: Int = 26) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty {
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// `count` followed by the singular or plural noun, such as "1 source" or "3 sources".
  static func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
  }

  /// `text` cut to at most `limit` characters, with an ellipsis when cut.
  static func truncated(_ text: String, limit: Int = 60) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }
}

/// The kinds of node the views draw: the graph's node kinds plus a summary group.
enum NodeKindStyle {
  case threat, challenge, capability, party, service, component, group
}
