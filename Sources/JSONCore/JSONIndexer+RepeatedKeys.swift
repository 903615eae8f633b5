// Repeated keys: the indexer notes whether any object of the text repeats a key, so that readers
// and writers apply "the last value wins" (JSONObject) only to the texts that need it.

extension JSONIndexer {
    /// Sets ``hasDuplicateKeys`` when the object at `node` (closed) repeats a key. Linear for the
    /// small objects APIs send (their keys' fingerprints compared pairwise), n log n beyond.
    mutating func noteDuplicateKeys(of node: Int) {
        let end = Int(nodes[node].link)
        keyScratch.removeAll(keepingCapacity: true)
        var key = node + 1
        while key < end {
            keyScratch.append((fingerprint(ofKey: key), key))
            let value = key + 1
            let first = bytes[Int(nodes[value].start)]
            key = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? Int(nodes[value].link) : value + 1
        }
        let count = keyScratch.count
        guard count > 1 else { return }
        if count <= 16 {
            for later in 1..<count {
                for earlier in 0..<later where keyScratch[earlier].fingerprint == keyScratch[later].fingerprint {
                    if sameKey(keyScratch[earlier].node, keyScratch[later].node) {
                        hasDuplicateKeys = true
                        return
                    }
                }
            }
            return
        }
        keyScratch.sort { $0.fingerprint < $1.fingerprint }
        var groupStart = 0
        for position in 1...count {
            guard position == count || keyScratch[position].fingerprint != keyScratch[groupStart].fingerprint else { continue }
            for later in groupStart..<position {
                for earlier in groupStart..<later where sameKey(keyScratch[earlier].node, keyScratch[later].node) {
                    hasDuplicateKeys = true
                    return
                }
            }
            groupStart = position
        }
    }

    /// A cheap summary of a key's value (its length and outer bytes): equal keys have equal ones.
    private func fingerprint(ofKey node: Int) -> UInt64 {
        let found = nodes[node]
        guard found.link == 0 else {
            var key = text(ofString: node).string(at: 0)
            return key.withUTF8 { JSONIndexer.fingerprint(of: $0) }
        }
        return JSONIndexer.fingerprint(of: UnsafeBufferPointer(rebasing: bytes[Int(found.start) + 1..<Int(found.end) - 1]))
    }

    private static func fingerprint(of utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var first: UInt64 = 0, last: UInt64 = 0
        if utf8.count >= 8, let base = UnsafeRawPointer(utf8.baseAddress) {
            first = ByteWord.load(base, at: 0)
            last = ByteWord.load(base, at: utf8.count - 8)
        } else {
            for byte in utf8 { first = first << 8 | UInt64(byte) }
        }
        return (first &* 0x9E37_79B9_7F4A_7C15) ^ (last &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(utf8.count)
    }

    private func sameKey(_ left: Int, _ right: Int) -> Bool {
        let leftText = text(ofString: left), rightText = text(ofString: right)
        guard nodes[left].link == 0 && nodes[right].link == 0 else { return leftText.string(at: 0) == rightText.string(at: 0) }
        return leftText.key(at: 0, is: UnsafeBufferPointer(rebasing: bytes[Int(nodes[right].start) + 1..<Int(nodes[right].end) - 1]))
    }

    /// The string at `node` as a one-node text, to read it with ``JSONIndexedText``.
    private func text(ofString node: Int) -> JSONIndexedText {
        JSONIndexedText(bytes: bytes, nodes: UnsafeBufferPointer(start: nodes + node, count: 1))
    }
}
