import Foundation
import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

@testable import X1601IO

@Suite("Supply chain model")
struct ModelTests {
  static let exampleURL = SharedDatasets.repositoryRoot
    .appendingPathComponent("Datasets/x1601/models/online-shop.json")

  static func parse(_ text: String) throws(ModelError) -> SupplyChainModel {
    try SupplyChainModel(jsonData: Data(text.utf8), file: "model.json")
  }

  static func problems(_ text: String) -> [String] {
    do {
      _ = try parse(text)
      return []
    } catch {
      guard case .invalid(_, let problems, _) = error else { return ["\(error)"] }
      return problems.map(\.description)
    }
  }

  @Test("example model reads and builds")
  func example() throws {
    let model = try SupplyChainModel.read(from: Self.exampleURL.path)
    #expect(model.parties.count == 5)
    #expect(model.services.count == 9)
    #expect(model.components.count == 2)
    let chain = try model.makeSupplyChain(file: "online-shop.json")
    let graph = chain.graph
    let frontend = try #require(graph.node(named: "shop-frontend"))
    let group = try #require(graph.node(named: "shop-frontend | any of 1"))
    #expect(chain.isAnyOfGroup[Int(group)])
    #expect(graph.neighbors(of: frontend, .forward, kind: .dependsOn).contains(group))
    let cloud = try #require(graph.node(named: "cloud-provider"))
    #expect(chain.implemented[Int(cloud)] == (1 << 2) | (1 << 4))
    let checkout = try #require(graph.node(named: "checkout"))
    #expect(chain.exposures[Int(checkout)] == 1)
    #expect(chain.cost(of: 10, at: checkout) == 5)
    #expect(graph.node(named: "clause 9.4") != nil)
    #expect(graph.kind(of: try #require(graph.node(named: "clause 7.1.2"))) == .threat)
  }

  @Test("write then read gives an equal model")
  func roundTrip() throws {
    let model = try SupplyChainModel.read(from: Self.exampleURL.path)
    let text = model.jsonText()
    let again = try Self.parse(text)
    #expect(again == model)
    #expect(again.jsonText() == text)
  }

  @Test("round trip keeps unusual strings and numbers")
  func roundTripEscapes() throws {
    let model = SupplyChainModel(
      name: "quote \" backslash \\ tab \t newline \n bell \u{7} é",
      parties: [SupplyChainModel.Party(id: "p\"1", role: .partner)],
      services: [
        SupplyChainModel.Node(
          id: "s", category: .caas, deployment: .hybrid, provider: "p\"1", trustBoundary: false)
      ],
      components: [SupplyChainModel.Node(id: "c", suppliers: ["p\"1"], dependsOn: ["s"])],
      costs: [SupplyChainModel.Cost(node: "c", capability: "9.14", cost: 0.1)],
      transmissions: [
        SupplyChainModel.Transmission(upstream: "s", downstream: "c", probability: 1e-7)
      ])
    #expect(try Self.parse(model.jsonText()) == model)
  }

