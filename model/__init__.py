"""The audit domain in pure Python: schema, Report, rules, messages. No Qt here."""

__version__ = "0.1.0"
