// CLISupport module
