"""Components of the pressextract spaCy pipeline, one module each."""
