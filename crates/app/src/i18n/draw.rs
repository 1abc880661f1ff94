//! Strings of the Draw a digit section.

pub const STRINGS: &[(&str, &str, &str)] = &[
    ("draw.title", "Нарисуйте цифру", "Draw a digit"),
    (
        "draw.intro",
        "Нарисуйте цифру от 0 до 9 мышью, пальцем, пером или с клавиатуры — сеть скажет, что она видит и \
         насколько уверена. Рисунок готовится так же, как цифры MNIST: обрезается по рамке, \
         масштабируется так, чтобы большая сторона стала 20 пикселей, и ставится центром масс в \
         середину поля 28×28. Сравните заранее обученную сеть с той, что учится в разделе \
         «Обучение».",
        "Draw a digit from 0 to 9 with a mouse, a finger, a pen or the keyboard, and the network tells you what \
         it sees and how sure it is. Your drawing is prepared the way the MNIST digits were: \
         cropped to its bounding box, scaled so that its longer side is 20 pixels, and placed by \
         its centre of mass in the middle of a 28×28 field. Compare the shipped pretrained network \
         with the one being trained in the Training section.",
    ),
    (
        "draw.pad.label",
        "Поле для рисования: нарисуйте цифру мышью, пальцем, пером или клавиатурой",
        "Drawing pad: draw a digit with a mouse, a finger, a pen or the keyboard",
    ),
    (
        "draw.pad.keys",
        "С клавиатуры: стрелки двигают перо (с Shift — мелкими шагами), пробел или Enter опускает \
         его и поднимает, Esc поднимает.",
        "With the keyboard: the arrow keys move the pen (with Shift in small steps), Space or Enter \
         puts it down and lifts it, Esc lifts it.",
    ),
    ("draw.clear", "Очистить", "Clear"),
    ("draw.undo", "Отменить штрих", "Undo stroke"),
    (
        "draw.hint",
        "Нарисуйте цифру в поле слева — или загрузите тестовую цифру ниже.",
        "Draw a digit in the pad — or load a test digit below.",
    ),
    ("draw.sees", "Сеть видит", "The network sees"),
    ("draw.unsure", "Не уверена", "Not sure"),
    ("draw.maybe", "может быть", "maybe"),
    ("draw.or", "или", "or"),
    (
        "draw.unsure.note",
        "Самая большая вероятность ниже 60 % — сеть честно сомневается.",
        "The top probability is below 60 %: the network honestly hesitates.",
    ),
    ("draw.probability", "вероятность", "probability"),
    (
        "draw.bars.title",
        "Вероятности десяти классов (softmax)",
        "Probabilities of the ten classes (softmax)",
    ),
    ("draw.model.title", "Модель", "Model"),
    (
        "draw.model.pretrained",
        "Заранее обученная сеть",
        "Pretrained network",
    ),
    (
        "draw.model.training",
        "Сеть, которая учится сейчас",
        "The network being trained now",
    ),
    (
        "draw.model.training.none",
        "Запустите обучение в разделе «Обучение» — после первой проверки сеть появится здесь.",
        "Start training in the Training section: after its first evaluation the network appears here.",
    ),
    (
        "draw.model.training.examples",
        "примеров обучения",
        "training examples",
    ),
    (
        "draw.model.fallback",
        "Ссылка просит сеть из раздела «Обучение», но она ещё не обучена: пока цифры распознаёт заранее обученная сеть.",
        "The link asks for the Training section's network, but none is trained yet: the pretrained network classifies until then.",
    ),
    (
        "draw.model.loading",
        "Загружается обученная сеть…",
        "Loading the pretrained network…",
    ),
    (
        "draw.model.error",
        "Не удалось загрузить сеть",
        "Could not load the network",
    ),
    ("draw.model.architecture", "Архитектура", "Architecture"),
    ("draw.model.params", "параметров", "parameters"),
    (
        "draw.model.accuracy",
        "точность на 1000 отложенных цифрах MNIST",
        "accuracy on the 1,000 held-out MNIST digits",
    ),
    (
        "draw.picker.title",
        "Тестовая цифра из MNIST",
        "A test digit from MNIST",
    ),
    (
        "draw.picker.help",
        "Одна из 1000 отложенных цифр, которых сеть не видела при обучении.",
        "One of the 1,000 held-out digits the network never saw in training.",
    ),
    ("draw.picker.number", "Номер (1–1000)", "Number (1–1000)"),
    ("draw.picker.load", "Загрузить", "Load"),
    ("draw.picker.random", "Случайная", "Random"),
    ("draw.picker.loaded", "Загружена цифра", "Loaded digit"),
    ("draw.picker.label", "настоящая метка", "true label"),
    (
        "draw.picker.loading",
        "Загружаются цифры MNIST…",
        "Loading the MNIST digits…",
    ),
    (
        "draw.picker.error",
        "Не удалось загрузить цифры MNIST",
        "Could not load the MNIST digits",
    ),
    (
        "draw.pipeline.title",
        "Как готовится рисунок",
        "How the drawing is prepared",
    ),
    (
        "draw.pipeline.bbox",
        "Рамка вокруг чернил",
        "Bounding box of the ink",
    ),
    (
        "draw.pipeline.scaled",
        "Большая сторона — 20 пикселей",
        "Longer side scaled to 20 pixels",
    ),
    (
        "draw.pipeline.centred",
        "Центр масс — в середину 28×28",
        "Centre of mass moved to the middle of 28×28",
    ),
    (
        "draw.pipeline.input",
        "Вход сети: окно 24×24",
        "Network input: the 24×24 window",
    ),
    (
        "draw.pipeline.empty",
        "Здесь появятся шаги подготовки, когда вы что-нибудь нарисуете.",
        "The preparation steps appear here once you draw something.",
    ),
    ("draw.inside.title", "Внутри сети", "Inside the network"),
    (
        "draw.inside.help",
        "Карты активаций каждого слоя для вашей цифры и итоговые вероятности.",
        "Each layer's activation maps for your digit, and the final scores.",
    ),
    // == seeing why ==
    (
        "draw.why.title",
        "Куда смотрела сеть",
        "What the network looked at",
    ),
    ("draw.why.method", "Способ", "Method"),
    ("draw.why.gradient", "градиент × вход", "gradient × input"),
    ("draw.why.occlusion", "закрывание (окклюзия)", "occlusion"),
    ("draw.why.class", "Объяснить класс:", "Explain class:"),
    ("draw.why.verdict", "ответ сети", "the verdict"),
    ("draw.why.question.verdict", "Почему {c}?", "Why {c}?"),
    (
        "draw.why.question.other",
        "Почему не {c}? (сеть ответила {v})",
        "Why not {c}? (the network said {v})",
    ),
    (
        "draw.why.read.gradient",
        "Красные пиксели повышают оценку класса {c} до softmax (вход × ∂z/∂вход), синие — понижают; \
         чем насыщеннее цвет, тем сильнее. На белой бумаге карта всегда нулевая.",
        "Red pixels raise the score of class {c} before softmax (input × ∂z/∂input), blue ones lower \
         it; the deeper the colour, the stronger. On blank paper the map is always zero.",
    ),
    (
        "draw.why.read.occlusion",
        "Красное: если закрыть это место квадратом бумаги 4×4, вероятность класса {c} падает; \
         синее — растёт. Квадрат на чистой бумаге ничего не меняет.",
        "Red: covering this spot with a 4×4 square of paper lowers the probability of {c}; blue: \
         raises it. A square over blank paper changes nothing.",
    ),
    ("draw.why.for", "за {c}", "for {c}"),
    ("draw.why.against", "против {c}", "against {c}"),
    (
        "draw.why.on_ink",
        "Из {n} самых сильных пикселей «за» на штрихе:",
        "Of the {n} strongest pixels for it, on the stroke:",
    ),
    (
        "draw.why.ms",
        "Подготовка, классификация и карта:",
        "Preprocessing, classification and map:",
    ),
    ("draw.why.ms_unit", "мс", "ms"),
];
