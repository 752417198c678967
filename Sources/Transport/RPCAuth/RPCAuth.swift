// RPCAuth module
