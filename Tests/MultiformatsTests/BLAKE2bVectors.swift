// Generated once with Python 3.11 hashlib (the BLAKE2 reference implementation), e.g.
//   hashlib.blake2b(bytes(i % 251 for i in range(129)), digest_size=20).hexdigest()
//   hashlib.blake2b(bytes(i % 251 for i in range(129)), digest_size=32, key=bytes(range(64))).hexdigest()
// Committed as data; nothing runs Python at test time.

/// BLAKE2b digests of ``BLAKE2bVectors/input(length:)`` for lengths around the 128-byte block boundary and
/// several digest lengths, unkeyed and keyed.
enum BLAKE2bVectors {
    /// The message hashed for a vector of `length` bytes: byte `i` is `i % 251`.
    static func input(length: Int) -> [UInt8] {
        (0..<length).map { UInt8($0 % 251) }
    }

    /// The key of `length` bytes used by ``keyed``: byte `i` is `i`.
    static func key(length: Int) -> [UInt8] {
        (0..<length).map { UInt8($0) }
    }

    /// (message length, digest length, hex digest), no key.
    static let unkeyed: [(length: Int, digestLength: Int, hex: String)] = [
        (0, 1, "2e"),
        (0, 4, "1271cf25"),
        (0, 20, "3345524abf6bbe1809449224b5972c41790b6cf2"),
        (0, 32, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"),
        (0, 48, "b32811423377f52d7862286ee1a72ee540524380fda1724a6f25d7978c6fd3244a6caf0498812673c5e05ef583825100"),
        (0, 64, "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"),
        (1, 1, "a1"),
        (1, 4, "0ad83173"),
        (1, 20, "082ad992fb76871c33a1b9993a082952feaca5e6"),
        (1, 32, "03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314"),
        (1, 48, "cc01088536f784f0bb769e41c4957b6d0cde1fcc8cf1d91fc477d4dd6e3fbfcd43d1698d146f348b2c36a339682bec3f"),
        (1, 64, "2fa3f686df876995167e7c2e5d74c4c7b6e48f8068fe0e44208344d480f7904c36963e44115fe3eb2a3ac8694c28bcb4f5a0f3276f2e79487d8219057a506e4b"),
        (127, 1, "86"),
        (127, 4, "fb77425d"),
        (127, 20, "535975c8d8c5dd9ed14a9204757b06783dd7b1fb"),
        (127, 32, "f2fe67ff342e21b8f45e8f2e0bcd1d9243245d50ee6c78042e9c491388791c72"),
        (127, 48, "0c046dce7c3ed50a4be7eca79fdeb9d821ebe28f5d82acadac3d7449e6892789313679018034a2ce6b42f006c02f19ee"),
        (127, 64, "b6292669ccd38d5f01caae96ba272c76a879a45743afa0725d83b9ebb26665b731f1848c52f11972b6644f554c064fa90780dbbbf3a89d4fc31f67df3e5857ef"),
        (128, 1, "f4"),
        (128, 4, "b36f9364"),
        (128, 20, "e6992372ab022447b34f6d6032fbab707a11adef"),
        (128, 32, "c3582f71ebb2be66fa5dd750f80baae97554f3b015663c8be377cfcb2488c1d1"),
        (128, 48, "a2c2acf7ce4079c02b7f38e2ef33bff531a31a7c7effe712c5348b4d616c0cba9b152679317984ec632d0c70eb11eece"),
        (128, 64, "2319e3789c47e2daa5fe807f61bec2a1a6537fa03f19ff32e87eecbfd64b7e0e8ccff439ac333b040f19b0c4ddd11a61e24ac1fe0f10a039806c5dcc0da3d115"),
        (129, 1, "c7"),
        (129, 4, "b382d211"),
        (129, 20, "a7bf25f1599102ab631e3052e8303a2c097d1a7e"),
        (129, 32, "f7f3c46ba2564ff4c4c162da1f5b605f9f1c4aa6a20652a9f9a337c1a2f5b9c9"),
        (129, 48, "a95db6e5ccd191793ad20179bfd63e8c7aedf0cc1084549f73127e3fccc738b405ac2a93d692e76214320089121073e5"),
        (129, 64, "f59711d44a031d5f97a9413c065d1e614c417ede998590325f49bad2fd444d3e4418be19aec4e11449ac1a57207898bc57d76a1bcf3566292c20c683a5c4648f"),
        (255, 1, "77"),
        (255, 4, "6e8193d3"),
        (255, 20, "788371d770b5f64dbb065859da7e3352f6d20ea3"),
        (255, 32, "d9ef0fc521b4266d16df662bec231bc2ec3989e7adeaf63169c295dc239dbbea"),
        (255, 48, "d78992d7f0f13606db808f2ab30500703315ed15b6e6e65de461c16008590f5849dca06d9313c3752fac9e1054ddf406"),
        (255, 64, "fe2c02da499516b0e9fb2dd70c49eb3629039f632e20a880946fb7bc97a7ab09deb7d48774d7f0648141c9d9ede19ae6e0dbf07863a128cf4b00195f0f179f74"),
        (256, 1, "59"),
        (256, 4, "1b87e177"),
        (256, 20, "cd885d4187d2a1bee1e536edd1a23a87f993980c"),
        (256, 32, "582f782226018ec33076bd8d1c42413530ac7e1126260ffc0f306ba3befc3f24"),
        (256, 48, "21adb9e49580c4a246a658c1fc866177ea298b2962898c9a1639d57a275eee4f779994f101508b5b9f41646a06654777"),
        (256, 64, "93463ac058b6163eb43be3f5bb32b28541498f4e3366f1effe253ad44e1e076e41c3616046027c82a7124f8f4746668ad10b12e8e25a95ac8f3151df01cd5a93"),
        (1000, 1, "b7"),
        (1000, 4, "1c9d5d67"),
        (1000, 20, "fc9a2426db78846a07219bc181a52bae9a62eacc"),
        (1000, 32, "b372d0608f720c8c3dd41e9c8eecb10143b41abe520b616607e754bf79c08331"),
        (1000, 48, "f0a7a4bb3c3290f432e513caa227ab3bf933c4c8c167193dff1cb10a0b992f042f5679e477f00c551e2cf2bec8101f1e"),
        (1000, 64, "c11e1c0340bd7e5a1b275f1230c962fad215ecb1391486e74e31b960a2f2996381a5fad092da06841d5f26e38f6ecfeaf441acbcd1c2de61aef121e7927175f5"),
    ]

    /// (message length, key length, digest length, hex digest).
    static let keyed: [(length: Int, keyLength: Int, digestLength: Int, hex: String)] = [
        (0, 1, 32, "52897a9c27e9781839168d22a76145b07a8a7f8cd85c1d3709e5b09468405099"),
        (0, 32, 20, "6fc1ea081256429020c89c3df5eac0b2a384d570"),
        (0, 64, 64, "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568"),
        (1, 1, 32, "b83b195358b8160b1682c855fc8d09be3492bca2847ad0d9f0e853d8b5eeee95"),
        (1, 32, 20, "31e3d9d54e72d80b2b3bd76b827a1dfb562f794c"),
        (1, 64, 64, "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd"),
        (127, 1, 32, "3788ac662550cbb99595558814a8f94423a636af77ab0e5021f3e29a7fa4e71c"),
        (127, 32, 20, "421620cc2fb597c0edea40792613131ec196c4ad"),
        (127, 64, 64, "76d2d819c92bce55fa8e092ab1bf9b9eab237a25267986cacf2b8ee14d214d730dc9a5aa2d7b596e86a1fd8fa0804c77402d2fcd45083688b218b1cdfa0dcbcb"),
        (128, 1, 32, "8ee3418ab42134c22949bd52cf8106e11a0895c0963fd4777f763a031c17118e"),
        (128, 32, 20, "c18a7f04599d0686a1e1b3fadc3c7f9adf907031"),
        (128, 64, 64, "72065ee4dd91c2d8509fa1fc28a37c7fc9fa7d5b3f8ad3d0d7a25626b57b1b44788d4caf806290425f9890a3a2a35a905ab4b37acfd0da6e4517b2525c9651e4"),
        (129, 1, 32, "a6128c5d696f06f894c0c1578a9a8ef1e4605ffcecd76a93ac2b2b1fc2563388"),
        (129, 32, 20, "71a67381f752662efdf7e174e5561f032369612f"),
        (129, 64, 64, "64475dfe7600d7171bea0b394e27c9b00d8e74dd1e416a79473682ad3dfdbb706631558055cfc8a40e07bd015a4540dcdea15883cbbf31412df1de1cd4152b91"),
        (255, 1, 32, "0d7e0c2cef7d1bbc9bd7fd04aa543ac04db4df833224f418df18147aa6b0638e"),
        (255, 32, 20, "45dfa512f02990ffcf95617b15f3f4f3cf8bc273"),
        (255, 64, 64, "8e1e2c579262b7c01966c3133c2bb704a165be2308ff8925a2f070dec7275740fa9fe004ee25c8e1a3dd57317065ee744f0821c4e911eee8e484e770f21dd958"),
        (256, 1, 32, "f0d1aa68539b15f737d46a01371cef796e5be0b18a307ecafe280df2284a6a03"),
        (256, 32, 20, "b2bf2c99b4b01562d6b6f5d96e146af81009f146"),
        (256, 64, 64, "38efcfc158f8057f5365285db9184c77ddf4d53090fd89ef261815370fd994a1b23b3e3336d7ff97823271e7e50042576ce14feadab1e8357346ffa335a3e97e"),
        (1000, 1, 32, "99754e85e163840f2952909351986ef421bb1ee8b75a9d59d7d265c183e15e1c"),
        (1000, 32, 20, "ba957d88ac58c6a3e4f8a442029efde41b464ada"),
        (1000, 64, 64, "715377e0611515b904d259ce52fc8e5d2c50468b1680b2984786b6949cc571f453d28cfb6969cb523ec84e06bf2a4465f3f37511db7792228d038942935750c1"),
    ]
}
