"""Queries of the methods library."""


def methods_used_in_network(network) -> list:
    """The methods the network's activities and trainings used, each with ``name``,
    ``kind_label`` and ``get_absolute_url()`` — the contract the handbook reads; the
    methods branch fills it in a bounded number of queries."""
    return []
