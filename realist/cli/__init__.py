"""Thin commands: parse arguments, call one API function, print, map errors to exit codes."""
