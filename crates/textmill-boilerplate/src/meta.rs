//! Page metadata from HTML: JSON-LD first (the most deliberate source), then OpenGraph and other
//! meta tags, then the visible page (`<time>`, `<h1>`, `<title>`).

use html5ever::local_name;
use serde_json::Value;
use textmill_core::Metadata;

use crate::dates::parse_date;
use crate::dom::{Dom, Step};

/// Everything the head and structured data say about the page.
pub fn extract(dom: &Dom) -> Metadata {
    let mut found = Found::default();
    dom.walk(0, |id, step| {
        if step == Step::Leave {
            return true;
        }
        let node = &dom.nodes[id];
        let Some(tag) = node.tag() else { return true };
        match *tag {
            local_name!("html") => found
                .lang
                .push(node.attr("lang").unwrap_or_default().to_owned()),
            local_name!("title") if found.title_tag.is_none() => {
                found.title_tag = Some(dom.text(id))
            }
            local_name!("h1") if found.h1.is_none() => found.h1 = Some(dom.text(id)),
            local_name!("meta") => found.meta(
                node.attr("property")
                    .or(node.attr("name"))
                    .or(node.attr("itemprop")),
                node.attr("content"),
            ),
            local_name!("link")
                if node
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                found.canonical = node.attr("href").map(str::to_owned);
            }
            local_name!("time") if found.time.is_none() => {
                found.time = node
                    .attr("datetime")
                    .and_then(parse_date)
                    .or_else(|| parse_date(&dom.text(id)));
            }
            local_name!("script") => {
                if node
                    .attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
                {
                    found.json_ld(&dom.raw_text(id));
                }
                return false;
            }
            local_name!("style") => return false,
            _ => {}
        }
        true
    });
    found.into_metadata()
}

#[derive(Default)]
struct Found {
    lang: Vec<String>,
    title_tag: Option<String>,
    h1: Option<String>,
    canonical: Option<String>,
    time: Option<String>,
    /// (key, value) of meta tags, lower-cased keys.
    meta: Vec<(String, String)>,
    ld: Metadata,
}

impl Found {
    fn meta(&mut self, key: Option<&str>, content: Option<&str>) {
        if let (Some(key), Some(content)) = (key, content) {
            let content = content.split_whitespace().collect::<Vec<_>>().join(" ");
            if !content.is_empty() {
                self.meta.push((key.to_ascii_lowercase(), content));
            }
        }
    }

    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.meta
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        })
    }

    fn json_ld(&mut self, source: &str) {
        let Ok(value) = serde_json::from_str::<Value>(source.trim()) else {
            return;
        };
        let mut items = Vec::new();
        collect_items(&value, &mut items, 0);
        for item in items {
            let is_article = item.get("@type").is_some_and(|t| {
                types(t).any(|t| t.contains("Article") || t == "BlogPosting" || t == "Report")
            });
            if !is_article {
                continue;
            }
            let ld = &mut self.ld;
            if ld.title.is_none() {
                ld.title = string(item.get("headline")).or_else(|| string(item.get("name")));
            }
            if ld.dek.is_none() {
                ld.dek = string(item.get("alternativeHeadline"));
            }
            if ld.date.is_none() {
                ld.date = string(item.get("datePublished"))
                    .as_deref()
                    .and_then(parse_date);
            }
            if ld.authors.is_empty() {
                ld.authors = people(item.get("author"));
            }
            if ld.site.is_none() {
                ld.site = item.get("publisher").and_then(|p| string(p.get("name")));
            }
            if ld.url.is_none() {
                ld.url = string(item.get("url")).or_else(|| {
                    item.get("mainEntityOfPage")
                        .and_then(|m| string(m.get("@id")).or_else(|| string(Some(m))))
                });
            }
            if ld.language.is_none() {
                ld.language = string(item.get("inLanguage"));
            }
        }
    }

    fn into_metadata(self) -> Metadata {
        let title = self
            .ld
            .title
            .clone()
            .or_else(|| self.get(&["og:title", "twitter:title", "headline", "dc.title"]))
            .or_else(|| self.h1.clone().filter(|h| !h.is_empty()))
            .or_else(|| self.title_tag.as_deref().map(strip_site_suffix));
        let date = self.ld.date.clone().or_else(|| {
            self.get(&[
                "article:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publish-date",
                "publishdate",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "parsely-pub-date",
                "sailthru.date",
                "og:published_time",
                "article.published",
                "cxenseparse:recs:publishtime",
            ])
            .as_deref()
            .and_then(parse_date)
            .or(self.time.clone())
        });
        let mut authors = self.ld.authors.clone();
        if authors.is_empty() {
            authors = self
                .get(&[
                    "author",
                    "article:author",
                    "byl",
                    "parsely-author",
                    "dc.creator",
                    "sailthru.author",
                ])
                .filter(|a| !a.starts_with("http"))
                .map(|a| split_names(a.trim_start_matches("By ").trim_start_matches("by ")))
                .unwrap_or_default();
        }
        let language = self
            .ld
            .language
            .clone()
            .or_else(|| self.lang.iter().find(|l| !l.is_empty()).cloned())
            .or_else(|| self.get(&["og:locale", "content-language", "language", "dc.language"]))
            .map(|l| {
                l.split(['-', '_'])
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase()
            })
            .filter(|l| l.len() == 2 || l.len() == 3);
        Metadata {
            title: title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
            dek: self
                .ld
                .dek
                .clone()
                .or_else(|| self.get(&["og:description", "description", "twitter:description"])),
            authors,
            date,
            site: self
                .ld
                .site
                .clone()
                .or_else(|| self.get(&["og:site_name", "application-name", "publisher"])),
            language,
            url: self
                .canonical
                .clone()
                .or_else(|| self.get(&["og:url", "twitter:url"]))
                .or(self.ld.url.clone()),
        }
    }
}

