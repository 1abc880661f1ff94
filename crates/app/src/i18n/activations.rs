//! Strings of the Activations section.

pub const STRINGS: &[(&str, &str, &str)] = &[
    (
        "activations.title",
        "Функции активации",
        "Activation functions",
    ),
    (
        "activations.intro",
        "Без нелинейной функции активации несколько слоёв подряд сводятся к одному линейному \
         преобразованию. Сигмоида и гиперболический тангенс насыщаются: при больших |x| их \
         производная почти равна нулю, и градиент, умножаясь на неё слой за слоем, затухает. \
         ReLU, max(0, x), при x > 0 не насыщается и вычисляется очень быстро — с ней обучалась \
         AlexNet; softplus, ln(1 + eˣ), — её гладкий вариант, и её производная — сигмоида.",
        "Without a nonlinear activation function, several layers in a row collapse into a single \
         linear map. The sigmoid and the hyperbolic tangent saturate: for large |x| their \
         derivative is almost zero, and the gradient, multiplied by it layer after layer, \
         vanishes. ReLU, max(0, x), does not saturate for x > 0 and is very cheap to compute — \
         AlexNet was trained with it; softplus, ln(1 + eˣ), is its smooth version, and its \
         derivative is the sigmoid.",
    ),
];
