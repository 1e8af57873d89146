import X1601Graph

/// The byte-level parser of text edge lists.
///
/// A line holds `source target [kind]`, separated by spaces or tabs; `kind` is an edge kind
/// name such as `depends-on` and defaults to `depends-on`. `#` starts a comment that runs to the
/// end of the line, except that a line `#node NAME KIND` declares the kind of a node (other
/// tools read it as a comment). Blank lines and CR before LF are ignored.
package enum EdgeListParser {
  /// The edges of a file, with node ids resolved.
  package struct Edges {
    package var sources: [UInt32] = []
    package var targets: [UInt32] = []
    package var kinds: [UInt8] = []
    /// Declared node kinds: node id, kind and the line of the declaration.
    package var declarations: [(node: UInt32, kind: NodeKind, line: Int)] = []
    /// One more than the largest id seen.
    package var nodeCount = 0
  }

  /// Where a syntax error was found: the line within the parsed bytes and the token.
  package struct Failure: Error {
    package var line: Int
    package var token: String
    package var problem: String
  }

  /// Maps endpoint tokens to node ids.
  package protocol Resolver {
    /// Whether a token of decimal digits resolves to the number it spells, which lets the
    /// parser read lines of two numbers without splitting them into tokens first.
    static var readsDecimalIds: Bool { get }

    /// The id of `token`, or `nil` when this resolver cannot name it, which sends the parse to
    /// the general path unless `rejection` is set.
    mutating func resolve(_ token: UnsafeRawBufferPointer) -> UInt32?
    /// Why the last `nil` from `resolve` rejects the file, or `nil` when the token only needs
    /// another resolver.
    var rejection: String? { get }
  }

  /// Resolves decimal tokens to the id they spell: `0`, `17`, but not `017` or `x`.
  package struct DecimalResolver: Resolver {
    package static var readsDecimalIds: Bool { true }

    package init() {}

    package var rejection: String? { nil }

    @inline(__always)
    package mutating func resolve(_ token: UnsafeRawBufferPointer) -> UInt32? {
      let count = token.count
      guard count > 0, count <= 9 else { return nil }
      if count > 1 && token[0] == 0x30 { return nil }
      var value: UInt32 = 0
      for byte in token {
        let digit = byte &- 0x30
        guard digit < 10 else { return nil }
        value = value &* 10 &+ UInt32(digit)
      }
      return value < UInt32(Graph.maximumNodeCount) ? value : nil
    }
  }

  /// The reason parsing stopped.
  package enum Outcome {
    case parsed(Edges)
    /// A token the resolver could not name; the caller parses again with names.
    case needsNames
    case failed(Failure)
  }

  /// Parses `bytes` with `resolver`; line numbers start at 1 at the start of `bytes`.
  ///
  /// - Complexity: O(*k*) for *k* bytes, plus the resolver's cost per token.
  package static func parse<R: Resolver>(
    _ bytes: UnsafeRawBufferPointer, resolver: inout R, expectedEdges: Int = 0
  ) -> Outcome {
    var edges = Edges()
    edges.sources.reserveCapacity(expectedEdges)
    edges.targets.reserveCapacity(expectedEdges)
    edges.kinds.reserveCapacity(expectedEdges)
    guard let base = bytes.baseAddress else { return .parsed(edges) }
    let end = bytes.count
    var position = 0
    var line = 1
    var largest: UInt32 = 0
    var sawNode = false

    @inline(__always) func isBlank(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
    @inline(__always) func skipBlanks() {
      while position < end && isBlank(base.load(fromByteOffset: position, as: UInt8.self)) {
        position += 1
      }
    }
    @inline(__always) func atLineEnd() -> Bool {
      position == end || base.load(fromByteOffset: position, as: UInt8.self) == 0x0A
        || base.load(fromByteOffset: position, as: UInt8.self) == 0x23
    }
    @inline(__always) func readToken() -> UnsafeRawBufferPointer {
      let start = position
      while position < end {
        let byte = base.load(fromByteOffset: position, as: UInt8.self)
        if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { break }
        position += 1
      }
      return UnsafeRawBufferPointer(start: base + start, count: position - start)
    }
    func skipToLineEnd() {
      while position < end && base.load(fromByteOffset: position, as: UInt8.self) != 0x0A {
        position += 1
      }
    }
    func text(_ token: UnsafeRawBufferPointer) -> String {
      printable(token)
    }
    func unresolved(_ token: UnsafeRawBufferPointer) -> Outcome {
      guard let problem = resolver.rejection else { return .needsNames }
      return .failed(Failure(line: line, token: text(token), problem: problem))
    }

    while position < end {
      skipBlanks()
      guard position < end else { break }
      let first = base.load(fromByteOffset: position, as: UInt8.self)
      if first == 0x0A {
        line += 1
        position += 1
        continue
      }
      if first == 0x23 {
        let directive = readToken()
        if directive.elementsEqual("#node".utf8) {
          skipBlanks()
          if atLineEnd() {
            return .failed(
              Failure(
                line: line, token: text(directive),
                problem: "missing node name: write \"#node NAME KIND\""))
          }
          let nameToken = readToken()
          skipBlanks()
          if atLineEnd() {
            return .failed(
              Failure(
                line: line, token: text(nameToken),
                problem: "missing node kind: write \"#node NAME KIND\" with KIND one of "
                  + NodeKind.allCases.map(\.name).joined(separator: ", ")))
          }
          let kindToken = readToken()
          guard let kind = NodeKind(name: text(kindToken)) else {
            return .failed(
              Failure(
                line: line, token: text(kindToken),
                problem: "unknown node kind: use one of "
                  + NodeKind.allCases.map(\.name).joined(separator: ", ")))
          }
          guard let node = resolver.resolve(nameToken) else { return unresolved(nameToken) }
          edges.declarations.append((node, kind, line))
          largest = max(largest, node)
          sawNode = true
          skipBlanks()
          if !atLineEnd() {
            let extra = readToken()
            return .failed(
              Failure(
                line: line, token: text(extra),
                problem: "unexpected token after the node kind: write \"#node NAME KIND\""))
          }
        }
        skipToLineEnd()
        continue
      }

      if R.readsDecimalIds {
        // Fast path for "digits blank digits" lines; anything else takes the general path.
        var cursor = position
        if let source = decimal(base, &cursor, end), cursor < end,
          isBlank(base.load(fromByteOffset: cursor, as: UInt8.self))
        {
          while cursor < end && isBlank(base.load(fromByteOffset: cursor, as: UInt8.self)) {
            cursor += 1
          }
          if let target = decimal(base, &cursor, end) {
            while cursor < end && base.load(fromByteOffset: cursor, as: UInt8.self) == 0x0D {
              cursor += 1
            }
            if cursor == end || base.load(fromByteOffset: cursor, as: UInt8.self) == 0x0A {
              edges.sources.append(source)
              edges.targets.append(target)
              edges.kinds.append(EdgeKind.dependsOn.rawValue)
              largest = max(largest, source, target)
              sawNode = true
              position = cursor
              continue
            }
          }
        }
      }

      let sourceToken = readToken()
      skipBlanks()
      if atLineEnd() {
        return .failed(
          Failure(
            line: line, token: text(sourceToken),
            problem: "missing target: a line holds \"source target [kind]\""))
      }
      let targetToken = readToken()
      skipBlanks()
      var kind = EdgeKind.dependsOn.rawValue
      if !atLineEnd() {
        let kindToken = readToken()
        guard let parsed = edgeKind(kindToken) else {
          return .failed(
            Failure(
              line: line, token: text(kindToken),
              problem: "unknown edge kind: use one of "
                + EdgeKind.allCases.map(\.name).joined(separator: ", ")))
        }
        kind = parsed.rawValue
        skipBlanks()
        if !atLineEnd() {
          let extra = readToken()
          return .failed(
            Failure(
              line: line, token: text(extra),
              problem: "unexpected token: a line holds \"source target [kind]\"; start a "
                + "comment with #"))
        }
      }
      guard let source = resolver.resolve(sourceToken) else { return unresolved(sourceToken) }
      guard let target = resolver.resolve(targetToken) else { return unresolved(targetToken) }
      edges.sources.append(source)
      edges.targets.append(target)
      edges.kinds.append(kind)
      largest = max(largest, source, target)
      sawNode = true
      skipToLineEnd()
    }
    edges.nodeCount = sawNode ? Int(largest) + 1 : 0
    return .parsed(edges)
  }

  /// Reads a canonical decimal id (no leading zero, at most 9 digits, below the node limit) at
  /// `cursor` and moves past it, or returns `nil`.
  @inline(__always)
  static func decimal(_ base: UnsafeRawPointer, _ cursor: inout Int, _ end: Int) -> UInt32? {
    let start = cursor
    var value: UInt32 = 0
    while cursor < end {
      let digit = base.load(fromByteOffset: cursor, as: UInt8.self) &- 0x30
      guard digit < 10 else { break }
      value = value &* 10 &+ UInt32(digit)
      cursor += 1
    }
    let length = cursor - start
    guard length > 0, length <= 9,
      length == 1 || base.load(fromByteOffset: start, as: UInt8.self) != 0x30,
      value < UInt32(Graph.maximumNodeCount)
    else { return nil }
    return value
  }

  /// The token as text for a message: invalid UTF-8 becomes U+FFFD and control characters
  /// become `\u{XX}`, so that a message cannot carry terminal escape sequences.
  static func printable(_ token: UnsafeRawBufferPointer) -> String {
    var shown = ""
    for scalar in String(decoding: token, as: UTF8.self).unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        shown.unicodeScalars.append(scalar)
      }
    }
    return shown
  }

  /// The edge kind spelled by `token`, compared byte by byte.
  static func edgeKind(_ token: UnsafeRawBufferPointer) -> EdgeKind? {
    for kind in EdgeKind.allCases where kindNames[Int(kind.rawValue)].elementsEqual(token) {
      return kind
    }
    return nil
  }

  private static let kindNames: [[UInt8]] = EdgeKind.allCases.map { Array($0.name.utf8) }
}
