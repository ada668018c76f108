"""Planning: turning a roadmap and a learner's week into dated sessions and milestones."""
