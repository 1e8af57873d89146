import Foundation
import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

@testable import X1601IO

@Suite("CycloneDX import")
struct CycloneDXTests {
  static func parse(_ text: String) throws(ModelError) -> ImportResult {
    try CycloneDXImporter.parse(Data(text.utf8), file: "bom.json")
  }

  static func dependencyCount(_ model: SupplyChainModel) -> Int {
    (model.services + model.components).reduce(0) { $0 + $1.dependsOn.count }
  }

  static let small = """
    {"bomFormat": "CycloneDX", "specVersion": "1.5",
     "metadata": {"component": {"bom-ref": "app", "name": "App"},
                  "supplier": {"name": "Example Corp"}},
     "components": [
       {"bom-ref": "lib", "name": "lib", "publisher": "Lib Publisher",
        "components": [{"bom-ref": "lib-core", "name": "core",
                        "supplier": {"name": "Core Supplier"}}]}],
     "services": [
       {"bom-ref": "api", "name": "API", "provider": {"name": "Cloud Inc"},
        "trustZone": "public", "authenticated": false,
        "data": [{"flow": "inbound", "classification": "PII"}],
        "services": [{"name": "queue", "version": "2"}]}],
     "dependencies": [{"ref": "app", "dependsOn": ["api", "lib", "lib"]},
                      {"ref": "lib", "dependsOn": ["lib-core"]}]}
    """

  @Test("elements, parties and dependencies")
  func smallDocument() throws {
    let result = try Self.parse(Self.small)
    #expect(result.warningCount == 0)
    let model = result.model
    #expect(model.components.map(\.id) == ["app", "lib", "lib-core"])
    #expect(model.services.map(\.id) == ["api", "queue@2"])
    #expect(model.components[0].suppliers == ["Example Corp"])
    #expect(model.components[1].suppliers == ["Lib Publisher"])
    #expect(model.components[2].suppliers == ["Core Supplier"])
    let api = model.services[0]
    #expect(api.provider == "Cloud Inc")
    #expect(api.trustZone == "public")
    #expect(api.data == ["PII"])
    #expect(api.exposures == ["7.1.2", "7.1.1", "8.1.4"])
    #expect(model.components[0].dependsOn == ["api", "lib"])
    #expect(model.parties.first { $0.id == "Cloud Inc" }?.role == .provider)
    _ = try model.makeSupplyChain()
  }

  @Test("nesting becomes dependencies without a dependency graph")
  func nestingWithoutGraph() throws {
    let text = Self.small.replacingOccurrences(
      of: #""dependencies": [{"ref": "app", "dependsOn": ["api", "lib", "lib"]},"#, with: #""x": ["#
    ).replacingOccurrences(of: #"{"ref": "lib", "dependsOn": ["lib-core"]}]}"#, with: "]}")
    let model = try Self.parse(text).model
    #expect(model.components[1].dependsOn == ["lib-core"])
    #expect(model.services[0].dependsOn == ["queue@2"])
  }

  @Test("unknown bom-ref is an error naming the path")
  func unknownReference() {
    let text = Self.small.replacingOccurrences(
      of: #"["lib-core"]"#, with: #"["lib-core", "ghost"]"#)
    do {
      _ = try Self.parse(text)
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description
          == "bom.json: $.dependencies[1].dependsOn[1]: unknown bom-ref \"ghost\": declare the "
          + "component or service, or remove the reference")
    }
  }

  @Test("self-dependency is dropped with a warning")
  func selfDependency() throws {
    let text = Self.small.replacingOccurrences(of: #"["lib-core"]"#, with: #"["lib", "lib-core"]"#)
    let result = try Self.parse(text)
    #expect(result.model.components[1].dependsOn == ["lib-core"])
    #expect(
      result.warnings.map(\.description) == [
        "$.dependencies[1].dependsOn[0]: \"lib\" depends on itself: the self-dependency is dropped"
      ])
  }

  @Test("hostile documents are clear errors")
  func hostile() {
    #expect(throws: ModelError.self) { try Self.parse(String(Self.small.prefix(200))) }
    #expect(throws: ModelError.self) { try Self.parse(#"{"bomFormat": "SPDX"}"#) }
    #expect(throws: ModelError.self) {
      try Self.parse(
        #"{"bomFormat": "CycloneDX", "components": [{"bom-ref": "a", "name": "a"}, {"bom-ref": "a", "name": "b"}]}"#
      )
    }
    #expect(throws: ModelError.self) {
      try Self.parse(#"{"bomFormat": "CycloneDX", "components": [{"version": "1"}]}"#)
    }
  }

  @Test(
    "SaaSBOM imports nested services and provider",
    .enabled(if: SharedDatasets.isAvailable, "\(SharedDatasets.missingMessage)"))
  func saasBOM() throws {
    let url = try #require(SharedDatasets.file("cyclonedx/saasbom-apigateway-microservices.json"))
    let model = try CycloneDXImporter.read(from: url.path).model
    #expect(model.components.count == 1)
    #expect(model.services.count == 6)
    #expect(model.parties.map(\.id) == ["Acme Inc"])
    #expect(model.services.filter { $0.provider == "Acme Inc" }.count == 4)
    #expect(Self.dependencyCount(model) == 6)
    let chain = try model.makeSupplyChain(file: url.path)
    let graph = chain.graph
    let storage = try #require(graph.node(named: "s3-example.amazon.com"))
    let gateway = try #require(graph.node(named: "api-gateway"))
    let options = PropagationOptions(
      origins: [PropagationOrigin(node: storage, items: SupplyChainItems.compromiseOrOutage)])
    let result = Propagation.run(chain, options)
    #expect(result.isReached(gateway))
    let explanation = try #require(
      Propagation.explain(chain, options, result: result, target: gateway))
    #expect(
      explanation.path.map { graph.name(of: $0.node) } == [
        "s3-example.amazon.com", "ms-3.example.com", "api-gateway",
      ])
  }

  @Test(
    "Maven SBOMs import with their dependency graphs",
    .enabled(if: SharedDatasets.isAvailable, "\(SharedDatasets.missingMessage)"),
    arguments: [
      ("sbom-keycloak-10.0.2.json", 904, 994, 60), ("sbom-dropwizard-1.3.15.json", 168, 170, 21),
    ])
  func mavenSBOMs(file: String, components: Int, dependencies: Int, parties: Int) throws {
    let url = try #require(SharedDatasets.file("cyclonedx/\(file)"))
    let result = try CycloneDXImporter.read(from: url.path)
    #expect(result.warningCount == 0)
    #expect(result.model.components.count == components)
    #expect(result.model.services.isEmpty)
    #expect(Self.dependencyCount(result.model) == dependencies)
    #expect(result.model.parties.count == parties)
    let chain = try result.model.makeSupplyChain(file: url.path)
    #expect(chain.graph.nodeCount == components + parties)
  }
}
