import Foundation
import FuzzSupport
import X1601Render

#if canImport(FoundationXML)
  import FoundationXML
#endif

// Names from the input, split at 0x01 bytes (at most 6), become plain-text labels, tooltips,
// edge labels and HTML-like labels of nodes whose ids are n0, n1, ..., as the views draw them.
// The DOT text must parse in Graphviz, the SVG it renders must be well-formed XML with one
// node group per name, and an HTML report holding the names and the picture must keep its
// markup: a name that changed the structure of any of the files would change a count.

/// Counts `<g class="node">` elements and fails on malformed XML.
final class NodeCounter: NSObject, XMLParserDelegate {
  var nodes = 0

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    if elementName == "g" && attributes["class"] == "node" { nodes += 1 }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRender(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: min(size, 512))
  var names: [String] = []
  for piece in bytes.split(separator: 0x01, omittingEmptySubsequences: false).prefix(6) {
    names.append(String(decoding: piece, as: UTF8.self))
  }

  var graph = DOTGraph(id: "G")
  graph.body.attributes["label"] = .text(names[0])
  for (index, name) in names.enumerated() {
    let label: DOTValue = index % 2 == 0 ? .text(name) : .html(HTMLLabel(text: name))
    graph.body.nodes.append(DOTNode("n\(index)", ["label": label, "tooltip": .text(name)]))
    if index > 0 {
      graph.body.edges.append(DOTEdge("n\(index - 1)", "n\(index)", ["label": .text(name)]))
    }
  }

  let picture: RenderedPicture
  do {
    picture = try GraphvizRenderer.render(graph, format: .svg)
  } catch {
    FuzzSupport.fail("DOT for names \(names.map(\.debugDescription)) did not render: \(error)")
  }
  let parser = XMLParser(data: Data(picture.data))
  let counter = NodeCounter()
  parser.delegate = counter
  guard parser.parse() else {
    FuzzSupport.fail("SVG for names \(names.map(\.debugDescription)) is not well-formed XML")
  }
  guard counter.nodes == names.count else {
    FuzzSupport.fail(
      "SVG has \(counter.nodes) nodes for \(names.count) names: \(names.map(\.debugDescription))")
  }

  // The HTML report of the names must have as many tag brackets as the same report of harmless
  // names with the same line breaks (escaped text has none), and the picture must keep its nodes.
  let harmless = names.map { name in
    String(name.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? Character($0) : "x" })
  }
  let markup = { (text: String) in
    text.unicodeScalars.filter { $0 == "<" || $0 == ">" }.count
  }
  let html = report(names, svg: nil).html()
  let expected = report(harmless, svg: nil).html()
  guard markup(html) == markup(expected) else {
    FuzzSupport.fail("HTML markup changed for names \(names.map(\.debugDescription))")
  }
  let svg = String(decoding: picture.data, as: UTF8.self)
  let withPicture = report(names, svg: svg).html()
  guard withPicture.components(separatedBy: "class=\"node\"").count - 1 == names.count else {
    FuzzSupport.fail("HTML picture lost nodes for names \(names.map(\.debugDescription))")
  }
  return 0
}

/// A report that puts `names` in every kind of text it has.
func report(_ names: [String], svg: String?) -> HTMLReport {
  let table = HTMLReport.Table(
    caption: names[0], headers: names, rows: [names, names.reversed()],
    rowClasses: [names.last, nil])
  return HTMLReport(
    title: names[0],
    sections: [
      HTMLReport.Section(heading: names.last ?? "", paragraphs: names, tables: [table], svg: svg)
    ])
}
