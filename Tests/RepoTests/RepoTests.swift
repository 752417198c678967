// RepoTests module
