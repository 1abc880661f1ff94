//! The data behind the training charts.
//!
//! A run sends one loss point per batch, which is ≈75 points a second; a long run would grow
//! without end and a chart cannot show more points than it has pixels anyway. [`Curve`] keeps
//! at most [`Curve::CAPACITY`] points: when full it merges neighbours pairwise (averaging x,
//! the raw loss and the accuracy) and from then on merges the incoming points in groups of
//! the same size, so old and new points always have equal weight.
//!
//! Smoothing is an exponential moving average over batches, s ← s + α(x − s) with α = 0.05
//! (≈ the last 20 batches), started at the first value; it is computed as points arrive, so it
//! does not depend on the merging.

use super::protocol::LossPoint;

/// One stored point of a curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurvePoint {
    pub examples: f64,
    pub loss: f32,
    pub smooth_loss: f32,
    /// Training accuracy (smoothed like the loss: one batch alone is too noisy to read).
    pub accuracy: f32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Pending {
    count: usize,
    examples: f64,
    loss: f64,
    smooth_loss: f32,
    accuracy: f32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Curve {
    points: Vec<CurvePoint>,
    /// Incoming points merged per stored point (a power of two).
    group: usize,
    pending: Pending,
    ema_loss: Option<f32>,
    ema_accuracy: Option<f32>,
}

impl Curve {
    pub const CAPACITY: usize = 2000;
    pub const ALPHA: f32 = 0.05;

    pub fn new() -> Curve {
        Curve {
            group: 1,
            ..Curve::default()
        }
    }

    pub fn points(&self) -> &[CurvePoint] {
        &self.points
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn last(&self) -> Option<&CurvePoint> {
        self.points.last()
    }

    /// The smoothed loss and training accuracy now.
    pub fn smoothed(&self) -> Option<(f32, f32)> {
        Some((self.ema_loss?, self.ema_accuracy?))
    }

    /// Drops the points after `examples` (a restart from an earlier checkpoint); the smoothing
    /// goes on from the last point kept.
    pub fn truncate(&mut self, examples: f64) {
        self.points.retain(|p| p.examples <= examples);
        self.pending = Pending::default();
        self.ema_loss = self.points.last().map(|p| p.smooth_loss);
        self.ema_accuracy = self.points.last().map(|p| p.accuracy);
    }

    pub fn push(&mut self, point: LossPoint) {
        if self.group == 0 {
            self.group = 1;
        }
        // A non-finite loss is the divergence the worker reports separately; it would make the
        // whole chart's axis meaningless, so it is not plotted.
        if !point.loss.is_finite() {
            return;
        }
        let ema = |old: Option<f32>, x: f32| match old {
            Some(s) => s + Self::ALPHA * (x - s),
            None => x,
        };
        let smooth_loss = ema(self.ema_loss, point.loss);
        let accuracy = ema(self.ema_accuracy, point.accuracy);
        self.ema_loss = Some(smooth_loss);
        self.ema_accuracy = Some(accuracy);

        let p = &mut self.pending;
        p.count += 1;
        p.examples += point.examples as f64;
        p.loss += point.loss as f64;
        p.smooth_loss = smooth_loss;
        p.accuracy = accuracy;
        if p.count >= self.group {
            let n = p.count as f64;
            self.points.push(CurvePoint {
                examples: p.examples / n,
                loss: (p.loss / n) as f32,
                smooth_loss: p.smooth_loss,
                accuracy: p.accuracy,
            });
            self.pending = Pending::default();
            if self.points.len() >= Self::CAPACITY {
                self.halve();
            }
        }
    }

    fn halve(&mut self) {
        self.points = self
            .points
            .chunks(2)
            .map(|pair| {
                let n = pair.len() as f64;
                let last = pair[pair.len() - 1];
                CurvePoint {
                    examples: pair.iter().map(|p| p.examples).sum::<f64>() / n,
                    loss: (pair.iter().map(|p| p.loss as f64).sum::<f64>() / n) as f32,
                    smooth_loss: last.smooth_loss,
                    accuracy: last.accuracy,
                }
            })
            .collect();
        self.group *= 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(examples: u64, loss: f32) -> LossPoint {
        LossPoint {
            examples,
            loss,
            accuracy: 0.5,
        }
    }

    #[test]
    fn smoothing_starts_at_the_first_value_and_follows_the_ema() {
        let mut curve = Curve::new();
        curve.push(point(20, 2.0));
        curve.push(point(40, 1.0));
        let p = curve.points();
        assert_eq!(p[0].smooth_loss, 2.0);
        assert!((p[1].smooth_loss - 1.95).abs() < 1e-6);
        assert_eq!(p[1].loss, 1.0);
    }

    #[test]
    fn the_curve_stays_bounded_and_keeps_the_mean() {
        let mut curve = Curve::new();
        for i in 1..=10_000u64 {
            curve.push(point(i * 20, if i % 2 == 0 { 1.0 } else { 3.0 }));
        }
        let p = curve.points();
        assert!(p.len() < Curve::CAPACITY, "{}", p.len());
        assert!(p.len() >= Curve::CAPACITY / 4);
        // Merged pairs of 1 and 3 average to 2.
        assert!(p.iter().all(|q| (q.loss - 2.0).abs() < 1e-6));
        // x stays increasing.
        assert!(p.windows(2).all(|w| w[0].examples < w[1].examples));
        assert!(p.last().unwrap().examples > 190_000.0);
    }

    #[test]
    fn non_finite_losses_are_not_plotted() {
        let mut curve = Curve::new();
        curve.push(point(20, f32::NAN));
        curve.push(point(40, f32::INFINITY));
        assert!(curve.is_empty());
        assert_eq!(curve.smoothed(), None);
    }
}
