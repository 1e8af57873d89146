// swift-tools-version:6.0
import Foundation
import PackageDescription

// libFuzzer targets for every x1601 parser, built against the root package. Build and run them
// with run.sh (see README.md); a plain `swift build` here builds them without instrumentation.

// SwiftPM names a path dependency after its folder, so the root package's identity is the name
// of the folder that holds this one's parent (such as "x1601" in a clone).
let rootFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
let root = rootFolder.lastPathComponent

func product(_ name: String) -> Target.Dependency {
  .product(name: name, package: root)
}

/// One fuzz target: an executable whose only entry point is `LLVMFuzzerTestOneInput`.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
  .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies)
}

let package = Package(
  name: "x1601-fuzz",
  dependencies: [.package(path: "..")],
  targets: [
    .target(name: "FuzzSupport"),
    fuzzTarget("fuzz-profile", [product("X1601Analysis")]),
    fuzzTarget("fuzz-mapping", [product("X1601Catalog")]),
    fuzzTarget("fuzz-model", [product("X1601IO")]),
    fuzzTarget("fuzz-rules", [product("X1601Analysis"), product("X1601IO")]),
    fuzzTarget("fuzz-cyclonedx", [product("X1601IO")]),
    fuzzTarget("fuzz-debian", [product("X1601IO")]),
    fuzzTarget("fuzz-orlib", [product("X1601SetCover")]),
    fuzzTarget("fuzz-edgelist", [product("X1601IO"), product("X1601Graph")]),
    fuzzTarget("fuzz-binary", [product("X1601IO"), product("X1601Graph")]),
    fuzzTarget("fuzz-render", [product("X1601Render")]),
  ],
  swiftLanguageModes: [.v6]
)
