//! The Training section's URL query (`#/training?opt=adam&lr=0.001&…`): a setup written as
//! the keys that differ from the defaults, and read back key by key, each value checked on its
//! own so that one bad value does not discard the others.

use super::config::{OptimizerKind, Settings, layer_rows, parse_spec};
use super::protocol::Setup;

/// The keys of the Training section's URL query (`#/training?opt=adam&lr=0.001&…`), so that a
/// lecturer can share a link to a run: optimizer, learning rate, momentum γ, batch size, L2,
/// dropout, step decay (every, factor), augmentation (crops; affine, pen, elastic), seed and the
/// network spec (text form).
pub const QUERY_KEYS: [&str; 14] = [
    "opt",
    "lr",
    "momentum",
    "batch",
    "l2",
    "dropout",
    "decay_every",
    "decay_factor",
    "augment",
    "affine",
    "pen",
    "elastic",
    "seed",
    "spec",
];

/// A setup read from the URL, and the keys that could not be read (the page names them and
/// uses the defaults for them).
#[derive(Clone, Debug, PartialEq)]
pub struct QuerySetup {
    pub setup: Setup,
    /// Keys whose values were garbage (or unknown keys), in the order they appear.
    pub ignored: Vec<String>,
}

/// Reads the Training section's query. Every value is checked on its own against the same
/// bounds as the form ([`Settings::validate`]); a garbage value falls back to
/// its default and its key is listed in [`QuerySetup::ignored`]. An optimizer without `lr` gets
/// its suggested learning rate.
pub fn setup_from_query(query: &str) -> QuerySetup {
    use crate::query::{parse_number, parse_pairs};

    let pairs = parse_pairs(query);
    let get = |key: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
    };
    let mut ignored: Vec<String> = Vec::new();
    let ignore = |ignored: &mut Vec<String>, key: &str| {
        if !ignored.iter().any(|k| k == key) {
            ignored.push(key.to_string());
        }
    };
    for (k, _) in &pairs {
        if !QUERY_KEYS.contains(&k.as_str()) && k != "lang" {
            ignore(&mut ignored, k);
        }
    }
    let mut settings = Settings::default();
    // One field at a time, so that one bad value does not discard the others.
    let mut field = |key: &str, set: &dyn Fn(&mut Settings, &str) -> bool| {
        if let Some(text) = get(key) {
            let mut candidate = settings.clone();
            if set(&mut candidate, text) && candidate.validate().is_ok() {
                settings = candidate;
            } else {
                ignore(&mut ignored, key);
            }
        }
    };
    field(
        "opt",
        &|s, t| match OptimizerKind::from_code(&t.to_lowercase()) {
            Some(kind) => {
                s.optimizer = kind;
                s.learning_rate = kind.suggested_learning_rate();
                true
            }
            None => false,
        },
    );
    let number = |t: &str| parse_number(&t.replace(',', "."));
    field("lr", &|s, t| {
        number(t).map(|v| s.learning_rate = v).is_some()
    });
    field("momentum", &|s, t| {
        number(t).map(|v| s.momentum = v).is_some()
    });
    field("batch", &|s, t| t.parse().map(|v| s.batch_size = v).is_ok());
    field("l2", &|s, t| number(t).map(|v| s.l2 = v).is_some());
    field("dropout", &|s, t| {
        number(t).map(|v| s.dropout = v).is_some()
    });
    field("decay_every", &|s, t| {
        t.parse().map(|v| s.lr_decay_every = v).is_ok()
    });
    field("decay_factor", &|s, t| {
        number(t).map(|v| s.lr_decay_factor = v).is_some()
    });
    let flag = |t: &str| match t {
        "1" | "true" | "on" => Some(true),
        "0" | "false" | "off" => Some(false),
        _ => None,
    };
    field("augment", &|s, t| flag(t).map(|v| s.augment = v).is_some());
    field("affine", &|s, t| {
        flag(t).map(|v| s.distort.affine = v).is_some()
    });
    field("pen", &|s, t| flag(t).map(|v| s.distort.pen = v).is_some());
    field("elastic", &|s, t| {
        flag(t).map(|v| s.distort.elastic = v).is_some()
    });
    let mut setup = super::client::default_setup();
    setup.settings = settings;
    if let Some(text) = get("seed") {
        match text.parse::<u64>() {
            Ok(seed) => setup.seed = seed,
            Err(_) => ignore(&mut ignored, "seed"),
        }
    }
    if let Some(text) = get("spec") {
        let checked = parse_spec(text).and_then(|spec| layer_rows(&spec).map(|_| spec));
        match checked {
            Ok(spec) => setup.spec = spec.to_string(),
            Err(_) => ignore(&mut ignored, "spec"),
        }
    }
    QuerySetup { setup, ignored }
}

