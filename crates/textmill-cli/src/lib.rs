//! `textmill`: the command-line face of textmill. Thin: the work is in the library crates. A
//! library so that the Python wheel's `textmill` command is this same command.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use serde::Serialize;
use textmill::core::{EntityRecord, OffsetMap, SpanRecord, TokenRecord};
use textmill::entities::Scheme;
use textmill::summarize::{Budget, Method, Summarizer};
use textmill::{Document, InputKind, Pipeline, PipelineConfig};
use textmill_batch::Outcome;

mod stories;

#[derive(Parser)]
#[command(
    name = "textmill",
    version,
    about = "Raw news and web articles in, clean annotated text out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process a corpus: .txt/.html files, JSONL files (`text` or `html` field, optional `id`,
    /// `url`), WARC files (HTML responses), all of them also .gz or .zst, Parquet files, folders
    /// and glob patterns of them, or `-` (JSONL on standard input). Writes one JSON document (or error record) per input record, in order.
    Run(Box<RunArgs>),
    /// Read the inputs of a run without processing them: prints (as JSON) the files, records,
    /// error records by kind and content bytes a run would see, and the seconds it took.
    Count {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Mark near-duplicates in a corpus: every record is written once, in order, a duplicate
    /// with `duplicate_of` (the id of the earlier document it copies) and `similarity`.
    Dedup(Box<stories::DedupArgs>),
    /// Group a corpus's documents into stories (by names, content and dates), each with a
    /// title, main names, keyphrases, dates and a summary naming the source of every sentence:
    /// one JSON line per story.
    Stories(Box<stories::StoriesArgs>),
    /// Remove boilerplate from one file: prints the clean text, metadata and what was removed.
    Clean {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = InputKind::Auto)]
        kind: InputKind,
    },
    /// Split one text file into paragraphs, sentences and tokens (code-point offsets).
    Segment { file: PathBuf },
    /// Named entities, numbers and dates of one file (HTML or text, cleaned first): JSON with
    /// code-point offsets into the clean text.
    Tag {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Scheme::Ontonotes)]
        scheme: Scheme,
        /// Tag the file as it is, without boilerplate removal.
        #[arg(long)]
        no_clean: bool,
        /// Run the English model whatever language the text is detected in (by default a text
        /// detected as another language gets no entities).
        #[arg(long)]
        any_language: bool,
        /// An entity model written by `textmill train-ner`, instead of the embedded one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Leave out names scored below this (a calibrated probability of being right; 0 keeps
        /// every name the model finds).
        #[arg(long, default_value_t = textmill::entities::Config::DEFAULT_MIN_SCORE)]
        min_score: f64,
    },
    /// Train an entity model on CoNLL or JSONL files (tags IOB2 with PER, ORG, LOC, MISC) and
    /// write it to OUT; with --dev, print exact-match P/R/F1 on those sentences.
    TrainNer {
        #[arg(required = true)]
        train: Vec<PathBuf>,
        #[arg(short, long)]
        out: PathBuf,
        #[arg(long)]
        dev: Vec<PathBuf>,
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// log2 of the number of feature buckets (model size grows with it).
        #[arg(long, default_value_t = 18)]
        bits: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Train without the word-cluster features (for comparison; the shipped model has them).
        #[arg(long)]
        no_clusters: bool,
        /// How far the gold labelling must beat every other while training (0: the plain
        /// perceptron).
        #[arg(long, default_value_t = textmill::entities::TrainConfig::DEFAULT_MARGIN)]
        margin: f32,
        /// Calibrate the model's scores on these tagged sentences (a development set, not
        /// training data): afterwards a score of 0.8 means right about 8 times in 10.
        #[arg(long)]
        calibrate: Option<PathBuf>,
    },
    /// Extractive summary of each file (HTML or text, cleaned first), or with `--cluster` one
    /// summary of all the files as articles on one story. Offsets are code points into the
    /// clean text.
    Summarize {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Summarise the files together (sentences pooled, near-duplicates merged).
        #[arg(long)]
        cluster: bool,
        /// Budget in sentences (the default, 3).
        #[arg(long, conflicts_with_all = ["words", "chars", "ratio"])]
        sentences: Option<usize>,
        /// Budget in words.
        #[arg(long, conflicts_with_all = ["chars", "ratio"])]
        words: Option<usize>,
        /// Budget in characters.
        #[arg(long, conflicts_with = "ratio")]
        chars: Option<usize>,
        /// Budget as a share of the words, in [0, 1].
        #[arg(long)]
        ratio: Option<f64>,
        #[arg(long, value_enum, default_value_t = Method::PacSum)]
        method: Method,
        /// Also list this many keyphrases.
        #[arg(long, default_value_t = 10)]
        keyphrases: usize,
        /// Summarise the files as they are, without boilerplate removal.
        #[arg(long)]
        no_clean: bool,
    },
}

