//! The tagger on the sample corpus (examples/ at the repository root), its conventions, the
//! model file format and training. Robustness (any input gets an answer) is in robustness.rs.

use std::sync::Arc;

use textmill_entities::{
    Config, ENGLISH_MODEL, Label, MentionKind, Model, Scheme, Tagger, TrainConfig,
    TrainingSentence, entities, train,
};

/// A sample article as the pipeline gives it to the tagger: cleaned of page furniture.
fn example(name: &str) -> String {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    textmill_boilerplate::clean(&raw, textmill_boilerplate::InputKind::Text)
        .unwrap()
        .text
}

fn found(text: &str) -> Vec<(String, String)> {
    entities(text)
        .into_iter()
        .map(|e| (e.span().text(text).to_owned(), e.label.to_string()))
        .collect()
}

fn assert_has(found: &[(String, String)], expected: &[(&str, &str)]) {
    for (text, label) in expected {
        assert!(
            found.iter().any(|(t, l)| t == text && l.as_str() == *label),
            "missing {text} ({label}) in {found:?}"
        );
    }
}

#[test]
fn people_places_organisations_and_dates_of_the_meeting_article() {
    let found = found(&example("kim-putin-meeting.txt"));
    assert_has(
        &found,
        &[
            ("Kim Jong Un", "PERSON"),
            ("Vladimir Putin", "PERSON"),
            ("Putin", "PERSON"),
            ("Kim", "PERSON"),
            ("Pyongyang", "GPE"),
            ("Vladivostok", "GPE"),
            ("Russia", "GPE"),
            ("North Korea", "GPE"),
            ("South Korea", "GPE"),
            ("Moscow", "GPE"),
            ("Ukraine", "GPE"),
            ("U.S.", "GPE"),
            ("White House", "ORG"),
            ("Kremlin", "ORG"),
            ("Carnegie Endowment for International Peace", "ORG"),
            ("Eastern Economic Forum", "ORG"),
            ("North Korean", "NORP"),
            ("Asian", "NORP"),
            ("Monday", "DATE"),
            ("Tuesday", "DATE"),
            ("this month", "DATE"),
            ("last week", "DATE"),
        ],
    );
}

#[test]
fn people_places_organisations_and_dates_of_the_train_article() {
    let found = found(&example("kim-putin-train.txt"));
    assert_has(
        &found,
        &[
            ("Dmitry Peskov", "PERSON"),
            ("Donald Trump", "PERSON"),
            ("Xi Jinping", "PERSON"),
            ("Moon Jae-in", "PERSON"),
            ("Sergei Shoigu", "PERSON"),
            ("Singapore", "GPE"),
            ("Hanoi", "GPE"),
            ("China", "GPE"),
            ("Vladivostok", "GPE"),
            ("CNN", "ORG"),
            ("Russia 24", "ORG"),
            ("North", "GPE"),
            ("Kremlin", "ORG"),
            ("Chinese", "NORP"),
            ("DMZ", "LOC"),
            ("2011", "DATE"),
            ("April 2019", "DATE"),
        ],
    );
}

#[test]
fn possessives_and_leading_articles_stay_outside_and_short_forms_link_to_the_full_name() {
    let text = "Vladimir Putin met Kim Jong Un. Later, Putin’s aides said the White House was told. Kim's train left.";
    let found = entities(text);
    let get = |s: &str| found.iter().find(|e| e.span().text(text) == s);
    assert!(get("Putin’s").is_none() && get("Kim's").is_none());
    let putin = found
        .iter()
        .rfind(|e| e.span().text(text) == "Putin")
        .expect("Putin is tagged");
    assert_eq!(putin.label, Label::Person);
    assert_eq!(putin.canonical.as_deref(), Some("Vladimir Putin"));
    let kim = get("Kim").expect("Kim is tagged");
    assert_eq!(kim.canonical.as_deref(), Some("Kim Jong Un"));
    assert!(get("White House").is_some(), "{found:?}");
    assert!(get("the White House").is_none());
    for e in &found {
        assert!((0.0..=1.0).contains(&e.score), "{e:?}");
    }
}

#[test]
fn the_conll_scheme_has_four_types_and_no_numbers() {
    let tagger = Tagger::new(Config {
        scheme: Scheme::Conll,
        ..Config::default()
    });
    let text = example("kim-putin-train.txt");
    let found = tagger.entities(&text);
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|e| ["PER", "ORG", "LOC", "MISC"].contains(&e.label.as_str()))
    );
    assert!(
        found
            .iter()
            .any(|e| e.span().text(&text) == "Hanoi" && e.label == Label::Loc)
    );
}

#[test]
fn the_shipped_model_round_trips_and_damaged_models_are_refused() {
    let model = Model::from_bytes(ENGLISH_MODEL).unwrap();
    assert!(
        ENGLISH_MODEL.len() <= 10_000_000,
        "{} bytes",
        ENGLISH_MODEL.len()
    );
    assert_eq!(model.to_bytes(), ENGLISH_MODEL);
    assert!(Model::from_bytes(&ENGLISH_MODEL[..ENGLISH_MODEL.len() / 2]).is_err());
    assert!(Model::from_bytes(b"").is_err());
    assert!(Model::from_bytes(&[0xFF; 64]).is_err());
}

