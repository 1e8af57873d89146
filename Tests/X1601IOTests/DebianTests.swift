import Foundation
import Testing
import X1601Analysis
import X1601Graph
import X1601TestSupport

@testable import X1601IO

@Suite("Debian package index")
struct DebianTests {
  static func parse(_ text: String, alternatives: DebianAlternatives = .any) throws -> ImportResult
  {
    try DebianPackagesImporter.parse(Array(text.utf8), file: "Packages", alternatives: alternatives)
  }

  static let sample = """
    Package: app
    Version: 1.0
    Maintainer: App Team <app@example.org>
    Depends: libfoo (>= 1.2), mail-transport-agent | exim4:any, libc6 [amd64] <!nocheck>
    Pre-Depends: dpkg (>= 1.15.6~)
    Description: an application
     with a long description: Depends: not-a-field

    Package: libfoo
    Maintainer: Foo Maintainers <foo@example.org>
    Depends: libc6,
     libbar

    Package: postfix
    Maintainer: Mail Team <mail@example.org>
    Provides: mail-transport-agent
    Depends: libc6

    Package: exim4
    Maintainer: Mail Team <mail@example.org>
    Provides: mail-transport-agent (= 4.96)

    Package: libc6
    Maintainer: GNU Libc Maintainers <libc@example.org>

    Package: libbar
    Maintainer: Foo Maintainers <foo@example.org>

    Package: dpkg
    Maintainer: Dpkg Developers <dpkg@example.org>
    """

  func node(_ model: SupplyChainModel, _ id: String) throws -> SupplyChainModel.Node {
    try #require(model.components.first { $0.id == id })
  }

