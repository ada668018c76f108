"""The main window's parts, one per subject: plans, cards, milestones, backups, export."""
