//! Page metadata from HTML: JSON-LD first (the most deliberate source), then OpenGraph and other
//! meta tags, then the visible page (`<time>`, `<h1>`, `<title>`).

use std::sync::LazyLock;

use html5ever::local_name;
use serde_json::Value;
use textmill_core::Metadata;

use super::dom::{Dom, Step};
use crate::dates::{date_in_url, parse_date};
use crate::names::{same_words, split_names, strip_site_suffix};

/// What the head, structured data and named elements say about the page.
pub(crate) fn extract(dom: &Dom) -> Metadata {
    let mut found = Found::default();
    let element_words: Vec<[bool; 3]> = dom.class_names.iter().map(|w| element_words(w)).collect();
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
                found.title_tag = Some(dom.text(id));
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
            local_name!("a")
                if found.rel_author.is_none()
                    && node.attr("rel").is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("author"))
                    }) =>
            {
                // A rel=author link names its author, user names ("gizzmo") included.
                found.rel_author = dom
                    .short_text(id, 120)
                    .filter(|t| looks_like_name(t) || (!t.contains(' ') && !is_placeholder(t)));
            }
            _ if found.itemprop_date.is_none() && marks_published_date(node) => {
                found.itemprop_date = date_of_element(dom, id);
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
            _ if found.visible_date.is_none() || found.byline.is_none() => {
                let [dated, modified, byline] = element_words[dom.class_of[id] as usize];
                let dated = dated || *tag == local_name!("time");
                if found.visible_date.is_none() && dated && !modified {
                    found.visible_date = date_of_element(dom, id);
                }
                // WordPress themes mark the published date "date updated" (hAtom).
                if found.dated_updated.is_none() && dated && modified {
                    found.dated_updated = date_of_element(dom, id);
                }
                if found.byline.is_none() && byline {
                    found.byline = byline_of_element(dom, id);
                }
            }
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
    /// The first `<time>` or date-named element (not an "updated" one), an element marked
    /// `itemprop="datePublished"` (or RDFa's `property="schema:datePublished"`), and the first
    /// element named both a date and "updated".
    visible_date: Option<String>,
    itemprop_date: Option<String>,
    dated_updated: Option<String>,
    /// Names from a `rel="author"` link and from a byline-named element.
    rel_author: Option<String>,
    byline: Option<Vec<String>>,
    /// (key, value) of meta tags, lower-cased keys.
    meta: Vec<(String, String)>,
    ld: Metadata,
    /// The page's JSON-LD blocks, parsed.
    ld_values: Vec<Value>,
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

    /// Keeps a JSON-LD block; all blocks are read together at the end, so that an `@id` in one
    /// resolves to an item of another. Raw line breaks and tabs inside strings (invalid JSON,
    /// common in CMS output) are read as spaces.
    fn json_ld(&mut self, source: &str) {
        let source = source.trim();
        let value = serde_json::from_str::<Value>(source)
            .or_else(|_| serde_json::from_str::<Value>(&source.replace(['\n', '\r', '\t'], " ")));
        if let Ok(value) = value {
            self.ld_values.push(value);
        }
    }

    /// Fills `ld` from the JSON-LD blocks' article items. (Taking the author of any other
    /// creative work, a WebPage or a Recipe, when no article names one lost on one half of
    /// trafilatura's set.)
    fn read_json_ld(&mut self) {
        let mut items = Vec::new();
        for value in &self.ld_values {
            collect_items(value, &mut items, 0);
        }
        // Items by their @id, so that an author given as {"@id": ...} (Yoast's @graph) resolves.
        let by_id = |id: &str| {
            items
                .iter()
                .find(|i| {
                    i.get("@id").and_then(Value::as_str) == Some(id) && i.get("name").is_some()
                })
                .copied()
        };
        let ld = &mut self.ld;
        for &item in &items {
            let is_article = item.get("@type").is_some_and(|t| {
                types(t).any(|t| t.contains("Article") || t == "BlogPosting" || t == "Report")
            });
            if !is_article {
                continue;
            }
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
                ld.authors = people(item.get("author"), &by_id);
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

    fn into_metadata(mut self) -> Metadata {
        self.read_json_ld();
        let url = self
            .canonical
            .clone()
            .or_else(|| self.get(&["og:url", "twitter:url"]))
            .or(self.ld.url.clone());
        let site = self
            .ld
            .site
            .clone()
            .or_else(|| self.get(&["og:site_name", "application-name", "publisher"]));
        // What names the site: its name and its host ("abenteuer-astronomie.de"), so that
        // "Plejaden, M45 - Abenteuer Astronomie" loses its site part wherever the title came from.
        let host = url.as_deref().and_then(host_of);
        let site_names: Vec<&str> = site.iter().map(String::as_str).chain(host).collect();
        let h1 = self.h1.as_deref().filter(|h| !h.is_empty());
        let title = self
            .ld
            .title
            .clone()
            .or_else(|| self.get(&["og:title", "twitter:title", "headline", "dc.title"]))
            .map(|t| without_site(&t, &site_names, h1))
            .or_else(|| h1.map(str::to_owned))
            .or_else(|| {
                self.title_tag.as_deref().map(|t| {
                    let stripped = without_site(t, &site_names, h1);
                    if stripped == t.trim() {
                        strip_site_suffix(t)
                    } else {
                        stripped
                    }
                })
            });
        // The published date: the one most sources give, a tie going to the earlier source
        // (taking the first source alone, JSON-LD before meta tags, was right on 6 fewer of the
        // 851 dated pages of trafilatura's set: 6 fewer on one half, as many on the other); an
        // element named "date updated" only when no source gives one (3 more right, 2 + 1).
        let sources = [
            self.published_meta(),
            self.ld.date.clone(),
            self.itemprop_date.clone(),
            url.as_deref().and_then(date_in_url),
            self.visible_date.clone(),
        ];
        let date = most_given(&sources).or_else(|| self.dated_updated.clone());
        // The authors of the first source that names someone: JSON-LD, meta tags, a byline
        // element, a rel=author link. Placeholders and the site's own name do not count.
        let named = |names: Vec<String>| -> Option<Vec<String>> {
            let names: Vec<String> = names
                .into_iter()
                .filter(|a| {
                    a.chars().any(char::is_alphabetic)
                        && !a.contains('@')
                        && !is_placeholder(a)
                        && !is_site_name(a, site.as_deref(), host)
                })
                .collect();
            (!names.is_empty()).then_some(names)
        };
        let from_meta = || {
            self.get(&[
                "author",
                "article:author",
                "byl",
                "parsely-author",
                "dc.creator",
                "sailthru.author",
            ])
            .filter(|a| !a.starts_with("http"))
            .map(|a| split_names(strip_by(&a)))
        };
        let authors = named(self.ld.authors.clone())
            .or_else(|| named(from_meta()?))
            .or_else(|| named(self.byline.clone()?))
            .or_else(|| named(split_names(strip_by(self.rel_author.as_deref()?))))
            .unwrap_or_default();
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
            site,
            language,
            url,
        }
    }
}

impl Found {
    /// The published date that meta tags give.
    fn published_meta(&self) -> Option<String> {
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
    }
}

/// The value that most of `sources` give; of values given equally often, the one given first.
fn most_given(sources: &[Option<String>]) -> Option<String> {
    let given: Vec<&String> = sources.iter().flatten().collect();
    let times = |v: &String| given.iter().filter(|g| **g == v).count();
    // `max_by_key` keeps the last of equals: compare the reversed list.
    given
        .iter()
        .rev()
        .max_by_key(|v| times(v))
        .map(|v| (*v).clone())
}

/// Whether an element marks the published date in microdata (`itemprop="datePublished"`) or
/// RDFa (`property="schema:datePublished"`, `dateCreated`).
fn marks_published_date(node: &super::dom::Node) -> bool {
    let named = |name: &str| {
        let name = name.rsplit(':').next().unwrap_or(name);
        name.eq_ignore_ascii_case("datePublished") || name.eq_ignore_ascii_case("dateCreated")
    };
    node.attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        || node.attr("property").is_some_and(named)
}

/// The date an element carries: in `datetime`, `content` or `title` (`<abbr title=...>`), or as
/// its own short text.
fn date_of_element(dom: &Dom, id: usize) -> Option<String> {
    let node = &dom.nodes[id];
    ["datetime", "content", "title"]
        .iter()
        .find_map(|a| node.attr(a).and_then(parse_date))
        .or_else(|| parse_date(&dom.short_text(id, 120)?))
}

/// The names in a byline-named element: "By Jane Doe", "Von Jane Doe und John Roe", or the text
/// of an `itemprop="name"` inside it.
fn byline_of_element(dom: &Dom, id: usize) -> Option<Vec<String>> {
    let text = dom.short_text(id, 120)?;
    let names: Vec<String> = split_names(after_by(strip_by(&text)))
        .into_iter()
        .map(|n| without_trailing_label(&n).to_owned())
        .collect();
    (!names.is_empty() && names.iter().all(|n| looks_like_name(n))).then_some(names)
}

/// "Johanna Kropfitsch Alle Artikel" -> "Johanna Kropfitsch": a byline's link label after the
/// name (data/bylines.txt, [not_a_name]).
fn without_trailing_label(name: &str) -> &str {
    let lower = name.to_lowercase();
    BYLINE_WORDS
        .1
        .iter()
        .filter(|label| label.contains(' ') && lower.ends_with(&format!(" {label}")))
        .map(|label| name.len().saturating_sub(label.len() + 1))
        .find(|&at| name.is_char_boundary(at))
        .map_or(name, |at| name[..at].trim_end())
}

/// How bylines introduce a name, labels that are not names, the class and id words of date
/// and byline elements, and title separators (data/bylines.txt).
const BYLINES: &str = include_str!("../../data/bylines.txt");

/// Whether class words name a date, a modified date and a byline.
fn element_words(words: &str) -> [bool; 3] {
    let (automaton, kinds) = &*ELEMENT_WORDS;
    let mut said = [false; 3];
    for m in automaton.find_overlapping_iter(words) {
        said[kinds[m.pattern().as_usize()] as usize] = true;
    }
    said
}

/// What an element's class and id words say it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ElementWord {
    /// The date ("date", "published").
    Date,
    /// When the page was updated: its date is not the published one.
    Modified,
    /// The byline.
    Byline,
}

