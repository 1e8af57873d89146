import Foundation
import X1601Analysis
import X1601Graph

extension TransferRules {
  /// The format name of a rules file.
  public static let formatName = "x1601-transfer-rules"

  /// The rules as JSON text, one rule per line, in the form `read(from:)` accepts.
  public func jsonText() -> String {
    var out = JSONTextWriter()
    out.open("{")
    out.field("format", string: TransferRules.formatName)
    out.field("version", raw: "1")
    out.section("rules", rules) { out, rule in
      out.field("channel", string: rule.channel.edgeKind.name)
      out.field("upstream", string: SupplyChainItems.clauses[rule.upstream])
      out.field("downstream", strings: SupplyChainItems.clauses(in: rule.downstream))
      out.field("rationale", string: rule.rationale)
    }
    out.close("}")
    out.text += "\n"
    return out.text
  }

  /// Reads rules from a JSON file such as `Datasets/x1601/transfer-rules.json`.
  ///
  /// - Throws: `ModelError` naming the file, the JSON path and the value of every problem.
  public static func read(from path: String) throws(ModelError) -> TransferRules {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(file: path, reason: error.localizedDescription)
    }
    return try TransferRules(jsonData: data, file: path)
  }

  /// Parses rules from JSON bytes; `file` names the source in messages.
  public init(jsonData data: Data, file: String) throws(ModelError) {
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: data)
    } catch {
      let detail =
        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        ?? error.localizedDescription
      throw .invalidJSON(file: file, detail: detail)
    }
    var fields = JSONFields()
    var rules: [TransferRule] = []
    if let top = fields.object(root, at: "$") {
      fields.checkKeys(top, allowed: ["format", "version", "rules"], at: "$")
      if let format = fields.string(top, "format", at: "$", required: false),
        format != TransferRules.formatName
      {
        fields.fail(
          "$.format", "unknown format \"\(format)\": expected \"\(TransferRules.formatName)\"")
      }
      let channels = TransferChannel.allCases.map(\.edgeKind.name)
      for (index, value) in fields.array(top, "rules", at: "$").enumerated() {
        let path = "$.rules[\(index)]"
        guard let object = fields.object(value, at: path) else { continue }
        fields.checkKeys(
          object, allowed: ["channel", "upstream", "downstream", "rationale"], at: path)
        let channelName = fields.string(object, "channel", at: path, required: true) ?? ""
        let channel = EdgeKind(name: channelName).flatMap { TransferChannel(edgeKind: $0) }
        if channel == nil && !channelName.isEmpty {
          fields.fail(
            "\(path).channel",
            "unknown channel \"\(channelName)\": use one of \(channels.joined(separator: ", "))")
        }
        let upstreamClause = fields.string(object, "upstream", at: path, required: true) ?? ""
        let upstream = SupplyChainItems.itemIndex(clause: upstreamClause)
        if upstream == nil && !upstreamClause.isEmpty {
          fields.fail(
            "\(path).upstream",
            "unknown threat or challenge \"\(upstreamClause)\": use a clause number of clause 7 "
              + "or 8")
        }
        var downstream: UInt32 = 0
        for (position, clause) in fields.strings(object, "downstream", at: path).enumerated() {
          if let item = SupplyChainItems.itemIndex(clause: clause) {
            downstream |= 1 << UInt32(item)
          } else {
            fields.fail(
              "\(path).downstream[\(position)]",
              "unknown threat or challenge \"\(clause)\": use a clause number of clause 7 or 8")
          }
        }
        let rationale = fields.string(object, "rationale", at: path, required: false) ?? ""
        if let channel, let upstream {
          rules.append(
            TransferRule(
              channel: channel, upstream: upstream, downstream: downstream, rationale: rationale))
        }
      }
    }
    if !fields.problems.isEmpty { throw ModelError.invalid(file: file, all: fields.problems) }
    self.init(rules: rules)
  }
}
