// Repo module
