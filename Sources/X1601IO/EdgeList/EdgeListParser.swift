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
    /// The kind of each edge as `EdgeKind.rawValue`, or empty when every edge depends on its
    /// target, which spares the common file a byte per edge.
    package var kinds: [UInt8] = []
    /// Declared node kinds: node id, kind and the line of the declaration.
    package var declarations: [(node: UInt32, kind: NodeKind, line: Int)] = []
    /// One more than the largest id seen.
    package var nodeCount = 0
    /// Whether any edge has a kind other than `depends-on`.
    package var hasOtherKinds: Bool { !kinds.isEmpty }

    /// Returns the kind of the edge at `index` as an `EdgeKind.rawValue`.
    @inline(__always)
    package func kind(at index: Int) -> UInt8 {
      kinds.isEmpty ? EdgeKind.dependsOn.rawValue : kinds[index]
    }
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
  /// The endpoints go straight into arrays with room for one edge per line. With decimal ids
  /// the number of lines is first estimated from the start of the bytes, and counted exactly
  /// only when the estimate proves too small, which costs a second parse.
  ///
  /// - Complexity: O(*k*) for *k* bytes, plus the resolver's cost per token.
  package static func parse<R: Resolver>(
    _ bytes: UnsafeRawBufferPointer, resolver: inout R
  ) -> Outcome {
    if R.readsDecimalIds {
      let estimate = estimatedLineCount(bytes)
      if let outcome = parse(bytes, resolver: &resolver, capacity: estimate) {
        return outcome
      }
    }
    // One edge per line at most, and the last line may lack its line feed.
    let capacity = lineCount(bytes) + 1
    return parse(bytes, resolver: &resolver, capacity: capacity) ?? .parsed(Edges())
  }

  /// Parses `bytes` into arrays with room for `capacity` edges, or returns `nil` when they have
  /// more edges than that.
  private static func parse<R: Resolver>(
    _ bytes: UnsafeRawBufferPointer, resolver: inout R, capacity: Int
  ) -> Outcome? {
    var edges = Edges()
    var outcome: Outcome?
    var overflowed = false
    var sources: [UInt32] = []
    let targets = [UInt32](unsafeUninitializedCapacity: capacity) { targets, targetCount in
      sources = [UInt32](unsafeUninitializedCapacity: capacity) { sources, sourceCount in
        sources.adviseHugePages()
        targets.adviseHugePages()
        var output = Output(
          sources: sources.baseAddress!, targets: targets.baseAddress!, capacity: capacity)
        outcome = parse(bytes, resolver: &resolver, output: &output, edges: &edges)
        overflowed = output.overflowed
        sourceCount = min(output.count, capacity)
        targetCount = min(output.count, capacity)
      }
    }
    if overflowed { return nil }
    if let outcome { return outcome }
    edges.sources = sources
    edges.targets = targets
    return .parsed(edges)
  }

  /// Estimates the number of lines in `bytes` from the line length in their first 64 KiB, with
  /// a quarter and then 1024 lines added, so that the estimate rarely falls short.
  static func estimatedLineCount(_ bytes: UnsafeRawBufferPointer) -> Int {
    let sampleSize = min(bytes.count, 1 << 16)
    let sample = UnsafeRawBufferPointer(rebasing: bytes[0..<sampleSize])
    let lines = max(1, lineCount(sample))
    let estimate = Double(bytes.count) / Double(max(1, sampleSize)) * Double(lines) * 1.25
    return Int(min(estimate, Double(bytes.count))) + 1024
  }

  /// Counts the line feeds in `bytes`, eight bytes at a time.
  static func lineCount(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let feeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    var count = 0
    var position = 0
    while position + 8 <= bytes.count {
      // A byte of `x` is zero exactly where the word has a line feed. The sum sets the high bit
      // of every nonzero byte without carrying into the next one.
      let x = base.loadUnaligned(fromByteOffset: position, as: UInt64.self) ^ feeds
      let nonzero = ((x & low) &+ low) | x
      count += (~(nonzero | low)).nonzeroBitCount
      position += 8
    }
    while position < bytes.count {
      if bytes[position] == 0x0A { count += 1 }
      position += 1
    }
    return count
  }

  /// The destination of parsed endpoints: arrays with room for one edge per line.
  struct Output {
    let sources: UnsafeMutablePointer<UInt32>
    let targets: UnsafeMutablePointer<UInt32>
    let capacity: Int
    var count = 0
    /// The largest id written.
    var largest: UInt32 = 0

    /// Whether an edge found no room; the parse then stops early.
    var overflowed: Bool { count > capacity }

    /// Appends an edge, or only counts it once the arrays are full.
    @inline(__always)
    mutating func append(_ source: UInt32, _ target: UInt32) {
      guard count < capacity else {
        count = capacity + 1
        return
      }
      sources[count] = source
      targets[count] = target
      count += 1
      if source > largest { largest = source }
      if target > largest { largest = target }
    }
  }

  /// Parses `bytes` into `output` and the declarations and kinds of `edges`; returns `nil` on
  /// success, or the outcome that stops the parse.
  private static func parse<R: Resolver>(
    _ bytes: UnsafeRawBufferPointer, resolver: inout R, output: inout Output, edges: inout Edges
  ) -> Outcome? {
    guard let base = bytes.baseAddress else { return nil }
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
      if output.overflowed { return nil }
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
          if node > largest { largest = node }
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
        // Fast path for runs of "digits blank digits" lines; any other line stops the run and
        // takes the general path.
        let before = output.count
        let run = decimalLines(base, from: position, to: end, into: &output, kinds: &edges.kinds)
        if output.count > before {
          position = run.position
          line += run.lines
          sawNode = true
          continue
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
      if kind != EdgeKind.dependsOn.rawValue || !edges.kinds.isEmpty {
        // The first edge of another kind gives the earlier edges their kind.
        let missing = output.count - edges.kinds.count
        edges.kinds.append(contentsOf: repeatElement(EdgeKind.dependsOn.rawValue, count: missing))
        edges.kinds.append(kind)
      }
      output.append(source, target)
      sawNode = true
      skipToLineEnd()
    }
    if output.largest > largest { largest = output.largest }
    edges.nodeCount = sawNode ? Int(largest) + 1 : 0
    return nil
  }

  /// Parses consecutive lines of two canonical decimal ids separated by blanks, each line
  /// ending at a line feed or the end of the bytes, from `start` on. Stops before the first line
  /// of another form and returns its position and the number of lines read.
  @inline(__always)
  static func decimalLines(
    _ base: UnsafeRawPointer, from start: Int, to end: Int, into output: inout Output,
    kinds: inout [UInt8]
  ) -> (position: Int, lines: Int) {
    var position = start
    var lines = 0
    @inline(__always) func byte(_ offset: Int) -> UInt8 {
      base.load(fromByteOffset: offset, as: UInt8.self)
    }
    while position < end && output.count < output.capacity {
      var cursor = position
      guard let source = decimalWord(base, &cursor, end), cursor < end else { break }
      let separator = byte(cursor)
      guard separator == 0x20 || separator == 0x09 || separator == 0x0D else { break }
      cursor += 1
      while cursor < end && (byte(cursor) == 0x20 || byte(cursor) == 0x09 || byte(cursor) == 0x0D) {
        cursor += 1
      }
      guard let target = decimalWord(base, &cursor, end) else { break }
      while cursor < end && byte(cursor) == 0x0D { cursor += 1 }
      if cursor < end {
        guard byte(cursor) == 0x0A else { break }
        cursor += 1
        lines += 1
      }
      output.append(source, target)
      if !kinds.isEmpty { kinds.append(EdgeKind.dependsOn.rawValue) }
      position = cursor
    }
    return (position, lines)
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

  /// Reads a canonical decimal id like `decimal`, converting up to seven digits at once from an
  /// eight-byte word when eight bytes remain, and byte by byte otherwise.
  @inline(__always)
  static func decimalWord(_ base: UnsafeRawPointer, _ cursor: inout Int, _ end: Int) -> UInt32? {
    guard cursor + 8 <= end else { return decimal(base, &cursor, end) }
    // Byte i of the word is the character at cursor + i; XOR maps digits to 0...9.
    let word = base.loadUnaligned(fromByteOffset: cursor, as: UInt64.self).littleEndian
    let values = word ^ 0x3030_3030_3030_3030
    // A byte is not a digit when its high nibble is set, or its low nibble is 10 or more, which
    // adding 6 carries into bit 4 without reaching the next byte.
    let notDigit =
      (values & 0xF0F0_F0F0_F0F0_F0F0)
      | (((values & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0x1010_1010_1010_1010)
    guard notDigit != 0 else { return decimal(base, &cursor, end) }
    let length = notDigit.trailingZeroBitCount / 8
    guard length > 0 else { return nil }
    cursor += length
    // A leading zero is allowed only in "0" itself.
    guard length == 1 || values & 0xFF != 0 else { return nil }
    // Move the digits to the top bytes, so the bytes below read as leading zeros, then combine
    // pairs of digits, pairs of pairs and pairs of quadruples.
    var digits = values << UInt64(8 * (8 - length))
    digits = ((digits & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
    digits = ((digits & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
    digits = ((digits & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
    // Seven digits stay below `Graph.maximumNodeCount`.
    return UInt32(truncatingIfNeeded: digits)
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
