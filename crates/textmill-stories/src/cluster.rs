//! Story clusters: a single pass over documents in the order they arrive, each joining the
//! open story it is most similar to or starting one. A document is a tf-idf vector of its
//! title and lead words (stemmed, stop words left out) and of the names it mentions (canonical
//! forms from the tagger, weighted apart); a story is the sum of its documents' vectors. The
//! document frequencies are those of the stream so far, so that the state can be saved and a
//! later feed added to the stories it already has. A single pass chains two events on one topic
//! when the second one's first document is near enough the first event's story; so a story
//! that closes is bisected, and splits where its halves are far apart and each is much closer
//! within than across. Stories close when they fall out of the date window or, when dates are
//! missing, when more than `max_open` are open: memory stays flat however long the stream.

use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use textmill::core::{Label, SettingError, check_non_negative, check_share, lexicon};
use textmill::summarize::sparse_dot as dot;

/// How documents are grouped into stories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClusterConfig {
    /// The least cosine similarity between a document and a story for it to join the story.
    /// Chosen on NeuS train together with the split below (see `split_threshold`).
    pub threshold: f64,
    /// A closing story splits in two when the mean similarity between the documents of its two
    /// halves (found by bisection) is below this, and below `split_ratio` of the mean
    /// similarity within each half, each half holding `split_least` documents or more: two
    /// events on one topic (one candidate's two speeches, two rulings in one case) that the
    /// single pass chained together (0: never split). On NeuS train, 0.15 to join and 0.35 to
    /// split give B-cubed F1 0.961 and story summaries of ROUGE-1/2 41.57 / 18.33 end to end,
    /// against 0.937 and 40.83 / 18.01 with 0.2 to join and no split.
    pub split_threshold: f64,
    /// The fewest documents on each side of a split.
    pub split_least: usize,
    /// How much closer within each half than across the halves must be for a split: the halves
    /// of one loose story are nearly as close to each other as within themselves, so a large
    /// story that hangs together loosely is not cut up. 0.8; without this test NeuS train gains
    /// ROUGE-1 0.28, but NeuS has no story of more than three documents to show what it costs.
    pub split_ratio: f64,
    /// Weight of a title word against a lead word (1).
    pub title_weight: f64,
    /// Weight of a named entity against a lead word.
    pub entity_weight: f64,
    /// Words of the text read, from its start (news puts the story in its lead).
    pub lead_words: usize,
    /// Documents whose dates lie further apart than this many days are never one story, and a
    /// story with no document within this many days of the newest one closes.
    pub window_days: u32,
    /// For documents without dates, arrival order stands in for time: a story with no dated
    /// document closes once this many documents have arrived since its last one (0: never).
    /// Set it to 0 for an undated corpus in no particular order.
    pub undated_window: u64,
    /// Open stories at most; past it the story that has waited longest closes.
    pub max_open: usize,
    /// Terms kept in a story's vector (its heaviest ones).
    pub story_terms: usize,
    /// Terms whose document frequency is kept at most: past it, the terms seen in one document
    /// only are forgotten (they count as unseen, whose weight is nearly theirs), so that the
    /// state stays flat on an endless stream.
    pub max_terms: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            threshold: 0.15,
            split_threshold: 0.35,
            split_least: 2,
            split_ratio: 0.8,
            title_weight: 2.0,
            entity_weight: 1.5,
            lead_words: 80,
            window_days: 3,
            undated_window: 20,
            max_open: 5000,
            story_terms: 100,
            max_terms: 1 << 20,
        }
    }
}

impl ClusterConfig {
    /// Checks every setting, naming the first one out of range.
    pub fn check(&self) -> Result<(), SettingError> {
        check_share("threshold", self.threshold)?;
        check_share("split_threshold", self.split_threshold)?;
        check_share("split_ratio", self.split_ratio)?;
        check_non_negative("title_weight", self.title_weight)?;
        check_non_negative("entity_weight", self.entity_weight)?;
        for (name, value) in [
            ("lead_words", self.lead_words),
            ("max_open", self.max_open),
            ("story_terms", self.story_terms),
            ("max_terms", self.max_terms),
            ("split_least", self.split_least),
        ] {
            if value == 0 {
                return Err(SettingError::new(name, "must be at least 1"));
            }
        }
        Ok(())
    }
}

/// A name a document mentions: its canonical form and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The canonical form ("Kim Jong Un").
    pub text: String,
    /// Its label.
    pub label: Label,
}