fn sentence(tokens: &str, tags: &str) -> TrainingSentence {
    TrainingSentence {
        tokens: tokens.split(' ').map(String::from).collect(),
        tags: tags.split(' ').map(String::from).collect(),
    }
}

#[test]
fn training_is_reproducible_and_learns_its_data() {
    let data = vec![
        sentence(
            "Zorblat Quux visited Flimbor today .",
            "B-PER I-PER O B-LOC O O",
        ),
        sentence(
            "Yesterday Zorblat Quux left Flimbor .",
            "O B-PER I-PER O B-LOC O",
        ),
        sentence(
            "The Grommet Society hired Quux .",
            "O B-ORG I-ORG O B-PER O",
        ),
    ];
    let config = TrainConfig {
        epochs: 5,
        bits: 12,
        seed: 7,
        ..TrainConfig::default()
    };
    let a = train(&data, &config, |_, _| {});
    let b = train(&data, &config, |_, _| {});
    assert_eq!(a.to_bytes(), b.to_bytes());
    let tagger = Tagger::with_model(Config::default(), Arc::new(a));
    let tagged = tagger.tag_tokens(&["Zorblat", "Quux", "visited", "Flimbor", "."]);
    assert_eq!(tagged, [(0, 2, MentionKind::Per), (3, 4, MentionKind::Loc)]);
}

#[test]
fn a_crafted_header_is_refused_before_its_weights_are_allocated() {
    // The shipped model's header (magic, feature set, calibration, bits, scale, transitions,
    // lexicon), with the bits set to
    // the largest allowed and a bitmap that says every one of the 2^26 rows is present, but no
    // rows after it: 8 MB that made the loader allocate 2^26 rows of weights before it found the
    // rows missing. Refused either way; the size check now comes before the allocation.
    let labels = 1 + 4 * textmill_entities::MentionKind::ALL.len();
    let bits_at = 8 + 4 + 3 * 4;
    let lexicon_at = bits_at + 8 + (labels + 1) * labels * 4;
    let entries = u32::from_le_bytes(
        ENGLISH_MODEL[lexicon_at..lexicon_at + 4]
            .try_into()
            .unwrap(),
    ) as usize;
    let header_end = lexicon_at + 4 + entries * 5;
    let mut crafted = ENGLISH_MODEL[..header_end].to_vec();
    crafted[bits_at..bits_at + 4].copy_from_slice(&26u32.to_le_bytes());
    crafted.extend(std::iter::repeat_n(0xFF, (1 << 26) / 8));
    assert!(Model::from_bytes(&crafted).is_err());
    // The same header with an honest empty bitmap is a (useless) valid model, at any size: the
    // loader keeps only the rows a file has, so 2^26 empty buckets cost their bitmap, not the
    // 4.5 GB of a row each.
    for bits in [8u32, 26] {
        crafted.truncate(header_end);
        crafted[bits_at..bits_at + 4].copy_from_slice(&bits.to_le_bytes());
        crafted.extend(std::iter::repeat_n(0u8, (1 << bits) / 8));
        let model = Model::from_bytes(&crafted).unwrap();
        assert_eq!(model.to_bytes().len(), crafted.len());
    }
    assert_eq!(*Model::BITS.end(), 26);
    // A scale or a transition that would make scores infinite or NaN (found by fuzzing: entity
    // scores of NaN) is refused.
    for (at, value) in [(12, f32::NAN), (12, 6.4e35), (16, -1.7e38), (16, 9e12)] {
        let mut bad = ENGLISH_MODEL.to_vec();
        bad[at..at + 4].copy_from_slice(&value.to_le_bytes());
        assert!(Model::from_bytes(&bad).is_err(), "{value} at {at}");
    }
}

#[test]
fn an_acronym_defined_in_the_text_names_its_long_form_everywhere() {
    let text = "Complaints went to the Real Estate Council of Ontario (RECO) last year. \
                A spokesman said RECO would review them.";
    let tagger = Tagger::new(Config {
        scheme: Scheme::Conll,
        min_score: 0.0,
        ..Config::default()
    });
    let found: Vec<(&str, &str)> = tagger
        .entities(text)
        .iter()
        .map(|e| (e.span().text(text), e.label.as_str()))
        .collect();
    assert!(
        found.contains(&("Real Estate Council of Ontario", "ORG")),
        "{found:?}"
    );
    assert_eq!(
        found.iter().filter(|f| **f == ("RECO", "ORG")).count(),
        2,
        "{found:?}"
    );
}

#[test]
fn a_title_stays_outside_the_name_and_vouches_for_a_person() {
    let text = "Ms Pugh told reporters that Pope Francis would visit in May.";
    let tagger = Tagger::new(Config {
        scheme: Scheme::Conll,
        ..Config::default()
    });
    let found = tagger.entities(text);
    let pugh = found
        .iter()
        .find(|e| e.span().text(text) == "Pugh")
        .expect("Pugh is found without the title");
    assert_eq!(pugh.label.as_str(), "PER");
    assert!(pugh.score >= 0.89, "{}", pugh.score);
    assert!(
        found
            .iter()
            .any(|e| e.span().text(text) == "Francis" && e.label.as_str() == "PER"),
        "{found:?}"
    );
    assert!(!found.iter().any(|e| e.span().text(text).contains("Ms ")));
}