/// JSON-LD items, including those inside `@graph` and arrays (bounded depth: the input is untrusted).
fn collect_items<'a>(value: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect_items(v, out, depth + 1)),
        Value::Object(map) => {
            out.push(value);
            if let Some(graph) = map.get("@graph") {
                collect_items(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn types(t: &Value) -> impl Iterator<Item = &str> {
    let list: Vec<&str> = match t {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    list.into_iter()
}

fn string(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.clone(),
        Value::Array(a) => return string(a.first()),
        _ => return None,
    };
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

fn people(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(list)) => list.iter().flat_map(|p| people(Some(p))).collect(),
        Some(Value::Object(p)) => string(p.get("name")).into_iter().collect(),
        Some(Value::String(s)) if !s.starts_with("http") => split_names(s),
        _ => vec![],
    }
}

/// "Jane Doe and John Roe", "Jane Doe, John Roe" -> two names.
pub fn split_names(s: &str) -> Vec<String> {
    s.split([',', '&', ';'])
        .flat_map(|part| part.split(" and "))
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty() && n.split_whitespace().count() <= 5)
        .collect()
}

/// "Headline | Site" or "Headline - Site" -> "Headline".
pub(crate) fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(i) = title.rfind(sep)
            && i > 0
        {
            return title[..i].trim().to_owned();
        }
    }
    title.trim().to_owned()
}

/// Whether `text` is the page's headline (same words, ignoring case and punctuation).
pub fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_beats_meta_tags() {
        let html = r#"<html lang="en-GB"><head><title>Headline here | Site</title>
            <meta property="og:title" content="OG headline">
            <meta property="article:published_time" content="2020-01-02T03:04:05Z">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",
            "headline":"LD headline","author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}],
            "publisher":{"name":"The Paper"}}]}</script></head><body><h1>Visible</h1></body></html>"#;
        let meta = extract(&Dom::parse(html));
        assert_eq!(meta.title.as_deref(), Some("LD headline"));
        assert_eq!(meta.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(meta.date.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(meta.site.as_deref(), Some("The Paper"));
        assert_eq!(meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn title_tag_loses_its_site_suffix() {
        let meta = extract(&Dom::parse("<title>Big news - Daily</title><p>x"));
        assert_eq!(meta.title.as_deref(), Some("Big news"));
    }
}