/// What clustering needs of a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryDocument {
    /// Its id.
    pub id: String,
    /// Its headline, if known.
    pub title: Option<String>,
    /// Its clean text.
    pub text: String,
    /// Its date, `YYYY-MM-DD`, if known.
    pub date: Option<String>,
    /// The distinct names it mentions.
    pub names: Vec<Name>,
    /// The id of the earlier document it is a near-duplicate of: it joins that one's story.
    pub duplicate_of: Option<String>,
}

/// A sparse vector: (term hash, weight), sorted by term.
type Vector = Vec<(u64, f32)>;

/// A story as clustering holds it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpenStory {
    /// Its number, from 0 in the order stories start.
    pub number: u64,
    /// 0, or for a story split as it closed, the part (in the order of their first documents).
    #[serde(default)]
    pub part: u32,
    /// Its documents, in arrival order.
    pub documents: Vec<StoryDocument>,
    /// Each document's vector, in the same order (to choose the most central).
    vectors: Vec<Vector>,
    /// The sum of its documents' unit vectors, cut to the heaviest terms.
    centroid: Vector,
    norm: f32,
    first_date: Option<i64>,
    last_date: Option<i64>,
    last_seen: u64,
}

impl OpenStory {
    fn new(number: u64, part: u32) -> Self {
        OpenStory {
            number,
            part,
            documents: Vec::new(),
            vectors: Vec::new(),
            centroid: Vec::new(),
            norm: 0.0,
            first_date: None,
            last_date: None,
            last_seen: 0,
        }
    }

    /// Adds a document with its vector and day: the centroid and date range follow.
    fn push(&mut self, document: StoryDocument, vector: Vector, date: Option<i64>, terms: usize) {
        self.centroid = add_cut(&self.centroid, &vector, terms);
        self.norm = norm(&self.centroid);
        self.first_date = min_option(self.first_date, date);
        self.last_date = max_option(self.last_date, date);
        self.vectors.push(vector);
        self.documents.push(document);
    }

    /// The index (among its documents) of the one most similar to the story as a whole.
    pub fn central_document(&self) -> usize {
        (0..self.vectors.len())
            .max_by(|&a, &b| {
                dot(&self.vectors[a], &self.centroid)
                    .total_cmp(&dot(&self.vectors[b], &self.centroid))
                    .then(b.cmp(&a))
            })
            .unwrap_or(0)
    }
}

/// The clustering state: open stories and the document frequencies seen so far. Serialisable,
/// so that a later run adds its documents to the stories this one left open.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clusterer {
    config: ClusterConfig,
    document_frequency: FxHashMap<u64, u32>,
    documents_seen: u64,
    open: Vec<OpenStory>,
    next_story: u64,
    /// The story (by number) of each open story's documents, for near-duplicates to join.
    story_of: FxHashMap<String, u64>,
    newest_date: Option<i64>,
}

impl Clusterer {
    /// An empty state for `config` (checked).
    pub fn new(config: ClusterConfig) -> Result<Self, SettingError> {
        config.check()?;
        Ok(Clusterer {
            config,
            document_frequency: FxHashMap::default(),
            documents_seen: 0,
            open: Vec::new(),
            next_story: 0,
            story_of: FxHashMap::default(),
            newest_date: None,
        })
    }

    /// The settings.
    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    /// Replaces the settings of a saved state (the document frequencies and stories stay).
    pub fn set_config(&mut self, config: ClusterConfig) -> Result<(), SettingError> {
        config.check()?;
        self.config = config;
        Ok(())
    }

    /// The stories still open.
    pub fn open_stories(&self) -> &[OpenStory] {
        &self.open
    }

