"""Qari (قارئ): an offline reader for Arabic news that finds people, places and organizations."""

__version__ = "0.1.0"
