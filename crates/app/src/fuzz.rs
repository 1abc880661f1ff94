//! Fuzz targets for every URL reader of the app: the shell's route, the query helpers, and each
//! section's query (conv, pool, activations, architectures, optimization, training, draw).
//!
//! A case is a query built from the section's real keys with hostile values (huge, negative,
//! NaN, unicode, empty, repeated keys, 100 kB values, broken escapes), from a seed, so a
//! failure reproduces. Each target checks that reading never panics and that what it reads is
//! a valid state: written back to a link it reads again with no key refused, to the same link
//! (so every value is within the limits the section enforces). The unit tests run a few
//! thousand cases per target; `cargo xtask fuzz` runs them with [`cnn::fuzz`]'s for longer.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

use crate::hooks::use_url_reducer::UrlState;
use crate::query;
use crate::route::Route;
use crate::sections::activations::state::ActivationsState;
use crate::sections::architectures::state::ArchState;
use crate::sections::conv::state::ConvState;
use crate::sections::draw::DrawQuery;
use crate::sections::optimization::state::OptState;
use crate::sections::pool::state::PoolState;
use crate::training::query::{QUERY_KEYS, setup_from_query, setup_to_query};

pub use cnn::fuzz::Target;

/// The app's targets, in the order the driver cycles through them.
pub const TARGETS: [Target; 9] = [
    Target {
        name: "route",
        run: route_case,
    },
    Target {
        name: "query helpers",
        run: helpers_case,
    },
    Target {
        name: "conv URL",
        run: conv_case,
    },
    Target {
        name: "pool URL",
        run: pool_case,
    },
    Target {
        name: "activations URL",
        run: activations_case,
    },
    Target {
        name: "architectures URL",
        run: architectures_case,
    },
    Target {
        name: "optimization URL",
        run: optimization_case,
    },
    Target {
        name: "training URL",
        run: training_case,
    },
    Target {
        name: "draw URL",
        run: draw_case,
    },
];

const VALUE_PIECES: [&str; 40] = [
    "0",
    "1",
    "2",
    "3",
    "7",
    "28",
    "-1",
    "−2",
    "0.5",
    "0,25",
    "1e40",
    "-1e-45",
    "NaN",
    "inf",
    "-inf",
    "18446744073709551616",
    "4294967296",
    "x",
    "×",
    ",",
    ";",
    "/",
    "%",
    "%2",
    "%ZZ",
    "%26",
    "%3D",
    "+",
    " ",
    "=",
    "&",
    "max",
    "avg",
    "corr",
    "relu,tanh",
    "adam",
    "input 6x6x1; dense 2 softmax",
    "лр",
    "🦀",
    "",
];

/// A value: pieces glued together, a grid of numbers, or (rarely) 100 kB of them.
fn value(r: &mut Pcg32) -> String {
    match r.random_range(0..400) {
        0 => "1,".repeat(50_000),
        1..=60 => {
            let (h, w) = (r.random_range(1..8), r.random_range(1..8));
            let row = vec!["1"; w].join(",");
            vec![row; h].join(";")
        }
        _ => (0..r.random_range(0..4))
            .map(|_| VALUE_PIECES[r.random_range(0..VALUE_PIECES.len())])
            .collect(),
    }
}

/// A query of `keys` (and a few others, the shell's among them), repeated keys included.
fn query_of(r: &mut Pcg32, keys: &[&str]) -> String {
    let pairs: Vec<String> = (0..r.random_range(0..10))
        .map(|_| {
            let key = match r.random_range(0..12) {
                0 => "lang",
                1 => "zzz",
                2 => "",
                _ => keys[r.random_range(0..keys.len())],
            };
            match r.random_range(0..10) {
                0 => key.to_string(),
                1 => format!("{key}={}", query::percent_encode(&value(r))),
                _ => format!("{key}={}", value(r)),
            }
        })
        .collect();
    pairs.join("&")
}

/// A state read from any query writes a link that reads back, no key refused, to itself.
fn round_trip<S: UrlState + std::fmt::Debug>(query: &str, ignored: fn(&S) -> &[String]) {
    let state = S::from_query(query);
    let link = state.to_query();
    let back = S::from_query(&link);
    assert!(
        ignored(&back).is_empty(),
        "{query:?} → {link:?} refuses {:?}",
        ignored(&back)
    );
    assert_eq!(back.to_query(), link, "{query:?}");
}

fn seeded(seed: u64) -> Pcg32 {
    Pcg32::seed_from_u64(seed)
}

