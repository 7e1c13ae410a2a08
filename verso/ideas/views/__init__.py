"""The ideas pages: the public call page and follow link (public.py), the network's idea
bank (bank.py) and its idea calls (calls.py)."""
