/// A parsed JSON value with the line and column where it starts, so that errors about its
/// content can point into the file.
///
/// Object members keep their order and their duplicates, of which `JSONSerialization` would
/// keep only one.
struct JSONNode: Sendable {
  enum Value: Sendable {
    case null
    case bool(Bool)
    /// The number's value and its text as written.
    case number(Double, String)
    case string(String)
    case array([JSONNode])
    case object([(key: String, value: JSONNode)])
  }

  var value: Value
  /// 1-based line of the value's first character.
  var line: Int
  /// 1-based column (in characters) of the value's first character.
  var column: Int

  /// The JSON type name used in messages: "object", "array", "string", "number", ...
  var typeName: String {
    switch value {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  /// The value as written, shortened for messages.
  var excerpt: String {
    let text: String
    switch value {
    case .null: text = "null"
    case .bool(let flag): text = flag ? "true" : "false"
    case .number(_, let written): text = written
    case .string(let string): text = "\"\(string)\""
    case .array: text = "[...]"
    case .object: text = "{...}"
    }
    return text.count > 60 ? String(text.prefix(57)) + "..." : text
  }
}

/// A syntax error in a JSON text.
struct JSONSyntaxError: Error, Sendable {
  var line: Int
  var column: Int
  var message: String
}

/// A strict JSON parser (RFC 8259) that records positions.
///
/// - Complexity: O(*n*) in the length of the text; nesting is limited to 512 levels so that
///   hostile input cannot exhaust the stack.
struct JSONParser {
  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var lineStart = 0
  private var depth = 0
  private static let maximumDepth = 512
  // The column of `columnIndex`, advanced as the parser moves, so that positions of all values
  // on a long line cost O(n) in total.
  private var columnIndex = 0
  private var columnValue = 1

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses one JSON value that fills the whole text (surrounding white space aside).
  static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
    var parser = JSONParser(bytes)
    if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      parser.index = 3
      parser.lineStart = 3
    }
    parser.skipWhitespace()
    let node = try parser.parseValue()
    parser.skipWhitespace()
    if parser.index < parser.bytes.count {
      throw parser.error("unexpected text after the JSON value")
    }
    return node
  }

  /// The 1-based column of `index` in characters: UTF-8 continuation bytes do not count.
  private mutating func column() -> Int {
    if columnIndex < lineStart || columnIndex > index {
      columnIndex = lineStart
      columnValue = 1
    }
    while columnIndex < index && columnIndex < bytes.count {
      if bytes[columnIndex] & 0xC0 != 0x80 { columnValue += 1 }
      columnIndex += 1
    }
    return columnValue
  }

  private mutating func error(_ message: String) -> JSONSyntaxError {
    JSONSyntaxError(line: line, column: column(), message: message)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0D:
        index += 1
      case 0x0A:
        index += 1
        line += 1
        lineStart = index
      default:
        return
      }
    }
  }

  private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
    guard index < bytes.count else {
      throw error("unexpected end of the file; a value is missing")
    }
    let startLine = line
    let startColumn = column()
    func node(_ value: JSONNode.Value) -> JSONNode {
      JSONNode(value: value, line: startLine, column: startColumn)
    }

    switch bytes[index] {
    case UInt8(ascii: "{"):
      return node(try parseObject())
    case UInt8(ascii: "["):
      return node(try parseArray())
    case UInt8(ascii: "\""):
      return node(.string(try parseString()))
    case UInt8(ascii: "t"):
      try expectWord("true")
      return node(.bool(true))
    case UInt8(ascii: "f"):
      try expectWord("false")
      return node(.bool(false))
    case UInt8(ascii: "n"):
      try expectWord("null")
      return node(.null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return node(try parseNumber())
    default:
      throw error("unexpected character \(describe(bytes[index])); expected a JSON value")
    }
  }

  private func describe(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7F {
      return "'\(Character(Unicode.Scalar(byte)))'"
    }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
  }

  private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
    let utf8 = Array(word.utf8)
    guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8
    else {
      throw error("invalid literal; expected \(word)")
    }
    index += utf8.count
  }

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > JSONParser.maximumDepth {
      throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
    }
  }

  private mutating func parseObject() throws(JSONSyntaxError) -> JSONNode.Value {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members: [(key: String, value: JSONNode)] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw error(index < bytes.count ? "expected a quoted member name" : "unterminated object")
      }
      let key = try parseString()
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error("expected ':' after the member name \"\(key)\"")
      }
      index += 1
      skipWhitespace()
      let value = try parseValue()
      members.append((key, value))
      skipWhitespace()
      guard index < bytes.count else { throw error("unterminated object; expected '}'") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      throw error("expected ',' or '}' after a member, found \(describe(bytes[index]))")
    }
  }

  private mutating func parseArray() throws(JSONSyntaxError) -> JSONNode.Value {
    try enter()
    defer { depth -= 1 }
    index += 1
    var elements: [JSONNode] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw error("unterminated array; expected ']'") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(elements)
      }
      throw error("expected ',' or ']' after an element, found \(describe(bytes[index]))")
    }
  }

  private mutating func parseString() throws(JSONSyntaxError) -> String {
    index += 1
    var scalars = String.UnicodeScalarView()
    var start = index
    func flush(_ bytes: ArraySlice<UInt8>) throws(JSONSyntaxError) {
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw error("invalid UTF-8 in a string")
      }
      scalars.append(contentsOf: text.unicodeScalars)
    }

    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        try flush(bytes[start..<index])
        index += 1
        return String(scalars)
      }
      if byte < 0x20 {
        throw error("unescaped control character in a string; write it as \\n, \\t or \\u00XX")
      }
      if byte == UInt8(ascii: "\\") {
        try flush(bytes[start..<index])
        index += 1
        guard index < bytes.count else { break }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          var code = try parseHex4()
          if (0xD800..<0xDC00).contains(code) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate in a \\u escape") }
            index += 2
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else {
              throw error("unpaired surrogate in a \\u escape")
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else {
            throw error("invalid \\u escape")
          }
          scalars.append(scalar)
        default:
          throw error("invalid escape \\\(Character(Unicode.Scalar(escape))) in a string")
        }
        start = index
        continue
      }
      index += 1
    }
    throw error("unterminated string; add the closing '\"'")
  }

  private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("invalid hexadecimal digit in a \\u escape")
      }
      value = value * 16 + digit
      index += 1
    }
    return value
  }

  private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNode.Value {
    let start = index
    func digits() -> Int {
      let first = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        index += 1
      }
      return index - first
    }
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let integerStart = index
    let integerDigits = digits()
    if integerDigits == 0 { throw error("invalid number; expected a digit") }
    if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
      throw error("invalid number; leading zeros are not allowed")
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      if digits() == 0 { throw error("invalid number; expected a digit after '.'") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      if digits() == 0 { throw error("invalid number; expected a digit in the exponent") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    // The grammar above admits only text that Double parses; overflow gives infinity.
    return .number(Double(text) ?? .infinity, text)
  }
}
