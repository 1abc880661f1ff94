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
];
