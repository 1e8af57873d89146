import Foundation

/// Typed access to the values that `JSONSerialization` returns, collecting a problem with its
/// JSON path for each value of the wrong type instead of stopping at the first.
struct JSONFields {
  var problems: [ModelProblem] = []

  mutating func fail(_ path: String, _ message: String) {
    problems.append(ModelProblem(location: path, message: message))
  }

  /// A short rendering of a JSON value for messages.
  static func describe(_ value: Any) -> String {
    if value is NSNull { return "null" }
    if let number = value as? NSNumber {
      if isBoolean(number) { return number.boolValue ? "true" : "false" }
      return number.stringValue
    }
    if let text = value as? String {
      let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
      return "\"\(shown)\""
    }
    if value is [Any] { return "an array" }
    if value is [String: Any] { return "an object" }
    return "\(value)"
  }

  static func isBoolean(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) == "c"
  }

  mutating func object(_ value: Any, at path: String) -> [String: Any]? {
    guard let object = value as? [String: Any] else {
      fail(path, "expected an object, found \(JSONFields.describe(value))")
      return nil
    }
    return object
  }

  /// Reports keys of `object` outside `allowed`, which are most often misspellings.
  mutating func checkKeys(_ object: [String: Any], allowed: [String], at path: String) {
    for key in object.keys.sorted() where !allowed.contains(key) {
      fail(
        "\(path).\(key)",
        "unknown field \"\(key)\": use one of \(allowed.joined(separator: ", "))")
    }
  }

  mutating func string(
    _ object: [String: Any], _ key: String, at path: String, required: Bool
  )
    -> String?
  {
    guard let value = object[key], !(value is NSNull) else {
      if required { fail("\(path).\(key)", "missing required field \"\(key)\"") }
      return nil
    }
    guard let text = value as? String else {
      fail("\(path).\(key)", "expected a string, found \(JSONFields.describe(value))")
      return nil
    }
    return text
  }

  mutating func number(
    _ object: [String: Any], _ key: String, at path: String, required: Bool
  )
    -> Double?
  {
    guard let value = object[key], !(value is NSNull) else {
      if required { fail("\(path).\(key)", "missing required field \"\(key)\"") }
      return nil
    }
    guard let number = value as? NSNumber, !JSONFields.isBoolean(number) else {
      fail("\(path).\(key)", "expected a number, found \(JSONFields.describe(value))")
      return nil
    }
    return number.doubleValue
  }

  mutating func boolean(_ object: [String: Any], _ key: String, at path: String) -> Bool? {
    guard let value = object[key], !(value is NSNull) else { return nil }
    guard let number = value as? NSNumber, JSONFields.isBoolean(number) else {
      fail("\(path).\(key)", "expected true or false, found \(JSONFields.describe(value))")
      return nil
    }
    return number.boolValue
  }

  mutating func array(_ object: [String: Any], _ key: String, at path: String) -> [Any] {
    guard let value = object[key], !(value is NSNull) else { return [] }
    guard let array = value as? [Any] else {
      fail("\(path).\(key)", "expected an array, found \(JSONFields.describe(value))")
      return []
    }
    return array
  }

  /// The strings of the array at `key`; each element that is not a string is reported.
  mutating func strings(_ object: [String: Any], _ key: String, at path: String) -> [String] {
    var result: [String] = []
    for (index, element) in array(object, key, at: path).enumerated() {
      guard let text = element as? String else {
        fail("\(path).\(key)[\(index)]", "expected a string, found \(JSONFields.describe(element))")
        continue
      }
      result.append(text)
    }
    return result
  }
}
