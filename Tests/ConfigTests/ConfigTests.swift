// ConfigTests module
