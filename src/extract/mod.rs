//! HTML -> [`Article`]. (stub: to be implemented)

use crate::error::PageError;
use crate::model::Article;

/// Site profiles: the built-in ones plus any loaded with `--profiles`.
#[derive(Debug, Clone, Default)]
pub struct Profiles {}

impl Profiles {
    /// The built-in profiles.
    pub fn builtin() -> Profiles {
        Profiles {}
    }
}

/// Extracts the article of one decoded page.
pub fn extract(html: &str, url: Option<&str>, profiles: &Profiles) -> Result<Article, PageError> {
    let _ = (html, url, profiles);
    Err(PageError::NoArticle("extractor not implemented".into()))
}