fn route_case(seed: u64) {
    let mut r = seeded(seed);
    let slug = [
        "conv",
        "pool",
        "activations",
        "training",
        "draw",
        "",
        "zzz",
        "/",
    ][r.random_range(0..8)];
    let query = query_of(&mut r, &["lang", "present", "in", "k"]);
    let hash = match r.random_range(0..4) {
        0 => format!("#{}", value(&mut r)),
        _ => format!("#/{slug}?{query}"),
    };
    if let Some(route) = Route::parse(&hash) {
        let again = Route::parse(&route.to_hash()).expect("a written route reads");
        assert_eq!((again.section, again.lang), (route.section, route.lang));
        assert_eq!(again.query, route.query, "{hash:?}");
    }
}

fn helpers_case(seed: u64) {
    let mut r = seeded(seed);
    let pairs: Vec<(String, String)> = (0..r.random_range(0..5))
        .map(|_| (value(&mut r), value(&mut r)))
        .filter(|(k, v)| !(k.is_empty() && v.is_empty()))
        .collect();
    let joined = query::join_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())));
    assert_eq!(query::parse_pairs(&joined), pairs, "{joined:?}");
    let text = value(&mut r);
    let _ = query::percent_decode(&text);
    let (h, w) = (r.random_range(0..6), r.random_range(0..6));
    if let Some(v) = query::parse_plane(&text, h, w) {
        assert!(v.len() == h * w && v.iter().all(|x| x.is_finite()));
    }
    if let Some(v) = query::parse_planes(&text, 2, h, w) {
        assert_eq!(v.len(), 2 * h * w);
    }
    if let Some(v) = query::parse_list(&text, w) {
        assert!(v.len() == w && v.iter().all(|x| x.is_finite()));
    }
    if let Some((a, b)) = query::parse_pair(&text, 1, 16) {
        assert!((1..=16).contains(&a) && (1..=16).contains(&b));
    }
    if let Some(v) = query::parse_cell(&text) {
        assert!(v.is_finite());
    }
}

fn conv_case(seed: u64) {
    let keys = [
        "ch", "in", "k", "p", "s", "d", "link", "f", "mode", "x", "w0", "w1", "w2", "w3", "b",
        "at", "speed", "why", "im2col", "real", "digit",
    ];
    let query = query_of(&mut seeded(seed), &keys);
    round_trip::<ConvState>(&query, |s| &s.ignored);
}

fn pool_case(seed: u64) {
    let keys = [
        "in", "win", "s", "link", "kind", "x", "g", "at", "speed", "back",
    ];
    let query = query_of(&mut seeded(seed), &keys);
    round_trip::<PoolState>(&query, |s| &s.ignored);
}

fn activations_case(seed: u64) {
    let keys = [
        "show", "deriv", "range", "x", "n", "srange", "sum", "k", "z",
    ];
    let query = query_of(&mut seeded(seed), &keys);
    round_trip::<ActivationsState>(&query, |s| &s.ignored);
}

fn architectures_case(seed: u64) {
    let query = query_of(&mut seeded(seed), &["net", "spec"]);
    round_trip::<ArchState>(&query, |s| &s.ignored);
    // The section shows the spec's table, whatever the link holds.
    let state = ArchState::parse(&query);
    if let Ok(table) = cnn::layer_table::LayerTable::parse(&state.text) {
        let _ = table.totals();
    }
}

fn optimization_case(seed: u64) {
    let keys = [
        "s", "k", "eta", "g", "w", "sigma", "seed", "ada", "aeta", "t",
    ];
    let query = query_of(&mut seeded(seed), &keys);
    round_trip::<OptState>(&query, |s| &s.ignored);
}

fn training_case(seed: u64) {
    let query = query_of(&mut seeded(seed), &QUERY_KEYS);
    let read = setup_from_query(&query);
    assert!(read.setup.settings.validate().is_ok(), "{query:?}");
    let link = setup_to_query(&read.setup);
    let back = setup_from_query(&link);
    assert!(
        back.ignored.is_empty(),
        "{query:?} → {link:?}: {:?}",
        back.ignored
    );
    assert_eq!(back.setup, read.setup, "{query:?}");
}

fn draw_case(seed: u64) {
    let query = query_of(&mut seeded(seed), &["model", "digit"]);
    let (read, _) = DrawQuery::from_query(&query);
    let (back, ignored) = DrawQuery::from_query(&read.to_query());
    assert!(ignored.is_empty(), "{query:?}");
    assert_eq!(back, read);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few thousand cases per target; the 100 kB values make some cases a millisecond.
    #[test]
    fn url_readers_survive_fuzzing() {
        for target in TARGETS {
            for seed in 0..2000 {
                (target.run)(seed);
            }
        }
    }
}
