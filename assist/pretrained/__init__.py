"""Pretrained bases: bring a GGUF file or a local Hugging Face directory in as an ordinary HF model."""