/// The options of `textmill run`.
#[derive(clap::Args)]
struct RunArgs {
    /// Files, folders, glob patterns (quoted), or `-` for JSONL on standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output: a folder (gets documents.jsonl and stats.json), a .jsonl file (optionally
    /// .jsonl.gz or .jsonl.zst; stats in NAME.stats.json), a .parquet file, or `-` for standard
    /// output.
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    /// Fields written for each document: `all`, or a comma-separated list of id, text,
    /// metadata, paragraphs, sentences, tokens, entities, summary, removed, source, and input
    /// (the input record kept whole; not in `all`: `all,input`).
    #[arg(
        long,
        default_value = "id,text,metadata,sentences,entities,summary,source"
    )]
    fields: textmill_batch::FieldSet,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Print a table row per document (id, title, date, counts, main names, summary).
    #[arg(long)]
    show: bool,
    /// No progress bar and no table, only the final report.
    #[arg(short, long)]
    quiet: bool,
    /// The JSONL field holding the plain text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// The JSONL field holding the HTML (read before the text when a record has both).
    #[arg(long, default_value = "html")]
    html_field: String,
    /// The JSONL field holding the record's id.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// The JSONL field holding the page's URL.
    #[arg(long, default_value = "url")]
    url_field: String,
    /// Records larger than this many bytes become `too_large` error records (default 64 MiB).
    #[arg(long, default_value_t = textmill_batch::ReadConfig::default().max_bytes)]
    max_bytes: usize,
    /// The pipeline's whole configuration, as a .toml or .json file (flags below override it).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Sentences in each document's summary.
    #[arg(long)]
    summary_sentences: Option<usize>,
    /// How summary sentences are scored.
    #[arg(long, value_enum)]
    method: Option<Method>,
    /// Which entity labels to use.
    #[arg(long, value_enum)]
    scheme: Option<Scheme>,
    /// An entity model written by `textmill train-ner`, instead of the embedded one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Leave out names scored below this, a calibrated probability of being right
    /// (`tagger.min_score`; default 0.4, 0 keeps every name).
    #[arg(long)]
    min_score: Option<f64>,
    /// Tag entities whatever language a document is detected in (by default, documents
    /// detected as a language other than English get none: `tagger.languages`).
    #[arg(long)]
    any_language: bool,
    /// This run's share of the input files: every WORLD_SIZE-th from the RANK-th on (0-based).
    #[arg(long, default_value_t = 0, requires = "world_size")]
    rank: usize,
    /// How many runs split the input files (each with its own --rank).
    #[arg(long, default_value_t = 1)]
    world_size: usize,
    /// Split the output into shards of at most N records each
    /// (documents.shard-00000.jsonl, ...).
    #[arg(long, value_name = "N")]
    shard_records: Option<u64>,
    /// Split the output into shards of at most N bytes of JSON lines each (before compression).
    #[arg(long, value_name = "N")]
    shard_bytes: Option<u64>,
    /// Continue a run that was interrupted: keep its finished shards and the complete lines of
    /// its OUTPUT.partial, pass over the input files it finished, and go on from the next record
    /// (same inputs and options as the interrupted run).
    #[arg(long)]
    resume: bool,
    /// Look for near-duplicates among the run's documents (by their clean text, with the
    /// defaults of `textmill dedup`): `mark` adds `duplicate_of` and `similarity` to a
    /// duplicate, `drop` leaves it out; stats.json counts them.
    #[arg(long, value_enum)]
    dedup: Option<DedupMode>,
}

/// What `textmill run --dedup` does with a duplicate.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DedupMode {
    Mark,
    Drop,
}

/// The exit code of a run that wrote error records (the run itself completed).
const ERRORS_WRITTEN: u8 = 2;

