//! Scraped plain text: classify each line as body, title, dek, date, byline or furniture.
//!
//! The body is the stretch of lines with the most prose in it (a maximum-sum segment over line
//! weights, so that a few menu lines inside an article do not cut it and a lone sentence in the
//! footer does not join it). Inside it, furniture phrases and teaser headlines go; before it, the
//! nearest headline-like line is the title, and a one-sentence line right after that is the dek.
//! The line model ([`line_model`]) then has the last word on each line, from what the rules
//! decided around it.

mod article_end;
mod body;
mod headline;
pub(crate) mod line_model;
mod lines;

use serde::{Deserialize, Serialize};
use textmill_core::{Metadata, RemovalKind, Removed};

use self::article_end::article_end;
use self::body::{
    between_prose, body_region, is_teaser, keep_introduced_lists, mark_glued_teaser_runs,
    mark_table_rows,
};
use self::headline::find_title_and_dek;
use self::line_model::LineModel;
use self::lines::{classify, is_prose, split_glued_crumbs, stop_words};

/// The thresholds of the plain-text cleaner, as named settings (`Config::text`), so that a
/// harness can choose them on some pages and score them on others. The shipped line model was
/// trained on what the rules read with the defaults: other values change its input too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TextConfig {
    /// A line of at least this many words that ends like a sentence reads as prose...
    pub prose_min_words: usize,
    /// ... and a line of at least this many words reads as prose however it ends.
    pub prose_long_words: usize,
    /// The text counts as English (function words then tell prose from menus) when at least
    /// this share of its words are function words.
    pub english_function_share: f32,
    /// In English text, a prose line has at least this share of function words.
    pub prose_function_share: f32,
    /// What a short line costs in the search for the body: this much, plus `short_word_cost`
    /// per word (a prose line is worth one per word).
    pub short_line_cost: f32,
    /// The per-word part of a short line's cost (see `short_line_cost`).
    pub short_word_cost: f32,
    /// What a furniture line costs in the search for the body (plus one per word, up to 30).
    pub furniture_cost: f32,
}

impl Default for TextConfig {
    fn default() -> Self {
        TextConfig {
            prose_min_words: 8,
            prose_long_words: 25,
            english_function_share: 0.15,
            prose_function_share: 0.12,
            short_line_cost: 2.0,
            short_word_cost: 0.5,
            furniture_cost: 4.0,
        }
    }
}

impl TextConfig {
    /// Checks every threshold: word counts at least 1 (and `prose_long_words` at least
    /// `prose_min_words`), shares in `[0, 1]`, costs finite and not negative.
    pub fn check(&self) -> Result<(), textmill_core::SettingError> {
        use textmill_core::{SettingError, check_non_negative, check_share};
        if self.prose_min_words == 0 {
            return Err(SettingError::new(
                "prose_min_words",
                "must be at least 1, not 0",
            ));
        }
        if self.prose_long_words < self.prose_min_words {
            return Err(SettingError::new(
                "prose_long_words",
                format!(
                    "must be at least prose_min_words ({}), not {}",
                    self.prose_min_words, self.prose_long_words
                ),
            ));
        }
        check_share(
            "english_function_share",
            f64::from(self.english_function_share),
        )?;
        check_share("prose_function_share", f64::from(self.prose_function_share))?;
        check_non_negative("short_line_cost", f64::from(self.short_line_cost))?;
        check_non_negative("short_word_cost", f64::from(self.short_word_cost))?;
        check_non_negative("furniture_cost", f64::from(self.furniture_cost))
    }
}

/// What a line is.
#[derive(Debug, Clone, PartialEq)]
enum Class {
    Prose,
    Short,
    Furniture(RemovalKind, &'static str),
    Date(String),
    Byline(Vec<String>),
}

#[derive(Debug)]
struct Line<'a> {
    text: &'a str,
    class: Class,
    words: usize,
    /// Function words in it (see `stop_words`).
    stop: usize,
    /// Blank lines right before this one.
    gap_before: usize,
    /// A row of a table: one of four or more lines in a row made mostly of numbers.
    table_row: bool,
}

impl<'a> Line<'a> {
    fn new(text: &'a str, gap_before: usize) -> Self {
        Line {
            text,
            class: Class::Short,
            words: crate::count_words(text),
            stop: stop_words(text),
            gap_before,
            table_row: false,
        }
    }
}