  @Test("relations, virtual packages and maintainers")
  func sampleIndex() throws {
    let result = try Self.parse(Self.sample)
    #expect(result.warningCount == 0, "\(result.warnings)")
    let model = result.model
    #expect(model.components.count == 7)
    #expect(
      model.parties.map(\.id).sorted() == [
        "App Team", "Dpkg Developers", "Foo Maintainers", "GNU Libc Maintainers", "Mail Team",
      ])
    let app = try node(model, "app")
    #expect(app.dependsOn == ["libfoo", "postfix", "exim4", "libc6", "dpkg"])
    #expect(app.suppliers == ["App Team"])
    #expect(try node(model, "libfoo").dependsOn == ["libc6", "libbar"])
  }

  @Test("alternatives first and all")
  func alternativeModes() throws {
    let first = try Self.parse(Self.sample, alternatives: .first).model
    #expect(try node(first, "app").dependsOn == ["libfoo", "postfix", "exim4", "libc6", "dpkg"])
    let text = Self.sample.replacingOccurrences(
      of: "mail-transport-agent | exim4:any", with: "exim4 | mail-transport-agent")
    let firstOnly = try Self.parse(text, alternatives: .first).model
    #expect(try node(firstOnly, "app").dependsOn == ["libfoo", "exim4", "libc6", "dpkg"])
    let all = try Self.parse(Self.sample, alternatives: .all).model
    let app = try node(all, "app")
    #expect(app.dependsOn == ["libfoo", "libc6", "dpkg"])
    #expect(app.anyOf == [["postfix", "exim4"]])
    let chain = try all.makeSupplyChain()
    let exim = try #require(chain.graph.node(named: "exim4"))
    let appID = try #require(chain.graph.node(named: "app"))
    // Losing one mail transport agent does not reach the application.
    let outage = PropagationOptions(
      origins: [PropagationOrigin(node: exim, items: SupplyChainItems.compromiseOrOutage)])
    #expect(!Propagation.run(chain, outage).isReached(appID))
  }

  @Test("stanza without Package is a warning")
  func missingPackage() throws {
    let result = try Self.parse("Version: 1\nDepends: a\n\nPackage: a\n")
    #expect(result.model.components.map(\.id) == ["a"])
    #expect(
      result.warnings.first?.description.hasPrefix("line 1: stanza without a Package field") == true
    )
  }

  @Test("bad version constraints are warnings")
  func badConstraint() throws {
    let result = try Self.parse(
      "Package: a\nDepends: b (>> ), c (1.0), d (>= 1.0, e (=> 2) | f\n\nPackage: b\n\nPackage: c\n\nPackage: d\n\nPackage: e\n\nPackage: f\n"
    )
    let messages = result.warnings.map(\.description)
    #expect(messages.contains { $0.contains("version constraint \"(>> )\" does not parse") })
    #expect(messages.contains { $0.contains("version constraint \"(1.0)\" does not parse") })
    #expect(messages.contains { $0.contains("\"(>= 1.0\" has no closing parenthesis") })
    #expect(messages.contains { $0.contains("version constraint \"(=> 2)\" does not parse") })
    #expect(messages.allSatisfy { $0.hasPrefix("line 2: package \"a\"") })
    #expect(try node(result.model, "a").dependsOn == ["b", "c", "d", "e", "f"])
  }

  @Test("repeated packages merge and unknown names are counted")
  func repeatedAndUnknown() throws {
    let result = try Self.parse(
      "Package: a\nDepends: b\n\nPackage: a\nDepends: c, missing\n\nPackage: b\n\nPackage: c\n")
    #expect(try node(result.model, "a").dependsOn == ["b", "c"])
    let messages = result.warnings.map(\.description)
    #expect(messages.contains { $0.hasPrefix("line 4: package \"a\" appears again") })
    #expect(messages.contains { $0.contains("1 relations name packages that neither exist") })
  }

  @Test("direct graph equals the model's graph", arguments: DebianAlternatives.allCases)
  func directGraph(alternatives: DebianAlternatives) throws {
    let bytes = Array(Self.sample.utf8)
    let (index, _) = try DebianPackagesImporter.parseIndex(
      bytes, file: "Packages", alternatives: alternatives)
    let direct = try index.makeSupplyChain(file: "Packages").graph
    let viaModel = try index.model.makeSupplyChain(file: "Packages")
    #expect(direct.nodeCount == viaModel.graph.nodeCount)
    #expect(direct.edgeCount == viaModel.graph.edgeCount)
    for node in 0..<NodeID(direct.nodeCount) {
      let name = direct.name(of: node)
      let other = try #require(viaModel.graph.node(named: name))
      #expect(direct.kind(of: node) == viaModel.graph.kind(of: other))
      let left = direct.edges(of: node, .forward).map {
        "\($0.kind.name) \(direct.name(of: $0.node))"
      }
      let right = viaModel.graph.edges(of: other, .forward).map {
        "\($0.kind.name) \(viaModel.graph.name(of: $0.node))"
      }
      #expect(left.sorted() == right.sorted(), "\(name)")
    }
  }

  @Test("empty or foreign input is an error")
  func foreignInput() {
    #expect(throws: ModelError.self) { try Self.parse("") }
    #expect(throws: ModelError.self) { try Self.parse("{\"bomFormat\": \"CycloneDX\"}\n") }
  }

  @Test(
    "bookworm index imports with the expected counts",
    .enabled(
      if: SharedDatasets.file("debian/bookworm-main-amd64-Packages.xz") != nil,
      "\(SharedDatasets.missingMessage)"))
  func bookworm() throws {
    let path = try #require(SharedDatasets.file("debian/bookworm-main-amd64-Packages.xz")).path
    let bytes = try DebianPackagesImporter.loadBytes(path)
    let (index, warnings) = try DebianPackagesImporter.parseIndex(
      bytes, file: path, alternatives: .any)
    #expect(index.names.count == 63_436)
    #expect(index.dependsOn.reduce(0) { $0 + $1.count } == 279_191)
    #expect(index.parties.count == 2_094)
    // Four package names appear twice in bookworm main, and some relations name packages
    // outside the index.
    #expect(warnings.count == 5)
    let chain = try index.makeSupplyChain(file: path)
    #expect(chain.graph.nodeCount == 63_436 + 2_094)
    let lzma = try #require(chain.graph.node(named: "liblzma5"))
    let options = PropagationOptions(
      origins: [PropagationOrigin(node: lzma, items: SupplyChainItems.compromiseOrOutage)])
    let propagation = Propagation.run(chain, options)
    #expect(propagation.affected.count == 36_093)
    let ssh = try #require(chain.graph.node(named: "openssh-server"))
    let explanation = try #require(
      Propagation.explain(chain, options, result: propagation, target: ssh))
    #expect(
      explanation.path.map { chain.graph.name(of: $0.node) } == [
        "liblzma5", "libsystemd0", "openssh-server",
      ])
  }
}
