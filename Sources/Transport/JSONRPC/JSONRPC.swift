// JSONRPC module
