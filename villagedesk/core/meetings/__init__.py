"""Meetings (屋场会 and the village's other meetings): minutes, votes and 四议两公开 matters."""
