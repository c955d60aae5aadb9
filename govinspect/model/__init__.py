"""Shared data types: the contract between stages. Imports nothing else from govinspect."""
