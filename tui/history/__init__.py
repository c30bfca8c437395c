"""History's figures and listing: statistics, filters, paging and reading, free of Textual."""
