//! Reading WARC files (stub: to be implemented).
