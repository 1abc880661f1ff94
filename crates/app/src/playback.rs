//! The animation cursor shared by every section that steps through a sequence (the output cells
//! of a convolution or a pooling, the steps of an optimizer's trajectory): a position among
//! `length` positions, whether it plays, and at which speed.
//!
//! A section's state embeds one [`Playback`], forwards the [`PlayerMsg`]s of the
//! [`Player`](crate::components::player::Player) and of the page-wide keys to
//! [`Playback::reduce`], and calls [`Playback::set_length`] whenever its number of positions may
//! have changed. The rules, the same for every section:
//! - a tick advances one position; the tick that reaches the last position stops playing, and
//!   the cursor stays at the end;
//! - Play at the last position starts again from the first;
//! - stepping, scrubbing, "to start" and "to end" pause;
//! - with nothing to show (`length` 0) the cursor is 0 and nothing plays.

use std::ops::RangeInclusive;

/// Speeds of the slider: 1 (slow) … 5 (fast).
pub const SPEEDS: RangeInclusive<usize> = 1..=5;

/// What the user (or the timer) asks the animation to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlayerMsg {
    /// To the first position.
    Start,
    /// `Step(-1)` one back, `Step(1)` one forward (pauses).
    Step(isize),
    Play,
    Pause,
    TogglePlay,
    /// To the last position.
    End,
    /// The scrubber: to this 0-based position (clamped).
    Seek(usize),
    /// The speed slider (clamped to [`SPEEDS`]).
    Speed(usize),
    /// One timer tick while playing.
    Tick,
}

/// A message as it acts when the user asked for reduced motion: Play (and Space) move one plain
/// step forward instead of starting an animation; everything else is unchanged.
pub fn without_motion(msg: PlayerMsg) -> PlayerMsg {
    match msg {
        PlayerMsg::Play | PlayerMsg::TogglePlay => PlayerMsg::Step(1),
        other => other,
    }
}

/// Milliseconds between two steps at speed 1 (slow) … 5 (fast).
pub fn interval_ms(speed: usize) -> u32 {
    match speed {
        0 | 1 => 1400,
        2 => 900,
        3 => 550,
        4 => 300,
        _ => 120,
    }
}

/// The cursor over `length` positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Playback {
    /// 0-based; always below `length` (0 when `length` is 0).
    pub position: usize,
    pub playing: bool,
    /// One of [`SPEEDS`].
    pub speed: usize,
    /// Number of positions (0 when there is nothing to animate).
    pub length: usize,
}

impl Default for Playback {
    fn default() -> Playback {
        Playback::new(0)
    }
}

impl Playback {
    /// Paused at the first of `length` positions, at the middle speed.
    pub fn new(length: usize) -> Playback {
        Playback {
            position: 0,
            playing: false,
            speed: 3,
            length,
        }
    }

    /// The last position, if there is one.
    pub fn last(&self) -> Option<usize> {
        self.length.checked_sub(1)
    }

    /// Whether the cursor is at the last position (or there is none).
    pub fn at_end(&self) -> bool {
        self.position + 1 >= self.length
    }

    /// Whether position `index` has been reached (shown as computed).
    pub fn is_revealed(&self, index: usize) -> bool {
        self.length > 0 && index <= self.position
    }

    /// What a screen reader is told about the position: `text` once stepped, scrubbed or
    /// paused; nothing while playing, so that eight steps a second never flood the live region
    /// (the text comes back, and is announced, when playing stops).
    pub fn announcement(&self, text: String) -> String {
        if self.playing { String::new() } else { text }
    }

    /// The timer's interval while playing, `None` while paused.
    pub fn interval(&self) -> Option<u32> {
        self.playing.then(|| interval_ms(self.speed))
    }

    /// The number of positions changed (a setting changed the sequence): the cursor moves to the
    /// last position if it was beyond it, and with nothing left to show it stops.
    pub fn set_length(&mut self, length: usize) {
        self.length = length;
        self.position = self.position.min(length.saturating_sub(1));
        if length == 0 {
            self.playing = false;
        }
    }

    /// The cursor at `position` (clamped), paused. For links and for sections that jump.
    pub fn seek(&mut self, position: usize) {
        self.playing = false;
        self.position = position.min(self.length.saturating_sub(1));
    }

