"""The pure domain of lumba: assessment, rules, advice, plan. No IO, no web framework."""
