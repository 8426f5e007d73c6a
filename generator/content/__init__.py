"""Read and validate every record in content/ (load.load_content).

This package's own module is empty, so that a module of it (the control
characters, the file names) is imported without the rest: the Markdown
workers start on what they use alone."""