/// One automaton over the class words of date, modified-date and byline elements, each a
/// whole word (padded with spaces, as `Dom::class_words` are).
static ELEMENT_WORDS: LazyLock<(aho_corasick::AhoCorasick, Vec<ElementWord>)> =
    LazyLock::new(|| {
        let mut words = Vec::new();
        for (section, kind) in [
            ("date_classes", ElementWord::Date),
            ("modified_classes", ElementWord::Modified),
            ("byline_classes", ElementWord::Byline),
        ] {
            let entries = textmill_core::lexicon::section(BYLINES, section);
            assert!(!entries.is_empty(), "data/bylines.txt has no [{section}]");
            words.extend(entries.into_iter().map(|w| (format!(" {w} "), kind)));
        }
        let automaton = aho_corasick::AhoCorasick::new(words.iter().map(|(w, _)| w))
            .expect("class words build an automaton");
        (automaton, words.into_iter().map(|(_, kind)| kind).collect())
    });

static BYLINE_WORDS: LazyLock<(Vec<String>, Vec<String>)> = LazyLock::new(|| {
    let (mut by, mut not_names) = (Vec::new(), Vec::new());
    for (section, entry) in textmill_core::lexicon::entries(BYLINES) {
        match section {
            "by" => by.push(entry.to_owned()),
            "not_a_name" => not_names.push(entry.to_owned()),
            "date_classes" | "modified_classes" | "byline_classes" | "title_separators" => {}
            other => panic!("data/bylines.txt: unknown section [{other}]"),
        }
    }
    (by, not_names)
});

