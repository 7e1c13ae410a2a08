"""The evaluation app's models."""
