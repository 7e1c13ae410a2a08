"""The embedding app's models."""
