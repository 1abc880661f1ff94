//! The Convolution lab in a link: [`ConvState::to_query`] writes every setting, grid, kernel,
//! bias, the cursor and the open views; [`ConvState::from_query`] reads them back, and names the
//! parts of a garbled or truncated link it could not use.

use cnn::{ConvMode, Dim};

use super::settings::{DIGITS, FILTERS, PerAxis, Setting};
use super::state::{Action, ConvState, View};
use crate::hooks::use_url_reducer::UrlState;
use crate::playback::SPEEDS;
use crate::query::{
    QueryReader, format_list, format_pair, format_planes, join_pairs, parse_list, parse_pair,
    parse_planes,
};

/// The URL value of a kernel mode.
pub fn mode_key(mode: ConvMode) -> &'static str {
    match mode {
        ConvMode::CrossCorrelation => "corr",
        ConvMode::Convolution => "conv",
    }
}

fn mode_from_key(key: &str) -> Option<ConvMode> {
    match key {
        "corr" => Some(ConvMode::CrossCorrelation),
        "conv" => Some(ConvMode::Convolution),
        _ => None,
    }
}

impl ConvState {
    /// The section's URL query (without the shell's `lang`).
    pub fn to_query(&self) -> String {
        let pair = |p: PerAxis| format_pair(p.h, p.w);
        let mut pairs: Vec<(&str, String)> = vec![
            ("ch", self.channels.to_string()),
            ("in", pair(self.input_size)),
            ("k", pair(self.kernel_size)),
            ("p", pair(self.padding)),
            ("s", pair(self.stride)),
            ("d", pair(self.dilation)),
        ];
        if !self.linked {
            pairs.push(("link", "0".to_string()));
        }
        pairs.push(("f", self.filters.to_string()));
        pairs.push(("mode", mode_key(self.mode).to_string()));
        pairs.push((
            "x",
            format_planes(&self.input, self.input_size.h, self.input_size.w),
        ));
        let per_filter = self.channels * self.kernel_size.h * self.kernel_size.w;
        const WEIGHT_KEYS: [&str; 4] = ["w0", "w1", "w2", "w3"];
        for (f, key) in WEIGHT_KEYS.iter().enumerate().take(self.filters) {
            pairs.push((
                key,
                format_planes(
                    &self.weights[f * per_filter..(f + 1) * per_filter],
                    self.kernel_size.h,
                    self.kernel_size.w,
                ),
            ));
        }
        pairs.push(("b", format_list(&self.bias)));
        pairs.push(("at", self.playback.position.to_string()));
        pairs.push(("speed", self.playback.speed.to_string()));
        for view in View::ALL {
            let open = match view {
                View::Why => self.show_why,
                View::Im2col => self.show_im2col,
                View::RealImage => self.show_real,
            };
            if open {
                pairs.push((view.key(), "1".to_string()));
            }
        }
        if self.digit != 0 {
            pairs.push(("digit", self.digit.to_string()));
        }
        join_pairs(pairs)
    }

    /// Reads a state from a URL query. Anything missing keeps its default; anything garbled or
    /// truncated falls back to the default and its key is listed in `ignored`, for a visible note.
    pub fn from_query(query: &str) -> ConvState {
        let mut q = QueryReader::new(
            query,
            &[
                "ch", "in", "k", "p", "s", "d", "link", "f", "mode", "x", "w0", "w1", "w2", "w3",
                "b", "at", "speed", "why", "im2col", "real", "digit",
            ],
        );
        let mut state = match q.read("ch", |v| ["1", "3"].contains(&v).then_some(v == "3")) {
            Some(true) => ConvState::colour(),
            _ => ConvState::lecture(),
        };
        state.linked = false;
        for setting in Setting::ALL {
            let range = setting.range();
            if let Some((h, w)) = q.read(setting.key(), |v| {
                parse_pair(v, *range.start(), *range.end())
            }) {
                for (axis, value) in [(Dim::Height, h), (Dim::Width, w)] {
                    state.reduce(Action::Set {
                        setting,
                        axis,
                        value,
                    });
                }
            }
        }
        if let Some(f) = q.whole("f", FILTERS) {
            state.reduce(Action::SetFilters(f));
        }
        // Linked only when every setting is the same on both axes, whatever the link says.
        state.linked = q.flag("link") != Some(false)
            && Setting::ALL.iter().all(|&s| {
                let v = state.value(s);
                v.h == v.w
            });
        if let Some(mode) = q.read("mode", mode_from_key) {
            state.mode = mode;
        }
        let PerAxis { h, w } = state.input_size;
        if let Some(data) = q.read("x", |v| parse_planes(v, state.channels, h, w)) {
            state.input = data;
        }
        let PerAxis { h: kh, w: kw } = state.kernel_size;
        let per_filter = state.channels * kh * kw;
        for (f, key) in ["w0", "w1", "w2", "w3"].into_iter().enumerate() {
            let filters = state.filters;
            let channels = state.channels;
            if let Some(data) = q.read(key, |v| {
                parse_planes(v, channels, kh, kw).filter(|_| f < filters)
            }) {
                state.weights[f * per_filter..(f + 1) * per_filter].copy_from_slice(&data);
            }
        }
        if let Some(bias) = q.read("b", |v| parse_list(v, state.filters)) {
            state.bias = bias;
        }
        if let Some(speed) = q.whole("speed", SPEEDS) {
            state.playback.speed = speed;
        }
        for view in View::ALL {
            if let Some(open) = q.flag(view.key()) {
                state.reduce(Action::SetView { view, open });
            }
        }
        if let Some(d) = q.whole("digit", DIGITS) {
            state.digit = d;
        }
        if let Some(at) = q.whole("at", 0..=state.total_steps().max(1) - 1) {
            state.playback.seek(at);
        }
        state.ignored = q.finish();
        state
    }
}