/// Runs the command line `args` (the program name first) and gives its exit code: 0, 1 on an
/// error (printed to standard error), or 2 when a run wrote error records. `--help`, `--version`
/// and bad arguments print and exit the process, as any command's would.
pub fn main_with<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = Cli::parse_from(args);
    let result = match cli.command {
        Command::Run(args) => run(&args),
        Command::Count { inputs } => count(&inputs),
        Command::Dedup(args) => stories::dedup(&args),
        Command::Stories(args) => stories::stories(&args),
        Command::Clean { file, kind } => clean(&file, kind),
        Command::Segment { file } => segment(&file),
        Command::Tag {
            file,
            scheme,
            no_clean,
            any_language,
            model,
            min_score,
        } => tag(
            &file,
            !no_clean,
            model.as_deref(),
            textmill::entities::Config {
                scheme,
                min_score,
                languages: if any_language {
                    Vec::new()
                } else {
                    textmill::entities::Config::default().languages
                },
                ..Default::default()
            },
        ),
        Command::TrainNer {
            train,
            out,
            dev,
            epochs,
            bits,
            seed,
            no_clusters,
            margin,
            calibrate,
        } => train_ner(
            &train,
            &out,
            &dev,
            calibrate.as_deref(),
            &textmill::entities::TrainConfig {
                epochs,
                bits,
                seed,
                clusters: !no_clusters,
                margin,
            },
        ),
        Command::Summarize {
            files,
            cluster,
            sentences,
            words,
            chars,
            ratio,
            method,
            keyphrases,
            no_clean,
        } => Budget::from_options(sentences, words, chars, ratio)
            .map_err(Into::into)
            .and_then(|budget| {
                let options = SummaryOptions {
                    budget,
                    method,
                    keyphrases,
                    clean: !no_clean,
                };
                summarize(&files, cluster, &options)
            }),
    };
    match result {
        Ok(code) => code,
        // A reader that stopped reading (`textmill segment x | head`) is not a failure.
        Err(e) if is_broken_pipe(e.as_ref()) => 0,
        Err(e) => {
            eprintln!("textmill: {e}");
            1
        }
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let kind = e
        .downcast_ref::<std::io::Error>()
        .map(std::io::Error::kind)
        .or_else(|| e.downcast_ref::<serde_json::Error>()?.io_error_kind());
    kind == Some(std::io::ErrorKind::BrokenPipe)
}

