//! `textmill`: the command-line face of textmill. Thin: the work is in the library crates.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use textmill::core::{OffsetMap, SpanRecord, TokenRecord};
use textmill::summarize::{Budget, Method, Summarizer};
use textmill::{Document, InputKind, Pipeline, PipelineConfig};
use textmill_batch::Outcome;

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
    /// `url`) or folders of them. Writes one JSON document (or error record) per input record.
    Run {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output folder (gets documents.jsonl) or a `.jsonl` file.
        #[arg(short, long, default_value = "out")]
        output: PathBuf,
        /// Print no per-document table, only the final stats.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Remove boilerplate from one file: prints the clean text, metadata and what was removed.
    Clean {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Kind::Auto)]
        kind: Kind,
    },
    /// Split one text file into paragraphs, sentences and tokens (code-point offsets).
    Segment { file: PathBuf },
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
        #[arg(long, value_enum, default_value_t = SummaryMethod::Pacsum)]
        method: SummaryMethod,
        /// Also list this many keyphrases.
        #[arg(long, default_value_t = 10)]
        keyphrases: usize,
        /// Summarise the files as they are, without boilerplate removal.
        #[arg(long)]
        no_clean: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SummaryMethod {
    Pacsum,
    Lexrank,
    Textrank,
    Lead,
}

impl From<SummaryMethod> for Method {
    fn from(method: SummaryMethod) -> Self {
        match method {
            SummaryMethod::Pacsum => Method::PacSum,
            SummaryMethod::Lexrank => Method::LexRank,
            SummaryMethod::Textrank => Method::TextRank,
            SummaryMethod::Lead => Method::Lead,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Auto,
    Html,
    Text,
}

impl From<Kind> for InputKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Auto => InputKind::Auto,
            Kind::Html => InputKind::Html,
            Kind::Text => InputKind::Text,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run {
            inputs,
            output,
            quiet,
        } => run(&inputs, &output, quiet),
        Command::Clean { file, kind } => clean(&file, kind.into()),
        Command::Segment { file } => segment(&file),
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
        } => {
            let budget = match (sentences, words, chars, ratio) {
                (_, Some(n), _, _) => Budget::Words(n),
                (_, _, Some(n), _) => Budget::Chars(n),
                (_, _, _, Some(r)) => Budget::Ratio(r),
                (n, ..) => Budget::Sentences(n.unwrap_or(3)),
            };
            let options = SummaryOptions {
                budget,
                method: method.into(),
                keyphrases,
                clean: !no_clean,
            };
            summarize(&files, cluster, &options)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("textmill: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn run(inputs: &[PathBuf], output: &Path, quiet: bool) -> Result<ExitCode> {
    let out_path = if output.extension().is_some_and(|e| e == "jsonl") {
        output.to_owned()
    } else {
        std::fs::create_dir_all(output)?;
        output.join("documents.jsonl")
    };
    if let Some(parent) = out_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut out = BufWriter::new(File::create(&out_path)?);
    let pipeline = Pipeline::default();
    let records = textmill_batch::read_inputs(inputs);
    if !quiet {
        println!(
            "{:<28} {:<44} {:<10} {:>5} {:>6}",
            "id", "title", "date", "sents", "tokens"
        );
    }
    let stats = textmill_batch::run(records, &pipeline, &mut out, |outcome| {
        if !quiet {
            print_row(outcome);
        }
    })?;
    println!(
        "\n{} documents, {} errors, {} sentences, {} tokens, {} removed pieces, {:.1} MB in {:.2} s -> {}",
        stats.documents,
        stats.errors,
        stats.sentences,
        stats.tokens,
        stats.removed,
        stats.input_bytes as f64 / 1e6,
        stats.elapsed.as_secs_f64(),
        out_path.display()
    );
    // Exit status 2 says that some records became error records.
    Ok(if stats.errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_owned();
    }
    let mut clipped: String = s.chars().take(width - 1).collect();
    clipped.push('…');
    clipped
}

fn print_row(outcome: &Outcome) {
    match outcome {
        Outcome::Document(doc) => {
            let Document {
                id,
                metadata,
                sentences,
                tokens,
                ..
            } = doc.as_ref();
            println!(
                "{:<28} {:<44} {:<10} {:>5} {:>6}",
                clip(id, 28),
                clip(metadata.title.as_deref().unwrap_or("-"), 44),
                clip(metadata.date.as_deref().unwrap_or("-"), 10),
                sentences.len(),
                tokens.len()
            );
            if let Some(first) = sentences.first() {
                println!("{:<28} > {}", "", clip(first.span.text(&doc.text), 100));
            }
        }
        Outcome::Error(error) => {
            let line = error
                .error
                .record
                .map(|r| format!(":{r}"))
                .unwrap_or_default();
            println!(
                "{:<28} ERROR {}{line}: {}",
                clip(error.id.as_deref().unwrap_or("-"), 28),
                error.error.input,
                error.error.reason
            );
        }
    }
}

fn print_json(value: &impl Serialize) -> Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, value)?;
    writeln!(stdout)?;
    Ok(ExitCode::SUCCESS)
}

fn clean(file: &Path, kind: InputKind) -> Result<ExitCode> {
    let input = std::fs::read(file)?;
    let cleaned = textmill::Cleaner::default().clean(&input, kind)?;
    print_json(&cleaned)
}

#[derive(Serialize)]
struct Segments {
    paragraphs: Vec<SpanRecord>,
    sentences: Vec<SpanRecord>,
    tokens: Vec<TokenRecord>,
}

fn segment(file: &Path) -> Result<ExitCode> {
    let bytes = std::fs::read(file)?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| format!("{} is not valid UTF-8: {e}", file.display()))?;
    let seg = textmill::Segmenter::default().segment(text);
    let map = OffsetMap::new(text);
    let span = |s: textmill::Span| SpanRecord {
        start: map.byte_to_char(s.start),
        end: map.byte_to_char(s.end),
    };
    print_json(&Segments {
        paragraphs: seg.paragraphs.iter().copied().map(span).collect(),
        sentences: seg.sentences.iter().copied().map(span).collect(),
        tokens: seg
            .tokens
            .iter()
            .map(|t| {
                let SpanRecord { start, end } = span(t.span);
                TokenRecord {
                    start,
                    end,
                    kind: t.kind,
                }
            })
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

fn summarize(files: &[PathBuf], cluster: bool, options: &SummaryOptions) -> Result<ExitCode> {
    let pipeline = Pipeline::new(PipelineConfig {
        clean: options.clean,
        segment: false,
        ..PipelineConfig::default()
    });
    let mut docs = Vec::with_capacity(files.len());
    for file in files {
        let input = std::fs::read(file)?;
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
        let found = summarizer.summarize_cluster(&texts, options.budget);
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
