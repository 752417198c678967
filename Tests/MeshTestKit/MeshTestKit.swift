// MeshTestKit module
