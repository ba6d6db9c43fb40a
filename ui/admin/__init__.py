"""The administration area: users and session settings."""