/// The query of a setup: only the values that differ from the defaults, so a fresh page has
/// a clean URL and a shared link says exactly what was changed. Numbers are written in their
/// shortest round-trip form. The comparison run is not part of the link.
pub fn setup_to_query(setup: &Setup) -> String {
    use crate::query::{format_url_number, join_pairs};

    let defaults = super::client::default_setup();
    let (s, d) = (&setup.settings, &defaults.settings);
    let changed = |key: &'static str, differs: bool, value: String| differs.then_some((key, value));
    let pairs = [
        changed(
            "opt",
            s.optimizer != d.optimizer,
            s.optimizer.code().to_string(),
        ),
        changed(
            "lr",
            s.learning_rate != s.optimizer.suggested_learning_rate(),
            format_url_number(s.learning_rate),
        ),
        changed(
            "momentum",
            s.momentum != d.momentum,
            format_url_number(s.momentum),
        ),
        changed(
            "batch",
            s.batch_size != d.batch_size,
            s.batch_size.to_string(),
        ),
        changed("l2", s.l2 != d.l2, format_url_number(s.l2)),
        changed(
            "dropout",
            s.dropout != d.dropout,
            format_url_number(s.dropout),
        ),
        changed(
            "decay_every",
            s.lr_decay_every != d.lr_decay_every,
            s.lr_decay_every.to_string(),
        ),
        changed(
            "decay_factor",
            s.lr_decay_factor != d.lr_decay_factor,
            format_url_number(s.lr_decay_factor),
        ),
        changed(
            "augment",
            s.augment != d.augment,
            if s.augment { "1" } else { "0" }.to_string(),
        ),
        changed(
            "affine",
            s.distort.affine != d.distort.affine,
            if s.distort.affine { "1" } else { "0" }.to_string(),
        ),
        changed(
            "pen",
            s.distort.pen != d.distort.pen,
            if s.distort.pen { "1" } else { "0" }.to_string(),
        ),
        changed(
            "elastic",
            s.distort.elastic != d.distort.elastic,
            if s.distort.elastic { "1" } else { "0" }.to_string(),
        ),
        changed("seed", setup.seed != defaults.seed, setup.seed.to_string()),
        changed("spec", setup.spec != defaults.spec, setup.spec.clone()),
    ];
    join_pairs(pairs.into_iter().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_round_trips_a_setup() {
        use crate::training::client::default_setup;

        assert_eq!(setup_to_query(&default_setup()), "");
        let fresh = setup_from_query("");
        assert_eq!(fresh.setup, default_setup());
        assert!(fresh.ignored.is_empty());

        let mut setup = default_setup();
        setup.settings = Settings {
            optimizer: OptimizerKind::Adam,
            learning_rate: 0.0005,
            momentum: 0.8,
            batch_size: 32,
            l2: 0.0,
            dropout: 0.25,
            lr_decay_every: 5000,
            lr_decay_factor: 0.3,
            augment: false,
            distort: cnn::Augmentation {
                affine: true,
                pen: false,
                elastic: true,
            },
        };
        setup.seed = 42;
        setup.spec = "input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax".into();
        let query = setup_to_query(&setup);
        assert_eq!(
            query,
            "opt=adam&lr=0.0005&momentum=0.8&batch=32&l2=0&dropout=0.25&decay_every=5000\
             &decay_factor=0.3&augment=0&affine=1&elastic=1&seed=42\
             &spec=input%2024x24x1;%20conv%205x5x8%20pad%202%20relu;%20pool%202;%20dense%2010%20softmax"
        );
        let back = setup_from_query(&query);
        assert_eq!(back.setup, setup);
        assert!(back.ignored.is_empty(), "{:?}", back.ignored);
    }

    #[test]
    fn an_optimizer_alone_gets_its_suggested_learning_rate() {
        let read = setup_from_query("opt=nesterov");
        assert_eq!(read.setup.settings.optimizer, OptimizerKind::Nesterov);
        // Nesterov in the lecture form shares momentum's η.
        assert_eq!(read.setup.settings.learning_rate, 0.1);
        assert_eq!(setup_to_query(&read.setup), "opt=nesterov");
        let read = setup_from_query("opt=adam");
        assert_eq!(read.setup.settings.learning_rate, 0.001);
        assert_eq!(setup_to_query(&read.setup), "opt=adam");
        // The Russian decimal comma is accepted, as in the form.
        assert_eq!(
            setup_from_query("lr=0,05").setup.settings.learning_rate,
            0.05
        );
    }

    #[test]
    fn garbage_values_fall_back_to_defaults_and_are_named() {
        use crate::training::client::default_setup;
        let read = setup_from_query(
            "opt=lbfgs&lr=-1&momentum=1.5&batch=0&l2=abc&dropout=0.99&decay_every=-3\
             &decay_factor=0&augment=maybe&seed=x&spec=conv%20banana&colour=red&lang=en",
        );
        assert_eq!(read.setup, default_setup());
        assert_eq!(
            read.ignored,
            vec![
                "colour",
                "opt",
                "lr",
                "momentum",
                "batch",
                "l2",
                "dropout",
                "decay_every",
                "decay_factor",
                "augment",
                "seed",
                "spec"
            ]
        );
        // One bad value does not discard the good ones next to it.
        let read = setup_from_query(
            "lr=NaN&batch=50&seed=7&spec=input%2024x24x1;%20conv%2030x30x8;%20dense%2010%20softmax",
        );
        assert_eq!(read.setup.settings.batch_size, 50);
        assert_eq!(read.setup.seed, 7);
        assert_eq!(read.setup.spec, default_setup().spec);
        assert_eq!(read.ignored, vec!["lr", "spec"]);
    }
}