/// "By Jane Doe" -> "Jane Doe"; also "Posted by", "Eingestellt von", "Text:" and the others in
/// data/bylines.txt, and any one-word label ending with a colon ("Autor: Jane Doe").
fn strip_by(s: &str) -> &str {
    let s = s.trim();
    let lower = s.to_lowercase();
    let intro = BYLINE_WORDS
        .0
        .iter()
        .filter(|by| lower.starts_with(by.as_str()) && lower[by.len()..].starts_with([' ', ':']))
        .map(String::len)
        .max()
        .or_else(|| {
            let first = s.split_whitespace().next()?;
            first.ends_with(':').then_some(first.len())
        });
    match intro {
        // The byte length is the same in `s`: lower-casing these words keeps their length.
        Some(len) if s.is_char_boundary(len) => s[len..].trim_start_matches([':', ' ']).trim(),
        _ => s,
    }
}

/// "Posted on September 21, 2020 by Adi Tzlil" -> "Adi Tzlil": the text after a by-word, when
/// what comes before it is not itself a name ("Maria von Trapp" stays whole).
fn after_by(s: &str) -> &str {
    let lower = s.to_lowercase();
    for by in &BYLINE_WORDS.0 {
        if let Some(at) = lower.find(&format!(" {by} "))
            && s.is_char_boundary(at)
            && !looks_like_name(&s[..at])
            && let Some(rest) = s.get(at + by.len() + 2..)
        {
            return rest.trim();
        }
    }
    s
}

