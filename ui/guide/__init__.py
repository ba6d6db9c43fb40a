"""The built-in user guide window and its page index."""
