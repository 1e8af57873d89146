import FuzzSupport
import X1601Catalog

// Mapping grids (CSV): any UTF-8 text must give a mapping or a CatalogError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMapping(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
  do {
    _ = try Mapping.parseCSV(text, file: "fuzz.csv")
  } catch {
    if error.description.isEmpty { FuzzSupport.fail("empty error description") }
  }
  return 0
}
