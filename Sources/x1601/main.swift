import X1601CLI

#if canImport(Glibc)
  import Glibc
#endif

exit(CommandLineTool.run(arguments: Array(CommandLine.arguments.dropFirst())))