/// What the rules made of a text, line by line: the line model's input.
pub(crate) struct Reading<'a> {
    lines: Vec<Line<'a>>,
    /// Whether function words tell prose from menus (the text is English).
    english: bool,
    /// The body region, first and last line.
    region: Option<(usize, usize)>,
    /// Where the article ended (reader comments, a share bar, a teaser list), and why.
    after_end: Option<(usize, RemovalKind, &'static str)>,
    /// Per line: whether the rules keep it, and the role that removes it (a headline, a teaser).
    keep: Vec<bool>,
    role: Vec<Option<(RemovalKind, &'static str)>>,
    metadata: Metadata,
    /// Crumbs cut from the start of lines.
    removed: Vec<Removed>,
}

/// The clean body paragraphs, the metadata and what was removed: the rules' reading, with the
/// line model's last word on each line.
pub(crate) fn clean(
    input: &str,
    config: &TextConfig,
    model: &LineModel,
) -> (Vec<String>, Metadata, Vec<Removed>) {
    let reading = read(input, config);
    let decisions = line_model::decide_lines(model, &reading);
    // The model never empties a text the rules keep something of.
    let overturned: Vec<Option<f32>> =
        if decisions.iter().any(|&(keep, _)| keep) || !reading.keep.contains(&true) {
            decisions.iter().map(|&(_, p)| p).collect()
        } else {
            vec![None; decisions.len()]
        };
    assemble(reading, &overturned)
}

impl Reading<'_> {
    /// Each line's text (trimmed, glued crumbs cut), in order.
    pub(crate) fn line_texts(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(|l| l.text)
    }
}

/// Reads `input` line by line as the rules see it.
pub(crate) fn read<'a>(input: &'a str, config: &TextConfig) -> Reading<'a> {
    let mut removed = Vec::new();
    let mut lines = Vec::new();
    let mut gap = 0;
    for raw in input.lines() {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            gap += 1;
            continue;
        }
        let text = match split_glued_crumbs(trimmed) {
            Some((crumbs, rest)) => {
                removed.push(Removed {
                    text: crumbs.to_owned(),
                    kind: RemovalKind::Navigation,
                    reason: "navigation crumbs glued to a line".to_owned(),
                });
                rest
            }
            None => trimmed,
        };
        lines.push(Line::new(text, gap));
        gap = 0;
    }
    // Stop-word density tells prose from menus, but only where the text is in English.
    let (stop, all) = lines
        .iter()
        .fold((0, 0), |(s, a), l| (s + l.stop, a + l.words));
    let english = all > 0 && stop as f32 / all as f32 >= config.english_function_share;
    for line in &mut lines {
        line.class = classify(line, english, config);
    }
    mark_glued_teaser_runs(&mut lines);
    mark_table_rows(&mut lines);

    let mut metadata = Metadata::default();
    let mut region = body_region(&lines, config);
    // Reader comments read like prose: the body ends where they (or a share bar) begin.
    let mut after_end = None;
    if let Some((start, end)) = region
        && let Some((c, kind, reason)) = article_end(&lines, start)
        && c <= end
        && let Some(last) = (start..c).rev().find(|&i| lines[i].class == Class::Prose)
    {
        region = Some((start, last));
        after_end = Some((c, kind, reason));
    }
    let mut keep = vec![false; lines.len()];
    let mut role: Vec<Option<(RemovalKind, &str)>> = vec![None; lines.len()];
    match region {
        Some((start, end)) => {
            for i in start..=end {
                let line = &lines[i];
                match &line.class {
                    Class::Prose => keep[i] = true,
                    Class::Short if is_teaser(&lines, i) => {
                        role[i] = Some((
                            RemovalKind::Related,
                            "headline-like line inside the body (teaser)",
                        ));
                    }
                    Class::Short => {
                        keep[i] = line.table_row || between_prose(&lines, i, start, end);
                    }
                    _ => {}
                }
            }
            let limit = after_end.as_ref().map_or(lines.len(), |&(c, ..)| c);
            keep_introduced_lists(&lines, start, limit, &mut keep);
            find_title_and_dek(&lines, start, &mut keep, &mut role, &mut metadata);
        }
        // No prose at all (a short note, a list): keep every line that is not furniture.
        None => {
            for (i, line) in lines.iter().enumerate() {
                keep[i] = matches!(line.class, Class::Prose | Class::Short);
            }
        }
    }

    if let Some((c, kind, reason)) = after_end {
        for r in &mut role[c..] {
            r.get_or_insert((kind, reason));
        }
    }

    // Never empty a text that has prose: when no line scores as the article (a clean article on
    // one line looks like glued teasers), every line that reads like sentences stays.
    if !keep.contains(&true) {
        for (i, line) in lines.iter().enumerate() {
            keep[i] = is_prose(line.text, line.words, config)
                && !matches!(
                    line.class,
                    Class::Furniture(RemovalKind::Consent | RemovalKind::Markup, _)
                );
        }
    }
    Reading {
        lines,
        english,
        region,
        after_end,
        keep,
        role,
        metadata,
        removed,
    }
}