impl UrlState for ConvState {
    fn from_query(query: &str) -> Self {
        ConvState::from_query(query)
    }

    fn to_query(&self) -> String {
        ConvState::to_query(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playback::PlayerMsg;
    use crate::sections::conv::settings::{PerAxis, Setting};
    use crate::sections::conv::state::{Action, View};
    use cnn::{ConvMode, Dim};

    #[test]
    fn url_round_trips_the_whole_state() {
        let mut s = ConvState::default();
        s.reduce(Action::SetChannels(3));
        s.reduce(Action::SetFilters(3));
        s.reduce(Action::SetLinked(false));
        s.reduce(Action::Set {
            setting: Setting::Input,
            axis: Dim::Width,
            value: 9,
        });
        s.reduce(Action::Set {
            setting: Setting::Padding,
            axis: Dim::Height,
            value: 2,
        });
        s.reduce(Action::SetWeight {
            filter: 2,
            channel: 1,
            y: 2,
            x: 0,
            value: 1.0 / 3.0,
        });
        s.reduce(Action::SetBias {
            filter: 1,
            value: -0.5,
        });
        s.reduce(Action::SetMode(ConvMode::Convolution));
        s.reduce(Action::SetView {
            view: View::Im2col,
            open: true,
        });
        s.reduce(Action::SetDigit(7));
        s.reduce(Action::Player(PlayerMsg::Step(5)));
        let q = s.to_query();
        let back = ConvState::from_query(&q);
        assert!(back.ignored.is_empty(), "{:?}", back.ignored);
        assert_eq!(back, s, "{q}");

        let lecture = ConvState::default();
        assert_eq!(ConvState::from_query(&lecture.to_query()), lecture);
        assert_eq!(ConvState::from_query(""), lecture);
    }

    #[test]
    fn short_url_from_the_lecture() {
        let s = ConvState::from_query("in=7&k=3&p=1&s=2");
        assert!(s.ignored.is_empty());
        assert_eq!(s.input, ConvState::lecture().input);
        let g = s.geometry().unwrap();
        assert_eq!(g.width.formula(), "⌊(7 − 3 + 2·1) / 2⌋ + 1 = 4");
        assert!(s.linked);
    }

    #[test]
    fn garbage_and_truncated_urls_fall_back_with_a_note() {
        let s = ConvState::from_query("in=banana&k=3&x=0,1;1&zzz=1&p=9");
        assert_eq!(s.input_size, PerAxis::both(7));
        assert_eq!(s.input, ConvState::lecture().input);
        assert_eq!(s.padding, PerAxis::both(0));
        assert_eq!(s.ignored, vec!["zzz", "in", "p", "x"]);
        // A link cut in the middle of the input grid.
        let full = ConvState::default().to_query();
        let cut = &full[..full.find("x=").unwrap() + 20];
        let s = ConvState::from_query(cut);
        assert_eq!(s.ignored, vec!["x"]);
        assert_eq!(s.input, ConvState::lecture().input);
        // Random bytes never panic.
        for junk in [
            "%%%", "&&&=", "=", "x=;;;", "w0=1/2/3", "at=99999", "ch=7", "f=0",
        ] {
            let s = ConvState::from_query(junk);
            assert!(!s.ignored.is_empty(), "{junk}");
        }
    }
}
