//! The corpus layer under attack: `textmill run` killed at random moments (SIGKILL, and SIGINT,
//! which ends it as abruptly: the CLI installs no handler), resumed with `--resume` until it
//! finishes, must give exactly the output of an uninterrupted run: every record once, in order,
//! with the same error records and counts. A run killed before its first record is resumed too
//! (it starts afresh), as a scheduler that always retries with `--resume` would. `TEXTMILL_CHAOS_KILLS` sets how many kills (10 by
//! default; `make chaos` runs 50 on a release build).

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use serde_json::Value;

fn textmill() -> Command {
    Command::new(env!("CARGO_BIN_EXE_textmill"))
}

/// Eight files of 250 records, with a bad line and an over-long one in every file, so that the
/// error records and their side file are resumed too.
fn corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let sentence = "The council met on Tuesday in Leeds and voted to extend the scheme. ";
    for file in 0..8 {
        let mut lines: Vec<String> = (0..250)
            .map(|i| {
                let text = format!("Report {file}-{i}. {}", sentence.repeat(1 + i % 9));
                serde_json::json!({"id": format!("{file}-{i}"), "text": text}).to_string()
            })
            .collect();
        lines[17] = "{\"id\": \"broken".into();
        lines[99] =
            serde_json::json!({"id": format!("big-{file}"), "text": "x".repeat(3000)}).to_string();
        std::fs::write(
            corpus.join(format!("part-{file}.jsonl")),
            lines.join("\n") + "\n",
        )
        .unwrap();
    }
    corpus
}

fn run(corpus: &Path, out: &Path, resume: bool) -> Command {
    let mut command = textmill();
    command
        .args(["run", "-q", "--threads", "2", "--max-bytes", "2000"])
        .arg(corpus)
        .arg("-o")
        .arg(out);
    if resume {
        command.arg("--resume");
    }
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    command
}

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The files a run leaves in its output folder, by name, and their contents. Of the stats, the
/// record counts: a resumed run counts the lines it kept as documents and errors only (their
/// sentences, tokens and timings are not in them to count again).
fn outputs(folder: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let mut text = std::fs::read_to_string(&path).unwrap();
            if name == "stats.json" {
                let stats: Value = serde_json::from_str(&text).unwrap();
                let counts: Vec<&Value> = ["documents", "errors", "errors_by_kind", "input_files"]
                    .iter()
                    .map(|key| &stats[key])
                    .collect();
                text = serde_json::to_string(&counts).unwrap();
            }
            (name, text)
        })
        .collect();
    files.sort();
    files
}

/// Which of `got`'s files differ from `want`'s (their names only: the contents are long).
fn differing(got: &[(String, String)], want: &[(String, String)]) -> Vec<String> {
    let names = |files: &[(String, String)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    if names(got) != names(want) {
        return vec![format!("files {:?}, not {:?}", names(got), names(want))];
    }
    got.iter()
        .zip(want)
        .filter(|(g, w)| g.1 != w.1)
        .map(|(g, _)| g.0.clone())
        .collect()
}

#[test]
fn runs_killed_at_random_moments_resume_to_the_uninterrupted_output() {
    let kills: u32 = std::env::var("TEXTMILL_CHAOS_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let whole = dir.path().join("whole");
    let started = Instant::now();
    let status = run(&corpus, &whole, false).status().unwrap();
    let full_time = started.elapsed();
    assert_eq!(status.code(), Some(2), "error records give status 2");
    let expected = outputs(&whole);
    assert!(expected.iter().any(|(name, _)| name == "errors.jsonl"));

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut killed, mut finished, mut by_kill, mut runs) = (0, 0, 0, 0);
    let out = dir.path().join("out");
    while killed < kills {
        // One interrupted run after another, resumed until one finishes.
        let _ = std::fs::remove_dir_all(&out);
        let mut resume = false;
        loop {
            let mut child = run(&corpus, &out, resume).spawn().unwrap();
            // Anywhere from the start to past the end of a whole run.
            let wait = full_time.as_micros() as u64 * 6 / 5;
            std::thread::sleep(Duration::from_micros(rng.below(wait)));
            if killed < kills && child.try_wait().unwrap().is_none() {
                let kill = rng.below(2) == 0;
                signal(&child, if kill { "KILL" } else { "INT" });
                killed += 1;
                by_kill += u32::from(kill);
            }
            let output = child.wait_with_output().unwrap();
            runs += 1;
            if output.status.code() == Some(2) {
                break;
            }
            assert!(
                output.status.code().is_none(),
                "a run that was not killed failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            // The output gets its final name as the run's last step: a run killed before it
            // leaves none, and one killed after it had finished.
            if out.join("documents.jsonl").exists() {
                break;
            }
            resume = true;
        }
        let differ = differing(&outputs(&out), &expected);
        assert!(differ.is_empty(), "after {killed} kills: {differ:?} differ");
        finished += 1;
    }
    assert!(finished >= 1 && killed == kills);
    eprintln!(
        "{killed} kills ({by_kill} SIGKILL, {} SIGINT) over {runs} runs, {finished} resumed to the \
         uninterrupted output",
        killed - by_kill
    );
}
