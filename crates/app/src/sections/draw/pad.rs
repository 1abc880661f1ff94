//! The drawing pad's state in plain Rust: strokes as polylines, undo, clear, a loaded test
//! digit, and the greyscale raster the network reads.
//!
//! The pad is a `PAD_SIZE`×`PAD_SIZE` field (ten times MNIST's 28×28). Ink is 255, paper is 0,
//! as in MNIST. A stroke is a polyline drawn with round caps and joins of width
//! [`STROKE_WIDTH`] by the core's rasteriser ([`cnn::pen`]: a pixel's ink is the coverage of
//! the disc-swept segment, with one pixel of anti-aliasing, like a canvas line).
//!
//! The raster is kept up to date incrementally (a new point paints only its segment), and
//! rebuilt from scratch on undo, clear and load — the tests check both give the same pixels.

/// Side of the pad in raster pixels.
pub const PAD_SIZE: usize = 280;

/// Stroke width in pad pixels. A digit drawn across most of the pad (≈200 px tall) then has
/// strokes ≈ 1/9 of its height — after scaling to MNIST's 20-pixel box that is ≈ 2.2 px, the
/// thickness of a typical MNIST pen stroke.
pub const STROKE_WIDTH: f32 = 22.0;

/// A point in pad coordinates (0..PAD_SIZE on both axes, y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Point {
        Point { x, y }
    }

    /// Keeps a pointer position that left the pad (pointer capture keeps reporting it) on the
    /// pad's edge; non-finite coordinates become 0.
    pub fn clamped(self) -> Point {
        let clamp = |v: f32| {
            if v.is_finite() {
                v.clamp(0.0, PAD_SIZE as f32)
            } else {
                0.0
            }
        };
        Point::new(clamp(self.x), clamp(self.y))
    }
}

/// A held-out MNIST digit loaded into the pad (28×28 grey, ink = 255).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedDigit {
    /// Index of the digit in the MNIST asset.
    pub index: usize,
    pub label: u8,
    pub pixels: Vec<u8>,
}

/// The pad: an optional loaded digit underneath, strokes on top.
#[derive(Clone, Debug, PartialEq)]
pub struct Pad {
    strokes: Vec<Vec<Point>>,
    digit: Option<LoadedDigit>,
    drawing: bool,
    raster: Vec<u8>,
    /// Bumped on every change, so a component can tell the pad changed without comparing
    /// 78 400 pixels.
    version: u64,
}

impl Default for Pad {
    fn default() -> Self {
        Pad::new()
    }
}

impl Pad {
    pub fn new() -> Pad {
        Pad {
            strokes: Vec::new(),
            digit: None,
            drawing: false,
            raster: vec![0; PAD_SIZE * PAD_SIZE],
            version: 0,
        }
    }

    pub fn strokes(&self) -> &[Vec<Point>] {
        &self.strokes
    }

    pub fn digit(&self) -> Option<&LoadedDigit> {
        self.digit.as_ref()
    }

    pub fn is_drawing(&self) -> bool {
        self.drawing
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    /// Nothing drawn and nothing loaded.
    pub fn is_empty(&self) -> bool {
        self.strokes.is_empty() && self.digit.is_none()
    }

    /// The raster the network reads: `PAD_SIZE`² grey bytes, row-major, ink = 255.
    pub fn raster(&self) -> &[u8] {
        &self.raster
    }

    /// Starts a stroke at `p` (pointer down). A lone point is drawn as a dot.
    pub fn begin_stroke(&mut self, p: Point) {
        let p = p.clamped();
        self.strokes.push(vec![p]);
        self.drawing = true;
        paint_segment(&mut self.raster, p, p);
        self.version += 1;
    }

    /// Extends the current stroke to `p` (pointer move). Ignored when no stroke is active, and
    /// for moves of less than a quarter pixel (a pen reports many of those).
    pub fn extend_stroke(&mut self, p: Point) -> bool {
        if !self.drawing {
            return false;
        }
        let p = p.clamped();
        let Some(stroke) = self.strokes.last_mut() else {
            return false;
        };
        let last = *stroke.last().unwrap_or(&p);
        if (last.x - p.x).hypot(last.y - p.y) < 0.25 {
            return false;
        }
        stroke.push(p);
        paint_segment(&mut self.raster, last, p);
        self.version += 1;
        true
    }

    /// Ends the current stroke (pointer up or cancel).
    pub fn end_stroke(&mut self) {
        self.drawing = false;
    }

    /// Removes the last stroke; with no strokes left, removes the loaded digit.
    pub fn undo(&mut self) {
        self.drawing = false;
        if self.strokes.pop().is_none() {
            self.digit = None;
        }
        self.rebuild();
    }

    pub fn clear(&mut self) {
        self.strokes.clear();
        self.digit = None;
        self.drawing = false;
        self.rebuild();
    }

    /// Replaces everything on the pad by a 28×28 MNIST digit scaled up to the pad.
    /// A buffer of the wrong length is refused (the pad is left unchanged).
    pub fn load_digit(&mut self, digit: LoadedDigit) -> bool {
        if digit.pixels.len() != 28 * 28 {
            return false;
        }
        self.strokes.clear();
        self.drawing = false;
        self.digit = Some(digit);
        self.rebuild();
        true
    }

    /// Repaints the raster from the loaded digit and all strokes.
    fn rebuild(&mut self) {
        self.raster = match &self.digit {
            Some(d) => upscale(&d.pixels, 28, PAD_SIZE),
            None => vec![0; PAD_SIZE * PAD_SIZE],
        };
        for stroke in &self.strokes {
            paint_polyline(&mut self.raster, stroke);
        }
        self.version += 1;
    }
}

/// Pen step of an arrow key in pad pixels (a twentieth of the pad; Shift: a quarter of that, for fine work).
pub const KEY_STEP: f32 = 14.0;
pub const KEY_FINE_STEP: f32 = 3.5;

/// What a key did to the keyboard pen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyOutcome {
    /// Not a pen key: let the browser have it (Tab must still move the focus).
    Ignored,
    /// The pen moved or was lifted without touching the ink: repaint the cursor only.
    Moved,
    /// Ink changed (a dot or a segment): repaint and classify.
    Inked,
}

