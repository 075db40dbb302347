"""Free-text search over the catalogue: the query side (`index.SearchIndex`) and the word index it reads (`word_index`)."""
