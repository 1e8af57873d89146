import Testing

@testable import X1601Render

@Suite("DOT writer")
struct DOTWriterTests {
  /// Text that contains every character with a meaning in DOT, escape strings, records or HTML.
  static let hostileText = "say \"hi\" \\N C:\\dir\\ {a|b} <x> & y\nline 2\r\nline 3 ]; }"

  @Test("writes statements in model order, attributes sorted")
  func deterministicOrder() {
    var graph = DOTGraph(id: "G")
    graph.body.attributes["rankdir"] = "LR"
    graph.body.attributes["label"] = "title"
    graph.body.nodeDefaults["shape"] = "box"
    graph.body.nodes = [DOTNode("b", ["label": "B", "color": "red"]), DOTNode("a")]
    var cluster = DOTSubgraph(id: "cluster_1", attributes: ["label": "C"])
    cluster.nodes = [DOTNode("c")]
    graph.body.subgraphs = [cluster]
    graph.body.edges = [DOTEdge("a", "b", ["style": "dashed"])]

    let expected = """
      digraph "G" {
        label="title";
        rankdir="LR";
        node [shape="box"];
        "b" [color="red", label="B"];
        "a";
        subgraph "cluster_1" {
          label="C";
          "c";
        }
        "a" -> "b" [style="dashed"];
      }

      """
    #expect(DOTWriter.write(graph) == expected)
  }

  @Test("undirected strict graph uses -- and strict")
  func undirectedStrict() {
    var graph = DOTGraph(id: "U", isDirected: false, isStrict: true)
    graph.body.edges = [DOTEdge("x", "y")]
    #expect(DOTWriter.write(graph) == "strict graph \"U\" {\n  \"x\" -- \"y\";\n}\n")
  }

  @Test("text escaping of special characters")
  func textEscaping() {
    #expect(DOTWriter.quotedText("a\"b") == #""a\"b""#)
    #expect(DOTWriter.quotedText("a\\") == #""a\\""#)
    #expect(DOTWriter.quotedText("{x|y}") == #""\{x\|y\}""#)
    #expect(DOTWriter.quotedText("<p>") == #""\<p\>""#)
    #expect(DOTWriter.quotedText("1\n2\r\n3\r4") == #""1\n2\n3\n4""#)
    #expect(DOTWriter.quotedText("a & b") == #""a & b""#)
    #expect(DOTWriter.quotedText("nul\u{0}bell\u{7}") == "\"nul\u{FFFD}bell\u{FFFD}\"")
  }

  @Test("identifier quoting")
  func identifierQuoting() {
    #expect(DOTWriter.quotedID("node") == #""node""#)
    #expect(DOTWriter.quotedID("a\"b") == #""a\"b""#)
    #expect(DOTWriter.quotedID("end\\") == #""end\\""#)
    #expect(DOTWriter.quotedID("two\nlines") == #""two\nlines""#)
  }

  @Test("attribute names that are keywords are quoted")
  func keywordAttributeNames() {
    var graph = DOTGraph(id: "K")
    graph.body.nodes = [DOTNode("n", ["node": "x", "fill color": "y", "_ok1": "z"])]
    let text = DOTWriter.write(graph)
    #expect(text.contains(#"[_ok1="z", "fill color"="y", "node"="x"]"#))
  }

  @Test("HTML label escapes text and keeps markup balanced")
  func htmlLabel() {
    let label =
      HTMLLabel.bold(.text("a<b> & \"c\"\nd")) + .lineBreak
      + .font(.text("x"), color: "#ff0000\"><", pointSize: 9)
    #expect(
      label.markup
        == "<B>a&lt;b&gt; &amp; &quot;c&quot;<BR/>d</B><BR/>"
        + "<FONT COLOR=\"#ff0000&quot;&gt;&lt;\" POINT-SIZE=\"9\">x</FONT>")
    var graph = DOTGraph(id: "H")
    graph.body.nodes = [DOTNode("n", ["label": .html(label)])]
    #expect(DOTWriter.write(graph).contains("[label=<\(label.markup)>]"))
  }

  @Test("HTML table cells carry colour, alignment and span")
  func htmlTable() {
    let table = HTMLLabel.table(
      [
        [HTMLTableCell(.text("k"), backgroundColor: "gold", alignment: .left, columnSpan: 2)],
        [HTMLTableCell(.text("a")), HTMLTableCell(.text("b"))],
      ], border: 1)
    #expect(
      table.markup
        == "<TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">"
        + "<TR><TD BGCOLOR=\"gold\" ALIGN=\"LEFT\" COLSPAN=\"2\">k</TD></TR>"
        + "<TR><TD>a</TD><TD>b</TD></TR></TABLE>")
  }

  @Test("hostile label stays one statement")
  func hostileLabelStructure() {
    var graph = DOTGraph(id: "S")
    graph.body.nodes = [DOTNode("n1", ["label": .text(Self.hostileText)]), DOTNode("n2")]
    let text = DOTWriter.write(graph)
    // Four lines: header, two node statements, closing brace.
    #expect(text.split(separator: "\n").count == 4)
  }
}