/// Drawing with the keyboard: arrow keys move a pen cursor over the pad, Space or Enter puts the pen down (a dot)
/// or lifts it; while it is down, moves draw. Escape lifts it. The strokes are the same as a mouse's, so undo,
/// clear and classification need nothing else.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyboardPen {
    pub at: Point,
    pub down: bool,
}

impl Default for KeyboardPen {
    fn default() -> Self {
        KeyboardPen {
            at: Point::new(PAD_SIZE as f32 / 2.0, PAD_SIZE as f32 / 2.0),
            down: false,
        }
    }
}

impl KeyboardPen {
    /// Handles one `keydown` (`key` as in `KeyboardEvent.key`).
    pub fn key(&mut self, key: &str, fine: bool, pad: &mut Pad) -> KeyOutcome {
        let step = if fine { KEY_FINE_STEP } else { KEY_STEP };
        let (dx, dy) = match key {
            "ArrowLeft" => (-step, 0.0),
            "ArrowRight" => (step, 0.0),
            "ArrowUp" => (0.0, -step),
            "ArrowDown" => (0.0, step),
            " " | "Enter" => {
                if self.down {
                    self.lift(pad);
                    return KeyOutcome::Moved;
                }
                self.down = true;
                pad.begin_stroke(self.at);
                return KeyOutcome::Inked;
            }
            "Escape" if self.down => {
                self.lift(pad);
                return KeyOutcome::Moved;
            }
            _ => return KeyOutcome::Ignored,
        };
        self.at = Point::new(self.at.x + dx, self.at.y + dy).clamped();
        // A mouse stroke may have ended the keyboard's (the pad has one current stroke).
        if self.down && pad.is_drawing() && pad.extend_stroke(self.at) {
            return KeyOutcome::Inked;
        }
        KeyOutcome::Moved
    }

    /// Lifts the pen (Space, Escape, or the pad losing the focus).
    pub fn lift(&mut self, pad: &mut Pad) {
        if self.down {
            self.down = false;
            pad.end_stroke();
        }
    }
}

/// Paints a whole polyline (a single point is a dot).
pub fn paint_polyline(raster: &mut [u8], stroke: &[Point]) {
    match stroke {
        [] => {}
        [p] => paint_segment(raster, *p, *p),
        _ => {
            for pair in stroke.windows(2) {
                paint_segment(raster, pair[0], pair[1]);
            }
        }
    }
}

/// Paints the capsule of radius `STROKE_WIDTH / 2` around the segment a–b with the core's
/// rasteriser ([`cnn::pen`]), keeping the maximum of the old and the new ink.
pub fn paint_segment(raster: &mut [u8], a: Point, b: Point) {
    cnn::pen::paint_segment(raster, PAD_SIZE, (a.x, a.y), (b.x, b.y), STROKE_WIDTH);
}

