//! Strings of the Convolution lab section.

pub const STRINGS: &[(&str, &str, &str)] = &[
    ("conv.title", "Лаборатория свёртки", "Convolution lab"),
    (
        "conv.intro",
        "Свёртка — это сумма произведений. Небольшое ядро (фильтр, «детектор признаков») скользит \
         по изображению; в каждом положении значения пикселей под ним умножаются на веса ядра и \
         складываются, и получается одно число карты признаков: чем оно больше, тем сильнее этот \
         участок похож на то, что ищет ядро, — например, на вертикальную границу или диагональ. \
         Дополнение нулями (padding) P, шаг (stride) S и разрежение (dilation) задают размер \
         выхода:",
        "A convolution is a sum of products. A small kernel (a filter, or “feature detector”) \
         slides over the image; at every position the pixels under it are multiplied by the \
         kernel's weights and added up, giving one number of the feature map: the larger it is, \
         the more that patch looks like what the kernel detects — a vertical edge, say, or a \
         diagonal. Zero padding P, stride S and dilation set the size of the output:",
    ),
    ("conv.grid.row", "строка", "row"),
    ("conv.grid.column", "столбец", "column"),
    ("conv.grid.blank", "ещё не вычислено", "not computed yet"),
    ("conv.player.label", "Анимация", "Animation"),
    ("conv.player.play", "Пуск", "Play"),
    ("conv.player.pause", "Пауза", "Pause"),
    ("conv.player.plain_step", "Следующий шаг", "Next step"),
    (
        "conv.player.reduced",
        "Движение уменьшено (настройка системы): без анимации, по одному шагу — кнопкой, пробелом или →.",
        "Reduced motion (a system setting): no animation, one step at a time — the button, Space or →.",
    ),
    ("conv.player.start", "В начало", "To the start"),
    ("conv.player.back", "Шаг назад", "Step back"),
    ("conv.player.forward", "Шаг вперёд", "Step forward"),
    ("conv.player.end", "В конец", "Jump to the end"),
    ("conv.player.scrubber", "Положение ядра", "Kernel position"),
    ("conv.player.speed", "Скорость", "Speed"),
    ("conv.player.step", "Шаг", "Step"),
    ("conv.player.of", "из", "of"),
    (
        "conv.player.nothing",
        "Нечего показывать",
        "Nothing to show",
    ),
    (
        "conv.player.keys",
        "Клавиши: пробел — пуск/пауза, ← / → — шаг",
        "Keys: Space — play/pause, ← / → — step",
    ),
    ("conv.mode.label", "Вход", "Input"),
    ("conv.mode.grey", "1 канал", "1 channel"),
    ("conv.mode.rgb", "3 канала (RGB)", "3 channels (RGB)"),
    ("conv.input.presets", "Изображение", "Image"),
    ("conv.input.lecture", "Пример из лекции", "Lecture example"),
    ("conv.input.colour", "Цветной пример", "Colour example"),
    (
        "conv.input.slide_size",
        "Слайд «Считаем размер выхода»: 5×5, ядро 3×3 → 3×3",
        "Slide “Computing the output size”: 5×5, kernel 3×3 → 3×3",
    ),
    ("conv.input.random", "Случайное", "Random"),
    ("conv.input.clear", "Очистить", "Clear"),
    ("conv.kernel.presets", "Ядро", "Kernel"),
    (
        "conv.kernel.lecture",
        "Детектор из лекции",
        "Lecture detector",
    ),
    ("conv.kernel.identity", "Тождественное", "Identity"),
    ("conv.kernel.blur", "Размытие", "Box blur"),
    ("conv.kernel.sharpen", "Резкость", "Sharpen"),
    ("conv.kernel.edge", "Границы", "Edges"),
    ("conv.kernel.sobel_x", "Собель x", "Sobel x"),
    ("conv.kernel.sobel_y", "Собель y", "Sobel y"),
    ("conv.kernel.random", "Случайное", "Random"),
    (
        "conv.link",
        "Одинаково по высоте и ширине",
        "Same for height and width",
    ),
    ("conv.reset", "Сбросить", "Reset"),
    ("conv.set.input", "Размер входа I", "Input size I"),
    ("conv.set.kernel", "Размер ядра F", "Kernel size F"),
    ("conv.set.padding", "Дополнение P", "Padding P"),
    ("conv.set.stride", "Шаг S", "Stride S"),
    ("conv.set.dilation", "Разрежение D", "Dilation D"),
    ("conv.set.filters", "Фильтров", "Filters"),
    ("conv.axis.h", "высота", "height"),
    ("conv.axis.w", "ширина", "width"),
    ("conv.less", "меньше", "down"),
    ("conv.more", "больше", "up"),
    ("conv.channel.grey", "Изображение", "Image"),
    ("conv.channel.r", "Красный канал", "Red channel"),
    ("conv.channel.g", "Зелёный канал", "Green channel"),
    ("conv.channel.b", "Синий канал", "Blue channel"),
    ("conv.input.title", "Вход с дополнением", "Padded input"),
    (
        "conv.input.hint",
        "Щелчок: 0 ↔ 1; цифра — ввести число; стрелки — перейти. Серые клетки — нули дополнения.",
        "Click: 0 ↔ 1; type a digit to enter any number; arrows move. Grey cells are the zero padding.",
    ),
    ("conv.kernel.title", "Ядро", "Kernel"),
    ("conv.filter", "Фильтр", "Filter"),
    ("conv.filters", "Фильтры", "Filters"),
    ("conv.bias", "Смещение", "Bias"),
    ("conv.map", "Карта", "Map"),
    ("conv.output.title", "Карта признаков", "Feature map"),
    ("conv.note.padding", "дополнение нулями", "zero padding"),
    ("conv.note.tap", "под ядром", "under the kernel"),
    ("conv.note.gap", "пропуск разрежения", "dilation gap"),
    (
        "conv.note.uncovered",
        "ядро сюда никогда не попадает",
        "never covered by the kernel",
    ),
    ("conv.note.current", "текущая клетка", "current cell"),
    ("conv.sum.title", "Сумма произведений", "Sum of products"),
    ("conv.sum.cell", "клетка", "cell"),
    ("conv.sum.total", "Итого", "Total"),
    (
        "conv.sum.flipped",
        "Режим свёртки: каждый вход умножается на вес отражённого ядра.",
        "Convolution mode: each input is multiplied by the weight of the flipped kernel.",
    ),
    ("conv.views", "Дополнительно", "More"),
    ("conv.why.button", "Почему «свёртка»?", "Why “convolution”?"),
    (
        "conv.im2col.button",
        "Как умножение матриц",
        "As a matrix multiply",
    ),
    (
        "conv.real.button",
        "На настоящем изображении",
        "On a real image",
    ),
    (
        "conv.url_note",
        "Часть ссылки не удалось прочитать, вместо неё взяты значения по умолчанию:",
        "Part of the link could not be read; defaults were used instead for:",
    ),
    ("conv.url_note.ok", "Понятно", "OK"),
    ("conv.size.title", "Размер выхода", "Output size"),
    ("conv.size.both", "По высоте и ширине", "Height and width"),
    ("conv.size.height", "По высоте", "Height"),
    ("conv.size.width", "По ширине", "Width"),
    ("conv.size.output", "Выход", "Output"),
    (
        "conv.size.not_whole",
        "— не целое число: округляем вниз до",
        "is not a whole number: rounded down to",
    ),
    ("conv.size.remainder", "остаток", "remainder"),
    (
        "conv.size.uncovered_rows",
        "Строки, которые ядро не покрывает",
        "Rows never covered",
    ),
    (
        "conv.size.uncovered_cols",
        "Столбцы, которые ядро не покрывает",
        "Columns never covered",
    ),
    (
        "conv.why.title",
        "Почему это называется свёрткой?",
        "Why is it called convolution?",
    ),
    (
        "conv.why.text1",
        "Свёрточные сети на самом деле вычисляют взаимную корреляцию (⋆): ядро кладётся на \
         изображение как есть. В математике свёртка (∗) сначала отражает ядро по обеим осям \
         (поворот на 180°), а потом делает то же самое.",
        "Convolutional networks actually compute cross-correlation (⋆): the kernel is laid on the \
         image as it is. Convolution in mathematics (∗) first flips the kernel in both axes (a \
         180° turn), then does the same.",
    ),
    (
        "conv.why.text2",
        "Переключите режим и посмотрите, как меняются веса на входе и числа карты признаков.",
        "Switch the mode and watch the weights on the input and the feature map change.",
    ),
    (
        "conv.why.text3",
        "Для сети разницы нет: веса обучаются, и сеть просто выучит уже отражённое ядро. \
         Название осталось от свёртки в обработке сигналов; у симметричных ядер (размытие, \
         «границы») оба режима дают одно и то же.",
        "For a network it makes no difference: the weights are learned, so it simply learns the \
         flipped kernel. The name comes from convolution in signal processing; for symmetric \
         kernels (blur, edges) both modes give the same result.",
    ),
    ("conv.why.mode", "Режим", "Mode"),
    ("conv.why.original", "Ядро", "Kernel"),
    ("conv.why.flipped", "Отражённое ядро", "Flipped kernel"),
    (
        "conv.im2col.title",
        "Свёртка как умножение матриц (im2col)",
        "Convolution as a matrix multiply (im2col)",
    ),
    (
        "conv.im2col.text",
        "Библиотеки вычисляют свёртку как произведение матриц: каждое положение ядра \
         разворачивается в строку матрицы патчей, каждый фильтр — в строку весов. Строка патча, \
         умноженная скалярно на фильтр, плюс смещение — это одна клетка карты признаков.",
        "Libraries compute a convolution as a matrix product: every kernel position is unrolled \
         into a row of the patch matrix, every filter into a row of weights. A patch row dotted \
         with a filter, plus the bias, is one cell of the feature map.",
    ),
    ("conv.im2col.patches", "Матрица патчей", "Patch matrix"),
    ("conv.im2col.kernels", "Матрица фильтров", "Filter matrix"),
    ("conv.im2col.row", "строка", "row"),
    (
        "conv.real.title",
        "На настоящем изображении",
        "On a real image",
    ),
    (
        "conv.real.text",
        "Текущее ядро (с теми же дополнением, шагом и разрежением) применено к рукописной цифре \
         из MNIST. Синий — положительный отклик, красный — отрицательный.",
        "The current kernel (with the same padding, stride and dilation) applied to a handwritten \
         MNIST digit. Blue is a positive response, red a negative one.",
    ),
    ("conv.real.digit", "Цифра", "Digit"),
    ("conv.real.sum", "R + G + B", "R + G + B"),
    (
        "conv.real.rgb",
        "Цифра серая: в каждый из трёх каналов подаётся одна и та же картинка, поэтому фильтр \
         действует на неё как сумма своих трёх плоскостей.",
        "The digit is grey: the same picture goes into each of the three channels, so the filter \
         acts on it as the sum of its three planes.",
    ),
    ("conv.real.input", "Цифра MNIST", "MNIST digit"),
    ("conv.real.output", "Карта признаков", "Feature map"),
    (
        "conv.real.attribution",
        "MNIST: Y. LeCun, C. Cortes, C. J. C. Burges, CC BY-SA 3.0.",
        "MNIST: Y. LeCun, C. Cortes, C. J. C. Burges, CC BY-SA 3.0.",
    ),
];
