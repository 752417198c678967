import APICore
import JSONRPC
import Logging
import NIOCore
import NIOWebSocket

/// Serves JSON-RPC over one upgraded websocket, as go-jsonrpc's websocket mode: each text (or binary)
/// message goes to an ``JSONRPC/RPCSession``; its answers and channel notifications go out as text
/// frames. Pings are answered; a close frame (or a dropped connection) closes the session, cancelling
/// its calls and channels.
struct WebSocketConnection: Sendable {
    let channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>
    let permissions: Set<Permission>
    let rpc: RPCServer
    let logger: Logger

    func run() async {
        do {
            try await channel.executeThenClose { inbound, outbound in
                let session = RPCSession(server: rpc, permissions: permissions) { bytes in
                    let frame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: bytes))
                    try? await outbound.write(frame)
                }
                do {
                    for try await frame in inbound {
                        switch frame.opcode {
                        case .text, .binary:
                            await session.receive(Array(frame.unmaskedData.readableBytesView))
                        case .ping:
                            try await outbound.write(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData))
                        case .pong:
                            break
                        case .connectionClose:
                            var data = frame.unmaskedData
                            let code = data.readSlice(length: 2) ?? ByteBuffer()
                            try await outbound.write(WebSocketFrame(fin: true, opcode: .connectionClose, data: code))
                            await session.close()
                            return
                        default:
                            var data = ByteBuffer()
                            data.writeInteger(UInt16(1002))
                            try await outbound.write(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))
                            await session.close()
                            return
                        }
                    }
                } catch {
                    logger.debug("websocket ended", metadata: ["error": "\(error)"])
                }
                await session.close()
            }
        } catch {
            logger.debug("websocket connection failed", metadata: ["error": "\(error)"])
        }
    }
}