/// Bilinear upscaling of a square `from`×`from` grey image to `to`×`to` (pixel centres aligned).
pub fn upscale(pixels: &[u8], from: usize, to: usize) -> Vec<u8> {
    let mut out = vec![0u8; to * to];
    if from == 0 || pixels.len() != from * from {
        return out;
    }
    let scale = from as f32 / to as f32;
    let at = |y: isize, x: isize| -> f32 {
        let y = y.clamp(0, from as isize - 1) as usize;
        let x = x.clamp(0, from as isize - 1) as usize;
        pixels[y * from + x] as f32
    };
    for y in 0..to {
        let sy = (y as f32 + 0.5) * scale - 0.5;
        let y0 = sy.floor();
        let fy = sy - y0;
        for x in 0..to {
            let sx = (x as f32 + 0.5) * scale - 0.5;
            let x0 = sx.floor();
            let fx = sx - x0;
            let (y0, x0) = (y0 as isize, x0 as isize);
            let top = at(y0, x0) * (1.0 - fx) + at(y0, x0 + 1) * fx;
            let bottom = at(y0 + 1, x0) * (1.0 - fx) + at(y0 + 1, x0 + 1) * fx;
            out[y * to + x] = (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink(pad: &Pad, x: usize, y: usize) -> u8 {
        pad.raster()[y * PAD_SIZE + x]
    }

    fn draw(pad: &mut Pad, points: &[(f32, f32)]) {
        let mut it = points.iter();
        let &(x, y) = it.next().unwrap();
        pad.begin_stroke(Point::new(x, y));
        for &(x, y) in it {
            pad.extend_stroke(Point::new(x, y));
        }
        pad.end_stroke();
    }

    #[test]
    fn the_keyboard_pen_draws_what_a_mouse_would() {
        let mut pad = Pad::new();
        let mut pen = KeyboardPen::default();
        // Moving with the pen up leaves no ink.
        assert_eq!(pen.key("ArrowUp", false, &mut pad), KeyOutcome::Moved);
        assert!(pad.is_empty());
        assert_eq!(pen.at, Point::new(140.0, 140.0 - KEY_STEP));
        // Space puts it down (a dot), arrows draw, Space lifts it.
        assert_eq!(pen.key(" ", false, &mut pad), KeyOutcome::Inked);
        for _ in 0..5 {
            assert_eq!(pen.key("ArrowDown", false, &mut pad), KeyOutcome::Inked);
        }
        assert_eq!(pen.key(" ", false, &mut pad), KeyOutcome::Moved);
        assert!(!pad.is_drawing() && !pen.down);
        assert_eq!(pad.strokes().len(), 1);
        let top = 140.0 - KEY_STEP;
        let expected: Vec<Point> = (0..6)
            .map(|i| Point::new(140.0, top + KEY_STEP * i as f32))
            .collect();
        assert_eq!(pad.strokes()[0], expected);
        // The same stroke drawn with the mouse gives the same pixels.
        let mut mouse = Pad::new();
        draw(
            &mut mouse,
            &expected.iter().map(|p| (p.x, p.y)).collect::<Vec<_>>(),
        );
        assert_eq!(mouse.raster(), pad.raster());
        // Fine steps, other keys ignored, the pen stays on the pad.
        pen.key("ArrowLeft", true, &mut pad);
        assert_eq!(pen.at.x, 140.0 - KEY_FINE_STEP);
        assert_eq!(pen.key("a", false, &mut pad), KeyOutcome::Ignored);
        assert_eq!(pen.key("Tab", false, &mut pad), KeyOutcome::Ignored);
        assert_eq!(pen.key("Escape", false, &mut pad), KeyOutcome::Ignored);
        for _ in 0..100 {
            pen.key("ArrowRight", false, &mut pad);
        }
        assert_eq!(pen.at.x, PAD_SIZE as f32);
        // Escape lifts a pen that is down.
        pen.key("Enter", false, &mut pad);
        assert_eq!(pen.key("Escape", false, &mut pad), KeyOutcome::Moved);
        assert!(!pen.down && !pad.is_drawing());
        assert_eq!(pad.strokes().len(), 2);
    }

    #[test]
    fn a_new_pad_is_empty_and_blank() {
        let pad = Pad::new();
        assert!(pad.is_empty());
        assert_eq!(pad.raster().len(), PAD_SIZE * PAD_SIZE);
        assert!(pad.raster().iter().all(|&v| v == 0));
    }

    #[test]
    fn a_stroke_has_the_stroke_width() {
        let mut pad = Pad::new();
        draw(&mut pad, &[(40.0, 140.0), (240.0, 140.0)]);
        // Across the stroke at x = 140: full ink within the radius, none beyond it.
        let r = STROKE_WIDTH / 2.0;
        assert_eq!(ink(&pad, 140, 140), 255);
        assert_eq!(ink(&pad, 140, (140.0 + r - 2.0) as usize), 255);
        assert_eq!(ink(&pad, 140, (140.0 - r + 1.0) as usize), 255);
        assert_eq!(ink(&pad, 140, (140.0 + r + 2.0) as usize), 0);
        let column: usize = (0..PAD_SIZE).filter(|&y| ink(&pad, 140, y) > 127).count();
        assert_eq!(column, STROKE_WIDTH as usize);
        // Round caps: the ink reaches r beyond the end points, not further.
        assert_eq!(ink(&pad, (240.0 + r - 2.0) as usize, 140), 255);
        assert_eq!(ink(&pad, (240.0 + r + 2.0) as usize, 140), 0);
    }

    #[test]
    fn a_click_is_a_dot() {
        let mut pad = Pad::new();
        draw(&mut pad, &[(100.0, 100.0)]);
        assert!(!pad.is_empty());
        assert_eq!(ink(&pad, 100, 100), 255);
        let inked = pad.raster().iter().filter(|&&v| v > 127).count() as f32;
        let disc = std::f32::consts::PI * (STROKE_WIDTH / 2.0).powi(2);
        assert!((inked - disc).abs() / disc < 0.1, "{inked} vs {disc}");
    }

    #[test]
    fn strokes_off_the_pad_are_clamped_not_a_crash() {
        let mut pad = Pad::new();
        draw(
            &mut pad,
            &[(-50.0, -50.0), (10_000.0, 3.0), (f32::NAN, f32::INFINITY)],
        );
        assert_eq!(pad.strokes()[0][0], Point::new(0.0, 0.0));
        assert_eq!(pad.strokes()[0][1], Point::new(PAD_SIZE as f32, 3.0));
        assert_eq!(ink(&pad, 0, 0), 255);
        assert_eq!(ink(&pad, PAD_SIZE - 1, 3), 255);
    }

    #[test]
    fn moves_without_a_stroke_are_ignored() {
        let mut pad = Pad::new();
        assert!(!pad.extend_stroke(Point::new(5.0, 5.0)));
        assert!(pad.is_empty());
        draw(&mut pad, &[(5.0, 5.0), (50.0, 50.0)]);
        assert!(!pad.extend_stroke(Point::new(60.0, 60.0)));
        assert_eq!(pad.strokes()[0].len(), 2);
    }

    #[test]
    fn undo_removes_the_last_stroke_and_repaints_exactly() {
        let mut pad = Pad::new();
        draw(&mut pad, &[(60.0, 60.0), (200.0, 70.0), (120.0, 220.0)]);
        let after_first = pad.raster().to_vec();
        draw(&mut pad, &[(90.0, 150.0), (180.0, 150.0)]);
        assert_ne!(pad.raster(), &after_first[..]);
        pad.undo();
        assert_eq!(pad.strokes().len(), 1);
        assert_eq!(
            pad.raster(),
            &after_first[..],
            "incremental paint == full repaint"
        );
        pad.undo();
        assert!(pad.is_empty());
        assert!(pad.raster().iter().all(|&v| v == 0));
        pad.undo(); // nothing left: still fine
        assert!(pad.is_empty());
    }

    #[test]
    fn clear_removes_everything() {
        let mut pad = Pad::new();
        draw(&mut pad, &[(60.0, 60.0), (200.0, 70.0)]);
        draw(&mut pad, &[(60.0, 160.0), (200.0, 170.0)]);
        let v = pad.version();
        pad.clear();
        assert!(pad.is_empty());
        assert!(pad.version() > v);
        assert!(pad.raster().iter().all(|&v| v == 0));
    }

    #[test]
    fn a_loaded_digit_is_scaled_up_and_undone_after_the_strokes() {
        let mut pixels = vec![0u8; 28 * 28];
        for y in 4..24 {
            pixels[y * 28 + 14] = 255; // a vertical bar: a "1"
        }
        let mut pad = Pad::new();
        draw(&mut pad, &[(10.0, 10.0), (30.0, 30.0)]);
        assert!(pad.load_digit(LoadedDigit {
            index: 7,
            label: 1,
            pixels,
        }));
        assert!(pad.strokes().is_empty(), "loading replaces the drawing");
        assert!(ink(&pad, 145, 140) > 200);
        assert_eq!(ink(&pad, 60, 140), 0);
        draw(&mut pad, &[(20.0, 260.0), (260.0, 260.0)]);
        pad.undo();
        assert_eq!(pad.digit().map(|d| d.label), Some(1));
        pad.undo();
        assert!(pad.is_empty());
        assert!(!pad.load_digit(LoadedDigit {
            index: 0,
            label: 0,
            pixels: vec![1, 2, 3],
        }));
        assert!(pad.is_empty());
    }

    #[test]
    fn upscale_keeps_a_uniform_image_uniform() {
        let up = upscale(&[200u8; 4], 2, 10);
        assert!(up.iter().all(|&v| v == 200));
        assert_eq!(upscale(&[1, 2, 3], 2, 4), vec![0; 16]);
    }
}
