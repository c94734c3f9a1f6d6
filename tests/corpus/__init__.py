"""A corpus of tables typed from the five seed reports (see cases.py and build.py)."""
