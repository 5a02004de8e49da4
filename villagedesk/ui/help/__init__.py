"""Help inside the program: the short manual (F1) and the guided first hour."""
