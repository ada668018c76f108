"""The learner's changes as operations on the store: one transaction each, saying what changed."""
