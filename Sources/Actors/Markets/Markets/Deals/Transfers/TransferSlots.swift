/// `[Dealmaking] SimultaneousTransfersForStorage`: how many deals' data may arrive at once; a push beyond that waits
/// its turn (go-fil-markets' TransferQueued), first come, first served.
actor TransferSlots {
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Waits for a slot under `limit` (at least 1) and takes it.
    func acquire(limit: Int) async {
        if inUse < max(limit, 1) {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives a slot back: the longest waiter takes it.
    func release() {
        if waiting.isEmpty {
            inUse = max(inUse - 1, 0)
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Slots taken now.
    var active: Int { inUse }
}
