import Foundation
import FuzzSupport
import X1601IO

// JSON supply chain models: read, then build the graph as `x1601 convert` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let json = Data(bytes: data, count: size)
  do {
    let model = try SupplyChainModel(jsonData: json, file: "fuzz.json")
    let chain = try model.makeSupplyChain(file: "fuzz.json")
    _ = chain.graph.edgeCount
  } catch {
    if error.description.isEmpty { FuzzSupport.fail("empty error description") }
  }
  return 0
}
