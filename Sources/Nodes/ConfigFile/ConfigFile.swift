// ConfigFile module
