import Foundation
import Testing
import X1601Render

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Counts the node groups of an SVG and whether it parsed as XML.
private final class SVGNodeCounter: NSObject, XMLParserDelegate {
  var nodes = 0

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    if elementName == "g" && attributes["class"] == "node" { nodes += 1 }
  }
}

/// Names from untrusted files reach labels, tooltips and HTML-like labels; none may change the
/// structure of the DOT text or of the SVG that Graphviz draws from it.
@Suite("Hostile labels")
struct HostileLabelTests {
  static let names: [[String]] = [
    // Found by the fuzz-render target: a NUL ended the C string that Graphviz parsed, so the
    // second node disappeared.
    ["\u{FFFD}", "\u{0}"],
    ["a\u{0}b", "\u{1B}[2J", "\u{7}\u{8}\u{C}"],
    ["\"; n9 [label=x]; \"", "<B>bold</B>", "]]></svg>", "&amp;&#0;"],
    ["\\", "\\N\\G\\E", "{a|b}", "line\r\nbreak\rcr"],
  ]

  @Test("SVG keeps one node per name", arguments: names)
  func nodeCount(_ names: [String]) throws {
    var graph = DOTGraph(id: "G")
    graph.body.attributes["label"] = .text(names[0])
    for (index, name) in names.enumerated() {
      let label: DOTValue = index % 2 == 0 ? .text(name) : .html(HTMLLabel(text: name))
      graph.body.nodes.append(DOTNode("n\(index)", ["label": label, "tooltip": .text(name)]))
      if index > 0 {
        graph.body.edges.append(DOTEdge("n\(index - 1)", "n\(index)", ["label": .text(name)]))
      }
    }

    let picture = try GraphvizRenderer.render(graph, format: .svg)

    let parser = XMLParser(data: Data(picture.data))
    let counter = SVGNodeCounter()
    parser.delegate = counter
    #expect(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
    #expect(counter.nodes == names.count)
  }
}
