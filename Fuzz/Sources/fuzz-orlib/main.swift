import FuzzSupport
import X1601SetCover

// OR-Library set-cover files: the first byte picks Beasley's layout, the rail layout or
// detection; a parsed instance must have every column index in range.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzORLibrary(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let formats: [ORLibraryFormat?] = [nil, .beasley, .rail]
  let format = formats[Int(data[0]) % formats.count]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  do {
    let instance = try ORLibraryReader.parse(bytes: bytes, name: "fuzz.txt", format: format)
    for row in instance.columnRows where Int(row) >= instance.rowCount {
      FuzzSupport.fail("row \(row) out of range \(instance.rowCount)")
    }
    for column in instance.rowColumns where Int(column) >= instance.columnCount {
      FuzzSupport.fail("column \(column) out of range \(instance.columnCount)")
    }
    for cost in instance.costs where !(cost.isFinite && cost >= 0) {
      FuzzSupport.fail("cost \(cost) accepted")
    }
  } catch {
    if String(describing: error).isEmpty { FuzzSupport.fail("empty error description") }
  }
  return 0
}
