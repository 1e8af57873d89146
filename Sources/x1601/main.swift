import X1601CLI

#if canImport(Glibc)
  import Glibc
#endif

CommandLineTool.removeUnfinishedFilesOnInterruption()
exit(CommandLineTool.run(arguments: Array(CommandLine.arguments.dropFirst())))
