// mesh-bench: what a call costs on each path of the mesh (direct actor call, in-process JSON-RPC,
// HTTP/2 on one connection) and how the JSON-RPC server compares with static-reply HTTP/2 servers.
await MeshBench.main()
