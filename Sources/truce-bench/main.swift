// truce-bench: throughput and memory measurements, run from a release build.
//
//   truce-bench mime [--count N] [--dir D] [--no-python]
//                                            MIME parsing vs Python's email package
//   truce-bench parse-rss FILE [--decode]    peak resident memory of parsing one file
//   truce-bench ingest [--count N] [--rounds R]
//                                            fetch + intake of N replies vs the curl tool,
//                                            R rounds (3) and their median ratio
//   truce-bench fanout [--count N] [--connections C] [--submission] [--chunk N] [--rounds R] [--compose-only]
//                                            Dispatcher fan-out vs Postfix's smtp-source,
//                                            R rounds (3) and their median ratio;
//                                            --compose-only writes and commits the copies
//                                            without a server (Truce's own cost per copy)
//
// ingest and fanout need the local mail stack (scripts/mailstack up); its directory comes
// from --stack DIR, TRUCE_MAILSTACK_DIR, or `scripts/mailstack where`.
//
// Each subcommand lives in its own file; this one only dispatches.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())

func usage() -> Never {
    FileHandle.standardError.write(Data("""
    usage: truce-bench mime [--count N] [--dir D] [--no-python]
           truce-bench parse-rss FILE [--decode]
           truce-bench ingest [--count N] [--rounds R] [--stack DIR]
           truce-bench fanout [--count N] [--connections C] [--submission] [--chunk N] [--rounds R] [--stack DIR]
           truce-bench fanout --compose-only [--count N] [--chunk N]

    """.utf8))
    exit(2)
}

/// The value after `--name`, if present.
func option(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

switch arguments.first {
case "mime":
    MIMEBenchmark.run(Array(arguments.dropFirst()))
case "parse-rss":
    ParseRSS.run(Array(arguments.dropFirst()))
case "ingest":
    await IngestBenchmark.run(Array(arguments.dropFirst()))
case "fanout":
    await FanoutBenchmark.run(Array(arguments.dropFirst()))
default:
    usage()
}
