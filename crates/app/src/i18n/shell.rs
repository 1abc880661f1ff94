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
    ("shell.nav.architectures", "Архитектуры", "Architectures"),
    ("shell.nav.optimization", "Оптимизация", "Optimization"),
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
        "shell.worker.stopped",
        "Вычислительный поток остановился — его можно перезапустить в разделе «Обучение».",
        "The compute worker stopped: restart it from the Training section.",
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
    ("shell.present", "Режим презентации", "Presenter mode"),
    (
        "shell.present.hint",
        "Крупный шрифт и рисунки во всю ширину экрана — для проектора",
        "Large type and full-width figures, for a projector",
    ),
    ("shell.copy_link", "Копировать ссылку", "Copy link"),
    (
        "shell.copy_link.done",
        "Ссылка скопирована: она откроет этот вид со всеми настройками.",
        "Link copied: it opens this view with all its settings.",
    ),
    (
        "shell.copy_link.by_hand",
        "Буфер обмена недоступен, скопируйте ссылку:",
        "The clipboard is not available; copy the link:",
    ),
    ("shell.keys.title", "Клавиши", "Keys"),
    ("shell.slides", "Слайды лекции", "Lecture slides"),
    (
        "shell.prose.show",
        "Показать пояснения",
        "Show the explanations",
    ),
    (
        "shell.prose.hide",
        "Скрыть пояснения",
        "Hide the explanations",
    ),
    (
        "shell.keys.lecture",
        "Во всей лекции",
        "Everywhere in the lecture",
    ),
    ("shell.keys.section", "В разделе", "In the section"),
    (
        "shell.keys.next",
        "следующий раздел лекции",
        "next section of the lecture",
    ),
    (
        "shell.keys.previous",
        "предыдущий раздел",
        "previous section",
    ),
    (
        "shell.keys.fullscreen",
        "во весь экран и обратно",
        "fullscreen on and off",
    ),
    ("shell.keys.help", "эта справка", "this sheet"),
    ("shell.keys.close", "закрыть справку", "close this sheet"),
    ("shell.keys.close_button", "Закрыть", "Close"),
    (
        "shell.keys.play",
        "пуск / пауза анимации",
        "play / pause the animation",
    ),
    (
        "shell.keys.step",
        "шаг назад / вперёд",
        "step back / forward",
    ),
    (
        "shell.keys.start_point",
        "с фокусом на карте — переносить начальную точку",
        "with the map focused: move the start point",
    ),
    (
        "shell.keys.pad_focus",
        "перейти к холсту для рисования",
        "move to the drawing pad",
    ),
    ("shell.keys.pad_move", "двигать перо", "move the pen"),
    (
        "shell.keys.pad_fine",
        "с Shift — мелкие шаги",
        "with Shift: small steps",
    ),
    (
        "shell.keys.pad_pen",
        "опустить / поднять перо",
        "pen down / up",
    ),
    ("shell.keys.pad_lift", "поднять перо", "lift the pen"),
    (
        "shell.keys.hint",
        "Клавиши: ? — справка, PageDown / PageUp — разделы, F — во весь экран",
        "Keys: ? for help, PageDown / PageUp for sections, F for fullscreen",
    ),
];
