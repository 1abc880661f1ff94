//! Strings of the Pooling section.

pub const STRINGS: &[(&str, &str, &str)] = &[
    ("pool.title", "Пулинг", "Pooling"),
    (
        "pool.intro",
        "Слой пулинга уменьшает карту признаков. При максимальном пулинге 2×2 с шагом 2 каждый \
         блок 2×2 заменяется своим наибольшим значением, и ширина и высота карты сокращаются \
         вдвое. Сеть запоминает, что признак найден, но забывает, где именно, — это даёт \
         небольшую устойчивость к сдвигам и вчетверо сокращает работу следующих слоёв. Обучаемых \
         весов у пулинга нет.",
        "A pooling layer shrinks a feature map. 2×2 max pooling with stride 2 replaces every 2×2 \
         block by its largest value, halving the width and the height of the map. The network \
         keeps the fact that a feature was found but forgets exactly where, which buys a little \
         invariance to small shifts and cuts the work of the following layers fourfold. Pooling \
         has no weights to learn.",
    ),
    ("pool.kind", "Вид", "Kind"),
    ("pool.set.input", "Размер входа I", "Input size I"),
    ("pool.set.window", "Окно F", "Window F"),
    ("pool.set.stride", "Шаг S", "Stride S"),
    ("pool.input.title", "Вход", "Input"),
    (
        "pool.input.hint",
        "Щелчок: 0 ↔ 1; цифра — ввести число. Рамка — текущее окно, зелёная — победитель.",
        "Click: 0 ↔ 1; type a digit to enter a number. Framed: the current window; green: the winner.",
    ),
    ("pool.output.title", "Выход", "Output"),
    ("pool.note.window", "в окне", "in the window"),
    ("pool.badge.winner", "макс", "max"),
    (
        "pool.note.winner",
        "наибольшее значение окна",
        "the window's largest value",
    ),
    ("pool.sum.title", "Вычисление", "Computation"),
    ("pool.back.button", "Обратный проход", "Backward pass"),
    (
        "pool.back.title",
        "Куда идёт градиент",
        "Where the gradient goes",
    ),
    (
        "pool.back.text_max",
        "При обратном проходе градиент каждого выхода максимального пулинга целиком идёт в ту \
         клетку окна, которая победила (где был максимум); остальные клетки получают 0. Если окна \
         перекрываются, вклады складываются.",
        "In the backward pass the gradient of each output of max pooling goes entirely to the \
         window's winning cell (where the maximum was); the other cells get 0. Where windows \
         overlap, the contributions add up.",
    ),
    (
        "pool.back.text_avg",
        "При среднем пулинге градиент каждого выхода делится поровну между всеми клетками его \
         окна. Если окна перекрываются, вклады складываются.",
        "In average pooling the gradient of each output is shared equally by all cells of its \
         window. Where windows overlap, the contributions add up.",
    ),
    (
        "pool.back.upstream",
        "Градиент выхода ∂L/∂y",
        "Upstream gradient ∂L/∂y",
    ),
    (
        "pool.back.input",
        "Градиент входа ∂L/∂x",
        "Input gradient ∂L/∂x",
    ),
    (
        "pool.back.max1",
        "Градиент выхода",
        "The gradient of output",
    ),
    (
        "pool.back.max2",
        "целиком идёт во вход",
        "goes only to input",
    ),
    (
        "pool.back.max3",
        "(победитель окна).",
        "(the window's winner).",
    ),
    (
        "pool.back.avg1",
        "Градиент выхода",
        "The gradient of output",
    ),
    (
        "pool.back.avg2",
        "делится поровну между",
        "is shared equally by the",
    ),
    ("pool.back.avg3", "клетками окна", "cells of the window"),
];
