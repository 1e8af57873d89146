import Foundation
import FuzzSupport
import X1601IO

// CycloneDX documents: import, then build the graph of the imported model.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCycloneDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let json = Data(bytes: data, count: size)
  do {
    let result = try CycloneDXImporter.parse(json, file: "fuzz.cdx.json")
    let chain = try result.model.makeSupplyChain(file: "fuzz.cdx.json")
    _ = chain.graph.edgeCount
  } catch {
    if error.description.isEmpty { FuzzSupport.fail("empty error description") }
  }
  return 0
}
