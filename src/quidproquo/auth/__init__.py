"""Who may write: accounts, API tokens, sessions (accounts.py), secret hashing (hashing.py),
the audit-log signing key (keys.py) and sign-in rate limits (ratelimit.py)."""
