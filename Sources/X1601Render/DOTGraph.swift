/// A Graphviz DOT document: a graph with attributes, node and edge defaults, nodes, edges and
/// nested subgraphs or clusters.
///
/// The model contains strings, never DOT syntax. ``DOTWriter`` quotes every identifier and escapes
/// every value, so no id or label can change the structure of the written file.
public struct DOTGraph: Sendable, Equatable {
  /// The graph's identifier, written quoted after `digraph` or `graph`.
  public var id: String
  /// Whether edges are directed (`digraph`, `->`) or undirected (`graph`, `--`).
  public var isDirected: Bool
  /// Whether the graph is `strict`, which merges parallel edges.
  public var isStrict: Bool
  /// The top-level statements: attributes, defaults, nodes, edges and subgraphs.
  public var body: DOTSubgraph

  /// Creates an empty graph.
  public init(id: String, isDirected: Bool = true, isStrict: Bool = false) {
    self.id = id
    self.isDirected = isDirected
    self.isStrict = isStrict
    self.body = DOTSubgraph(id: "")
  }
}

/// A subgraph, or a cluster when its id starts with `cluster`: Graphviz's `dot` layout draws a
/// cluster's nodes together inside a box.
public struct DOTSubgraph: Sendable, Equatable {
  /// The subgraph's identifier; an empty id writes an anonymous subgraph.
  public var id: String
  /// Attributes of the subgraph itself (`label`, `style`, `color`, ...).
  public var attributes: DOTAttributes
  /// Attributes every node declared in this scope starts with (`node [...]`).
  public var nodeDefaults: DOTAttributes
  /// Attributes every edge declared in this scope starts with (`edge [...]`).
  public var edgeDefaults: DOTAttributes
  /// Nodes, written in this order.
  public var nodes: [DOTNode]
  /// Nested subgraphs, written after the nodes, in this order.
  public var subgraphs: [DOTSubgraph]
  /// Edges, written after the subgraphs, in this order.
  public var edges: [DOTEdge]

  /// Creates an empty subgraph. Use a `cluster` prefix in `id` to draw it as a cluster.
  public init(id: String, attributes: DOTAttributes = [:]) {
    self.id = id
    self.attributes = attributes
    self.nodeDefaults = [:]
    self.edgeDefaults = [:]
    self.nodes = []
    self.subgraphs = []
    self.edges = []
  }

  /// The number of nodes declared here and in every nested subgraph.
  ///
  /// - Complexity: O(*s*), where *s* is the number of nested subgraphs.
  public var nodeCountIncludingSubgraphs: Int {
    subgraphs.reduce(nodes.count) { $0 + $1.nodeCountIncludingSubgraphs }
  }
}

/// A node statement.
public struct DOTNode: Sendable, Equatable {
  /// The node's identifier. Edges name their endpoints by this id.
  public var id: String
  /// The node's attributes.
  public var attributes: DOTAttributes

  /// Creates a node statement.
  public init(_ id: String, _ attributes: DOTAttributes = [:]) {
    self.id = id
    self.attributes = attributes
  }
}

/// An edge statement between two node ids.
public struct DOTEdge: Sendable, Equatable {
  /// The id of the edge's tail (its source in a directed graph).
  public var from: String
  /// The id of the edge's head (its target in a directed graph).
  public var to: String
  /// The edge's attributes.
  public var attributes: DOTAttributes

  /// Creates an edge statement.
  public init(_ from: String, _ to: String, _ attributes: DOTAttributes = [:]) {
    self.from = from
    self.to = to
    self.attributes = attributes
  }
}

/// The value of one DOT attribute.
public enum DOTValue: Sendable, Equatable {
  /// Plain text, written as a quoted string. Graphviz reads labels, tooltips and ids as escape
  /// strings, and the writer escapes the text so that it shows exactly as given.
  case text(String)
  /// An HTML-like label, written between `<` and `>`.
  case html(HTMLLabel)
}

extension DOTValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
  public init(stringLiteral value: String) {
    self = .text(value)
  }
}

/// A set of attributes keyed by name. The writer emits them sorted by name, so the output does
/// not depend on the order in which they were set.
public struct DOTAttributes: Sendable, Equatable {
  private var storage: [String: DOTValue]

  /// Creates an empty attribute set.
  public init() {
    storage = [:]
  }

  /// The value of attribute `name`, or `nil` when it is not set.
  public subscript(name: String) -> DOTValue? {
    get { storage[name] }
    set { storage[name] = newValue }
  }

  /// Whether no attribute is set.
  public var isEmpty: Bool { storage.isEmpty }

  /// The attributes sorted by name.
  ///
  /// - Complexity: O(*a* log *a*), where *a* is the number of attributes.
  public var sorted: [(name: String, value: DOTValue)] {
    storage.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
  }

  /// Returns this set with the attributes of `other` added, replacing equal names.
  public func merging(_ other: DOTAttributes) -> DOTAttributes {
    var result = self
    result.storage.merge(other.storage) { _, new in new }
    return result
  }
}

extension DOTAttributes: ExpressibleByDictionaryLiteral {
  public init(dictionaryLiteral elements: (String, DOTValue)...) {
    storage = [:]
    for (name, value) in elements {
      storage[name] = value
    }
  }
}
