//! The optional panels below the lab, each opened and closed by its button and kept in the URL.

/// Optional panels below the lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    /// "Why convolution?": the flipped kernel and the explanation.
    Why,
    /// "As a matrix multiply": im2col.
    Im2col,
    /// "On a real image".
    RealImage,
}

impl View {
    pub const ALL: [View; 3] = [View::Why, View::Im2col, View::RealImage];

    /// The URL key of the open view.
    pub fn key(self) -> &'static str {
        match self {
            View::Why => "why",
            View::Im2col => "im2col",
            View::RealImage => "real",
        }
    }
}
