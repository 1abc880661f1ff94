//! Why a spec is refused, in words a student understands, in Russian and English
//! ([`Localized`]); `Display` is the English text.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::geometry::GeometryError;
use crate::lang::{Lang, Localized, echo};
use crate::tensor::Shape;

/// Which number of a layer an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Quantity {
    Input,
    Channels,
    Kernel,
    Filters,
    Window,
    Stride,
    Padding,
    Dilation,
    Units,
    Rate,
    Activations,
    Taps,
}

impl Quantity {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Quantity::Input => lang.pick("размер входа", "input size"),
            Quantity::Channels => lang.pick("число каналов", "number of channels"),
            Quantity::Kernel => lang.pick("размер ядра", "kernel size"),
            Quantity::Filters => lang.pick("число фильтров", "number of filters"),
            Quantity::Window => lang.pick("размер окна", "window size"),
            Quantity::Stride => lang.pick("шаг (stride)", "stride"),
            Quantity::Padding => lang.pick("дополнение (pad)", "padding"),
            Quantity::Dilation => lang.pick("разрежение (dilation)", "dilation"),
            Quantity::Units => lang.pick("число нейронов", "number of units"),
            Quantity::Rate => lang.pick("вероятность dropout", "dropout rate"),
            Quantity::Activations => lang.pick("размер выхода слоя", "layer output size"),
            Quantity::Taps => lang.pick("размер матрицы im2col", "im2col matrix size"),
        }
    }

    fn example(self) -> &'static str {
        match self {
            Quantity::Input | Quantity::Channels => "input 24x24x1",
            Quantity::Kernel | Quantity::Filters => "conv 5x5x8",
            Quantity::Window => "pool 2",
            Quantity::Stride => "stride 2",
            Quantity::Padding => "pad 2",
            Quantity::Dilation => "dilation 2",
            Quantity::Units => "dense 10 softmax",
            Quantity::Rate => "dropout 0.5",
            Quantity::Activations | Quantity::Taps => "",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum SpecErrorKind {
    Empty,
    MissingInput,
    InputNotFirst,
    UnknownLayer {
        word: String,
    },
    UnknownOption {
        word: String,
    },
    MissingNumber {
        what: Quantity,
    },
    NotANumber {
        what: Quantity,
        word: String,
    },
    BadDims {
        what: Quantity,
        word: String,
    },
    Zero {
        what: Quantity,
    },
    TooLarge {
        what: Quantity,
        value: usize,
        max: usize,
    },
    EmptyShape {
        shape: Shape,
    },
    Geometry(GeometryError),
    PoolWindowTooLarge {
        window: usize,
        input: usize,
        padding: usize,
    },
    PoolPaddingTooLarge {
        padding: usize,
        window: usize,
    },
    DropoutRate {
        rate: f32,
    },
    SoftmaxNotLast,
    SoftmaxWithActivation,
    SoftmaxAlone,
    TooFewClasses {
        units: usize,
    },
    MissingSoftmax {
        last: Option<String>,
    },
    TooManyLayers {
        count: usize,
        max: usize,
    },
    TooManyParams {
        params: usize,
        max: usize,
    },
    /// The table is computed, but a network this large is not built in the browser.
    TooLargeToBuild {
        params: usize,
        max: usize,
    },
}

/// Why a spec is refused, and at which layer (number and text; 0 = the input).
#[derive(Clone, Debug, PartialEq)]
pub struct SpecError {
    pub layer: Option<(usize, String)>,
    pub kind: SpecErrorKind,
}

impl SpecError {
    pub(super) fn new(layer: Option<(usize, String)>, kind: SpecErrorKind) -> SpecError {
        SpecError { layer, kind }
    }
}

const LAYER_WORDS: &str =
    "conv, pool, avgpool, dense, dropout, flatten, relu, sigmoid, tanh, softplus, leaky_relu";

impl Localized for SpecErrorKind {
    fn message(&self, lang: Lang) -> String {
        use SpecErrorKind as K;
        match self {
            K::Empty => lang.pick(
                "описание сети пусто; пример: input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax".into(),
                "the network description is empty; example: input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax".into(),
            ),
            K::MissingInput => lang.pick(
                "сеть должна начинаться с входа, например «input 24x24x1»".into(),
                "the network must start with its input, e.g. \"input 24x24x1\"".into(),
            ),
            K::InputNotFirst => lang.pick(
                "вход (input) может быть только первым слоем".into(),
                "input can only be the first layer".into(),
            ),
            K::UnknownLayer { word } => {
                let word = echo(word);
                lang.pick(
                    format!("неизвестный тип слоя «{word}»; допустимы: {LAYER_WORDS}"),
                    format!("unknown layer type \"{word}\"; expected one of: {LAYER_WORDS}"),
                )
            }
            K::UnknownOption { word } => {
                let word = echo(word);
                lang.pick(
                    format!("непонятное слово «{word}»"),
                    format!("unexpected word \"{word}\""),
                )
            }
            K::MissingNumber { what } => lang.pick(
                format!("не указан {}, например «{}»", what.name(lang), what.example()),
                format!("the {} is missing, e.g. \"{}\"", what.name(lang), what.example()),
            ),
            K::NotANumber { what, word } => {
                let word = echo(word);
                lang.pick(
                    format!("{}: «{word}» — не число", what.name(lang)),
                    format!("{}: \"{word}\" is not a number", what.name(lang)),
                )
            }
            K::BadDims { what, word } => {
                let word = echo(word);
                lang.pick(
                    format!("{}: «{word}» не подходит, пример: «{}»", what.name(lang), what.example()),
                    format!("{}: \"{word}\" does not fit, e.g. \"{}\"", what.name(lang), what.example()),
                )
            }
            K::Zero { what } => lang.pick(
                format!("{} должен быть не меньше 1", what.name(lang)),
                format!("{} must be at least 1", what.name(lang)),
            ),
            K::TooLarge { what, value, max } => lang.pick(
                format!("{} {value} слишком велик (не больше {max})", what.name(lang)),
                format!("{} {value} is too large (at most {max})", what.name(lang)),
            ),
            K::EmptyShape { shape } => lang.pick(
                format!("выход {shape} пуст"),
                format!("the output {shape} is empty"),
            ),
            K::Geometry(e) => e.message(lang),
            K::PoolWindowTooLarge { window, input, padding } => {
                if *padding == 0 {
                    lang.pick(
                        format!("окно {window} больше входа {input}"),
                        format!("window {window} is larger than the input {input}"),
                    )
                } else {
                    let padded = input + 2 * padding;
                    lang.pick(
                        format!("окно {window} больше входа с дополнением {padded} ({input} + 2·{padding})"),
                        format!("window {window} is larger than the padded input {padded} ({input} + 2·{padding})"),
                    )
                }
            }
            K::PoolPaddingTooLarge { padding, window } => lang.pick(
                format!("дополнение {padding} должно быть меньше окна {window}: иначе окно может целиком попасть в нули"),
                format!("padding {padding} must be smaller than the window {window}, or a window could see only padding"),
            ),
            K::DropoutRate { rate } => lang.pick(
                format!("вероятность dropout {rate} должна быть в [0, 1)"),
                format!("dropout rate {rate} must be in [0, 1)"),
            ),
            K::SoftmaxNotLast => lang.pick(
                "softmax может быть только у последнего слоя".into(),
                "only the last layer can have softmax".into(),
            ),
            K::SoftmaxWithActivation => lang.pick(
                "у слоя с softmax не может быть второй функции активации".into(),
                "a softmax layer cannot have another activation".into(),
            ),
            K::SoftmaxAlone => lang.pick(
                "softmax пишется после полносвязного слоя: «dense 10 softmax»".into(),
                "softmax goes with the last dense layer: \"dense 10 softmax\"".into(),
            ),
            K::TooFewClasses { units } => lang.pick(
                format!("softmax нужно хотя бы 2 класса, а здесь {units}"),
                format!("softmax needs at least 2 classes, got {units}"),
            ),
            K::MissingSoftmax { last } => {
                let tail = match last {
                    Some(l) => lang.pick(format!(", а сейчас последний слой «{l}»"), format!(", but the last layer is \"{l}\"")),
                    None => lang.pick(", а слоёв после входа нет".into(), ", but there are no layers after the input".into()),
                };
                lang.pick(
                    format!("сеть должна заканчиваться классификатором «dense N softmax»{tail}"),
                    format!("the network must end with a classifier \"dense N softmax\"{tail}"),
                )
            }
            K::TooManyLayers { count, max } => lang.pick(
                format!("слоёв {count} — слишком много (не больше {max})"),
                format!("{count} layers is too many (at most {max})"),
            ),
            K::TooManyParams { params, max } => lang.pick(
                format!("параметров {params} — слишком много (не больше {max})"),
                format!("{params} parameters is too many (at most {max})"),
            ),
            K::TooLargeToBuild { params, max } => lang.pick(
                format!("в сети {params} параметров: её таблицу можно посчитать, но обучать здесь можно сети не больше чем на {max} параметров"),
                format!("the network has {params} parameters: its table can be computed, but only networks of at most {max} parameters can be trained here"),
            ),
        }
    }
}

impl Localized for SpecError {
    fn message(&self, lang: Lang) -> String {
        let body = self.kind.message(lang);
        match &self.layer {
            Some((0, text)) => {
                let text = echo(text);
                lang.pick(
                    format!("вход ({text}): {body}"),
                    format!("input ({text}): {body}"),
                )
            }
            Some((i, text)) => {
                let text = echo(text);
                lang.pick(
                    format!("слой {i} ({text}): {body}"),
                    format!("layer {i} ({text}): {body}"),
                )
            }
            None => body,
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SpecError {}

#[cfg(test)]
mod echo_tests {
    use crate::{Lang, Localized, NetworkSpec};

    #[test]
    fn a_huge_paste_is_quoted_short() {
        let word = "x".repeat(200_000);
        for text in [
            format!("input 24x24x1; {word}"),
            format!("input 24x24x1; conv 5x5x8 {word}"),
            format!("input {word}"),
        ] {
            let error = NetworkSpec::parse(&text).unwrap_err();
            for lang in Lang::ALL {
                let message = error.message(lang);
                assert!(message.chars().count() < 300, "{}", &message[..300]);
                assert!(message.contains('…'), "{message}");
            }
        }
    }
}
