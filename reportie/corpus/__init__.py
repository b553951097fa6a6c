"""The gold corpus: records, validation, loading and conversion for training."""