/// A file's bytes; the error names the file.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn run(args: &RunArgs) -> Result<u8> {
    let pipeline = run_pipeline(args)?;
    let config = textmill_batch::RunConfig {
        inputs: args.inputs.clone(),
        output: args.output.clone(),
        read: textmill_batch::ReadConfig {
            fields: textmill_batch::FieldNames {
                id: args.id_field.clone(),
                text: args.text_field.clone(),
                html: args.html_field.clone(),
                url: args.url_field.clone(),
            },
            max_bytes: args.max_bytes,
            ..textmill_batch::ReadConfig::default()
        },
        engine: textmill_batch::EngineConfig {
            threads: args.threads,
            fields: args.fields.clone(),
            ..textmill_batch::EngineConfig::default()
        },
        rank: args.rank,
        world_size: args.world_size,
        shards: textmill_batch::ShardLimit {
            records: args.shard_records,
            bytes: args.shard_bytes,
        },
        resume: args.resume,
    };
    // With `-o -` the documents are standard output, so everything else goes to standard error.
    let to_stdout = args.output.as_os_str() != "-";
    // The report is for a reader; one who closed the pipe does not stop the run.
    let say = |line: &str| {
        if to_stdout {
            let _ = writeln!(std::io::stdout(), "{line}");
        } else {
            let _ = writeln!(std::io::stderr(), "{line}");
        }
    };
    let progress = (!args.quiet && std::io::stderr().is_terminal()).then(progress_bar);
    if args.show && !args.quiet {
        say(&format!(
            "{:<28} {:<44} {:<10} {:>5} {:>6} {:>5}",
            "id", "title", "date", "sents", "tokens", "ents"
        ));
    }
    let mut deduplicator = match args.dedup {
        Some(_) => Some(textmill_stories::Deduplicator::new(
            textmill_stories::DedupConfig::default(),
        )?),
        None => None,
    };
    let dedup = deduplicator
        .as_mut()
        .zip(args.dedup)
        .map(|(check, action)| textmill_batch::Dedup {
            check,
            action: match action {
                DedupMode::Mark => textmill_batch::DuplicateAction::Mark,
                DedupMode::Drop => textmill_batch::DuplicateAction::Drop,
            },
        });
    let report = textmill_batch::run_deduplicated(&config, &pipeline, dedup, |outcome, done| {
        if let Some(bar) = &progress {
            show_progress(bar, done);
        }
        if args.show && !args.quiet {
            let rows = rows(outcome);
            match &progress {
                Some(bar) => bar.suspend(|| rows.iter().for_each(|r| say(r))),
                None => rows.iter().for_each(|r| say(r)),
            }
        }
        std::ops::ControlFlow::Continue(())
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    for line in report_lines(&report) {
        say(&line);
    }
    // Exit status 2 says that some records became error records.
    Ok(if report.stats.errors > 0 {
        ERRORS_WRITTEN
    } else {
        0
    })
}

fn count(inputs: &[PathBuf]) -> Result<u8> {
    let started = std::time::Instant::now();
    let counts = textmill_batch::count(inputs, &textmill_batch::ReadConfig::default());
    #[derive(Serialize)]
    struct Counted {
        #[serde(flatten)]
        counts: textmill_batch::Counts,
        seconds: f64,
    }
    print_json(&Counted {
        counts,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The pipeline a run's flags and `--config` file describe.
fn run_pipeline(args: &RunArgs) -> Result<Pipeline> {
    let mut config = match &args.config {
        Some(path) => read_config(path)?,
        None => PipelineConfig::default(),
    };
    if let Some(n) = args.summary_sentences {
        config.summarizer.budget = Budget::Sentences(n);
    }
    if let Some(method) = args.method {
        config.summarizer.method = method;
    }
    if let Some(scheme) = args.scheme {
        config.tagger.scheme = scheme;
    }
    if args.any_language {
        config.tagger.languages.clear();
    }
    if let Some(min_score) = args.min_score {
        config.tagger.min_score = min_score;
    }
    config.check()?;
    let mut builder = Pipeline::builder().config(config);
    if let Some(path) = &args.model {
        let model = textmill::entities::Model::from_path(path)?;
        builder = builder.entity_model(std::sync::Arc::new(model));
    }
    Ok(builder.build())
}

/// A config (of the pipeline, of stories) from a `.toml` or `.json` file.
fn read_config<C: serde::de::DeserializeOwned>(path: &Path) -> Result<C> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let config = if is_toml {
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?
    } else {
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?
    };
    Ok(config)
}

/// A bar on standard error: bytes of input read against their total (with an ETA) once the
/// total is known, and documents, errors and documents per second.
fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .expect("the template is valid"),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn show_progress(bar: &indicatif::ProgressBar, done: &textmill_batch::Progress) {
    if let (Some(total), None) = (done.total_bytes, bar.length()) {
        bar.set_length(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec}, ETA {eta} | {msg}",
            )
            .expect("the template is valid"),
        );
    }
    bar.set_position(done.bytes_read);
    let seconds = bar.elapsed().as_secs_f64().max(1e-3);
    bar.set_message(format!(
        "{} documents, {} errors, {:.0} docs/s",
        done.records - done.errors,
        done.errors,
        done.records as f64 / seconds
    ));
}

/// The final report: what was read, written and counted.
fn report_lines(report: &textmill_batch::Report) -> Vec<String> {
    let stats = &report.stats;
    let mut lines = vec![String::new()];
    lines.push(format!(
        "{} documents, {} errors, {} emptied by cleaning, {} sentences, {} tokens, {} removed pieces, {:.1} MB in {:.2} s ({} threads) -> {}",
        stats.documents,
        stats.errors,
        stats.emptied,
        stats.sentences,
        stats.tokens,
        stats.removed,
        stats.input_bytes as f64 / 1e6,
        stats.seconds,
        stats.threads,
        match report.files.as_slice() {
            [] => "<stdout>".to_owned(),
            [one] => one.display().to_string(),
            [first, .., last] => format!(
                "{} shards, {} ... {}",
                report.files.len(),
                first.display(),
                last.display()
            ),
        }
    ));
    if let Some(duplicates) = stats.duplicates {
        lines.push(format!("{duplicates} near-duplicates found (--dedup)"));
    }
    if let Some(times) = &stats.seconds_per_document {
        let ms = |s: f64| format!("{:.1} ms", s * 1e3);
        lines.push(format!(
            "time per document: p50 {}, p99 {}, p99.9 {}, max {}{}",
            ms(times.p50),
            ms(times.p99),
            ms(times.p999),
            ms(times.max),
            times
                .slowest
                .as_ref()
                .map_or(String::new(), |id| format!(" ({})", clip(id, 60)))
        ));
    }
    if !stats.errors_by_kind.is_empty() {
        let kinds: Vec<String> = stats
            .errors_by_kind
            .iter()
            .map(|(kind, n)| format!("{kind} {n}"))
            .collect();
        lines.push(format!("errors by kind: {}", kinds.join(", ")));
    }
    if !stats.skipped_files.is_empty() {
        lines.push(format!(
            "{} files in input folders skipped (no known format by their names): {}",
            stats.skipped_files.len(),
            clip(&stats.skipped_files.join(", "), 200)
        ));
    }
    if stats.resumed > 0 {
        lines.push(format!(
            "{} records kept from the interrupted run",
            stats.resumed
        ));
    }
    if let Some(path) = &report.stats_file {
        lines.push(format!("stats: {}", path.display()));
    }
    lines
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_owned();
    }
    let mut clipped: String = s.chars().take(width - 1).collect();
    clipped.push('…');
    clipped
}

