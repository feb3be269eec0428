"""Generator backends behind one protocol: local Hugging Face, ONNX Runtime, remote OpenAI-compatible."""
