"""Image work: checks, responsive variants, social cards."""
