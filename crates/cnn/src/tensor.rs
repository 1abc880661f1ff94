//! Tensors in channels × height × width (C×H×W) layout, row-major, `f32`.
//!
//! The element (c, y, x) of a C×H×W tensor lives at index `(c·H + y)·W + x`. A [`Batch`] is
//! N such tensors stored back to back.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Localized};

/// Largest number of elements a tensor may have (64 Mi floats = 256 MiB): absurd sizes from a
/// spec or a file are refused before anything is allocated.
pub const MAX_ELEMENTS: usize = 1 << 26;

/// The shape of one example: channels × height × width.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Shape {
    pub channels: usize,
    pub height: usize,
    pub width: usize,
}

impl Shape {
    pub const fn new(channels: usize, height: usize, width: usize) -> Shape {
        Shape {
            channels,
            height,
            width,
        }
    }

    /// Number of elements, C·H·W (saturating, so an absurd shape cannot overflow).
    pub fn len(&self) -> usize {
        self.channels
            .saturating_mul(self.height)
            .saturating_mul(self.width)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Index of (c, y, x) in the flat C×H×W buffer.
    #[inline]
    pub fn index(&self, c: usize, y: usize, x: usize) -> usize {
        debug_assert!(c < self.channels && y < self.height && x < self.width);
        (c * self.height + y) * self.width + x
    }

    /// Checks the shape is non-empty and not absurdly large.
    pub fn validate(&self) -> Result<(), ShapeError> {
        if self.is_empty() {
            return Err(ShapeError::Empty { shape: *self });
        }
        if self.len() > MAX_ELEMENTS {
            return Err(ShapeError::TooLarge {
                shape: *self,
                max: MAX_ELEMENTS,
            });
        }
        Ok(())
    }
}

/// Written as the lecture writes volumes: height×width×channels, e.g. `24×24×8`.
impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}×{}×{}", self.height, self.width, self.channels)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShapeError {
    /// The data has the wrong number of elements for the shape.
    LengthMismatch {
        shape: Shape,
        expected: usize,
        actual: usize,
    },
    Empty {
        shape: Shape,
    },
    TooLarge {
        shape: Shape,
        max: usize,
    },
    /// Two tensors that must have the same shape do not.
    Mismatch {
        expected: Shape,
        actual: Shape,
    },
}

impl Localized for ShapeError {
    fn message(&self, lang: Lang) -> String {
        match *self {
            ShapeError::LengthMismatch {
                shape,
                expected,
                actual,
            } => lang.pick(
                format!("форма {shape} требует {expected} чисел, а получено {actual}"),
                format!("shape {shape} needs {expected} numbers, got {actual}"),
            ),
            ShapeError::Empty { shape } => lang.pick(
                format!("форма {shape} пуста: каждая размерность должна быть не меньше 1"),
                format!("shape {shape} is empty: every dimension must be at least 1"),
            ),
            ShapeError::TooLarge { shape, max } => lang.pick(
                format!("форма {shape} слишком велика (больше {max} чисел)"),
                format!("shape {shape} is too large (more than {max} numbers)"),
            ),
            ShapeError::Mismatch { expected, actual } => lang.pick(
                format!("ожидалась форма {expected}, получена {actual}"),
                format!("expected shape {expected}, got {actual}"),
            ),
        }
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ShapeError {}

/// One C×H×W example.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tensor {
    shape: Shape,
    data: Vec<f32>,
}

impl Tensor {
    /// Wraps `data` (C×H×W order) after checking its length against `shape`.
    pub fn new(shape: Shape, data: Vec<f32>) -> Result<Tensor, ShapeError> {
        shape.validate()?;
        if data.len() != shape.len() {
            return Err(ShapeError::LengthMismatch {
                shape,
                expected: shape.len(),
                actual: data.len(),
            });
        }
        Ok(Tensor { shape, data })
    }

    pub fn zeros(shape: Shape) -> Result<Tensor, ShapeError> {
        shape.validate()?;
        Ok(Tensor {
            shape,
            data: vec![0.0; shape.len()],
        })
    }

    /// Builds a tensor from a function of (c, y, x).
    pub fn from_fn(
        shape: Shape,
        mut f: impl FnMut(usize, usize, usize) -> f32,
    ) -> Result<Tensor, ShapeError> {
        shape.validate()?;
        let mut data = Vec::with_capacity(shape.len());
        for c in 0..shape.channels {
            for y in 0..shape.height {
                for x in 0..shape.width {
                    data.push(f(c, y, x));
                }
            }
        }
        Ok(Tensor { shape, data })
    }

    /// A single-channel tensor from rows of numbers, as written in the lecture.
    pub fn from_rows(rows: &[&[f32]]) -> Result<Tensor, ShapeError> {
        let height = rows.len();
        let width = rows.first().map_or(0, |r| r.len());
        let shape = Shape::new(1, height, width);
        if let Some(bad) = rows.iter().find(|r| r.len() != width) {
            return Err(ShapeError::LengthMismatch {
                shape,
                expected: width,
                actual: bad.len(),
            });
        }
        Tensor::new(shape, rows.iter().flat_map(|r| r.iter().copied()).collect())
    }

    pub fn shape(&self) -> Shape {
        self.shape
    }

    pub fn data(&self) -> &[f32] {
        &self.data
    }

    pub fn data_mut(&mut self) -> &mut [f32] {
        &mut self.data
    }

