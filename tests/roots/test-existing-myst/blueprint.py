"""Blueprints: plans of a build."""


def draft(name: str) -> "Plan":
    """Start a plan called *name*."""
    return Plan(name)


class Plan:
    """A plan of a build."""

    def __init__(self, name: str) -> None:
        self.name = name

    def approve(self) -> None:
        """Mark the plan approved."""