/// The kept lines as paragraphs, with the metadata and what was removed and why; `overturned`
/// holds, per line, the model's probability where it overturns the rules.
fn assemble(reading: Reading, overturned: &[Option<f32>]) -> (Vec<String>, Metadata, Vec<Removed>) {
    let Reading {
        lines,
        keep,
        role,
        mut metadata,
        mut removed,
        ..
    } = reading;
    let mut paragraphs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if keep[i] != overturned[i].is_some() {
            paragraphs.push(line.text.to_owned());
            continue;
        }
        if let Some(p) = overturned[i] {
            removed.push(Removed {
                text: line.text.to_owned(),
                kind: role[i].map_or(RemovalKind::LowScore, |(kind, _)| kind),
                reason: format!("the line model gives it {p:.2}"),
            });
            continue;
        }
        let (kind, reason) = match (&line.class, role[i]) {
            (_, Some((kind, reason))) => (kind, reason),
            (Class::Furniture(kind, reason), _) => (*kind, *reason),
            (Class::Date(date), _) => {
                if metadata.date.is_none() {
                    metadata.date = Some(date.clone());
                }
                (RemovalKind::Date, "date line")
            }
            (Class::Byline(names), _) => {
                if metadata.authors.is_empty() {
                    metadata.authors.clone_from(names);
                }
                (RemovalKind::Byline, "byline")
            }
            _ => (RemovalKind::LowScore, "outside the body text"),
        };
        removed.push(Removed {
            text: line.text.to_owned(),
            kind,
            reason: reason.to_owned(),
        });
    }
    (paragraphs, metadata, removed)
}

#[cfg(test)]
mod tests {
    use super::article_end::*;
    use super::lines::*;
    use super::*;

    /// The rules alone, with their default settings and no line model (shadows the
    /// glob-imported `clean`): these tests pin what the rules decide.
    fn clean(input: &str) -> (Vec<String>, Metadata, Vec<Removed>) {
        let reading = read(input, &TextConfig::default());
        let unchanged = vec![None; reading.lines.len()];
        assemble(reading, &unchanged)
    }

    fn classify_text(text: &str, english: bool) -> Class {
        classify(&Line::new(text, 0), english, &TextConfig::default())
    }

    #[test]
    fn reader_comments_after_the_article_are_dropped() {
        let article = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.\n\
            Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n";
        let comments = "12 Comments\n\
            jsmith\n\
            2 days ago at 07:52 am\n\
            I think the authorities reacted far too slowly, and the shelters were not ready when people arrived.\n\
            kdoe\n\
            2 days ago at 08:10 am\n\
            My family had to leave too, and the school gym was already full when we got there that night.\n";
        let (paragraphs, _, removed) = clean(&format!("{article}{comments}"));
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert!(removed.iter().any(|r| r.kind == RemovalKind::Comments));
        // Without the heading, the timestamps or the commenters' names still mark the comments.
        let (paragraphs, _, _) = clean(&format!(
            "{article}{}",
            comments.replacen("12 Comments\n", "", 1)
        ));
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        let wordpress = "jsmith says: November 19, 2019 at 6:34 am I think the authorities reacted far too slowly.\n\
            kdoe says: November 19, 2019 at 6:44 am My family had to leave too, and the gym was already full.\n";
        let (paragraphs, _, _) = clean(&format!("{article}{wordpress}"));
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    }

    #[test]
    fn a_share_bar_ends_the_article() {
        let text = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.\n\
            Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n\
            Facebook\nTwitter\nReddit\n\
            Users are obliged to abide by national and international laws and to speak respectfully to the other participants of the discussion.\n";
        let (paragraphs, _, removed) = clean(text);
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert!(
            removed
                .iter()
                .any(|r| r.text.starts_with("Users are obliged"))
        );
    }

