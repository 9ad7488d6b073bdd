//! Summaries, clusters and keyphrases of the sample corpus (examples/ at the repository root,
//! cleaned as the pipeline cleans them), budgets and short texts. Robustness (any input gets an
//! answer) is in robustness.rs.

use textmill_summarize::{
    Budget, ClusterMethod, Config, Method, Summarizer, keyphrases, summarize, summarize_cluster,
};

fn example(name: &str) -> String {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    textmill_boilerplate::clean(&raw, textmill_boilerplate::InputKind::Text)
        .unwrap()
        .text
}

fn words(text: &str) -> usize {
    textmill_segment::tokens(text)
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                textmill_core::TokenKind::Word | textmill_core::TokenKind::Number
            )
        })
        .count()
}

#[test]
fn the_meeting_article_is_summarised_by_its_lead_and_what_follows_from_it() {
    let text = example("kim-putin-meeting.txt");
    let summary = summarize(&text, Budget::Sentences(3));
    let sentences = textmill_segment::sentences(&text);
    assert_eq!(summary.scores.len(), sentences.len());
    assert_eq!(summary.sentences.len(), 3);
    let first = summary.sentences[0].span.text(&text);
    assert!(first.starts_with("A luxury armored train"), "{first}");
    for (chosen, next) in summary.sentences.iter().zip(&summary.sentences[1..]) {
        assert!(chosen.index < next.index, "document order");
    }
    for chosen in &summary.sentences {
        assert_eq!(chosen.span, sentences[chosen.index]);
        assert_eq!(chosen.score, summary.scores[chosen.index]);
    }
    let by_score = summary.by_score();
    assert!(by_score.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn every_budget_is_respected() {
    let text = example("kim-putin-train.txt");
    let summarizer = Summarizer::default();
    let total = words(&text);
    for (budget, limit) in [
        (Budget::Words(60), 60),
        (Budget::Ratio(0.3), (0.3 * total as f64).round() as usize),
    ] {
        let summary = summarizer.summarize(&text, budget);
        let used: usize = summary
            .sentences
            .iter()
            .map(|s| words(s.span.text(&text)))
            .sum();
        assert!(!summary.sentences.is_empty(), "{budget:?}");
        assert!(used <= limit, "{budget:?}: {used} words");
    }
    let summary = summarizer.summarize(&text, Budget::Chars(400));
    let used: usize = summary
        .sentences
        .iter()
        .map(|s| s.span.text(&text).chars().count())
        .sum();
    assert!(used <= 400 && !summary.sentences.is_empty(), "{used} chars");
    assert_eq!(
        summarizer
            .summarize(&text, Budget::Sentences(1))
            .sentences
            .len(),
        1
    );
    assert!(
        summarizer
            .summarize(&text, Budget::Sentences(0))
            .sentences
            .is_empty()
    );
}

#[test]
fn short_texts_return_what_they_have() {
    assert!(summarize("", Budget::Sentences(3)).sentences.is_empty());
    assert!(
        summarize("   \n\n ", Budget::Ratio(0.5))
            .sentences
            .is_empty()
    );
    let one = "Kim arrived.";
    let summary = summarize(one, Budget::Sentences(3));
    assert_eq!(summary.sentences.len(), 1);
    // A budget smaller than the only sentence still gets that sentence.
    assert_eq!(summarize(one, Budget::Words(1)).sentences.len(), 1);
    let three = "Kim arrived. Putin waited. They talked.";
    let indices: Vec<usize> = summarize(three, Budget::Sentences(3))
        .sentences
        .iter()
        .map(|s| s.index)
        .collect();
    assert_eq!(indices, [0, 1, 2]);
}

#[test]
fn every_method_gives_a_summary_and_lead_gives_the_first_sentences() {
    let text = example("kim-putin-meeting.txt");
    for method in [
        Method::PacSum,
        Method::LexRank,
        Method::TextRank,
        Method::Lead,
    ] {
        let summarizer = Summarizer::new(Config {
            method,
            ..Config::default()
        });
        let summary = summarizer.summarize(&text, Budget::Sentences(3));
        assert_eq!(summary.sentences.len(), 3, "{method:?}");
        assert!(summary.scores.iter().all(|s| s.is_finite()), "{method:?}");
        if method == Method::Lead {
            let indices: Vec<usize> = summary.sentences.iter().map(|s| s.index).collect();
            assert_eq!(indices, [0, 1, 2]);
        }
    }
}

/// The same article twice: every sentence of one copy is a duplicate of one in the other (with a
/// method that chooses first, every one that repeats a chosen sentence).
fn assert_second_copy_is_duplicates(
    twice: &textmill_summarize::ClusterSummary,
    text: &str,
    method: ClusterMethod,
) {
    let expected = match method {
        ClusterMethod::Pooled => textmill_segment::sentences(text).len(),
        _ => twice.sentences.len(),
    };
    assert_eq!(twice.duplicates_removed, expected, "{method:?}: {twice:?}");
    for s in &twice.sentences {
        // Its twin in the other copy. Only the ranked method may take a sentence from the
        // second copy (to replace one of the first's lead).
        assert_eq!(
            s.duplicates,
            [(1 - s.doc, s.index)],
            "{method:?}: {twice:?}"
        );
        assert!(
            s.doc == 0 || method == ClusterMethod::Ranked,
            "{method:?}: {twice:?}"
        );
    }
}

#[test]
fn a_central_cluster_summary_is_the_lead_of_its_most_central_article() {
    let meeting = example("kim-putin-meeting.txt");
    let train = example("kim-putin-train.txt");
    let texts = [meeting.as_str(), train.as_str()];
    let central = Summarizer::new(Config {
        cluster: ClusterMethod::Central,
        ..Config::default()
    });
    let summarize_cluster = |texts: &[&str], budget| central.summarize_cluster(texts, budget);
    let summary = summarize_cluster(&texts, Budget::Sentences(4));
    assert_eq!(summary.sentences.len(), 4);
    let doc = summary.sentences[0].doc;
    for (i, s) in summary.sentences.iter().enumerate() {
        assert_eq!(
            (s.doc, s.index),
            (doc, i),
            "the lead of one article, in order"
        );
        assert_eq!(s.span, textmill_segment::sentences(texts[s.doc])[s.index]);
    }
    // A word budget stops before the first sentence that would go over it (the first is always
    // taken).
    let words = summarize_cluster(&texts, Budget::Words(30));
    assert!(!words.sentences.is_empty());
    let count = |s: &textmill_summarize::ClusterSentence| {
        s.span.text(texts[s.doc]).split_whitespace().count()
    };
    let used: usize = words.sentences.iter().map(count).sum();
    assert!(used <= 30 || words.sentences.len() == 1, "{used} words");

    // The same article twice: every sentence of the second copy is a duplicate of the first.
    let twice = summarize_cluster(&[meeting.as_str(), meeting.as_str()], Budget::Sentences(3));
    assert_second_copy_is_duplicates(&twice, &meeting, ClusterMethod::Central);
    let ranked =
        Summarizer::default().summarize_cluster(&[&meeting, &meeting], Budget::Sentences(3));
    assert_second_copy_is_duplicates(&ranked, &meeting, ClusterMethod::Ranked);
}

/// Three outlets on one meeting and an unrelated article, with their titles.
const MEETING_TITLES: [&str; 4] = [
    "Kim and Putin meet at Russian space centre",
    "Lisbon enjoys a warm week",
    "Putin hosts Kim Jong Un at cosmodrome",
    "Kim meets Putin in Russia's Far East",
];
const MEETING_TEXTS: [&str; 4] = [
    "Kim Jong Un met Vladimir Putin at a space centre in Russia's Far East on Wednesday. \
     The two leaders toured the launch site. Critics called the visit a show.",
    "The weather in Lisbon was warm and sunny all week. The beaches were full of tourists.",
    "Vladimir Putin hosted Kim Jong Un at the Vostochny cosmodrome on Wednesday. \
     Putin said Russia would help North Korea build satellites.",
    "Kim and Putin met on Wednesday at a space centre in Russia's Far East. \
     Putin promised help with satellites, the Kremlin said.",
];

#[test]
fn a_ranked_cluster_summary_is_the_best_of_its_candidates_and_keeps_to_the_story() {
    let summarizer = Summarizer::default();
    let budget = Budget::Words(40);
    let candidates = summarizer.cluster_candidates(&MEETING_TITLES, &MEETING_TEXTS, budget);
    assert!(!candidates.is_empty());
    let sentences = |doc: usize| textmill_segment::sentences(MEETING_TEXTS[doc]);
    for c in &candidates {
        assert_eq!(c.features.len(), textmill_summarize::CLUSTER_FEATURES.len());
        assert!(c.features.iter().all(|f| f.is_finite()), "{c:?}");
        // A lead (its first sentences, in order), changed by at most one sentence.
        let base = c.sentences[0].0;
        let own = c.sentences.iter().filter(|s| s.0 == base).count();
        assert!(c.sentences.len() - own <= 1, "{c:?}");
        // Within the budget, or the first sentence alone.
        let used: usize = c
            .sentences
            .iter()
            .map(|&(doc, i)| words(sentences(doc)[i].text(MEETING_TEXTS[doc])))
            .sum();
        assert!(used <= 40 || c.sentences.len() == 1, "{used} words: {c:?}");
    }
    let best = candidates
        .iter()
        .reduce(|best, c| if c.score > best.score { c } else { best })
        .unwrap();
    let summary = summarizer.summarize_titled_cluster(&MEETING_TITLES, &MEETING_TEXTS, budget);
    let chosen: Vec<(usize, usize)> = summary.sentences.iter().map(|s| (s.doc, s.index)).collect();
    assert_eq!(chosen, best.sentences);
    for s in &summary.sentences {
        assert_eq!(s.span, sentences(s.doc)[s.index]);
    }
    // The article the others share nothing with is never drawn on.
    assert!(summary.sentences.iter().all(|s| s.doc != 1), "{summary:?}");
    assert!(candidates.iter().all(|c| c.sentences[0].0 != 1));
    // A lone article gives its lead; titles are optional.
    let alone = summarizer.summarize_titled_cluster(&[], &MEETING_TEXTS[..1], Budget::Sentences(2));
    let alone: Vec<(usize, usize)> = alone.sentences.iter().map(|s| (s.doc, s.index)).collect();
    assert_eq!(alone, [(0, 0), (0, 1)]);
}

#[test]
fn a_cluster_in_a_script_rouge_cannot_read_still_gets_a_summary() {
    // ROUGE's words are ASCII letters and digits: these articles give the ranker nothing.
    let texts = [
        "",
        "Ким Чен Ын прибыл в Россию. Он встретится с Путиным.",
        "Путин встретился с Ким Чен Ыном. Они обсудили спутники.",
    ];
    let summary = summarize_cluster(&texts, Budget::Sentences(1));
    assert_eq!(summary.sentences.len(), 1, "{summary:?}");
    assert_ne!(summary.sentences[0].doc, 0);
}

#[test]
fn a_long_lead_is_a_candidate_as_it_is() {
    // A budget of the whole text: leads of 200 sentences, each left unchanged (one candidate
    // per article), rather than hundreds of near-identical ones.
    let long: Vec<String> = (0..2)
        .map(|doc| {
            (0..200)
                .map(|i| format!("Article {doc} reports fact number {i} about the meeting. "))
                .collect()
        })
        .collect();
    let texts: Vec<&str> = long.iter().map(String::as_str).collect();
    let candidates = Summarizer::default().cluster_candidates(&[], &texts, Budget::Ratio(1.0));
    assert_eq!(candidates.len(), 2);
    assert!(candidates.iter().all(|c| c.sentences.len() == 200));
}

#[test]
fn the_most_central_article_is_the_one_the_others_share_words_with() {
    let lead =
        "Kim Jong Un met Vladimir Putin at a space centre in Russia's Far East on Wednesday.";
    let texts = [
        "The weather in Lisbon was warm and sunny all week, and the beaches were full.",
        lead,
        "Kim Jong Un and Vladimir Putin met on Wednesday at a space centre in Russia.",
        "Putin met Kim at a space centre in the Far East, Russian media said on Wednesday.",
    ];
    let summary = summarize_cluster(&texts, Budget::Sentences(1));
    assert_eq!(summary.sentences[0].doc, 1, "{summary:?}");
    assert_eq!(summary.sentences[0].span.text(texts[1]), lead);
}

#[test]
fn a_pooled_cluster_summary_draws_on_every_article_and_merges_duplicates() {
    let meeting = example("kim-putin-meeting.txt");
    let train = example("kim-putin-train.txt");
    let texts = [meeting.as_str(), train.as_str()];
    let pooled = Summarizer::new(Config {
        cluster: ClusterMethod::Pooled,
        ..Config::default()
    });
    let summary = pooled.summarize_cluster(&texts, Budget::Sentences(4));
    assert_eq!(summary.sentences.len(), 4);
    for s in &summary.sentences {
        assert_eq!(s.span, textmill_segment::sentences(texts[s.doc])[s.index]);
    }
    // Both articles report the story: the summary draws on both.
    assert!(summary.sentences.iter().any(|s| s.doc == 0));
    assert!(summary.sentences.iter().any(|s| s.doc == 1));

    let twice =
        pooled.summarize_cluster(&[meeting.as_str(), meeting.as_str()], Budget::Sentences(3));
    assert_second_copy_is_duplicates(&twice, &meeting, ClusterMethod::Pooled);
}

#[test]
fn keyphrases_of_the_meeting_article_name_its_subjects() {
    let text = example("kim-putin-meeting.txt");
    let found = keyphrases(&text, 5);
    let names: Vec<&str> = found.iter().map(|k| k.text.as_str()).collect();
    assert!(names.contains(&"North Korea"), "{names:?}");
    assert!(names.contains(&"Kim"), "{names:?}");
    assert_eq!(found[0].score, 1.0);
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    for k in &found {
        // The phrase is written as it first occurs; every occurrence is a run of as many words,
        // in text order, none overlapping.
        assert_eq!(k.occurrences[0].span.text(&text), k.text);
        let words = k.text.split_whitespace().count();
        for o in &k.occurrences {
            assert_eq!(o.doc, 0);
            let written = o.span.text(&text);
            assert_eq!(
                written.split_whitespace().count(),
                words,
                "{written:?} for {k:?}"
            );
        }
        assert!(
            k.occurrences
                .windows(2)
                .all(|w| w[0].span.end <= w[1].span.start)
        );
    }
}

#[test]
fn a_document_s_main_names_raise_the_sentences_that_mention_them() {
    use textmill_core::{Document, Entity, Span};
    let text = example("kim-putin-train.txt");
    let mut doc = Document::new("train", text.clone());
    textmill_core::Stage::annotate(&textmill_segment::Segmenter::default(), &mut doc);
    let summarizer = Summarizer::default();
    let plain = summarizer.summarize_document(&doc, Budget::Sentences(3));
    // Every "Putin" is the document's most mentioned name.
    doc.entities = text
        .match_indices("Putin")
        .map(|(at, name)| {
            Entity::new(
                Span::new(at, at + name.len()),
                textmill_core::Label::Person,
                1.0,
                Some("Vladimir Putin".into()),
            )
        })
        .collect();
    let named = summarizer.summarize_document(&doc, Budget::Sentences(3));
    let weight = summarizer.config().entity_weight;
    assert!(weight > 0.0);
    for (i, sentence) in doc.sentences.iter().enumerate() {
        let gain = named.scores[i] - plain.scores[i];
        let expected = if sentence.span.text(&text).contains("Putin") {
            weight
        } else {
            0.0
        };
        assert!((gain - expected).abs() < 1e-9, "sentence {i}: {gain}");
    }
}
