//! Strings of the Architectures section.

pub const STRINGS: &[(&str, &str, &str)] = &[
    (
        "architectures.title",
        "Архитектуры свёрточных сетей",
        "Convolutional architectures",
    ),
    (
        "architectures.intro",
        "От нейронов зрительной коры к AlexNet: краткая история свёрточных сетей и две \
         знаменитые архитектуры слой за слоем. Каждое число в таблице вычислено по описанию \
         сети: размер выхода — по той же формуле, что в разделе «Свёртка», параметры, \
         умножения-сложения и память. Измените любое число — таблица пересчитается.",
        "From the neurons of the visual cortex to AlexNet: a short history of convolutional \
         networks and two famous architectures, layer by layer. Every number in the table is \
         computed from the network's description: the output size by the same formula as in \
         the Convolution lab, the parameters, the multiply-adds and the memory. Change any \
         number and the table follows.",
    ),
    // --- history ---
    ("architectures.history.title", "История", "History"),
    (
        "architectures.history.hubel.title",
        "Hubel & Wiesel",
        "Hubel & Wiesel",
    ),
    (
        "architectures.history.hubel.text",
        "Нейроны зрительной коры кошки отвечают на края одной ориентации: частота спайков \
         зависит от угла наклона полоски. Нобелевская премия по физиологии и медицине, 1981.",
        "Neurons of a cat's visual cortex respond to edges of one orientation: the spike rate \
         depends on the angle of the bar. Nobel Prize in Physiology or Medicine, 1981.",
    ),
    (
        "architectures.history.hubel.link",
        "Ядро-детектор краёв в разделе «Свёртка»",
        "An edge-detecting kernel in the Convolution lab",
    ),
    (
        "architectures.history.hierarchy.title",
        "Идея иерархической организации",
        "The idea of a hierarchy",
    ),
    (
        "architectures.history.hierarchy.text",
        "Простые клетки видят край в одном месте, сложные — тот же край где угодно поблизости; \
         из простых признаков слой за слоем складываются сложные.",
        "Simple cells see an edge at one place, complex cells the same edge anywhere nearby; \
         layer after layer, complex features are built from simple ones.",
    ),
    (
        "architectures.history.hierarchy.link",
        "Пулинг: тот же признак чуть в другом месте",
        "Pooling: the same feature a little elsewhere",
    ),
    (
        "architectures.history.fukushima.title",
        "Fukushima: Неокогнитрон",
        "Fukushima: the Neocognitron",
    ),
    (
        "architectures.history.fukushima.text",
        "Уже использовались «свёртки» и активации, но без градиентного спуска и обучения с \
         учителем.",
        "“Convolutions” and activations were already there, but no gradient descent and no \
         supervised learning.",
    ),
    (
        "architectures.history.fukushima.link",
        "Функции активации",
        "Activation functions",
    ),
    (
        "architectures.history.lecun.title",
        "LeCun, Bottou, Bengio, Haffner: LeNet-5",
        "LeCun, Bottou, Bengio, Haffner: LeNet-5",
    ),
    (
        "architectures.history.lecun.text",
        "Первый успех: свёрточная сеть, обученная градиентным спуском, читает рукописные цифры.",
        "The first success: a convolutional network trained by gradient descent reads \
         handwritten digits.",
    ),
    (
        "architectures.history.lecun.link",
        "LeNet-5 слой за слоем",
        "LeNet-5 layer by layer",
    ),
    (
        "architectures.history.imagenet.title",
        "ImageNet",
        "ImageNet",
    ),
    (
        "architectures.history.imagenet.text",
        "Проект массивной базы данных аннотированных изображений: 14M+ изображений, 20K+ \
         классов.",
        "A massive database of annotated images: 14M+ images, 20K+ classes.",
    ),
    (
        "architectures.history.imagenet.link",
        "Обучение на данных в разделе «Обучение»",
        "Learning from data in the Training section",
    ),
    (
        "architectures.history.alexnet.title",
        "Krizhevsky, Sutskever, Hinton: AlexNet",
        "Krizhevsky, Sutskever, Hinton: AlexNet",
    ),
    (
        "architectures.history.alexnet.text",
        "Победитель конкурса ImageNet: ошибка top-5 — 25.8 % → 16.4 %.",
        "The ImageNet winner: top-5 error 25.8 % → 16.4 %.",
    ),
    (
        "architectures.history.alexnet.link",
        "AlexNet слой за слоем",
        "AlexNet layer by layer",
    ),
    // --- the explorer ---
    (
        "architectures.explorer.title",
        "Слой за слоем",
        "Layer by layer",
    ),
    ("architectures.preset.label", "Архитектура", "Architecture"),
    (
        "architectures.preset.lenet5",
        "LeNet-5 (1998)",
        "LeNet-5 (1998)",
    ),
    (
        "architectures.preset.alexnet",
        "AlexNet (2012)",
        "AlexNet (2012)",
    ),
    (
        "architectures.preset.training",
        "Сеть раздела «Обучение»",
        "The Training section's network",
    ),
    (
        "architectures.note.lenet5",
        "C3 здесь связан со всеми 6 картами S2, и у сети 61 706 параметров. В статье 1998 года \
         каждая карта C3 видит только часть карт S2 (60 пар из 96): у C3 там 1 516 параметров \
         вместо 2 416, а у всей сети — около 60 000.",
        "C3 is connected to all 6 maps of S2 here, and the network has 61,706 parameters. In \
         the 1998 paper each map of C3 sees only some of S2's maps (60 of the 96 pairs): C3 has \
         1,516 parameters instead of 2,416, and the whole network about 60,000.",
    ),
    (
        "architectures.note.alexnet",
        "Одна сеть на одном устройстве (в статье слои разделены между двумя GPU). В статье \
         вход 224×224, но тогда первый слой не укладывается целым числом шагов:",
        "One network on one device (the paper splits layers between two GPUs). The paper says \
         224×224, but then the first layer does not fit a whole number of steps:",
    ),
    (
        "architectures.note.alexnet227",
        "С входом 227×227 окна укладываются ровно:",
        "With a 227×227 input the windows fit exactly:",
    ),
    (
        "architectures.note.training",
        "Сеть, которую раздел «Обучение» обучает по умолчанию (как в демо ConvNetJS).",
        "The network the Training section trains by default (as in the ConvNetJS demo).",
    ),
    ("architectures.spec.label", "Описание сети", "Network spec"),
    (
        "architectures.spec.hint",
        "Язык раздела «Обучение»: слои через «;», например «pool 3 stride 2» — перекрывающийся \
         пулинг AlexNet. Таблица пересчитывается при вводе.",
        "The Training section's language: layers separated by “;”, e.g. “pool 3 stride 2” — \
         AlexNet's overlapping pooling. The table follows as you type.",
    ),
    (
        "architectures.spec.restore",
        "Вернуть исходную архитектуру",
        "Restore the original architecture",
    ),
    (
        "architectures.table.hint",
        "Числа в столбце «Слой» можно менять прямо в таблице (стрелками ↑ ↓ или вводом).",
        "The numbers in the “Layer” column can be changed in place (with ↑ ↓ or by typing).",
    ),
    ("architectures.table.title", "Таблица слоёв", "Layer table"),
    ("architectures.table.layer", "Слой", "Layer"),
    ("architectures.table.input", "Вход", "Input"),
    ("architectures.table.output", "Выход", "Output"),
    (
        "architectures.table.arithmetic",
        "Размер выхода",
        "Output size",
    ),
    ("architectures.table.params", "Параметры", "Parameters"),
    (
        "architectures.table.macs",
        "Умножения-сложения",
        "Multiply-adds",
    ),
    (
        "architectures.table.memory",
        "Память выхода",
        "Output memory",
    ),
    ("architectures.table.total", "Всего", "Total"),
    (
        "architectures.table.partial",
        "Всего (до слоя, который не подходит)",
        "Total (up to the layer that does not fit)",
    ),
    ("architectures.field.side", "размер", "size"),
    ("architectures.field.channels", "каналы", "channels"),
    ("architectures.field.kernel", "ядро", "kernel"),
    ("architectures.field.stride", "шаг", "stride"),
    ("architectures.field.padding", "pad", "pad"),
    ("architectures.field.dilation", "dilation", "dilation"),
    ("architectures.field.filters", "фильтры", "filters"),
    ("architectures.field.units", "нейроны", "units"),
    (
        "architectures.train.go",
        "Обучить эту сеть →",
        "Train this →",
    ),
    (
        "architectures.train.adapted",
        "Цифры MNIST — 28×28, поэтому C1 получает дополнение 2 (выход тот же, 28×28×6):",
        "The MNIST digits are 28×28, so C1 gets padding 2 (the same 28×28×6 output):",
    ),
    (
        "architectures.train.cannot",
        "Раздел «Обучение» эту сеть не обучит:",
        "The Training section cannot train this network:",
    ),
    // --- the chart ---
    (
        "architectures.chart.title",
        "Где параметры и где вычисления",
        "Where the parameters are, and where the arithmetic is",
    ),
    (
        "architectures.chart.params",
        "параметры слоя",
        "parameters of the layer",
    ),
    (
        "architectures.chart.macs",
        "умножения-сложения слоя",
        "multiply-adds of the layer",
    ),
    (
        "architectures.chart.x",
        "слой (№ в таблице)",
        "layer (# in the table)",
    ),
    (
        "architectures.chart.y",
        "количество (лог. шкала)",
        "count (log scale)",
    ),
    (
        "architectures.chart.aria",
        "Параметры и умножения-сложения каждого свёрточного и полносвязного слоя, логарифмическая шкала",
        "Parameters and multiply-adds of every conv and dense layer, on a log scale",
    ),
    (
        "architectures.chart.shares",
        "В этой сети {dense} параметров сидит в полносвязных слоях, а {conv} \
         умножений-сложений выполняют свёрточные слои.",
        "In this network {dense} of the parameters sit in the dense layers, while {conv} of \
         the multiply-adds are done by the conv layers.",
    ),
    (
        "architectures.chart.none",
        "График появится, когда все слои подойдут друг к другу.",
        "The chart appears when every layer fits.",
    ),
    // --- the recipe ---
    (
        "architectures.recipe.title",
        "Рецепт AlexNet",
        "AlexNet's recipe",
    ),
    ("architectures.recipe.relu", "ReLU", "ReLU"),
    (
        "architectures.recipe.augment",
        "аугментация данных",
        "data augmentation",
    ),
    ("architectures.recipe.dropout", "dropout 0.5", "dropout 0.5"),
    (
        "architectures.recipe.batchnorm",
        "batch normalization (размер батча 128)",
        "batch normalization (batch size 128)",
    ),
    (
        "architectures.recipe.momentum",
        "SGD Momentum 0.9",
        "SGD Momentum 0.9",
    ),
    (
        "architectures.recipe.l2",
        "L2 регуляризация 5e-4",
        "L2 regularisation 5e-4",
    ),
    (
        "architectures.recipe.decay",
        "Learning rate 1e-2, потом уменьшение в 10 раз после стабилизации качества на тесте",
        "Learning rate 1e-2, then divided by 10 once the test quality stops improving",
    ),
    (
        "architectures.recipe.see_activations",
        "смотреть в «Активациях»",
        "see it in Activations",
    ),
    (
        "architectures.recipe.see_training",
        "попробовать в «Обучении»",
        "try it in Training",
    ),
    (
        "architectures.recipe.result",
        "Финальное качество top-5 на ImageNet — 25.8 % → 16.4 %.",
        "Final top-5 error on ImageNet: 25.8 % → 16.4 %.",
    ),
    (
        "architectures.recipe.lrn",
        "Маленькое уточнение к слайду: сама AlexNet (2012) использовала локальную нормализацию \
         откликов (LRN); батч-нормализация появилась позже, в 2015 году (Ioffe & Szegedy).",
        "A small note on the slide: AlexNet itself (2012) used local response normalisation \
         (LRN); batch normalisation came later, in 2015 (Ioffe & Szegedy).",
    ),
];
