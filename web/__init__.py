"""Templates and static files of the web app (installed as recsearch.webfiles)."""
