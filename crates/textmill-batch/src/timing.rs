//! Time per document over a run, in constant memory: a histogram with 8 buckets per doubling
//! (each within 9% of its neighbours), so that p50, p99 and p99.9 come out of millions of
//! documents without keeping a time for each.

use std::time::Duration;

use serde::Serialize;

/// Buckets per doubling of the time.
const PER_DOUBLING: f64 = 8.0;
/// 1 µs to 2^40 µs (12 days) in 320 buckets; longer times go into the last.
const BUCKETS: usize = 320;

/// Times seen so far, and the slowest with its document.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TimeHistogram {
    counts: Vec<u64>,
    total: u64,
    max: Duration,
    slowest: Option<String>,
}

impl TimeHistogram {
    pub(crate) fn add(&mut self, time: Duration, id: Option<&str>) {
        if self.counts.is_empty() {
            self.counts = vec![0; BUCKETS];
        }
        let micros = time.as_secs_f64() * 1e6;
        let bucket = if micros <= 1.0 {
            0
        } else {
            ((micros.log2() * PER_DOUBLING).ceil() as usize).min(BUCKETS - 1)
        };
        self.counts[bucket] += 1;
        self.total += 1;
        if time >= self.max {
            self.max = time;
            self.slowest = id.map(str::to_owned);
        }
    }

    /// The upper edge, in seconds, of the bucket that holds the `share`-th time.
    fn quantile(&self, share: f64) -> f64 {
        let rank = ((self.total as f64 * share).ceil() as u64).max(1);
        let mut seen = 0;
        for (bucket, &count) in self.counts.iter().enumerate() {
            seen += count;
            if seen >= rank {
                let edge = 2f64.powf(bucket as f64 / PER_DOUBLING) * 1e-6;
                // The top bucket's edge can pass the slowest time seen.
                return edge.min(self.max.as_secs_f64());
            }
        }
        self.max.as_secs_f64()
    }

    pub(crate) fn summary(&self) -> Option<DocumentTimes> {
        (self.total > 0).then(|| DocumentTimes {
            p50: self.quantile(0.5),
            p99: self.quantile(0.99),
            p999: self.quantile(0.999),
            max: self.max.as_secs_f64(),
            slowest: self.slowest.clone(),
        })
    }
}

/// Seconds a document took to process (reading and writing aside), over a run: percentiles
/// within 9% (upper bucket edges), the exact maximum, and the id of the slowest document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentTimes {
    /// Median.
    pub p50: f64,
    /// 99th percentile.
    pub p99: f64,
    /// 99.9th percentile.
    #[serde(rename = "p99.9")]
    pub p999: f64,
    /// The slowest.
    pub max: f64,
    /// The id of the slowest, when it had one.
    pub slowest: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_fall_within_a_bucket_of_the_true_ones() {
        let mut times = TimeHistogram::default();
        for i in 1..=1000u64 {
            times.add(Duration::from_micros(i * 100), Some(&format!("doc-{i}")));
        }
        let summary = times.summary().unwrap();
        let near = |got: f64, want: f64| got >= want && got <= want * 1.095;
        assert!(near(summary.p50, 0.05), "{summary:?}");
        assert!(near(summary.p99, 0.099), "{summary:?}");
        assert!(near(summary.p999, 0.0999), "{summary:?}");
        assert_eq!(summary.max, 0.1);
        assert_eq!(summary.slowest.as_deref(), Some("doc-1000"));
        assert_eq!(TimeHistogram::default().summary(), None);
    }
}
