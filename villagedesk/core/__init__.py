"""The domain: pure Python, no Qt. Validation lives here."""