/// A person's (or a desk's) name: one to four capitalised words, none with a digit or '@', and
/// not a label such as "Name" or "Unknown". (Allowing lower-case particles, "der Michel", and
/// Yoast's `twitter:label1` "Written by" were both tried: each lost on both halves of
/// trafilatura's set.)
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && !is_placeholder(s)
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !w
                    .chars()
                    .any(|c| c.is_ascii_digit() || c == '@' || c == ':')
        })
}

/// "Name", "Unknown", "Super User": what a byline holds when it names nobody.
fn is_placeholder(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    BYLINE_WORDS.1.contains(&lower)
}

/// A site's own name or domain given as the author ("finanztreff.de", the `og:site_name`).
fn is_site_name(name: &str, site: Option<&str>, host: Option<&str>) -> bool {
    let is_domain = !name.contains(' ')
        && name.rsplit_once('.').is_some_and(|(head, tld)| {
            !head.is_empty() && (2..=4).contains(&tld.len()) && tld.chars().all(char::is_alphabetic)
        });
    // "Interscenario" on interscenar.io: the host's letters, with or without its domain ending.
    let is_host = host.is_some_and(|host| {
        let name = squashed(name);
        let bare = squashed(host.rsplit_once('.').map_or(host, |(head, _)| head));
        name.len() >= 4 && (name == squashed(host) || name == bare)
    });
    is_domain || is_host || site.is_some_and(|site| same_words(site, name))
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

fn people<'a>(v: Option<&'a Value>, by_id: &dyn Fn(&str) -> Option<&'a Value>) -> Vec<String> {
    match v {
        Some(Value::Array(list)) => list.iter().flat_map(|p| people(Some(p), by_id)).collect(),
        Some(Value::Object(p)) => string(p.get("name"))
            .or_else(|| {
                let target = by_id(p.get("@id")?.as_str()?)?;
                string(target.get("name"))
            })
            .into_iter()
            .collect(),
        Some(Value::String(s)) if !s.starts_with("http") => split_names(s),
        _ => vec![],
    }
}

/// Separators between a headline and a site name in titles, with a space on either side.
static TITLE_SEPARATORS: LazyLock<Vec<String>> = LazyLock::new(|| {
    textmill_core::lexicon::section(BYLINES, "title_separators")
        .into_iter()
        .map(|s| format!(" {s} "))
        .collect()
});

/// The host of a URL without "www." ("https://www.aerobuzz.de/x" -> "aerobuzz.de").
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    Some(host.strip_prefix("www.").unwrap_or(host)).filter(|h| !h.is_empty())
}

