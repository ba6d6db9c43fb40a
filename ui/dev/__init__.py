"""Developer tools that drive the real widgets headless: the screen tour, screenshots, the layout audit's runs."""
