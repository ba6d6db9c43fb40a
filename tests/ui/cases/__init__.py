"""UI tests for the cases area."""