    #[test]
    fn the_headline_is_not_the_byline_or_the_date_under_it() {
        let text = "Home\nWorld\n\
            Storm floods coastal towns as rivers rise\n\
            Chris Davies - Nov 19, 2019, 10:31 pm CST\n\
            Share Tweet\n\
            The storm flooded three coastal towns on Monday night as rivers rose across the region, officials said.\n\
            Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n";
        let (_, meta, _) = clean(text);
        assert_eq!(
            meta.title.as_deref(),
            Some("Storm floods coastal towns as rivers rise")
        );
    }

    #[test]
    fn a_menu_flattened_into_one_line_is_not_prose() {
        let menu = "Home News World Politics Business Technology Science Health Sports Entertainment \
            Arts Books Style Food Travel Magazine Real Estate Video Podcasts Opinion Obituaries Weather \
            Newsletters Games Crosswords Cooking";
        assert_eq!(classify_text(menu, true), Class::Short);
        let tags = "adote um amigo agua alerta ambiente amizade atendimento atirador biblioteca \
            caminhada campanha carnaval civil comunicado concurso cultura defesa economia educacao \
            esportes eventos fazenda habitacao juventude";
        assert_eq!(classify_text(tags, false), Class::Short);
        let prose = "The storm made landfall on Monday night, forcing thousands of people to leave \
            their homes, and officials said power would be restored within days, though some \
            areas remain flooded.";
        assert_eq!(classify_text(prose, true), Class::Prose);
    }

    #[test]
    fn comment_stamps_glued_into_a_line_mark_comments() {
        assert!(is_relative_time("2 days ago at 07:52 am"));
        assert!(is_relative_time(
            "Woyzeck 2 days ago at 07:52 am It's good to see. Nick A 2 days ago at 07:47 am"
        ));
        assert!(!is_relative_time(
            "NASA picked nine companies a year ago at its Houston center."
        ));
        assert!(!is_relative_time(
            "A year ago Tuesday, our father, Carlos Ghosn, was arrested."
        ));
    }

    #[test]
    fn a_list_of_dated_teasers_ends_the_article() {
        let article = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.\n\
            Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n\
            Power should be back within days, the utility said, though some areas will stay flooded for a week.\n";
        let teasers = "Carlos Ghosn and the dark side of Japanese justice\nAnthony Ghosn\nWednesday November 20, 2019\n\
            Our family always celebrates anniversaries, but not this week, because our father is still in Tokyo.\n\
            What made Joker so popular?\nMadeline Fry\nWednesday November 20, 2019\n\
            Joker killed at the box office, and the studio is already talking about what comes next for the film.\n\
            Kurt Volker throws Rudy Giuliani under the bus\nKaylee McGhee\nTuesday November 19, 2019\n\
            Kurt Volker, a former special envoy to Ukraine, has been tied to what the acting ambassador said.\n";
        let (paragraphs, _, removed) = clean(&format!("{article}{teasers}"));
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
        assert!(removed.iter().any(|r| r.kind == RemovalKind::Related));
        // The same list glued into one line per teaser.
        let glued = "Anthony Ghosn Wednesday November 20, 2019 Our family always celebrates anniversaries, but not this week.\n\
            Madeline Fry Wednesday November 20, 2019 Joker killed at the box office, and the studio is already talking.\n\
            Kaylee McGhee Tuesday November 19, 2019 Kurt Volker, a former special envoy to Ukraine, has been tied to it.\n";
        let (paragraphs, _, _) = clean(&format!("{article}{glued}"));
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    }

    #[test]
    fn author_bios_are_not_body() {
        assert!(is_author_bio("Phil Helsel is a reporter for NBC News."));
        assert!(is_author_bio(
            "Jeff Foust (jeff@thespacereview.com) is the editor and publisher of The Space Review."
        ));
        assert!(!is_author_bio(
            "It is for that reason that NASA enlisted a commercial space writer."
        ));
        assert!(!is_author_bio(
            "Apple was pulled into the enterprise, CEO Tim Cook said."
        ));
    }

