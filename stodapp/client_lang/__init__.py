"""Texts meant for the client (handout, her copy of the safety plan, interpreter sheet) in her own language."""