    pub fn reduce(&mut self, msg: PlayerMsg) {
        match msg {
            PlayerMsg::Start => self.seek(0),
            PlayerMsg::End => self.seek(self.length.saturating_sub(1)),
            PlayerMsg::Seek(position) => self.seek(position),
            PlayerMsg::Step(delta) => {
                let target = (self.position as isize).saturating_add(delta).max(0);
                self.seek(target as usize);
            }
            PlayerMsg::Play => {
                if self.length > 0 {
                    if self.at_end() {
                        self.position = 0;
                    }
                    self.playing = true;
                }
            }
            PlayerMsg::Pause => self.playing = false,
            PlayerMsg::TogglePlay => self.reduce(if self.playing {
                PlayerMsg::Pause
            } else {
                PlayerMsg::Play
            }),
            PlayerMsg::Tick => {
                if self.playing {
                    if !self.at_end() {
                        self.position += 1;
                    }
                    if self.at_end() {
                        self.playing = false;
                    }
                }
            }
            PlayerMsg::Speed(speed) => self.speed = speed.clamp(*SPEEDS.start(), *SPEEDS.end()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn playing_at(position: usize, length: usize) -> Playback {
        Playback {
            position,
            playing: true,
            ..Playback::new(length)
        }
    }

    #[test]
    fn start_end_seek_and_step_pause_and_clamp() {
        let mut p = playing_at(2, 5);
        p.reduce(PlayerMsg::End);
        assert_eq!((p.position, p.playing), (4, false));
        p.playing = true;
        p.reduce(PlayerMsg::Start);
        assert_eq!((p.position, p.playing), (0, false));
        p.reduce(PlayerMsg::Seek(3));
        assert_eq!(p.position, 3);
        p.reduce(PlayerMsg::Seek(1000));
        assert_eq!(p.position, 4, "the scrubber stops at the last position");
        p.playing = true;
        p.reduce(PlayerMsg::Step(-3));
        assert_eq!((p.position, p.playing), (1, false));
        p.reduce(PlayerMsg::Step(-3));
        assert_eq!(p.position, 0, "never before the first position");
        p.reduce(PlayerMsg::Step(1));
        assert_eq!(p.position, 1);
        p.reduce(PlayerMsg::Step(99));
        assert_eq!(p.position, 4, "never beyond the last position");
    }

    #[test]
    fn play_pause_toggle_and_speed() {
        let mut p = Playback::new(5);
        p.reduce(PlayerMsg::Play);
        assert!(p.playing);
        assert_eq!(p.interval(), Some(550));
        p.reduce(PlayerMsg::Pause);
        assert!(!p.playing);
        assert_eq!(p.interval(), None);
        p.reduce(PlayerMsg::TogglePlay);
        assert!(p.playing);
        p.reduce(PlayerMsg::TogglePlay);
        assert!(!p.playing);
        p.reduce(PlayerMsg::Speed(5));
        assert_eq!(p.speed, 5);
        p.reduce(PlayerMsg::Speed(0));
        assert_eq!(p.speed, 1);
        p.reduce(PlayerMsg::Speed(99));
        assert_eq!(p.speed, 5);
        assert_eq!([1, 2, 3, 4, 5].map(interval_ms), [1400, 900, 550, 300, 120]);
    }

    #[test]
    fn ticks_advance_and_the_last_tick_stops_at_the_end() {
        let mut p = Playback::new(3);
        p.reduce(PlayerMsg::Tick);
        assert_eq!(p.position, 0, "a paused cursor ignores the timer");
        p.reduce(PlayerMsg::Play);
        p.reduce(PlayerMsg::Tick);
        assert_eq!((p.position, p.playing), (1, true));
        p.reduce(PlayerMsg::Tick);
        assert_eq!(
            (p.position, p.playing),
            (2, false),
            "reaching the end stops"
        );
        p.reduce(PlayerMsg::Tick);
        assert_eq!(p.position, 2, "and stays there");
        p.reduce(PlayerMsg::Play);
        assert_eq!(
            (p.position, p.playing),
            (0, true),
            "Play at the end restarts"
        );
        // A single position: Play plays, the first tick stops.
        let mut one = Playback::new(1);
        one.reduce(PlayerMsg::Play);
        assert!(one.playing);
        one.reduce(PlayerMsg::Tick);
        assert_eq!((one.position, one.playing), (0, false));
    }

    #[test]
    fn length_changes_clamp_the_position_and_empty_stops() {
        let mut p = playing_at(7, 10);
        p.set_length(20);
        assert_eq!(
            (p.position, p.playing),
            (7, true),
            "a longer sequence keeps the cursor"
        );
        p.set_length(4);
        assert_eq!((p.position, p.playing), (3, true));
        p.set_length(0);
        assert_eq!((p.position, p.playing, p.last()), (0, false, None));
        for msg in [
            PlayerMsg::Play,
            PlayerMsg::TogglePlay,
            PlayerMsg::Tick,
            PlayerMsg::Step(1),
            PlayerMsg::End,
            PlayerMsg::Seek(3),
        ] {
            p.reduce(msg);
            assert_eq!(
                (p.position, p.playing),
                (0, false),
                "{msg:?} with nothing to show"
            );
        }
        assert!(!p.is_revealed(0));
        p.set_length(4);
        p.reduce(PlayerMsg::Seek(2));
        assert!(p.is_revealed(2) && !p.is_revealed(3));
    }

    #[test]
    fn announced_when_stepped_or_paused_never_while_playing() {
        let mut p = Playback::new(5);
        assert_eq!(p.announcement("step 1".into()), "step 1");
        p.reduce(PlayerMsg::Play);
        for _ in 0..3 {
            p.reduce(PlayerMsg::Tick);
            assert_eq!(p.announcement(format!("step {}", p.position + 1)), "");
        }
        p.reduce(PlayerMsg::Pause);
        assert_eq!(p.announcement("step 4".into()), "step 4");
        p.reduce(PlayerMsg::Play);
        p.reduce(PlayerMsg::Step(1));
        assert_eq!(p.announcement("step 5".into()), "step 5", "stepping pauses");
    }

    #[test]
    fn reduced_motion_turns_play_into_one_plain_step() {
        let mut p = Playback::new(4);
        for msg in [
            PlayerMsg::Play,
            PlayerMsg::TogglePlay,
            PlayerMsg::TogglePlay,
        ] {
            p.reduce(without_motion(msg));
            assert!(!p.playing);
        }
        assert_eq!(p.position, 3);
        assert_eq!(without_motion(PlayerMsg::Step(-1)), PlayerMsg::Step(-1));
        assert_eq!(without_motion(PlayerMsg::Seek(2)), PlayerMsg::Seek(2));
    }
}
