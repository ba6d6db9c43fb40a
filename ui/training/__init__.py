"""Training mode (Övning): a trainer's sessions on fictional vignettes in the separate training store."""
