//! Writing WARC files (stub: to be implemented).
