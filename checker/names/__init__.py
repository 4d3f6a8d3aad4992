"""Names: the one cross-script name key, name mentions in articles, and their variants across a story."""
