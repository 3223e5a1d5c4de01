"""Grammars for the things news copy writes in many ways: dates, numbers.

Each grammar is built once, on first use, and run only on spans a cheap scan found.
"""
