// MinerNode module
