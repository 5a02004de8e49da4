"""Accounts: who works with the program, in which role, and how they log in (issue 17).

``roles`` says who may do what; ``accounts`` adds, disables and resets them; ``session`` logs in,
checks a second signature and recovers a lost password with the recovery key; ``setup`` makes the
first account, which encrypts the database (docs/SECURITY.md "Roles and permissions").
"""
