/// The problems found while building or loading a graph. A builder reports every problem at once
/// (the first `GraphBuildError.listedLimit` in full, with the total count), so that one run shows
/// all the bad references in an input.
public struct GraphBuildError: Error, Sendable, Equatable, CustomStringConvertible {
  /// One problem.
  public enum Problem: Sendable, Equatable, CustomStringConvertible {
    /// Two nodes share a name.
    case duplicateName(String)
    /// An edge names an endpoint that no node has.
    case unknownEndpoint(name: String, edgeKind: EdgeKind, from: String, to: String)
    /// An edge kind joins node kinds it does not allow.
    case edgeKindNotAllowed(
      edgeKind: EdgeKind, from: String, fromKind: NodeKind, to: String, toKind: NodeKind)
    /// An edge refers to a node id that is not below the node count.
    case nodeIDOutOfRange(id: UInt32, nodeCount: Int)
    /// The graph has more nodes than ids can number.
    case tooManyNodes(count: Int)
    /// The graph has more edges than offsets can count.
    case tooManyEdges(count: Int)
    /// Node names take more bytes than the name table can address.
    case namesTooLarge
    /// Stored arrays break an invariant; the text says which.
    case invalidStructure(String)

    public var description: String {
      switch self {
      case .duplicateName(let name):
        return "duplicate node name \"\(name)\": give each node a unique name"
      case .unknownEndpoint(let name, let kind, let from, let to):
        return
          "unknown node \"\(name)\" in \(kind.name) edge \"\(from)\" -> \"\(to)\": "
          + "declare the node or correct the name"
      case .edgeKindNotAllowed(let kind, let from, let fromKind, let to, let toKind):
        let sources = kind.allowedSourceKinds.map(\.name).sorted().joined(separator: " or ")
        let targets = kind.allowedTargetKinds.map(\.name).sorted().joined(separator: " or ")
        return
          "\(kind.name) edge \"\(from)\" (\(fromKind.name)) -> \"\(to)\" (\(toKind.name)) "
          + "is not allowed: a \(kind.name) edge goes from a \(sources) to a \(targets)"
      case .nodeIDOutOfRange(let id, let nodeCount):
        return "edge endpoint id \(id) is out of range: the graph has \(nodeCount) nodes"
      case .tooManyNodes(let count):
        return
          "\(count) nodes exceed the limit of \(Graph.maximumNodeCount): split the graph"
      case .tooManyEdges(let count):
        return
          "\(count) edges exceed the limit of \(Graph.maximumEdgeCount): split the graph"
      case .namesTooLarge:
        return "node names take more than 4 GiB: use shorter names or numbered names"
      case .invalidStructure(let detail):
        return "invalid graph structure: \(detail)"
      }
    }
  }

  /// How many problems are kept in full.
  public static let listedLimit = 100

  /// The first problems found, at most `listedLimit`.
  public var problems: [Problem]

  /// The number of problems found, including those not kept.
  public var totalCount: Int

  public init(problems: [Problem], totalCount: Int? = nil) {
    self.problems = problems
    self.totalCount = totalCount ?? problems.count
  }

  public var description: String {
    var lines = problems.map(\.description)
    if totalCount > problems.count {
      lines.append("and \(totalCount - problems.count) more problems")
    }
    return lines.joined(separator: "\n")
  }
}
