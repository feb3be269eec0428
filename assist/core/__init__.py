"""Plain data types and pure text helpers shared by every layer."""
