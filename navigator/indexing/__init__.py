"""Speed internals shared by search and matching: each programme's shape read once into arrays (`programme_table`),
numpy grouping helpers (`numpy_tools`), and the garbage collector paused while an index is built (`gc_pause`)."""
