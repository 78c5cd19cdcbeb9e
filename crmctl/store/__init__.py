"""The store: the one interface to the archive for actions (records, transactions, journals,
locks, the team and config files, git and merges), with the query index behind it."""
