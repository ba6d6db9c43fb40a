"""Benchmarks printed as figures and ratios measured in one run (`stodapp bench …`)."""
