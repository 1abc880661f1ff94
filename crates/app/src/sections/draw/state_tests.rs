//! The Draw reducer and its URL codec, natively.

use super::*;
use crate::sections::draw::pad::PAD_SIZE;

fn digit(label: u8) -> LoadedDigit {
    LoadedDigit {
        index: 40,
        label,
        pixels: vec![200; 28 * 28],
    }
}

fn reduced(state: &DrawState, actions: impl IntoIterator<Item = DrawAction>) -> DrawState {
    let mut state = state.clone();
    for action in actions {
        state.reduce(action);
    }
    state
}

fn at(x: f32, y: f32) -> Point {
    Point::new(x, y)
}

#[test]
fn the_query_round_trips_and_names_junk() {
    let (q, ignored) = DrawQuery::from_query("model=training&digit=17&x=1");
    assert_eq!(q.model, ModelChoice::Training);
    assert_eq!(q.digit, Some(17));
    assert_eq!(ignored, vec!["x"]);
    assert_eq!(q.to_query(), "model=training&digit=17");
    assert_eq!(DrawQuery::from_query(""), (DrawQuery::default(), vec![]));
    assert_eq!(
        DrawQuery::from_query("digit=0&model=zzz"),
        (
            DrawQuery::default(),
            vec!["model".to_string(), "digit".to_string()]
        )
    );
    // The garbage link from the issue: defaults, both keys named.
    let (q, ignored) = DrawQuery::from_query("digit=99999&model=foo");
    assert_eq!(q, DrawQuery::default());
    assert_eq!(ignored, vec!["model", "digit"]);
    let (q, ignored) = DrawQuery::from_query("digit=1000&model=foo");
    assert_eq!(q.digit, Some(1000), "a good key stays");
    assert_eq!(ignored, vec!["model"]);
    assert_eq!(DrawQuery::parse("digit=1001").digit, None);
    assert_eq!(DrawQuery::default().to_query(), "");
    let mut state = DrawState::from_query("digit=17&x=1");
    assert_eq!(
        (state.picker.as_str(), state.to_query()),
        ("17", "digit=17".into())
    );
    assert_eq!(state.ignored, vec!["x"]);
    state.reduce(DrawAction::DismissNote);
    assert!(state.ignored.is_empty());
    let mut state = DrawState::from_query("digit=99999&model=foo");
    state.reduce(DrawAction::Picker("3".into()));
    assert_eq!(
        state.ignored,
        vec!["model", "digit"],
        "typing keeps the note"
    );
    state.reduce(DrawAction::LoadDigit {
        n: 1,
        digit: digit(5),
    });
    assert!(
        state.ignored.is_empty(),
        "the rewritten link drops the note"
    );
}

#[test]
fn strokes_follow_one_pointer_and_undo_and_clear_remove_them() {
    let start = DrawState::default();
    let s = reduced(
        &start,
        [
            DrawAction::PointerDown {
                id: 1,
                at: at(50.0, 50.0),
            },
            DrawAction::PointerDown {
                id: 2,
                at: at(200.0, 200.0),
            },
            DrawAction::PointerMove {
                id: 2,
                at: at(210.0, 210.0),
            },
            DrawAction::PointerMove {
                id: 1,
                at: at(90.0, 60.0),
            },
            DrawAction::PointerUp { id: 2 },
        ],
    );
    assert_eq!(s.pad.strokes().len(), 1, "the second finger draws nothing");
    assert_eq!(s.pad.strokes()[0].len(), 2);
    assert!(s.pad.is_drawing() && s.pointer == Some(1));
    let s = reduced(&s, [DrawAction::PointerUp { id: 1 }]);
    assert!(!s.pad.is_drawing() && s.pointer.is_none());
    let two = reduced(
        &s,
        [
            DrawAction::PointerDown {
                id: 3,
                at: at(140.0, 140.0),
            },
            DrawAction::PointerUp { id: 3 },
        ],
    );
    assert_eq!(two.pad.strokes().len(), 2);
    let undone = reduced(&two, [DrawAction::Undo]);
    assert_eq!(
        undone.pad.raster(),
        s.pad.raster(),
        "undo removes the last stroke"
    );
    let cleared = reduced(&two, [DrawAction::Clear]);
    assert!(cleared.pad.is_empty());
    assert!(cleared.pad.raster().iter().all(|&v| v == 0));
}

