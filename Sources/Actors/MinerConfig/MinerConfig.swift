// MinerConfig module
