// The gap scripts/tsan-suppressions.txt describes, without our code: a continuation resumed from another thread
// before its task reaches the await passes an object TSan then reports as raced (the runtime's acquire is not
// annotated on that path); the same handoff with the resume after the await is not reported.
//   swiftc -sanitize=thread -parse-as-library -O scripts/tsan-continuation-gap.swift -o /tmp/gap && /tmp/gap
//   (`/tmp/gap after`: the resume comes after the await; no report)
import Foundation

final class Box {
    var value: Int
    init(_ value: Int) { self.value = value }
}

final class Handoff: @unchecked Sendable {
    var continuation: CheckedContinuation<Box, Never>?
}

@main struct ContinuationGap {
    static func main() async {
        let resumeAfterAwait = CommandLine.arguments.dropFirst().first == "after"
        var total = 0
        for round in 0..<20 {
            let box = await withCheckedContinuation { (continuation: CheckedContinuation<Box, Never>) in
                let handoff = Handoff()
                handoff.continuation = continuation
                Thread {
                    let box = Box(round)
                    if resumeAfterAwait { usleep(20_000) }
                    handoff.continuation?.resume(returning: box)
                }.start()
                if !resumeAfterAwait { usleep(20_000) }  // the resume wins the race against the await
            }
            total += box.value
        }
        print("sum of the values handed over: \(total)")
    }
}
