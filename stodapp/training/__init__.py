"""Training mode: fictional case descriptions (vignettes), agreement statistics, trainer reports."""
