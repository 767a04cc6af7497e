//! Integration tests, compiled as one binary; one module per theme.

mod support;

mod cli;
mod cli_extract;
mod cli_ner;
mod cli_tools;
mod crawl;
mod decode;
mod directory;
mod export;
mod extract;
mod extract_generic;
mod extract_pages;
mod hostile;
mod ner_dates;
mod ner_orgs;
mod ner_people;
mod ner_places;
mod records;
mod report;
mod warc;