    /// Adds a document; returns the number of the open story it joined (should that story split
    /// as it closes, its parts keep the number) and the stories this closed (past the date
    /// window or the cap on open stories), which will not change again.
    pub fn add(&mut self, document: StoryDocument) -> (u64, Vec<OpenStory>) {
        let date = document.date.as_deref().and_then(day_number);
        if let Some(day) = date {
            self.newest_date = Some(self.newest_date.map_or(day, |d| d.max(day)));
        }
        let terms = self.terms(&document);
        self.documents_seen += 1;
        for &(term, _) in &terms {
            *self.document_frequency.entry(term).or_default() += 1;
        }
        if self.document_frequency.len() > self.config.max_terms {
            // Down to three quarters, so that pruning is rare: the rarest terms go first.
            let mut floor = 1;
            while self.document_frequency.len() > self.config.max_terms / 4 * 3 {
                self.document_frequency.retain(|_, df| *df > floor);
                floor *= 2;
            }
        }
        let vector = self.weigh(&terms);
        let joined = document
            .duplicate_of
            .as_ref()
            .and_then(|of| self.story_of.get(of))
            .and_then(|number| self.open.iter().position(|s| s.number == *number))
            .or_else(|| self.best_story(&vector, date));
        let at = joined.unwrap_or_else(|| {
            self.open.push(OpenStory::new(self.next_story, 0));
            self.next_story += 1;
            self.open.len() - 1
        });
        let story = &mut self.open[at];
        story.last_seen = self.documents_seen;
        self.story_of.insert(document.id.clone(), story.number);
        story.push(document, vector, date, self.config.story_terms);
        let number = story.number;
        (number, self.close_stale())
    }

    /// Closes every open story, in the order they started.
    pub fn finish(&mut self) -> Vec<OpenStory> {
        let open = std::mem::take(&mut self.open);
        self.story_of.clear();
        let mut all: Vec<OpenStory> = open.into_iter().flat_map(|s| self.split_mixed(s)).collect();
        all.sort_by_key(|s| (s.number, s.part));
        all
    }

    fn best_story(&self, vector: &Vector, date: Option<i64>) -> Option<usize> {
        let window = i64::from(self.config.window_days);
        self.open
            .iter()
            .enumerate()
            .filter(|(_, s)| match (date, s.first_date, s.last_date) {
                (Some(d), Some(first), Some(last)) => d >= first - window && d <= last + window,
                _ => true,
            })
            .map(|(i, s)| (i, dot(vector, &s.centroid) / s.norm.max(f32::MIN_POSITIVE)))
            .filter(|&(_, similarity)| f64::from(similarity) >= self.config.threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i)
    }

    fn close_stale(&mut self) -> Vec<OpenStory> {
        let window = i64::from(self.config.window_days);
        let newest = self.newest_date;
        let mut closed = Vec::new();
        let mut i = 0;
        while i < self.open.len() {
            let story = &self.open[i];
            let stale = match (newest, story.last_date) {
                (Some(n), Some(last)) => last < n - window,
                (_, None) => {
                    self.config.undated_window > 0
                        && self.documents_seen - story.last_seen > self.config.undated_window
                }
                (None, Some(_)) => false,
            };
            if stale {
                closed.push(self.open.swap_remove(i));
            } else {
                i += 1;
            }
        }
        while self.open.len() > self.config.max_open {
            let oldest = (0..self.open.len())
                .min_by_key(|&i| self.open[i].last_seen)
                .unwrap_or(0);
            closed.push(self.open.swap_remove(oldest));
        }
        for story in &closed {
            for doc in &story.documents {
                self.story_of.remove(&doc.id);
            }
        }
        let mut closed: Vec<OpenStory> = closed
            .into_iter()
            .flat_map(|s| self.split_mixed(s))
            .collect();
        closed.sort_by_key(|s| (s.number, s.part));
        closed
    }

    /// `story`, or its parts when it holds events apart (see `split_threshold`), in the order
    /// of their first documents: each keeps the story's number, with its own part number.
    fn split_mixed(&self, story: OpenStory) -> Vec<OpenStory> {
        let mut groups = Vec::new();
        self.partition(
            (0..story.vectors.len()).collect(),
            &story.vectors,
            &mut groups,
        );
        if groups.len() == 1 {
            return vec![story];
        }
        groups.sort_by_key(|group| group[0]);
        let mut slots: Vec<Option<(StoryDocument, Vector)>> = story
            .documents
            .into_iter()
            .zip(story.vectors)
            .map(Some)
            .collect();
        let mut parts = Vec::with_capacity(groups.len());
        for (part, group) in (0..).zip(groups) {
            let mut built = OpenStory::new(story.number, part);
            built.last_seen = story.last_seen;
            for i in group {
                let (document, vector) = slots[i].take().expect("each index in one group");
                let date = document.date.as_deref().and_then(day_number);
                built.push(document, vector, date, self.config.story_terms);
            }
            parts.push(built);
        }
        parts
    }