/// The table rows of one outcome: a document's id, title, date and counts, its main names and
/// its summary; or an error.
fn rows(outcome: &Outcome) -> Vec<String> {
    let mut rows = Vec::new();
    match outcome {
        Outcome::Document(doc) => {
            let Document {
                id,
                metadata,
                sentences,
                tokens,
                entities,
                summary,
                ..
            } = doc.as_ref();
            rows.push(format!(
                "{:<28} {:<44} {:<10} {:>5} {:>6} {:>5}",
                clip(id, 28),
                clip(metadata.title.as_deref().unwrap_or("-"), 44),
                clip(metadata.date.as_deref().unwrap_or("-"), 10),
                sentences.len(),
                tokens.len(),
                entities.len()
            ));
            // The names mentioned most, by their canonical form.
            let mut names: Vec<(String, usize)> = Vec::new();
            for e in entities.iter().filter(|e| e.label.is_name()) {
                let name = e
                    .canonical
                    .as_deref()
                    .unwrap_or_else(|| e.span().text(&doc.text))
                    .to_owned();
                match names.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => *count += 1,
                    None => names.push((name, 1)),
                }
            }
            names.sort_by_key(|n| std::cmp::Reverse(n.1));
            if !names.is_empty() {
                let top: Vec<&str> = names.iter().take(5).map(|(n, _)| n.as_str()).collect();
                rows.push(format!("{:<28} names: {}", "", clip(&top.join(", "), 100)));
            }
            for &i in summary {
                if let Some(s) = sentences.get(i) {
                    rows.push(format!(
                        "{:<28} > {}",
                        "",
                        clip(s.span.text(&doc.text), 100)
                    ));
                }
            }
        }
        Outcome::Error(error) => {
            let line = error
                .error
                .record
                .map(|r| format!(":{r}"))
                .unwrap_or_default();
            rows.push(format!(
                "{:<28} ERROR {} {}{line}: {}",
                clip(error.id.as_deref().unwrap_or("-"), 28),
                error.error.kind,
                error.error.input,
                error.error.reason
            ));
        }
    }
    rows
}

fn print_json(value: &impl Serialize) -> Result<u8> {
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, value)?;
    writeln!(stdout)?;
    Ok(0)
}

fn clean(file: &Path, kind: InputKind) -> Result<u8> {
    let input = read_file(file)?;
    let cleaned = textmill::Cleaner::default().clean(&input, kind)?;
    print_json(&cleaned)
}

#[derive(Serialize)]
struct Segments {
    paragraphs: Vec<SpanRecord>,
    sentences: Vec<SpanRecord>,
    tokens: Vec<TokenRecord>,
}

