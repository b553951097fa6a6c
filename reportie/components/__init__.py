"""Rule components (registered spaCy factories): the baseline, features and fallbacks."""
