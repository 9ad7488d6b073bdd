//! `textmill dedup` and `textmill stories`: arguments mapped onto `textmill_stories::corpus`.

use std::path::PathBuf;

use textmill_stories::corpus::{self, DuplicateAction};
use textmill_stories::{DedupConfig, StoriesConfig};

use crate::Result;

/// The options of `textmill dedup`.
#[derive(clap::Args)]
pub(crate) struct DedupArgs {
    /// Files, folders, glob patterns (quoted), or `-` for JSONL on standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output: a .jsonl file (optionally .gz or .zst), a folder (gets documents.jsonl), or `-`.
    #[arg(short, long)]
    output: PathBuf,
    /// Leave duplicates out instead of marking them.
    #[arg(long)]
    drop: bool,
    /// Words per shingle.
    #[arg(long, default_value_t = DedupConfig::default().shingle)]
    shingle: usize,
    /// MinHash values per document.
    #[arg(long, default_value_t = DedupConfig::default().hashes)]
    hashes: usize,
    /// LSH bands (must divide --hashes).
    #[arg(long, default_value_t = DedupConfig::default().bands)]
    bands: usize,
    /// The least estimated Jaccard similarity of a duplicate to its original, in [0, 1].
    #[arg(long, default_value_t = DedupConfig::default().threshold)]
    threshold: f64,
}

/// The options of `textmill stories`.
#[derive(clap::Args)]
pub(crate) struct StoriesArgs {
    /// Files, folders, glob patterns (quoted), or `-` for JSONL on standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output: a .jsonl file with one line per story, a folder (gets documents.jsonl), or `-`.
    #[arg(short, long)]
    output: PathBuf,
    /// A state file: the stories a run leaves open are saved to it, and the next run with the
    /// same file adds its documents to them (the file is made when missing).
    #[arg(long)]
    state: Option<PathBuf>,
    /// Every setting (dedup, cluster, output) as a .toml or .json file; flags override it.
    #[arg(long)]
    config: Option<PathBuf>,
    /// The least cosine similarity for a document to join a story, in [0, 1].
    #[arg(long)]
    threshold: Option<f64>,
    /// Days apart beyond which two documents are never one story.
    #[arg(long)]
    window_days: Option<u32>,
    /// For undated documents: a story closes once this many documents have come without one of
    /// its own (0: never, for an undated corpus in no particular order).
    #[arg(long)]
    undated_window: Option<u64>,
    /// Words in each story's summary.
    #[arg(long)]
    summary_words: Option<usize>,
    /// Print each story: its id, documents, title and summary.
    #[arg(long)]
    show: bool,
}

pub(crate) fn dedup(args: &DedupArgs) -> Result<u8> {
    let config = DedupConfig {
        shingle: args.shingle,
        hashes: args.hashes,
        bands: args.bands,
        threshold: args.threshold,
        ..DedupConfig::default()
    };
    let action = if args.drop {
        DuplicateAction::Drop
    } else {
        DuplicateAction::Mark
    };
    let stats = corpus::dedup(&args.inputs, &args.output, config, action)?;
    eprintln!("{}", serde_json::to_string(&stats)?);
    Ok(if stats.errors > 0 {
        crate::ERRORS_WRITTEN
    } else {
        0
    })
}

pub(crate) fn stories(args: &StoriesArgs) -> Result<u8> {
    let mut config: StoriesConfig = match &args.config {
        Some(path) => crate::read_config(path)?,
        None => StoriesConfig::default(),
    };
    if let Some(threshold) = args.threshold {
        config.cluster.threshold = threshold;
    }
    if let Some(days) = args.window_days {
        config.cluster.window_days = days;
    }
    if let Some(window) = args.undated_window {
        config.cluster.undated_window = window;
    }
    if let Some(words) = args.summary_words {
        config.output.summary = textmill::Budget::Words(words);
    }
    let stats = corpus::stories(
        &args.inputs,
        &args.output,
        config,
        textmill::PipelineConfig::default(),
        args.state.as_deref(),
        |story| {
            if args.show {
                println!(
                    "{} ({} documents: {})",
                    story.id,
                    story.documents.len(),
                    story.documents.join(", ")
                );
                println!("  {}", story.title);
                for sentence in &story.summary {
                    println!("  - {} [{}]", sentence.text, sentence.source);
                }
            }
        },
    )?;
    eprintln!("{}", serde_json::to_string(&stats)?);
    Ok(if stats.errors > 0 {
        crate::ERRORS_WRITTEN
    } else {
        0
    })
}
