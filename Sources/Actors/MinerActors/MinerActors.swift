// MinerActors module
