//! Strings of the Optimization section.

pub const STRINGS: &[(&str, &str, &str)] = &[
    ("optimization.title", "Оптимизация", "Optimization"),
    (
        "optimization.intro",
        "Градиентный спуск делает шаг против градиента: w = w − ηL′(w). В вытянутой долине \
         градиент смотрит поперёк неё, и при большом η спуск прыгает со склона на склон. Метод \
         накопления импульса (Поляк, 1964) шагает по ν — экспоненциальному скользящему среднему \
         градиента примерно по 1/(1 − γ) последним итерациям; поправка Нестерова (1983) берёт \
         градиент в точке w − ηγν, куда импульс всё равно унесёт, и раньше тормозит. Все пути \
         ниже посчитаны теми же оптимизаторами, что обучают сеть в разделе «Обучение».",
        "Gradient descent steps against the gradient: w = w − ηL′(w). In an elongated valley the \
         gradient points across it, and with a large η descent jumps from one slope to the \
         other. The momentum method (Polyak, 1964) steps along ν, an exponential moving average \
         of the gradient over roughly the last 1/(1 − γ) iterations; Nesterov's correction \
         (1983) takes the gradient at w − ηγν, where momentum will carry it anyway, and brakes \
         sooner. Every path below is computed by the same optimizers that train the network in \
         the Training section.",
    ),
    (
        "optimization.slide.momentum",
        "Метод накопления импульса (momentum method)",
        "The momentum method (Polyak, 1964)",
    ),
    (
        "optimization.slide.nesterov",
        "Поправка Нестерова (1983)",
        "Nesterov's correction (1983)",
    ),
    (
        "optimization.controls.heading",
        "Поверхность и параметры",
        "Surface and settings",
    ),
    ("optimization.surface", "Функция потерь", "Loss surface"),
    (
        "optimization.kappa",
        "κ — вытянутость долины",
        "κ — how elongated the valley is",
    ),
    ("optimization.eta", "η — шаг обучения", "η — learning rate"),
    ("optimization.gamma", "γ — импульс", "γ — momentum"),
    (
        "optimization.forms",
        "Здесь формы лекции. В классической форме (v = γv + L′, как в PyTorch) тот же путь \
         получается при η_классич = η·(1 − γ):",
        "These are the lecture's forms. The classic form (v = γv + L′, as in PyTorch) takes the \
         same path with η_classic = η·(1 − γ):",
    ),
    (
        "optimization.noise",
        "σ — шум градиента (стохастический режим)",
        "σ — gradient noise (stochastic mode)",
    ),
    ("optimization.reseed", "Другой шум", "Other noise"),
    (
        "optimization.adaptive",
        "Показать Adam и RMSProp (тема следующей лекции)",
        "Show Adam and RMSProp (the next lecture's topic)",
    ),
    (
        "optimization.adaptive_eta",
        "η для Adam и RMSProp",
        "η of Adam and RMSProp",
    ),
    (
        "optimization.number.invalid",
        "Введите число от",
        "Enter a number from",
    ),
    (
        "optimization.map.label",
        "Карта функции потерь с линиями уровня, минимумами и путями методов. Щелчок или \
         стрелки переносят начальную точку.",
        "Map of the loss surface with contour lines, minima and the methods' paths. A click or \
         the arrow keys move the start point.",
    ),
    (
        "optimization.map.role",
        "карта, выбор начальной точки",
        "map, start point picker",
    ),
    (
        "optimization.map.hint",
        "Щёлкните или коснитесь карты, чтобы перенести начальную точку; с фокусом на карте её \
         двигают стрелки (Shift — дальше).",
        "Click or tap the map to move the start point; with the map focused the arrow keys \
         move it (Shift: further).",
    ),
    (
        "optimization.scrubber",
        "Шаг оптимизации",
        "Optimization step",
    ),
    ("optimization.legend.start", "начало w₀", "start w₀"),
    (
        "optimization.legend.minimum",
        "минимум (закрашен — глобальный)",
        "minimum (filled: the global one)",
    ),
    (
        "optimization.legend.look_ahead",
        "точка Нестерова w − ηγν",
        "Nesterov's point w − ηγν",
    ),
    (
        "optimization.methods.heading",
        "Сколько шагов нужно",
        "Steps needed",
    ),
    ("optimization.methods.caption", "Шагов до", "Steps until"),
    ("optimization.methods.method", "Метод", "Method"),
    ("optimization.methods.steps", "Шагов", "Steps"),
    ("optimization.methods.at_step", "на шаге", "at step"),
    (
        "optimization.written.heading",
        "Обновление на шаге",
        "The update at step",
    ),
    (
        "optimization.written.ended",
        "Путь закончился раньше: метод разошёлся.",
        "The path ended earlier: the method diverged.",
    ),
    (
        "optimization.loss.heading",
        "Потери по шагам (логарифмическая шкала)",
        "Loss per step (log scale)",
    ),
    ("optimization.loss.x", "шаг", "step"),
    ("optimization.loss.y", "L(w) − L*", "L(w) − L*"),
    (
        "optimization.loss.chart",
        "График L(w) − L* по шагам для каждого метода в логарифмической шкале.",
        "Chart of L(w) − L* per step for every method on a log scale.",
    ),
];
