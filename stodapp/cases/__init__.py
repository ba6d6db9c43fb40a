"""Cases (ärenden), persons in them, and who is assigned to them."""
