"""The first start: the village profile and the first account, which encrypts the database (issue 17)."""
