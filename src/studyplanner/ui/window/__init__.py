"""The main window: its pages, its plan, and its menus built from one action table."""
