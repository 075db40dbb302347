"""The person: the answers of the guided flow, the profile they make, and where the person lives (postal codes, towns)."""
