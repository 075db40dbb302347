"""Anonymous counters: what is counted and where it is stored (`store`)."""