fn segment(file: &Path) -> Result<u8> {
    let bytes = read_file(file)?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| format!("{} is not valid UTF-8: {e}", file.display()))?;
    let seg = textmill::Segmenter::default().segment(text);
    let map = OffsetMap::new(text);
    let span = |s: &textmill::Span| SpanRecord::new(*s, &map);
    print_json(&Segments {
        paragraphs: seg.paragraphs.iter().map(span).collect(),
        sentences: seg.sentences.iter().map(span).collect(),
        tokens: seg
            .tokens
            .iter()
            .map(|t| TokenRecord::new(t, &map))
            .collect(),
    })
}

struct SummaryOptions {
    budget: Budget,
    method: Method,
    keyphrases: usize,
    clean: bool,
}

#[derive(Serialize)]
struct SummaryRecord {
    file: String,
    title: Option<String>,
    summary: Vec<SummarySentenceRecord>,
    keyphrases: Vec<KeyphraseRecord>,
}

#[derive(Serialize)]
struct SummarySentenceRecord {
    /// Index of the file (cluster summaries only).
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<usize>,
    index: usize,
    start: usize,
    end: usize,
    text: String,
    score: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    duplicates: Vec<(usize, usize)>,
}

#[derive(Serialize)]
struct KeyphraseRecord {
    text: String,
    score: f64,
    count: usize,
}

#[derive(Serialize)]
struct ClusterRecord {
    files: Vec<String>,
    summary: Vec<SummarySentenceRecord>,
    keyphrases: Vec<KeyphraseRecord>,
    duplicates_removed: usize,
}

fn summarize(files: &[PathBuf], cluster: bool, options: &SummaryOptions) -> Result<u8> {
    let pipeline = Pipeline::new(PipelineConfig {
        clean: options.clean,
        segment: false,
        ..PipelineConfig::default()
    });
    let mut docs = Vec::with_capacity(files.len());
    for file in files {
        let input = read_file(file)?;
        let doc = pipeline
            .process(&file.display().to_string(), &input, InputKind::Auto)
            .map_err(|e| format!("{}: {e}", file.display()))?;
        docs.push(doc);
    }
    let summarizer = Summarizer::new(textmill::summarize::Config {
        method: options.method,
        ..Default::default()
    });
    let keyphrases = |found: Vec<textmill::summarize::Keyphrase>| -> Vec<KeyphraseRecord> {
        found
            .into_iter()
            .map(|k| KeyphraseRecord {
                count: k.occurrences.len(),
                text: k.text,
                score: k.score,
            })
            .collect()
    };
    if cluster {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        let titles: Vec<&str> = docs
            .iter()
            .map(|d| d.metadata.title.as_deref().unwrap_or(""))
            .collect();
        let found = summarizer.summarize_titled_cluster(&titles, &texts, options.budget);
        let maps: Vec<OffsetMap> = texts.iter().map(|t| OffsetMap::new(t)).collect();
        return print_json(&ClusterRecord {
            files: docs.iter().map(|d| d.id.clone()).collect(),
            summary: found
                .sentences
                .into_iter()
                .map(|s| SummarySentenceRecord {
                    doc: Some(s.doc),
                    index: s.index,
                    start: maps[s.doc].byte_to_char(s.span.start),
                    end: maps[s.doc].byte_to_char(s.span.end),
                    text: s.span.text(texts[s.doc]).to_owned(),
                    score: s.score,
                    duplicates: s.duplicates,
                })
                .collect(),
            keyphrases: keyphrases(summarizer.keyphrases_cluster(&texts, options.keyphrases)),
            duplicates_removed: found.duplicates_removed,
        });
    }
    let records: Vec<SummaryRecord> = docs
        .iter()
        .map(|doc| {
            let map = OffsetMap::new(&doc.text);
            let summary = summarizer.summarize(&doc.text, options.budget);
            SummaryRecord {
                file: doc.id.clone(),
                title: doc.metadata.title.clone(),
                summary: summary
                    .sentences
                    .iter()
                    .map(|s| SummarySentenceRecord {
                        doc: None,
                        index: s.index,
                        start: map.byte_to_char(s.span.start),
                        end: map.byte_to_char(s.span.end),
                        text: s.span.text(&doc.text).to_owned(),
                        score: s.score,
                        duplicates: Vec::new(),
                    })
                    .collect(),
                keyphrases: keyphrases(summarizer.keyphrases(&doc.text, options.keyphrases)),
            }
        })
        .collect();
    if records.len() == 1 {
        print_json(&records[0])
    } else {
        print_json(&records)
    }
}

