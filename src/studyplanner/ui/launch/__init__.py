"""Starting the app: opening the data, one instance per folder, and the self-test."""
