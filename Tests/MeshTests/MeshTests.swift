// MeshTests module