    #[test]
    fn notices_and_glued_teasers_are_furniture_at_any_length() {
        let banner = "Skip to main content We use cookies and other tracking technologies to improve \
            your browsing experience on our site, show personalized content and targeted ads, analyze \
            site traffic, and understand where our audience is coming from. To find out more or to \
            opt-out, please read our Cookie Policy and our Privacy Policy.";
        assert!(matches!(
            classify_text(banner, true),
            Class::Furniture(RemovalKind::Consent, _)
        ));
        let prose = "If you are still using the same password for every site you visit, you are \
            putting yourself at risk, and no privacy policy will protect you once one of those \
            sites is breached, so a password manager is the first thing to set up this week.";
        assert_eq!(classify_text(prose, true), Class::Prose);
        let teasers = "UN regrets new US position on settlements UNITED NATIONS: The Secretary General \
            has regretted the announcement made by the administration that it no longer... Internet in \
            Kashmir after local admn feels it is fit NEW DELHI: Home Minister Amit Shah said the \
            government will restore Internet connection as soon as it is... Newly-elected Lankan \
            president accepts invitation";
        assert!(matches!(
            classify_text(teasers, true),
            Class::Furniture(RemovalKind::Related, _)
        ));
    }

    #[test]
    fn a_related_list_heading_near_the_end_ends_the_article() {
        let article = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.\n\
            Rivers rose across the region overnight, and the authorities opened shelters in schools and churches.\n\
            Power should be back within days, the utility said, though some areas will stay flooded for a week.\n\
            Forecasters expect more rain on Thursday, and the river authority has asked people to stay away from the banks.\n";
        let related = "Related Articles\nWeather\nWhy Breakfast Really Does Matter – But Only if You Eat Right\n\
            Weather\nThe science of flood forecasting, explained by the people who built the models for years.\n";
        let (paragraphs, _, removed) = clean(&format!("{article}{related}"));
        assert_eq!(paragraphs.len(), 4, "{paragraphs:?}");
        assert!(
            removed
                .iter()
                .any(|r| r.text.starts_with("The science of flood"))
        );
        // In the middle of an article the same heading only drops itself.
        let (paragraphs, _, _) = clean(&format!("{article}Related Articles\n{article}"));
        assert_eq!(paragraphs.len(), 8, "{paragraphs:?}");
    }

    #[test]
    fn headlines_glued_to_ledes_in_a_list_are_teasers() {
        let teasers = "Police: 2 In Custody After Death Of Student-AthleteA 24-year-old woman and a 28-year-old man have been arrested in connection with the death.\n\
            Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left the restaurant in Troy without paying their bill after a fight.\n\
            Autos\n\
            Ford Recalls F-150s; Loose Cable Can Cause Stalling Or FiresFord is recalling over 168,000 pickup trucks because a cable can come loose.\n";
        let article = "Michigan health authorities are reporting a sixth fatality linked to the virus, which is spread by mosquitoes.\n\
            County officials said Monday the victim was one of two people who contracted the virus in the southwest of the state.\n";
        let (paragraphs, _, removed) = clean(&format!("{teasers}{article}"));
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert_eq!(
            removed
                .iter()
                .filter(|r| r.reason == "headlines glued to their ledes")
                .count(),
            3
        );
        assert!(!is_headline_glued_to_lede(
            "Sony cuts the price of the PlayStation in Europe, and retailers expect sales to rise."
        ));
    }

    #[test]
    fn a_line_repeating_its_headlines_is_a_teaser_list() {
        let teasers = "Company Town Diversity among Hollywood directors improves, but insiders still get fast track \
            Company Town Diversity among Hollywood directors improves, but insiders still get fast track \
            Women and people of color directed a greater proportion of TV shows in the last season. \
            Company Town Rothman agency signs franchise agreement with WGA Company Town Rothman agency \
            signs franchise agreement with WGA The agency is the fifth company to break ranks.";
        assert!(repeats_itself(teasers));
        let prose = "The board said it would review the plan, and the board said it would review the \
            budget as well, before the vote on Thursday, when members will also hear from residents \
            who oppose the new road.";
        assert!(!repeats_itself(prose));
    }

    #[test]
    fn a_list_introduced_by_a_colon_is_body_however_long() {
        let intro = "The storm made landfall on Monday night, forcing thousands of people to leave their homes, officials said.\n\
            The band will play these twenty dates in the summer, starting in Florida and ending in Canada:\n";
        let dates: String = (1..=20)
            .map(|d| format!("June {d} -- Coral Sky Amphitheatre, West Palm Beach\n"))
            .collect();
        let (paragraphs, _, _) = clean(&format!("{intro}{dates}\n\n\nMore Doobie Brothers\n"));
        assert_eq!(paragraphs.len(), 22, "{paragraphs:?}");
    }