fn tag(
    file: &Path,
    clean: bool,
    model: Option<&Path>,
    config: textmill::entities::Config,
) -> Result<u8> {
    config.check()?;
    let tagger = match model {
        Some(path) => textmill::Tagger::with_model(
            config,
            std::sync::Arc::new(textmill::entities::Model::from_path(path)?),
        ),
        None => textmill::Tagger::new(config),
    };
    let input = read_file(file)?;
    let pipeline = Pipeline::new(PipelineConfig {
        clean,
        tag: false,
        summarize: false,
        ..PipelineConfig::default()
    });
    let mut doc = pipeline.process(&file.display().to_string(), &input, InputKind::Auto)?;
    // As a stage, the tagger skips a text in a language its model does not read.
    textmill::Stage::annotate(&tagger, &mut doc);
    let map = OffsetMap::new(&doc.text);
    let entities: Vec<EntityRecord> = doc
        .entities
        .iter()
        .map(|e| EntityRecord::new(e, &doc.text, &map))
        .collect();
    print_json(&entities)
}

fn train_ner(
    train: &[PathBuf],
    out: &Path,
    dev: &[PathBuf],
    calibration: Option<&Path>,
    config: &textmill::entities::TrainConfig,
) -> Result<u8> {
    use textmill::entities::{self, score};
    // Checked before hours of training, not by the loader afterwards.
    if !entities::Model::BITS.contains(&config.bits) {
        return Err(format!(
            "--bits must lie in {}..={}, not {}",
            entities::Model::BITS.start(),
            entities::Model::BITS.end(),
            config.bits
        )
        .into());
    }
    if !(config.margin.is_finite() && config.margin >= 0.0) {
        return Err(format!("--margin must be a number >= 0, not {}", config.margin).into());
    }
    let mut sentences = Vec::new();
    for path in train {
        let read = entities::read_sentences(path)?;
        eprintln!("{}: {} sentences", path.display(), read.len());
        sentences.extend(read);
    }
    let calibration = match calibration {
        Some(path) => Some((path, entities::read_sentences(path)?)),
        None => None,
    };
    let started = std::time::Instant::now();
    let mut model = entities::train(&sentences, config, |epoch, accuracy| {
        eprintln!("epoch {epoch}: token accuracy {accuracy:.4} on the training data");
    });
    if let Some((path, sentences)) = &calibration {
        let [temperature, a, b] = entities::calibrate(&mut model, sentences);
        eprintln!(
            "calibrated on {}: temperature {temperature:.1}, score = sigmoid({a:.3} * logit(p) + {b:.3})",
            path.display()
        );
    }
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "trained in {:.1} s; wrote {} ({:.1} MB)",
        started.elapsed().as_secs_f64(),
        out.display(),
        bytes.len() as f64 / 1e6
    );
    let tagger = textmill::Tagger::with_model(Default::default(), std::sync::Arc::new(model));
    for path in dev {
        let sentences = entities::read_sentences(path)?;
        let report = score::evaluate(&tagger, &sentences);
        println!("{} (types scored: gold's):", path.display());
        println!(
            "  {:<6} {:>6} {:>6} {:>6} {:>6}",
            "type", "P", "R", "F1", "gold"
        );
        for (kind, c) in report
            .per_type
            .iter()
            .map(|(k, c)| (k.as_str(), c))
            .chain([("all", &report.total)])
        {
            println!(
                "  {:<6} {:>6.3} {:>6.3} {:>6.3} {:>6}",
                kind,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold
            );
        }
        println!("  reliability (model alone): score range, mentions, right, mean score");
        for (decile, bin) in score::reliability(&tagger, &sentences).iter().enumerate() {
            if bin.mentions > 0 {
                println!(
                    "    {:.1}-{:.1} {:>6} {:>6.3} {:>6.3}",
                    decile as f64 / 10.0,
                    (decile + 1) as f64 / 10.0,
                    bin.mentions,
                    bin.right as f64 / bin.mentions as f64,
                    bin.mean_score
                );
            }
        }
    }
    Ok(0)
}
