// NodeRuntime module