    #[test]
    fn a_results_table_inside_the_body_stays() {
        let article = "The season ended on Sunday in Florida, where the champion finished third, ahead of his closest rival.\n\
            Twenty drivers started the last race, and all of them finished it for the first time this year.\n";
        let table: String = (1..=20)
            .map(|p| format!("{p} Driver Name{p} {} 5 1 17 27\n", 5040 - p))
            .collect();
        let after = "The next season starts in February, with the first race on the same track as every year.\n";
        let (paragraphs, _, _) = clean(&format!("{article}{table}{after}"));
        assert_eq!(paragraphs.len(), 23, "{paragraphs:?}");
    }

    #[test]
    fn urls_and_specs_are_not_crumb_trails() {
        assert!(is_crumb_trail("Home > News > World"));
        assert!(is_crumb_trail("About / Advertise / Tip Us / Contact"));
        assert!(!is_crumb_trail("http://amzn.to/2hWw372"));
        assert!(!is_crumb_trail("3.6GHz/8GB/1TB/555X $1,349.00"));
    }

    #[test]
    fn tagged_teasers_and_markup() {
        assert!(is_tagged_teaser(
            "Plane passengers quarantined after BUBONIC PLAGUE outbreak [NEWS]"
        ));
        assert!(!is_tagged_teaser(
            "The court cited the ruling [PDF] in its decision on Monday."
        ));
        assert!(matches!(
            classify_text(
                "&lt;span data-mce-type=\"bookmark\" style=\"display: inline-block;\"&gt;",
                true
            ),
            Class::Furniture(RemovalKind::Markup, _)
        ));
    }

    #[test]
    fn share_bars_in_one_line() {
        assert!(is_share_bar("Facebook Twitter Google+ Whatsapp"));
        assert!(is_share_bar("Share Tweet Email Print"));
        assert!(!is_share_bar("Facebook and Twitter shares fell on Monday."));
    }

    #[test]
    fn captions_and_credits() {
        let is_caption = |text: &str| is_caption(&text.to_lowercase());
        assert!(is_caption(
            "Image caption Assange gestures after he was arrested"
        ));
        assert!(is_caption(
            "2 of 4 A shopper looks at extension cords at a hardware store, Tuesday, Nov. 19, 2019."
        ));
        assert!(is_caption(
            "The protests kicked off in June (Image: GETTY )"
        ));
        assert!(is_caption("Sonu Mehta/Hindustan Times/Getty Images"));
        assert!(!is_caption(
            "The plague is treatable with antibiotics (if it is caught early)."
        ));
    }

    #[test]
    fn teaser_ages_are_stamps() {
        let words = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
        assert!(starts_with_stamp(&words("32M ago Israel strikes targets")));
        assert!(starts_with_stamp(&words("2 hours ago Woman saves a koala")));
        assert!(!starts_with_stamp(&words("32 Ago is not a stamp")));
        assert!(!starts_with_stamp(&words("The 5M agoraphobia study")));
    }

    #[test]
    fn glued_crumbs_are_cut_off() {
        assert_eq!(
            split_glued_crumbs("HomeWorldAsiaKim Jong Un is on his way"),
            Some(("HomeWorldAsia", "Kim Jong Un is on his way"))
        );
        assert_eq!(split_glued_crumbs("McDonald said so."), None);
        assert_eq!(split_glued_crumbs("iPhone sales rose"), None);
    }

    #[test]
    fn short_text_is_kept_whole() {
        let (paragraphs, _, removed) = clean("Fine. Really.");
        assert_eq!(paragraphs, ["Fine. Really."]);
        assert!(removed.is_empty());
    }

    #[test]
    fn article_with_furniture() {
        let input = "Home > News > World\n\nBig storm hits the coast\n\nBy Jane Doe\n\nMay 3, 2021\n\n\
            The storm made landfall on Monday night, forcing thousands of people to leave their homes.\n\n\
            Officials said power would be restored within days, though some areas remain flooded.\n\n\
            Most Popular\n\nAdvertisement\n";
        let (paragraphs, meta, removed) = clean(input);
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert_eq!(meta.title.as_deref(), Some("Big storm hits the coast"));
        assert_eq!(meta.date.as_deref(), Some("2021-05-03"));
        assert_eq!(meta.authors, ["Jane Doe"]);
        assert!(removed.iter().any(|r| r.kind == RemovalKind::Navigation));
    }
}
