"""Read and validate every record in content/: one module per record kind.

`load.load_content` reads the whole tree in one pass and collects every
problem; it never stops at the first one. This package's own module is empty,
so that a module of it (the control characters, the file names) is imported
without the rest: the Markdown workers start on what they use alone.
"""
