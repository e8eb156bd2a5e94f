// clearance-bench: measures Clearance's hot path, compile and snapshot costs, and a
// hand-written baseline, on seeded deterministic workloads. See Benchmarks/README.md.

import Foundation

#if DEBUG
  print(
    """

    ************************************************************************
    *  clearance-bench was built in DEBUG mode. Debug timings mean nothing. *
    *  Run:  swift run -c release --package-path Benchmarks clearance-bench *
    ************************************************************************

    """)
  exit(1)
#else
  let options: Options
  do {
    options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
  } catch {
    FileHandle.standardError.write(Data("clearance-bench: \(error)\n\n\(Options.usage)\n".utf8))
    exit(2)
  }
  if options.help {
    print(Options.usage)
    exit(0)
  }
  if let name = options.hostile {
    HostilePolicies.run(name)
    exit(0)
  }
  if let (operation, count) = options.profile {
    do {
      try Profile.run(operation, count: count)
      exit(0)
    } catch {
      print("error: \(error)")
      exit(1)
    }
  }
  let machine = Machine.current()
  print("clearance-bench — \(options.quick ? "quick" : "full") run")
  print("machine:   \(machine.cpu), \(machine.cores) cores")
  print("toolchain: \(machine.toolchain)")
  print("date:      \(machine.date)")
  print("load:      \(machine.loadAverage) (1, 5, 15 min; other processes share these cores)")
  if !Heap.counterWorks() {
    print("warning: the malloc counter sees no allocations; allocation figures are not valid")
  }
  let context = Context(quick: options.quick, casesPath: options.casesPath)
  var failed = false
  for group in options.groups {
    do {
      try group.perform(context)
    } catch {
      print("error in group \(group.name): \(error)")
      failed = true
    }
  }
  context.report.printTargets()
  print("\nload average at the end: \(Machine.loadAverage())")
  if let path = options.jsonPath {
    do {
      try context.report.writeJSON(to: path, machine: machine)
      print("\nwrote \(context.report.figures.count) figures to \(path)")
    } catch {
      print("error: cannot write \(path): \(error)")
      failed = true
    }
  }
  exit(failed ? 1 : 0)
#endif
