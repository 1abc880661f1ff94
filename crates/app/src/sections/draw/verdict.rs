//! What the section says about ten class probabilities, and when it asks the network again.
//!
//! The network always answers with *some* digit; the section only claims it when the top
//! probability is at least [`SURE_THRESHOLD`]. Below that it says it is not sure and names the
//! two most likely digits, so a scribble is not presented as a confident "4".

/// Top probability from which the section states the digit plainly.
pub const SURE_THRESHOLD: f32 = 0.6;

/// Minimum time between two predictions while the pointer is moving, in milliseconds: often
/// enough to look live, rare enough that the pad stays smooth on a slow phone.
pub const THROTTLE_MS: f64 = 80.0;

#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Nothing on the pad: show a hint, not a guess.
    Empty,
    /// The top class is clear.
    Sure { digit: u8, probability: f32 },
    /// The top probability is low: show the two best candidates.
    Unsure {
        best: u8,
        best_probability: f32,
        second: u8,
        second_probability: f32,
    },
}

impl Verdict {
    /// Reads ten probabilities (anything else — wrong length, NaN — counts as unsure of 0).
    pub fn from_probabilities(probabilities: &[f32]) -> Verdict {
        let ranked = ranked(probabilities);
        let (best, p1) = ranked.first().copied().unwrap_or((0, 0.0));
        let (second, p2) = ranked.get(1).copied().unwrap_or((0, 0.0));
        if probabilities.len() == 10 && p1 >= SURE_THRESHOLD {
            Verdict::Sure {
                digit: best,
                probability: p1,
            }
        } else {
            Verdict::Unsure {
                best,
                best_probability: p1,
                second,
                second_probability: p2,
            }
        }
    }

    /// The digit the section shows large, if any.
    pub fn digit(&self) -> Option<u8> {
        match *self {
            Verdict::Sure { digit, .. } => Some(digit),
            Verdict::Unsure { best, .. } => Some(best),
            Verdict::Empty => None,
        }
    }
}

/// Classes sorted by probability, highest first (NaN counts as 0; ties keep the smaller digit).
pub fn ranked(probabilities: &[f32]) -> Vec<(u8, f32)> {
    let mut ranked: Vec<(u8, f32)> = probabilities
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, &p)| (i as u8, if p.is_finite() { p } else { 0.0 }))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// Percent with one decimal below 10 % and none above ("97 %", "3.4 %", "0.0 %").
pub fn percent(p: f32) -> String {
    let v = (p * 100.0).clamp(0.0, 100.0);
    if v >= 9.95 {
        format!("{v:.0} %")
    } else {
        format!("{v:.1} %")
    }
}

/// Leading-edge throttle with a trailing call: `ready(now)` says whether to predict now.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Throttle {
    last: Option<f64>,
}

impl Throttle {
    /// True (and remembers `now`) when at least [`THROTTLE_MS`] passed since the last run.
    pub fn ready(&mut self, now: f64) -> bool {
        match self.last {
            Some(last) if now - last < THROTTLE_MS && now >= last => false,
            _ => {
                self.last = Some(now);
                true
            }
        }
    }

    /// Forgets the last run, so the next call runs (after a stroke ends we always predict).
    pub fn reset(&mut self) {
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probs(pairs: &[(usize, f32)]) -> Vec<f32> {
        let rest = 1.0 - pairs.iter().map(|p| p.1).sum::<f32>();
        let mut v = vec![rest / (10 - pairs.len()) as f32; 10];
        for &(i, p) in pairs {
            v[i] = p;
        }
        v
    }

    #[test]
    fn a_clear_winner_is_sure() {
        let v = Verdict::from_probabilities(&probs(&[(7, 0.93)]));
        assert_eq!(
            v,
            Verdict::Sure {
                digit: 7,
                probability: 0.93
            }
        );
        assert_eq!(v.digit(), Some(7));
    }

    #[test]
    fn a_low_top_probability_is_unsure_with_two_candidates() {
        let v = Verdict::from_probabilities(&probs(&[(3, 0.45), (5, 0.40)]));
        assert_eq!(
            v,
            Verdict::Unsure {
                best: 3,
                best_probability: 0.45,
                second: 5,
                second_probability: 0.40
            }
        );
        // Exactly at the threshold counts as sure.
        let v = Verdict::from_probabilities(&probs(&[(1, SURE_THRESHOLD)]));
        assert!(matches!(v, Verdict::Sure { digit: 1, .. }));
    }

    #[test]
    fn garbage_is_never_sure_and_never_panics() {
        assert!(matches!(
            Verdict::from_probabilities(&[]),
            Verdict::Unsure { .. }
        ));
        assert!(matches!(
            Verdict::from_probabilities(&[f32::NAN; 10]),
            Verdict::Unsure { best: 0, .. }
        ));
        assert!(matches!(
            Verdict::from_probabilities(&[1.0]),
            Verdict::Unsure { .. }
        ));
        assert_eq!(Verdict::Empty.digit(), None);
    }

    #[test]
    fn ranking_orders_by_probability() {
        let r = ranked(&probs(&[(2, 0.5), (9, 0.3)]));
        assert_eq!(r[0].0, 2);
        assert_eq!(r[1].0, 9);
        assert_eq!(r.len(), 10);
    }

    #[test]
    fn percentages_read_well() {
        assert_eq!(percent(0.973), "97 %");
        assert_eq!(percent(0.034), "3.4 %");
        assert_eq!(percent(0.0), "0.0 %");
        assert_eq!(percent(1.2), "100 %");
    }

    #[test]
    fn throttle_runs_at_most_every_interval() {
        let mut t = Throttle::default();
        assert!(t.ready(0.0));
        assert!(!t.ready(10.0));
        assert!(!t.ready(THROTTLE_MS - 1.0));
        assert!(t.ready(THROTTLE_MS));
        t.reset();
        assert!(t.ready(THROTTLE_MS + 1.0));
        // A clock that goes backwards does not block predictions forever.
        assert!(t.ready(0.0));
    }
}