    /// Bisects `members` (indices into `vectors`, ascending) while a split holds, pushing the
    /// groups it ends with.
    fn partition(&self, members: Vec<usize>, vectors: &[Vector], groups: &mut Vec<Vec<usize>>) {
        let config = &self.config;
        let halves = (config.split_threshold > 0.0 && members.len() >= 2 * config.split_least)
            .then(|| {
                let own: Vec<&Vector> = members.iter().map(|&i| &vectors[i]).collect();
                bisect(
                    &own,
                    config.split_least,
                    config.split_threshold,
                    config.split_ratio,
                )
            })
            .flatten();
        match halves {
            Some((left, right)) => {
                for half in [left, right] {
                    let half = half.into_iter().map(|i| members[i]).collect();
                    self.partition(half, vectors, groups);
                }
            }
            None => groups.push(members),
        }
    }

    /// A document's terms with their raw weights: title and lead words (stems), and names.
    fn terms(&self, document: &StoryDocument) -> Vec<(u64, f32)> {
        let mut weights: FxHashMap<u64, f32> = FxHashMap::default();
        let stop = lexicon::stop_words();
        let mut add_words = |text: &str, limit: usize, weight: f64| {
            let words = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 1 && !w.bytes().all(|b| b.is_ascii_digit()))
                .filter(|w| !stop.contains_lowercase(w))
                .take(limit);
            for word in words {
                let stem = textmill::summarize::stem(&word.to_lowercase());
                *weights.entry(term_hash(0, &stem)).or_default() += weight as f32;
            }
        };
        if let Some(title) = &document.title {
            add_words(title, usize::MAX, self.config.title_weight);
        }
        add_words(&document.text, self.config.lead_words, 1.0);
        for name in &document.names {
            *weights
                .entry(term_hash(1, &name.text.to_lowercase()))
                .or_default() += self.config.entity_weight as f32;
        }
        let mut terms: Vec<(u64, f32)> = weights.into_iter().collect();
        terms.sort_unstable_by_key(|&(t, _)| t);
        terms
    }

    /// Unit tf-idf vector: (1 + ln weight, or the weight itself below 1) times the smoothed idf of the stream so far.
    fn weigh(&self, terms: &[(u64, f32)]) -> Vector {
        let n = self.documents_seen as f32;
        let mut vector: Vector = terms
            .iter()
            .map(|&(term, weight)| {
                let df = self.document_frequency.get(&term).copied().unwrap_or(0) as f32;
                let idf = ((n + 1.0) / (df + 1.0)).ln() + 1.0;
                let tf = if weight >= 1.0 {
                    1.0 + weight.ln()
                } else {
                    weight
                };
                (term, tf * idf)
            })
            .collect();
        let length = norm(&vector);
        if length > 0.0 {
            for (_, w) in &mut vector {
                *w /= length;
            }
        }
        vector
    }
}

/// Splits unit vectors in two by spherical 2-means, seeded with the vector furthest from the
/// whole and the one furthest from that: the two parts (indices in order) when each has
/// `least` or more and their mean cross similarity is below `threshold` and below `ratio`
/// times the mean similarity within each part.
fn bisect(
    vectors: &[&Vector],
    least: usize,
    threshold: f64,
    ratio: f64,
) -> Option<(Vec<usize>, Vec<usize>)> {
    let whole = sum_of(vectors.iter().copied());
    let furthest_from = |target: &[(u64, f32)]| {
        (0..vectors.len())
            .min_by(|&a, &b| dot(vectors[a], target).total_cmp(&dot(vectors[b], target)))
            .unwrap_or(0)
    };
    let a = furthest_from(&whole);
    let b = furthest_from(vectors[a]);
    if a == b {
        return None;
    }
    let mut centres: (Vector, Vector) = (vectors[a].clone(), vectors[b].clone());
    let mut in_left: Vec<bool> = Vec::new();
    for _ in 0..BISECT_ROUNDS {
        let (norm_l, norm_r) = (norm(&centres.0), norm(&centres.1));
        let assigned: Vec<bool> = vectors
            .iter()
            .map(|v| dot(v, &centres.0) * norm_r >= dot(v, &centres.1) * norm_l)
            .collect();
        if assigned == in_left {
            break;
        }
        in_left = assigned;
        let side = |left: bool| {
            let members = vectors
                .iter()
                .zip(&in_left)
                .filter(move |(_, l)| **l == left);
            sum_of(members.map(|(v, _)| *v))
        };
        centres = (side(true), side(false));
    }
    let left: Vec<usize> = (0..vectors.len()).filter(|&i| in_left[i]).collect();
    let right: Vec<usize> = (0..vectors.len()).filter(|&i| !in_left[i]).collect();
    if left.len() < least || right.len() < least {
        return None;
    }
    // Sums of unit vectors: their dot over the pair count is the mean cross similarity.
    let mean_cross = f64::from(dot(&centres.0, &centres.1)) / (left.len() * right.len()) as f64;
    let mean_within = |centre: &Vector, n: usize| {
        if n < 2 {
            return 1.0;
        }
        let n = n as f64;
        (f64::from(dot(centre, centre)) - n) / (n * (n - 1.0))
    };
    let within = mean_within(&centres.0, left.len()).min(mean_within(&centres.1, right.len()));
    (mean_cross < threshold && mean_cross < ratio * within).then_some((left, right))
}

