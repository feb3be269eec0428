"""Fixtures for the training-script tests (the tiny random BERT is the learning tests' one)."""

from tests.learning.conftest import tiny_backbone  # noqa: F401