/// Letters and digits only, lower-cased: "Abenteuer-Astronomie.de" -> "abenteuerastronomiede".
fn squashed(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A title without the site part at either end: the part that is the site's name or host
/// ("… - Aerobuzz.de", "HR Innovation | …"), and "Headline | anything" when the page's `<h1>`
/// is exactly the part before the separator.
fn without_site(title: &str, site_names: &[&str], h1: Option<&str>) -> String {
    let title = title.trim();
    let is_site = |part: &str| {
        let part = squashed(part);
        !part.is_empty()
            && site_names.iter().any(|name| {
                // The name, the host with or without its top-level domain, or the start of either.
                let bare = squashed(name.rsplit_once('.').map_or(*name, |(head, _)| head));
                let name = squashed(name);
                part == name || part == bare || (part.len() >= 4 && name.starts_with(&part))
            })
    };
    for sep in TITLE_SEPARATORS.iter() {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && !head.trim().is_empty()
            && (is_site(tail) || h1.is_some_and(|h| same_words(h, head)))
        {
            return head.trim().to_owned();
        }
        if let Some((head, tail)) = title.split_once(sep)
            && !tail.trim().is_empty()
            && is_site(head)
        {
            return tail.trim().to_owned();
        }
    }
    title.to_owned()
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
        assert_eq!(meta.date.as_deref(), Some("2020-01-02"));
        assert_eq!(meta.site.as_deref(), Some("The Paper"));
        assert_eq!(meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn the_date_most_sources_give_wins_and_a_tie_goes_to_the_meta_tags() {
        let page = |ld: &str, meta: &str, visible: &str| {
            format!(
                "<html><head><meta property=\"article:published_time\" content=\"{meta}\">\
                 <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"datePublished\":\"{ld}\"}}</script>\
                 </head><body><time datetime=\"{visible}\">x</time><p>Text.</p></body></html>"
            )
        };
        let date = |html: String| extract(&Dom::parse(&html)).date;
        // JSON-LD in UTC a day ahead of what the page and its meta tags say.
        assert_eq!(
            date(page("2022-05-05T01:00:00Z", "2022-05-04", "2022-05-04")).as_deref(),
            Some("2022-05-04")
        );
        assert_eq!(
            date(page("2022-05-05", "2022-05-04", "2022-05-05")).as_deref(),
            Some("2022-05-05")
        );
        assert_eq!(
            date(page("2022-05-05", "2022-05-04", "2022-05-06")).as_deref(),
            Some("2022-05-04")
        );
    }

    #[test]
    fn rdfa_dates_and_date_updated_elements_are_read() {
        let rdfa = "<html><body><span property=\"schema:dateCreated\" \
            content=\"2022-01-28T12:45:46+00:00\"></span><p>Text.</p></body></html>";
        assert_eq!(
            extract(&Dom::parse(rdfa)).date.as_deref(),
            Some("2022-01-28")
        );
        // hAtom's "date updated" is the published date of many WordPress themes: taken when the
        // page gives no other date; an element named "updated" alone is never taken.
        let hatom = "<html><body><span class=\"entry-date updated\">5. November 2021</span>\
            <span class=\"updated\">2022-01-01</span><p>Text.</p></body></html>";
        assert_eq!(
            extract(&Dom::parse(hatom)).date.as_deref(),
            Some("2021-11-05")
        );
        let updated = "<html><body><span class=\"updated\">2022-01-01</span><p>x</p></body></html>";
        assert_eq!(extract(&Dom::parse(updated)).date, None);
    }

    #[test]
    fn json_ld_authors_resolve_across_blocks_and_survive_raw_line_breaks() {
        let html = "<html><head>\
            <script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":\"A\",\
            \"author\":{\"@id\":\"#jane\"}}</script>\
            <script type=\"application/ld+json\">{\"@type\":\"Person\",\"@id\":\"#jane\",\"name\":\"Jane Doe\"}</script>\
            </head><body></body></html>";
        assert_eq!(extract(&Dom::parse(html)).authors, ["Jane Doe"]);
        let raw_break = "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"author\":\
            {\"name\":\"Jacopo\nCascioli\"},\"datePublished\":\"2019-12-03T10:00:00Z\"}</script><p>x";
        let meta = extract(&Dom::parse(raw_break));
        assert_eq!(meta.authors, ["Jacopo Cascioli"]);
        assert_eq!(meta.date.as_deref(), Some("2019-12-03"));
    }

    #[test]
    fn a_site_name_as_author_falls_through_to_the_byline() {
        let html = "<html><head><meta property=\"og:site_name\" content=\"Daily Paper\">\
            <meta name=\"author\" content=\"Daily Paper\"></head><body>\
            <span class=\"byline\">By Jane Doe</span><p>Text.</p></body></html>";
        assert_eq!(extract(&Dom::parse(html)).authors, ["Jane Doe"]);
        let host = "<html><head><link rel=\"canonical\" href=\"https://interscenar.io/a\">\
            <meta name=\"author\" content=\"Interscenario\"></head><body>\
            <span class=\"author\">Gabor Munier</span></body></html>";
        assert_eq!(extract(&Dom::parse(host)).authors, ["Gabor Munier"]);
    }

    #[test]
    fn title_tag_loses_its_site_suffix() {
        let meta = extract(&Dom::parse("<title>Big news - Daily</title><p>x"));
        assert_eq!(meta.title.as_deref(), Some("Big news"));
    }
}
