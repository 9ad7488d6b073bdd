//! The body region: the stretch of lines with the most prose, and which short lines inside it
//! belong to the article (table rows, introduced lists, lines between prose) or are teasers.

use textmill_core::RemovalKind;

use super::lines::is_headline_glued_to_lede;
use super::{Class, Line, TextConfig};

/// "1 Kyle Busch 5040 5 1 17 27", "Palm Bay 18 22 13 17 — 70": rows of a results table or a
/// standings list, four or more in a row. They are short lines, but body when the body holds them.
pub(super) fn mark_table_rows(lines: &mut [Line]) {
    let tabular = |l: &Line| {
        l.class == Class::Short && {
            let (mut numbers, mut all) = (0, 0);
            for w in l.text.split_whitespace() {
                all += 1;
                numbers += usize::from(w.starts_with(|c: char| c.is_ascii_digit()));
            }
            numbers >= 2 && numbers * 10 >= all * 3
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| tabular(l)).count();
        if run >= 4 {
            for line in &mut lines[i..i + run] {
                line.table_row = true;
            }
        }
        i += run.max(1);
    }
}

/// "Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left...": a
/// headline glued to its lede. Three such lines close together are a list of other articles,
/// even when each reads like prose. (One alone may be a brand name: "PlayStation".)
pub(super) fn mark_glued_teaser_runs(lines: &mut [Line]) {
    let glued: Vec<bool> = lines
        .iter()
        .map(|l| is_headline_glued_to_lede(l.text))
        .collect();
    for i in (0..lines.len()).filter(|&i| glued[i]) {
        let near = &glued[i.saturating_sub(3)..lines.len().min(i + 4)];
        if near.iter().filter(|&&g| g).count() >= 3 {
            lines[i].class =
                Class::Furniture(RemovalKind::Related, "headlines glued to their ledes");
        }
    }
}

/// A short line stays in the body when prose surrounds it (a subheading before a paragraph, a
/// quote or a one-line paragraph between two): a run of short lines is furniture even there.
pub(super) fn between_prose(lines: &[Line], i: usize, start: usize, end: usize) -> bool {
    let prose = |j: usize| lines[j].class == Class::Prose;
    // The run of non-prose lines around `i`, and whether prose closes it on both sides. Lists and
    // tables inside an article run to a dozen lines; longer runs are menus and link lists.
    let mut before = i;
    while before > start && !prose(before - 1) && i - before < 16 {
        before -= 1;
    }
    let mut after = i;
    while after < end && !prose(after + 1) && after - before < 16 {
        after += 1;
    }
    let closed = before > start && prose(before - 1) && after < end && prose(after + 1);
    let heading = lines[i].words <= 12 && !lines[i].text.ends_with(['.', ',']);
    closed && (after - before < 14 || (heading && after == i))
}

/// "The 2020 tour dates:" introduces a list or a table, which is body however long it runs: its
/// short lines stay up to the next paragraph, furniture line or section break.
pub(super) fn keep_introduced_lists(lines: &[Line], start: usize, limit: usize, keep: &mut [bool]) {
    let mut i = start;
    while i < limit {
        // The introducing line is body, or a short line right after the body ("Dare to Play 3:").
        let in_body = keep[i] || (i > start && keep[i - 1] && lines[i].class == Class::Short);
        let introduces = in_body && lines[i].text.ends_with(':');
        keep[i] |= introduces;
        i += 1;
        if !introduces {
            continue;
        }
        while i < limit
            && matches!(lines[i].class, Class::Short | Class::Date(_))
            && lines[i].gap_before < 2
        {
            keep[i] = true;
            i += 1;
        }
    }
}

/// A headline of another article set between two paragraphs of the body: many words, no
/// closing punctuation. (Subheadings are shorter; list items stand among other short lines.)
pub(super) fn is_teaser(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    let end = line.text.trim_end_matches(['"', '\'', '”', '’', ')']);
    let alone = i > 0
        && lines[i - 1].class == Class::Prose
        && lines.get(i + 1).is_some_and(|l| l.class == Class::Prose);
    line.words >= 10 && alone && !end.ends_with(['.', '!', ':', ';', ','])
}

/// The stretch of lines with the most prose: maximum-sum segment over line weights.
pub(super) fn body_region(lines: &[Line], config: &TextConfig) -> Option<(usize, usize)> {
    let weight = |line: &Line| -> f32 {
        if line.table_row {
            return 0.0; // neither prose nor furniture: a table neither makes nor breaks the body
        }
        match line.class {
            Class::Prose => line.words as f32,
            Class::Short => -(config.short_line_cost + config.short_word_cost * line.words as f32),
            Class::Furniture(..) => -(config.furniture_cost + line.words.min(30) as f32),
            Class::Date(_) | Class::Byline(_) => -4.0,
        }
    };
    let (mut best, mut best_sum) = (None, 0.0f32);
    let (mut start, mut sum) = (0, 0.0f32);
    for (i, line) in lines.iter().enumerate() {
        // A long run of blank lines is a section break: it costs like a short line.
        let w = weight(line) - if line.gap_before >= 3 { 3.0 } else { 0.0 };
        if sum <= 0.0 {
            start = i;
            sum = 0.0;
        }
        sum += w;
        if sum > best_sum && line.class == Class::Prose {
            best_sum = sum;
            best = Some((start, i));
        }
    }
    // Start at the first prose line (not at a short line the sum happened to carry).
    best.map(|(s, e)| {
        let s = (s..=e)
            .find(|&i| lines[i].class == Class::Prose)
            .unwrap_or(s);
        (s, e)
    })
}
