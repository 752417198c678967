import Multiformats
import PieceCommitment
import Testing

/// The vectors of formats-and-peers.md §1.5–1.7 (go-commp-utils zerocomm, go-fil-commp-hashhash testdata,
/// go-fil-commcid and FRC-0069).
@Suite struct ReferenceVectorTests {
    static let zeroRoots = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b",
        "3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333",
        "642a607ef886b004bf2c1978463ae1d4693ac0f410eb2d1b7a47fe205e5e750f",
        "57a2381a28652bf47f6bef7aca679be4aede5871ab5cf3eb2c08114488cb8526",
        "1f7ac9595510e09ea41c460b176430bb322cd6fb412ec57cb17d989a4310372f",
        "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833",
        "08c47b38ee13bc43f41b915c0eed9911a26086b3ed62401bf9d58b8d19dff624",
        "b2e47bfb11facd941f62af5c750f3ea5cc4df517d5c4f16db2b4d77baec1a32f",
        "f9226160c8f927bfdcc418cdf203493146008eaefb7d02194d5e548189005108",
        "2c1a964bb90b59ebfe0f6da29ad65ae3e417724a8f7c11745a40cac1e5e74011",
        "fee378cef16404b199ede0b13e11b624ff9d784fbbed878d83297e795e024f02",
        "8e9e2403fa884cf6237f60df25f83ee40dca9ed879eb6f6352d15084f5ad0d3f",
        "752d9693fa167524395476e317a98580f00947afb7a30540d625a9291cc12a07",
        "7022f60f7ef6adfa17117a52619e30cea82c68075adf1c667786ec506eef2d19",
        "d99887b973573a96e11393645236c17b1f4c7034d723c7a99f709bb4da61162b",
        "d0b530dbb0b4f25c5d2f2a28dfee808b53412a02931f18c499f5a254086b1326",
        "84c0421ba0685a01bf795a2344064fe424bd52a9d24377b394ff4c4b4568e811",
        "65f29e5d98d246c38b388cfc06db1f6b021303c5a289000bdce832a9c3ec421c",
        "a2247508285850965b7e334b3127b0c042b1d046dc54402137627cd8799ce13a",
        "dafdab6da9364453c26d33726b9fefe343be8f81649ec009aad3faff50617508",
        "d941d5e0d6314a995c33ffbd4fbe69118d73d4e5fd2cd31f0f7c86ebdd14e706",
        "514c435c3d04d349a5365fbd59ffc713629111785991c1a3c53af22079741a2f",
        "ad06853969d37d34ff08e09f56930a4ad19a89def60cbfee7e1d3381c1e71c37",
        "39560e7b13a93b07a243fd2720ffa7cb3e1d2e505ab3629e79f46313512cda06",
        "ccc3c012f5b05e811a2bbfdd0f6833b84275b47bf229c0052a82484f3c1a5b3d",
        "7df29b69773199e8f2b40b77919d048509eed768e2c7297b1f1437034fc3c62c",
        "66ce05a3667552cf45c02bcc4e8392919bdeac35de2ff56271848e9f7b675107",
        "d8610218425ab5e95b1ca6239d29a2e420d706a96f373e2f9c9a91d759d19b01",
        "6d364b1ef846441a5a4a68862314acc0a46f016717e53443e839eedf83c2853c",
        "077e5fde35c50a9303a55009e3498a4ebedff39c42b710b730d8ec7ac7afa63e",
        "e64005a6bfe3777953b8ad6ef93f0fca1049b2041654f2a411f7702799cece02",
    ]

    @Test func zeroPieceCommitmentsTable() {
        for (level, expected) in Self.zeroRoots.enumerated() {
            #expect(ZeroCommitments.root(level: level).description == expected, "level \(level)")
        }
        let zeroCIDs: [(UInt64, String)] = [
            (128, "baga6ea4seaqdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy"),
            (2048, "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy"),
            (8 << 20, "baga6ea4seaqgl4u6lwmnerwdrm4iz7ag3mpwwaqtapc2fciabpooqmvjypweeha"),
            (512 << 20, "baga6ea4seaqdsvqopmj2soyhujb72jza76t4wpq5fzifvm3ctz47iyytkewnubq"),
            (32 << 30, "baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq"),
            (64 << 30, "baga6ea4seaqomqafu276g53zko4k23xzh4h4uecjwicbmvhsuqi7o4bhthhm4aq"),
        ]
        for (size, cid) in zeroCIDs {
            let padded = try? PaddedPieceSize(validating: size)
            #expect(padded.map { PieceCID.v1(ZeroCommitments.piece($0)).description } == cid, "\(size)")
        }
    }

    /// hashhash testdata/0xCC.txt: n bytes of 0xCC → padded size, CID, raw commP.
    @Test(arguments: [
        (96, 128, "baga6ea4seaqhwcjhi4krhl3ht6dewnwevkpxbepxy7p7onwgz65t52typbsysby", "7b0927471513af679f864b36c4aa9f7091f7c7dff736c6cfbb3eea7878658907"),
        (126, 128, "baga6ea4seaqapbh46gdnszvb7fcinevsy5bzg3b4higkh7groptswf6zas6jamy", "0784fcf186d966a1f9448692b2c743936c3c3a0ca3fcd173e72b17d904bc9033"),
        (127, 128, "baga6ea4seaqmfldjtozgne6adk7eve2vdxte7vzlivae7nzsbrawobo546zkijq", "c2ac699bb26693c01abe4a93551de64fd72b45404fb7320c416705dde7b2a426"),
        (192, 256, "baga6ea4seaqkx7m2s6r4zahtlbwrs5ryvemkclwfp7nijopdd5swpdnxzjf7wkq", "abfd9a97a3cc80f3586d197638a918a12ec57fda84b9e31f65678db7ca4bfb2a"),
        (253, 256, "baga6ea4seaql6ldbyafhiecr36xba5tufreyo4km2ts3lfknhl2zogp3aztxijy", "bf2c61c00a741051dfae1076742c4987714cd4e5b5954d3af59719fb06677427"),
        (254, 256, "baga6ea4seaqkixbzz75uys2pcjbrbdilgjhmum72qm4xphrwav2iyel5oat4aka", "a45c39cffb4c4b4f1243108d0b324eca33fa8339779e3605748c117d7027c028"),
        (255, 512, "baga6ea4seaqg7celu5y2iwbi2ra5koygvotxtzr5lj6vzvxi6gfub6mpa6niwpi", "6f888ba771a45828d441d53b06aba779e63d5a7d5cd6e8f18b40f98f079a8b3d"),
        (256, 512, "baga6ea4seaqi7c3dnwkqysqh4lpkz5jaxz2d2f5bvo3ttu2hnfmdewhcoji56na", "8f8b636d950c4a07e2deacf520be743d17a1abb739d34769583258e27251df34"),
        (507, 512, "baga6ea4seaqenvh5mcy5cjqwsbubbpczprkk2onwvfjd2743zkqh6ofuzkatwey", "46d4fd60b1d12616906810bc597c54ad39b6a9523d7f9bcaa07f38b4ca813b13"),
        (508, 512, "baga6ea4seaqb6ckbupixkhwp7thgb52f4en222boppajkqk7gaomkpof3lh4cei", "1f0941a3d1751ecffcce60f745e11bad682e7bc095415f301cc53dc5dacfc111"),
        (509, 1024, "baga6ea4seaqdzbeaexq6gpbqh2tlnbz5mm5neap2kejsketkogzd6x2dx7dzkii", "3c848025e1e33c303ea6b6873d633ad201fa511325126a71b23f5f43bfc79521"),
        (1016, 1024, "baga6ea4seaqjxgfdkdu37aryhg7bqqiwizj5f6ugasftgeocabwnj4cxkgisaoq", "9b98a350e9bf823839be1841164653d2fa86048b3311c2006cd4f0575191203a"),
        (1017, 2048, "baga6ea4seaqf3n5ob5qonkwnxfcbjzftsagbnrjfzualqvzhcylz46b7sgz6wmi", "5db7ae0f60e6aacdb94414e4b3900c16c525cd00b8572716179e783f91b3eb31"),
        (1024, 2048, "baga6ea4seaqdlpnhgsndrgjeu4p46hahlsr4lybg6du4d56ooppdpxhcofxeuoi", "35bda7349a389924a71fcf1c075ca3c5e026f0e9c1f7ce73de37dce2716e4a39"),
    ])
    func bytesOf0xCC(length: Int, padded: UInt64, cid: String, commP: String) throws {
        let digest = try PieceDigest.of([UInt8](repeating: 0xCC, count: length))
        #expect(digest.paddedSize.rawValue == padded)
        #expect(digest.cid.description == cid)
        #expect(digest.commitment.description == commP)
        #expect(digest.payloadSize == UInt64(length))
    }

    /// hashhash testdata/zero.txt: n zero bytes.
    @Test func zeroBytes() throws {
        let rows: [([Int], UInt64, String)] = [
            ([96, 126, 127], 128, "baga6ea4seaqdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy"),
            ([192, 253, 254], 256, "baga6ea4seaqgiktap34inmaex4wbs6cghlq5i2j2yd2bb2zndn5ep7ralzphkdy"),
            ([255, 256, 384, 507, 508], 512, "baga6ea4seaqfpirydiugkk7up5v666wkm6n6jlw6lby2wxht5mwaqekerdfykjq"),
            ([509, 512, 1016], 1024, "baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly"),
            ([1017, 1024], 2048, "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy"),
        ]
        for (lengths, padded, cid) in rows {
            for length in lengths {
                let digest = try PieceDigest.of([UInt8](repeating: 0, count: length))
                #expect(digest.paddedSize.rawValue == padded, "\(length)")
                #expect(digest.cid.description == cid, "\(length)")
            }
        }
    }

    @Test func goCommpUtilsZeroPadding() throws {
        let text = Array("i am the biggest cat, what do you think about that".utf8)
        let digest = try PieceDigest.of(text + [UInt8](repeating: 0, count: 127 - text.count))
        #expect(digest.cid.description == "baga6ea4seaqozp3abki6vgdf7ztbipcycmxfyt2o64cpuyvdkczsjxsg7bqmioi")
        #expect(digest.commitment.description == "ecbf600a91ea9865fe66143c58132e5c4f4ef704fa62a350b324de46f860c439")
    }

    static let quarters: [UInt8] = (0..<4).flatMap { [UInt8](repeating: UInt8($0), count: 127) }

    @Test func commcidAndFRC0069() throws {
        let base = try PieceDigest.of(Self.quarters)
        #expect(base.cid.description == "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi")
        #expect(base.cidV2.description == "bafkzcibcaaces3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi")
        #expect("f" + Hex.encode(base.cidV2.bytes) == "f01559120220004496dae0cc9e265efe5a006e80626a5dc5c409e5d3155c13984caf6c8d5cfd605")

        let doubled = try PieceDigest.of(Self.quarters + [UInt8](repeating: 0, count: 508))
        #expect(doubled.cid.description == "baga6ea4seaqn42av3szurbbscwuu3zjssvfwbpsvbjf6y3tukvlgl2nf5rha6pa")
        #expect(doubled.cidV2.description == "bafkzcibcaac542av3szurbbscwuu3zjssvfwbpsvbjf6y3tukvlgl2nf5rha6pa")

        let plus4 = try PieceDigest.of(Self.quarters + [0, 0, 0, 0])
        #expect(plus4.cid == doubled.cid)
        #expect(plus4.cidV2.description == "bafkzcibd7abqlxticxolgseegik2stpfgkkuwyf6kufex3doorkvmzpjuxwe4dz4")
        let plus5 = try PieceDigest.of(Self.quarters + [0, 0, 0, 0, 0])
        #expect(plus5.cidV2.description == "bafkzcibd64bqlxticxolgseegik2stpfgkkuwyf6kufex3doorkvmzpjuxwe4dz4")

        #expect(try PieceDigest.of([UInt8]()).cidV2.description == "bafkzcibcp4bdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy")
        #expect(try PieceDigest.of([UInt8](repeating: 0, count: 127)).cidV2.description
            == "bafkzcibcaabdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy")
        #expect(try PieceDigest.of([UInt8](repeating: 0, count: 128)).cidV2.description
            == "bafkzcibcpybwiktap34inmaex4wbs6cghlq5i2j2yd2bb2zndn5ep7ralzphkdy")

        for (size, v2) in [
            (UInt64(32) << 30, "bafkzcibcaapao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq"),
            (UInt64(64) << 30, "bafkzcibcaap6mqafu276g53zko4k23xzh4h4uecjwicbmvhsuqi7o4bhthhm4aq"),
        ] {
            let padded = try PaddedPieceSize(validating: size)
            let cid = try PieceCID.v2(ZeroCommitments.piece(padded), paddedSize: padded, payloadSize: padded.unpadded.rawValue)
            #expect(cid.description == v2)
        }
    }
}
