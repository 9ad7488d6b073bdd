//! Boilerplate removal: HTML page or scraped plain text -> main text + metadata.
