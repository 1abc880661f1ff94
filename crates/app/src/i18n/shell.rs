//! The shell's strings: header, language switch, footer, worker status, panic banner.

pub const STRINGS: &[(&str, &str, &str)] = &[
    (
        "shell.doc_title",
        "Свёрточные сети — интерактивная лекция",
        "Convolutional networks — an interactive lecture",
    ),
    ("shell.brand", "Свёрточные сети", "Convolutional networks"),
    ("shell.skip", "Перейти к содержанию", "Skip to content"),
    ("shell.nav.label", "Разделы лекции", "Lecture sections"),
    ("shell.nav.conv", "Свёртка", "Convolution"),
    ("shell.nav.pool", "Пулинг", "Pooling"),
    ("shell.nav.activations", "Активации", "Activations"),
    ("shell.nav.training", "Обучение", "Training"),
    ("shell.nav.draw", "Нарисуйте цифру", "Draw a digit"),
    ("shell.lang.label", "Язык интерфейса", "Interface language"),
    // Language names are written in their own language in both UIs.
    ("shell.lang.ru", "Русский", "Русский"),
    ("shell.lang.en", "English", "English"),
    (
        "shell.footer.mnist",
        "Цифры MNIST: Ян Лекун, Коринна Кортес, Кристофер Бёрджес; лицензия CC BY-SA 3.0.",
        "MNIST digits: Yann LeCun, Corinna Cortes, Christopher J. C. Burges; licensed CC BY-SA 3.0.",
    ),
    (
        "shell.footer.convnetjs",
        "Раздел «Обучение» вдохновлён демонстрацией MNIST из ConvNetJS Андрея Карпатого.",
        "The Training section is inspired by Andrej Karpathy's ConvNetJS MNIST demo.",
    ),
    (
        "shell.footer.about",
        "Rust + WebAssembly + Yew: всё считается в вашем браузере, без сервера.",
        "Rust + WebAssembly + Yew: everything is computed in your browser, no server involved.",
    ),
    (
        "shell.worker.pending",
        "Вычислительный поток запускается…",
        "Compute worker starting…",
    ),
    (
        "shell.worker.ready",
        "Вычислительный поток готов, версия",
        "Compute worker ready, version",
    ),
    (
        "shell.worker.failed",
        "Вычислительный поток не запустился",
        "Compute worker failed to start",
    ),
    (
        "shell.panic.title",
        "Что-то пошло не так.",
        "Something went wrong.",
    ),
    (
        "shell.panic.hint",
        "Перезагрузите страницу. Если ошибка повторится, сообщите текст ниже.",
        "Please reload the page. If it happens again, report the text below.",
    ),
    ("shell.panic.reload", "Перезагрузить", "Reload"),
];
