// APICoreTests module