/// The sum of sparse vectors (by a map: folding `add_cut` would copy the sum for each one).
fn sum_of<'v>(vectors: impl Iterator<Item = &'v Vector>) -> Vector {
    let mut total: FxHashMap<u64, f32> = FxHashMap::default();
    for vector in vectors {
        for &(term, weight) in vector {
            *total.entry(term).or_default() += weight;
        }
    }
    let mut total: Vector = total.into_iter().collect();
    total.sort_unstable_by_key(|&(t, _)| t);
    total
}

/// Rounds of 2-means at most (it settles in two or three on stories of a few documents).
const BISECT_ROUNDS: usize = 10;

fn term_hash(kind: u8, text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    kind.hash(&mut hasher);
    text.hash(&mut hasher);
    hasher.finish()
}

fn norm(v: &[(u64, f32)]) -> f32 {
    v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()
}

/// `a + b`, keeping the `keep` heaviest terms, sorted by term.
fn add_cut(a: &[(u64, f32)], b: &[(u64, f32)], keep: usize) -> Vector {
    let mut sum: Vector = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let take_a = j >= b.len() || (i < a.len() && a[i].0 < b[j].0);
        let take_b = i >= a.len() || (j < b.len() && b[j].0 < a[i].0);
        if take_a {
            sum.push(a[i]);
            i += 1;
        } else if take_b {
            sum.push(b[j]);
            j += 1;
        } else {
            sum.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    if sum.len() > keep {
        sum.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        sum.truncate(keep);
        sum.sort_unstable_by_key(|&(t, _)| t);
    }
    sum
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the form the cleaner gives).
fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (H. Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn min_option(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn max_option(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, title: &str, text: &str, date: Option<&str>) -> StoryDocument {
        StoryDocument {
            id: id.into(),
            title: Some(title.into()),
            text: text.into(),
            date: date.map(str::to_string),
            ..StoryDocument::default()
        }
    }

    #[test]
    fn articles_on_one_event_share_a_story_and_others_do_not() {
        let mut c = Clusterer::new(ClusterConfig::default()).unwrap();
        let (a, _) = c.add(doc("a", "Kim arrives in Russia by train for Putin summit", "North Korean leader Kim Jong Un arrived in Vladivostok by armoured train for a summit with Vladimir Putin.", None));
        let (b, _) = c.add(doc(
            "b",
            "Floods hit northern Italy",
            "Heavy rain flooded towns across Emilia-Romagna, forcing thousands from their homes.",
            None,
        ));
        let (c2, _) = c.add(doc("c", "Putin and Kim meet in Vladivostok", "Vladimir Putin welcomed Kim Jong Un to Vladivostok, where the leaders arrived for their first summit.", None));
        assert_eq!(a, c2);
        assert_ne!(a, b);
        let stories = c.finish();
        assert_eq!(stories.len(), 2);
        assert_eq!(stories[0].documents.len(), 2);
    }

    #[test]
    fn a_near_duplicate_joins_its_original_and_dates_far_apart_split() {
        let mut c = Clusterer::new(ClusterConfig::default()).unwrap();
        let text = "The central bank raised interest rates by half a point to fight inflation.";
        let (a, _) = c.add(doc("a", "Bank raises rates", text, Some("2024-03-01")));
        let mut copy = doc(
            "b",
            "Unrelated headline",
            "Something else entirely.",
            Some("2024-03-01"),
        );
        copy.duplicate_of = Some("a".into());
        assert_eq!(c.add(copy).0, a);
        let (late, closed) = c.add(doc("c", "Bank raises rates", text, Some("2024-05-01")));
        assert_ne!(late, a);
        assert_eq!(closed.len(), 1, "the March story closed when May came");
        assert_eq!(closed[0].documents.len(), 2);
    }

    #[test]
    fn a_story_chained_from_two_events_splits_when_it_closes() {
        let titles = [
            "May says Trump told her to sue the EU over Brexit",
            "Trump advised Theresa May to sue the EU, she says",
            "Theresa May: Trump told me to sue the European Union",
            "Theresa May to resign as prime minister on 7 June",
            "Theresa May quits as British prime minister",
            "May announces resignation as prime minister",
        ];
        let chained = |split_threshold: f64| {
            let config = ClusterConfig {
                threshold: 0.05,
                split_threshold,
                ..ClusterConfig::default()
            };
            let mut c = Clusterer::new(config).unwrap();
            for (i, title) in titles.iter().enumerate() {
                c.add(doc(
                    &i.to_string(),
                    title,
                    "Theresa May said on Friday.",
                    None,
                ));
            }
            c.finish()
                .iter()
                .map(|s| {
                    let ids: String = s.documents.iter().map(|d| d.id.as_str()).collect();
                    (s.number, s.part, ids)
                })
                .collect::<Vec<_>>()
        };
        let story = |part: u32, ids: &str| (0, part, ids.to_string());
        assert_eq!(
            chained(0.0),
            [story(0, "012345")],
            "one pass chains the two events"
        );
        // The parts keep the story's number, so that no later story (nor a later run over the
        // saved state) can take it.
        assert_eq!(chained(0.35), [story(0, "012"), story(1, "345")]);
    }

    /// Unit vectors: each document's similarity is `shared` to every other one, plus `group` to
    /// those of its own group.
    fn vectors(shared: f32, group: f32, groups: &[u64]) -> Vec<Vector> {
        let own = (1.0 - shared - group).sqrt();
        (0..groups.len() as u64)
            .map(|i| {
                vec![
                    (0, shared.sqrt()),
                    (100 + groups[i as usize], group.sqrt()),
                    (1000 + i, own),
                ]
            })
            .collect()
    }

    #[test]
    fn bisection_splits_two_events_but_not_one_loose_story() {
        let groups = [0, 0, 0, 1, 1, 1, 0, 1];
        // Two events: 0.54 within, 0.04 across.
        let two = vectors(0.04, 0.5, &groups);
        let two: Vec<&Vector> = two.iter().collect();
        let halves = (vec![0, 1, 2, 6], vec![3, 4, 5, 7]);
        assert_eq!(bisect(&two, 2, 0.35, 0.8), Some(halves.clone()));
        assert_eq!(bisect(&two, 5, 0.35, 0.8), None, "halves too small");
        // One loose story: 0.24 within the halves, 0.2 across, close to within.
        let loose = vectors(0.2, 0.04, &groups);
        let loose: Vec<&Vector> = loose.iter().collect();
        assert_eq!(bisect(&loose, 2, 0.35, 0.8), None);
        assert_eq!(
            bisect(&loose, 2, 0.35, 1.0),
            Some(halves),
            "the ratio guards it"
        );
        assert_eq!(
            bisect(&two, 2, 0.01, 0.8),
            None,
            "halves close enough across"
        );
    }

    #[test]
    fn open_stories_are_capped() {
        let config = ClusterConfig {
            max_open: 3,
            ..ClusterConfig::default()
        };
        let mut c = Clusterer::new(config).unwrap();
        let mut closed = 0;
        for i in 0..10 {
            let topic = format!("topic{i} alpha{i} beta{i} gamma{i}");
            closed += c.add(doc(&i.to_string(), &topic, &topic, None)).1.len();
        }
        assert_eq!(closed, 7);
        assert_eq!(c.open_stories().len(), 3);
    }

    #[test]
    fn document_frequencies_stay_bounded() {
        let config = ClusterConfig {
            max_terms: 1000,
            ..ClusterConfig::default()
        };
        let mut c = Clusterer::new(config).unwrap();
        for i in 0..2000 {
            let text = format!("common words here unique{i} rare{i} other{i}");
            c.add(doc(&i.to_string(), "common title", &text, None));
            assert!(c.document_frequency.len() <= 1000);
        }
        assert!(c.document_frequency.contains_key(&term_hash(0, "common")));
    }

    #[test]
    fn dates_count_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(),
            2
        );
        assert_eq!(day_number("2024-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }
}
