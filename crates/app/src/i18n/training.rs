//! Strings of the Training section.

pub const STRINGS: &[(&str, &str, &str)] = &[
    ("training.title", "Обучение на MNIST", "Training on MNIST"),
    (
        "training.intro",
        "Здесь небольшая свёрточная сеть учится распознавать рукописные цифры MNIST прямо в \
         браузере, как в демонстрации ConvNetJS Андрея Карпатого: свёртка, ReLU и пулинг, ещё раз \
         свёртка, ReLU и пулинг, затем полносвязный слой с softmax. Она обучается стохастическим \
         градиентным спуском с моментом по мини-батчам в отдельном потоке (Web Worker), поэтому \
         страница не замирает. Следите, как падает ошибка, растёт точность и как фильтры первого \
         слоя превращаются в детекторы штрихов.",
        "Here a small convolutional network learns to recognise handwritten MNIST digits right in \
         the browser, as in Andrej Karpathy's ConvNetJS demo: convolution, ReLU and pooling, \
         another convolution, ReLU and pooling, then a fully connected layer with softmax. It is \
         trained by stochastic gradient descent with momentum on mini-batches in a separate \
         thread (a Web Worker), so the page stays responsive. Watch the loss fall, the accuracy \
         rise and the first-layer filters turn into stroke detectors.",
    ),
];