    pub fn into_data(self) -> Vec<f32> {
        self.data
    }

    #[inline]
    pub fn get(&self, c: usize, y: usize, x: usize) -> f32 {
        self.data[self.shape.index(c, y, x)]
    }

    #[inline]
    pub fn set(&mut self, c: usize, y: usize, x: usize, value: f32) {
        let i = self.shape.index(c, y, x);
        self.data[i] = value;
    }

    /// One channel as a H×W slice.
    pub fn channel(&self, c: usize) -> &[f32] {
        let plane = self.shape.height * self.shape.width;
        &self.data[c * plane..(c + 1) * plane]
    }

    /// One channel as rows, for tests and display.
    pub fn rows(&self, c: usize) -> Vec<Vec<f32>> {
        self.channel(c)
            .chunks(self.shape.width)
            .map(<[f32]>::to_vec)
            .collect()
    }

    /// Smallest and largest element (for scaling a feature map to grey levels).
    pub fn min_max(&self) -> (f32, f32) {
        self.data
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            })
    }
}

/// N examples of the same shape, stored back to back (N×C×H×W).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    item_shape: Shape,
    len: usize,
    data: Vec<f32>,
}

impl Batch {
    pub fn new(item_shape: Shape, len: usize, data: Vec<f32>) -> Result<Batch, ShapeError> {
        item_shape.validate()?;
        let expected = item_shape.len().saturating_mul(len);
        if data.len() != expected {
            return Err(ShapeError::LengthMismatch {
                shape: item_shape,
                expected,
                actual: data.len(),
            });
        }
        Ok(Batch {
            item_shape,
            len,
            data,
        })
    }

    pub fn zeros(item_shape: Shape, len: usize) -> Result<Batch, ShapeError> {
        item_shape.validate()?;
        Ok(Batch {
            item_shape,
            len,
            data: vec![0.0; item_shape.len() * len],
        })
    }

    /// Stacks tensors that all have the same shape.
    pub fn from_tensors(items: &[Tensor]) -> Result<Batch, ShapeError> {
        let Some(first) = items.first() else {
            return Err(ShapeError::Empty {
                shape: Shape::new(0, 0, 0),
            });
        };
        let item_shape = first.shape();
        let mut data = Vec::with_capacity(item_shape.len() * items.len());
        for t in items {
            if t.shape() != item_shape {
                return Err(ShapeError::Mismatch {
                    expected: item_shape,
                    actual: t.shape(),
                });
            }
            data.extend_from_slice(t.data());
        }
        Ok(Batch {
            item_shape,
            len: items.len(),
            data,
        })
    }

    pub fn item_shape(&self) -> Shape {
        self.item_shape
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn data(&self) -> &[f32] {
        &self.data
    }

    pub fn data_mut(&mut self) -> &mut [f32] {
        &mut self.data
    }

    pub fn item(&self, n: usize) -> &[f32] {
        let size = self.item_shape.len();
        &self.data[n * size..(n + 1) * size]
    }

    pub fn item_mut(&mut self, n: usize) -> &mut [f32] {
        let size = self.item_shape.len();
        &mut self.data[n * size..(n + 1) * size]
    }

    /// Copies item `n` out as a tensor.
    pub fn tensor(&self, n: usize) -> Tensor {
        Tensor {
            shape: self.item_shape,
            data: self.item(n).to_vec(),
        }
    }

    /// Reinterprets the same numbers with another item shape of equal size (used by Flatten).
    pub fn reshape(self, item_shape: Shape) -> Result<Batch, ShapeError> {
        if item_shape.len() != self.item_shape.len() {
            return Err(ShapeError::Mismatch {
                expected: self.item_shape,
                actual: item_shape,
            });
        }
        Ok(Batch { item_shape, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_channel_major_then_row_major() {
        let s = Shape::new(2, 3, 4);
        assert_eq!(s.index(0, 0, 0), 0);
        assert_eq!(s.index(0, 1, 0), 4);
        assert_eq!(s.index(1, 0, 0), 12);
        assert_eq!(s.index(1, 2, 3), 23);
        assert_eq!(s.to_string(), "3×4×2");
    }

    #[test]
    fn construction_checks_lengths() {
        let err = Tensor::new(Shape::new(1, 2, 2), vec![1.0; 3]).unwrap_err();
        assert_eq!(err.to_string(), "shape 2×2×1 needs 4 numbers, got 3");
        assert!(err.message(Lang::Ru).contains("требует 4"));
        assert!(Tensor::zeros(Shape::new(0, 2, 2)).is_err());
        assert!(Tensor::zeros(Shape::new(1 << 20, 1 << 20, 1 << 20)).is_err());
        assert!(Tensor::from_rows(&[&[1.0, 2.0], &[3.0]]).is_err());
    }

    #[test]
    fn batch_round_trips_items() {
        let a = Tensor::from_rows(&[&[1.0, 2.0], &[3.0, 4.0]]).unwrap();
        let b = Tensor::from_rows(&[&[5.0, 6.0], &[7.0, 8.0]]).unwrap();
        let batch = Batch::from_tensors(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(batch.len(), 2);
        assert_eq!(batch.tensor(1), b);
        assert_eq!(batch.item(0), a.data());
        let flat = batch.reshape(Shape::new(4, 1, 1)).unwrap();
        assert_eq!(flat.item(1), &[5.0, 6.0, 7.0, 8.0]);
    }
}
