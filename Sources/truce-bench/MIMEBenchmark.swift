// mime: writes a generated corpus to a directory, parses it with MailMessage (every
// part decoded, the text view computed), then runs Python's email package on the same
// files (scripts/bench-python-email.py) and prints both rates and their ratio. Also
// measures reply-text extraction over the text bodies. Not a test: numbers to read.
import Foundation
import MIME

enum MIMEBenchmark {
    static func run(_ args: [String]) {
        let count = option("--count", in: args).flatMap(Int.init) ?? 5_000
        let directory = option("--dir", in: args) ?? NSTemporaryDirectory() + "truce-bench-mime-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

        // An existing corpus in --dir is reused, so repeated runs compare like with like.
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".eml") }
        if existing.isEmpty {
            var rng = BenchRandom(seed: 2026)
            for index in 0..<count {
                let data = BenchCorpus.message(index, &rng)
                _ = FileManager.default.createFile(atPath: directory + "/" + String(format: "%06d.eml", index), contents: data)
            }
        }

        // Read everything first so only parsing is timed (the Python script does the same).
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        let blobs = names.compactMap { FileManager.default.contents(atPath: directory + "/" + $0) }
        let bytes = blobs.reduce(0) { $0 + $1.count }
        print("corpus: \(blobs.count) messages, \(mb(bytes)) MB in \(directory)\(existing.isEmpty ? "" : " (reused)")")

        var checksum = 0
        var texts: [(String?, String?)] = []
        texts.reserveCapacity(blobs.count)
        let start = ContinuousClock.now
        for blob in blobs {
            let message = MailMessage(parsing: blob)
            checksum &+= (message.subject?.count ?? 0) + message.from.count + message.to.count + message.cc.count
            for part in message.root.allParts where !part.isMultipart {
                if let text = part.text { checksum &+= text.utf8.count } else { checksum &+= part.decodedBody.count }
            }
            checksum &+= message.text?.utf8.count ?? 0
            texts.append((message.plainText, message.html))
        }
        let swiftSeconds = seconds(ContinuousClock.now - start)
        let swiftRate = Double(blobs.count) / swiftSeconds
        print(String(format: "truce  MailMessage:  %9.0f messages/s  %8.1f MB/s  (%.2f s, checksum %d)",
                     swiftRate, Double(bytes) / 1_048_576 / swiftSeconds, swiftSeconds, checksum))

        if args.contains("--no-python") {
            print("python email:        skipped (--no-python)")
        } else if let python = runPython(directory) {
            let pyRate = Double(python.messages) / python.seconds
            print(String(format: "python email:        %9.0f messages/s  %8.1f MB/s  (%.2f s)",
                         pyRate, Double(python.bytes) / 1_048_576 / python.seconds, python.seconds))
            print(String(format: "ratio:               %9.1f× (goal ≥ 10×)", swiftRate / pyRate))
        } else {
            print("python email:        not run (python3 or scripts/bench-python-email.py missing)")
        }

        var replyBytes = 0
        var stripped = 0
        let replyStart = ContinuousClock.now
        for (plain, html) in texts {
            let reply = ReplyExtractor.extract(plain: plain, html: html)
            replyBytes += (plain ?? html ?? "").utf8.count
            stripped += reply.stripped.isEmpty ? 0 : 1
        }
        let replySeconds = seconds(ContinuousClock.now - replyStart)
        print(String(format: "reply extraction:    %9.0f messages/s  %8.1f MB/s of body text  (%d of %d had history stripped)",
                     Double(texts.count) / replySeconds, Double(replyBytes) / 1_048_576 / replySeconds, stripped, texts.count))

        if option("--dir", in: args) == nil { try? FileManager.default.removeItem(atPath: directory) }
    }

    struct PythonResult { var messages: Int; var bytes: Int; var seconds: Double }

    static func runPython(_ directory: String) -> PythonResult? {
        let candidates = [
            FileManager.default.currentDirectoryPath + "/scripts/bench-python-email.py",
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/bench-python-email.py").standardized.path,
        ]
        guard let script = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, directory]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let messages = object["messages"] as? Int, let bytes = object["bytes"] as? Int,
              let seconds = object["seconds"] as? Double else { return nil }
        return PythonResult(messages: messages, bytes: bytes, seconds: seconds)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func mb(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }
}
