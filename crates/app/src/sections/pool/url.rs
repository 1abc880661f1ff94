//! Pooling in a link: [`PoolState::to_query`] writes the settings, the grid, the upstream
//! gradient, the cursor and the backward view; [`PoolState::from_query`] reads them back and
//! names the parts of a garbled link it could not use.

use cnn::Dim;
use cnn::pool::PoolKind;

use super::state::{PoolAction, PoolSetting, PoolState, kind_key};
use crate::hooks::use_url_reducer::UrlState;
use crate::playback::SPEEDS;
use crate::query::{QueryReader, format_pair, format_planes, join_pairs, parse_pair, parse_planes};

impl PoolState {
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("in", format_pair(self.input_size.h, self.input_size.w)),
            ("win", format_pair(self.window.h, self.window.w)),
            ("s", format_pair(self.stride.h, self.stride.w)),
        ];
        if !self.linked {
            pairs.push(("link", "0".into()));
        }
        pairs.push(("kind", kind_key(self.kind).into()));
        pairs.push((
            "x",
            format_planes(&self.input, self.input_size.h, self.input_size.w),
        ));
        if let Some((oh, ow)) = self.output_size() {
            pairs.push(("g", format_planes(&self.grad, oh, ow)));
        }
        pairs.push(("at", self.playback.position.to_string()));
        pairs.push(("speed", self.playback.speed.to_string()));
        if self.backward {
            pairs.push(("back", "1".into()));
        }
        join_pairs(pairs)
    }

    /// Reads a state from the URL; garbled parts fall back to defaults and are listed in
    /// `ignored`.
    pub fn from_query(query: &str) -> PoolState {
        let mut q = QueryReader::new(
            query,
            &[
                "in", "win", "s", "link", "kind", "x", "g", "at", "speed", "back",
            ],
        );
        let mut s = PoolState {
            linked: false,
            ..PoolState::default()
        };
        for setting in PoolSetting::ALL {
            let range = setting.range();
            if let Some((h, w)) = q.read(setting.key(), |v| {
                parse_pair(v, *range.start(), *range.end())
            }) {
                for (axis, value) in [(Dim::Height, h), (Dim::Width, w)] {
                    s.reduce(PoolAction::Set {
                        setting,
                        axis,
                        value,
                    });
                }
            }
        }
        s.linked = q.flag("link") != Some(false)
            && PoolSetting::ALL
                .iter()
                .all(|&k| s.value(k).h == s.value(k).w);
        if let Some(kind) = q.read("kind", |v| match v {
            "max" => Some(PoolKind::Max),
            "avg" => Some(PoolKind::Average),
            _ => None,
        }) {
            s.kind = kind;
        }
        if let Some(data) = q.read("x", |v| parse_planes(v, 1, s.input_size.h, s.input_size.w)) {
            s.input = data;
        }
        let output = s.output_size();
        if let Some(grad) = q.read("g", |v| {
            output.and_then(|(oh, ow)| parse_planes(v, 1, oh, ow))
        }) {
            s.grad = grad;
        }
        if let Some(speed) = q.whole("speed", SPEEDS) {
            s.playback.speed = speed;
        }
        if let Some(back) = q.flag("back") {
            s.backward = back;
        }
        if let Some(at) = q.whole("at", 0..=s.total_steps().max(1) - 1) {
            s.playback.seek(at);
        }
        s.ignored = q.finish();
        s
    }
}

impl UrlState for PoolState {
    fn from_query(query: &str) -> Self {
        PoolState::from_query(query)
    }

    fn to_query(&self) -> String {
        PoolState::to_query(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playback::PlayerMsg;
    use crate::sections::pool::state::PoolAction;
    use cnn::Dim;

    #[test]
    fn url_round_trip_and_garbage() {
        let mut s = PoolState::default();
        s.reduce(PoolAction::SetKind(PoolKind::Average));
        s.reduce(PoolAction::SetLinked(false));
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Stride,
            axis: Dim::Width,
            value: 1,
        });
        s.reduce(PoolAction::SetGrad {
            y: 0,
            x: 2,
            value: -0.5,
        });
        s.reduce(PoolAction::SetBackward(true));
        s.reduce(PoolAction::Player(PlayerMsg::Step(4)));
        let back = PoolState::from_query(&s.to_query());
        assert_eq!(back, s, "{}", s.to_query());
        assert_eq!(PoolState::from_query(""), PoolState::default());
        let junk = PoolState::from_query("win=9&kind=median&x=1,2;3&foo");
        assert_eq!(junk.ignored, vec!["foo", "win", "kind", "x"]);
        assert_eq!(junk.input, PoolState::default().input);
    }
}