  @Test("truncated JSON is a clear error")
  func truncated() throws {
    let text = try String(contentsOf: Self.exampleURL, encoding: .utf8)
    let cut = String(text.prefix(text.count / 2))
    #expect {
      try Self.parse(cut)
    } throws: { error in
      guard let error = error as? ModelError, case .invalidJSON(let file, _) = error else {
        return false
      }
      return file == "model.json"
    }
  }

  @Test("unknown dependency names file, path and value")
  func unknownDependency() {
    let problems = Self.problems(
      #"{"services": [{"id": "api", "dependsOn": ["cache", "db-primary"]}, {"id": "cache"}]}"#)
    #expect(
      problems == [
        #"$.services[0].dependsOn[1]: unknown node "db-primary": declare it under services or components"#
      ])
    do {
      _ = try Self.parse(#"{"services": [{"id": "api", "dependsOn": ["db-primary"]}]}"#)
    } catch {
      #expect(error.description.hasPrefix("model.json: $.services[0].dependsOn[0]: unknown node"))
    }
  }

  @Test("every problem is reported at once")
  func allProblems() {
    let problems = Self.problems(
      #"""
      {"parties": [{"id": "p", "role": "vendor"}],
       "services": [{"id": "a", "dependsOn": ["a", "p"], "provider": "nobody", "category": "XaaS",
                     "capabilities": ["9.15"], "exposures": ["7.3.1"], "dependson": []},
                    {"id": "a"}],
       "transmissions": [{"upstream": "a", "downstream": "p", "probability": 2}]}
      """#)
    #expect(problems.contains { $0.hasPrefix("$.parties[0].role: unknown role \"vendor\"") })
    #expect(problems.contains { $0.hasPrefix("$.services[0].category: unknown category \"XaaS\"") })
    #expect(problems.contains { $0.hasPrefix("$.services[0].dependson: unknown field") })
    #expect(problems.count == 3)
    let semantic = Self.problems(
      #"""
      {"parties": [{"id": "p"}],
       "services": [{"id": "a", "dependsOn": ["a", "p"], "provider": "nobody",
                     "capabilities": ["9.15"], "exposures": ["7.3.1"]},
                    {"id": "a"}],
       "transmissions": [{"upstream": "a", "downstream": "p", "probability": 2}]}
      """#)
    #expect(
      semantic.contains { $0.hasPrefix("$.services[0].dependsOn[0]: \"a\" depends on itself") })
    #expect(semantic.contains { $0.hasPrefix("$.services[0].dependsOn[1]: \"p\" is a party") })
    #expect(semantic.contains { $0.hasPrefix("$.services[0].provider: unknown party \"nobody\"") })
    #expect(semantic.contains { $0.hasPrefix("$.services[0].capabilities[0]: unknown capability") })
    #expect(semantic.contains { $0.hasPrefix("$.services[0].exposures[0]: unknown threat") })
    #expect(semantic.contains { $0.hasPrefix("$.services[1].id: duplicate id \"a\"") })
    #expect(semantic.contains { $0.hasPrefix("$.transmissions[0]: no link from \"a\" to \"p\"") })
    #expect(
      semantic.contains { $0.hasPrefix("$.transmissions[0].probability: invalid probability") })
  }

  @Test("wrong value types are named")
  func wrongTypes() {
    let problems = Self.problems(
      #"{"services": [{"id": 42, "dependsOn": "db", "trustBoundary": "yes"}], "costs": 3}"#)
    #expect(problems.contains("$.services[0].id: expected a string, found 42"))
    #expect(problems.contains("$.services[0].dependsOn: expected an array, found \"db\""))
    #expect(problems.contains("$.services[0].trustBoundary: expected true or false, found \"yes\""))
    #expect(problems.contains("$.costs: expected an array, found 3"))
    #expect(Self.problems("[1, 2]") == ["$: expected an object, found an array"])
  }

  @Test("file write is atomic and reads back")
  func writeFile() throws {
    let model = try SupplyChainModel.read(from: Self.exampleURL.path)
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("x1601-model-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("out.json").path
    try model.write(to: path)
    #expect(try SupplyChainModel.read(from: path) == model)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.json"])
  }
}

@Suite("Format detection")
struct ModelLoaderTests {
  static func write(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("x1601-detect-\(UUID().uuidString)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("formats are recognised by content")
  func detect() throws {
    let model = try Self.write("{\"services\": []}")
    let bom = try Self.write("{\n \"bomFormat\": \"CycloneDX\"}")
    let debian = try Self.write("\nPackage: a\nVersion: 1\n")
    let other = try Self.write("hello")
    defer {
      for path in [model, bom, debian, other] { try? FileManager.default.removeItem(atPath: path) }
    }
    #expect(try ModelLoader.detectFormat(path: model) == .model)
    #expect(try ModelLoader.detectFormat(path: bom) == .cyclonedx)
    #expect(try ModelLoader.detectFormat(path: debian) == .debian)
    #expect(throws: ModelError.self) { try ModelLoader.detectFormat(path: other) }
    #expect(throws: ModelError.self) {
      try ModelLoader.detectFormat(path: "/nonexistent/model.json")
    }
  }
}
