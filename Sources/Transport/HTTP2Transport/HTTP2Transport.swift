// HTTP2Transport module
