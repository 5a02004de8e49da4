"""The village register: households and the people in them, which every other area stands on."""