#[test]
fn the_keyboard_pen_draws_and_lifts_on_blur() {
    let s = reduced(
        &DrawState::default(),
        [
            DrawAction::Focus { keyboard: true },
            DrawAction::Key {
                key: " ".into(),
                fine: false,
            },
            DrawAction::Key {
                key: "ArrowRight".into(),
                fine: false,
            },
            DrawAction::Key {
                key: "ArrowRight".into(),
                fine: true,
            },
        ],
    );
    assert!(s.cursor && s.pen.down);
    let centre = PAD_SIZE as f32 / 2.0;
    assert_eq!(
        s.pad.strokes()[0].last(),
        Some(&at(centre + 14.0 + 3.5, centre))
    );
    assert_eq!(s.key_outcome("Tab", false), KeyOutcome::Ignored);
    assert_eq!(s.key_outcome("ArrowUp", false), KeyOutcome::Inked);
    let s = reduced(&s, [DrawAction::Blur]);
    assert!(!s.cursor && !s.pen.down && !s.pad.is_drawing());
    let mouse = reduced(
        &DrawState::default(),
        [DrawAction::Focus { keyboard: false }],
    );
    assert!(!mouse.cursor, "a click's focus shows no cursor");
}

#[test]
fn a_picked_digit_is_in_the_url_until_drawn_over() {
    let s = reduced(
        &DrawState::default(),
        [
            DrawAction::Picker("17".into()),
            DrawAction::LoadDigit {
                n: 17,
                digit: digit(3),
            },
        ],
    );
    assert_eq!(s.picker_number(), Some(17));
    assert_eq!(s.to_query(), "digit=17");
    assert_eq!(s.pad.digit().map(|d| d.label), Some(3));
    let drawn = reduced(
        &s,
        [DrawAction::PointerDown {
            id: 1,
            at: at(10.0, 10.0),
        }],
    );
    assert_eq!(drawn.to_query(), "");
    assert_eq!(
        drawn.pad.digit().map(|d| d.label),
        Some(3),
        "the digit stays under the ink"
    );
    // Undo of the digit itself (no strokes) drops it from the URL.
    let s = reduced(&s, [DrawAction::Undo]);
    assert!(s.pad.is_empty() && s.query.digit.is_none());
    // A wrong-sized digit is refused and the URL unchanged.
    let bad = LoadedDigit {
        pixels: vec![0; 5],
        ..digit(1)
    };
    let s = reduced(
        &DrawState::default(),
        [DrawAction::LoadDigit { n: 5, digit: bad }],
    );
    assert!(s.pad.is_empty() && s.query.digit.is_none());
    for (text, n) in [
        ("0", None),
        ("1001", None),
        ("1e3", None),
        (" 42 ", Some(42)),
    ] {
        let s = reduced(&DrawState::default(), [DrawAction::Picker(text.into())]);
        assert_eq!(s.picker_number(), n, "{text}");
    }
}

#[test]
fn the_picker_says_why_a_number_names_no_digit() {
    use cnn::{Lang, Localized};
    let refusal = |text: &str| {
        reduced(&DrawState::default(), [DrawAction::Picker(text.into())]).picker_refusal()
    };
    assert_eq!(refusal(""), None);
    assert_eq!(refusal("  "), None);
    assert_eq!(refusal("17"), None);
    assert_eq!(
        refusal("0").unwrap().message(Lang::En),
        "The digits are numbered 1 to 1000; typed 0."
    );
    assert_eq!(
        refusal("1001").unwrap().message(Lang::Ru),
        "Цифры пронумерованы от 1 до 1000; введено 1001."
    );
    assert_eq!(
        refusal("1e3").unwrap().message(Lang::En),
        "The number is a whole number from 1 to 1000; typed “1e3”."
    );
    assert_eq!(
        refusal("-3").unwrap().message(Lang::Ru),
        "Номер — целое число от 1 до 1000; введено «-3»."
    );
    // A long paste is echoed shortened.
    let long = refusal(&"9".repeat(500)).unwrap().message(Lang::En);
    assert!(long.chars().count() < 100, "{long}");
}

#[test]
fn the_model_choice_is_in_the_url() {
    let s = reduced(
        &DrawState::default(),
        [DrawAction::Model(ModelChoice::Training)],
    );
    assert_eq!(s.to_query(), "model=training");
    let s = reduced(&s, [DrawAction::Model(ModelChoice::Pretrained)]);
    assert_eq!(s.to_query(), "");
}

#[test]
fn the_saliency_choice_follows_the_verdict_until_a_class_is_picked_and_resets_on_clear() {
    let s = DrawState::default();
    assert_eq!(s.why.class, None);
    assert_eq!(s.why.method, cnn::SaliencyMethod::GradientTimesInput);
    let s = reduced(
        &s,
        [
            DrawAction::WhyMethod(cnn::SaliencyMethod::Occlusion),
            DrawAction::WhyClass(Some(9)),
        ],
    );
    assert_eq!(s.why.class, Some(9));
    assert_eq!(s.why.method, cnn::SaliencyMethod::Occlusion);
    // Not a digit: the verdict again. The choice stays out of the URL.
    assert_eq!(
        reduced(&s, [DrawAction::WhyClass(Some(12))]).why.class,
        None
    );
    assert_eq!(s.to_query(), "");
    let s = reduced(&s, [DrawAction::Clear]);
    assert_eq!(s.why.class, None);
    assert_eq!(s.why.method, cnn::SaliencyMethod::Occlusion);
}
