//! Strings of the Training section.

pub const STRINGS: &[(&str, &str, &str)] = &[
    ("training.title", "Обучение на MNIST", "Training on MNIST"),
    (
        "training.intro",
        "Здесь небольшая свёрточная сеть учится распознавать рукописные цифры MNIST прямо в \
         браузере, как в демонстрации ConvNetJS Андрея Карпатого: свёртка, ReLU и пулинг, ещё раз \
         свёртка, ReLU и пулинг, затем полносвязный слой с softmax. Обучение идёт по мини-батчам \
         в отдельном потоке (Web Worker), поэтому страница не замирает. Нажмите «Обучать» и \
         следите, как падает ошибка, растёт точность на отложенных цифрах и как фильтры первого \
         слоя превращаются в детекторы штрихов. Оптимизатор, скорость обучения, момент и \
         остальное можно менять на ходу.",
        "Here a small convolutional network learns to recognise handwritten MNIST digits right in \
         the browser, as in Andrej Karpathy's ConvNetJS demo: convolution, ReLU and pooling, \
         another convolution, ReLU and pooling, then a fully connected layer with softmax. It \
         trains on mini-batches in a separate thread (a Web Worker), so the page stays \
         responsive. Press Train and watch the loss fall, the accuracy on held-out digits rise \
         and the first-layer filters turn into stroke detectors. The optimizer, learning rate, \
         momentum and the rest can be changed while it runs.",
    ),
    (
        "training.controls",
        "Управление обучением",
        "Training controls",
    ),
    ("training.train", "Обучать", "Train"),
    ("training.pause", "Пауза", "Pause"),
    ("training.resume", "Продолжить", "Resume"),
    ("training.reset", "Сброс", "Reset"),
    ("training.seed", "Зерно", "Seed"),
    ("training.save", "Сохранить сеть", "Save network"),
    ("training.load", "Загрузить сеть…", "Load network…"),
    ("training.dismiss", "Закрыть", "Dismiss"),
    (
        "training.confirm.reset",
        "Сброс построит новую сеть со случайными весами.",
        "Reset builds a new network with random weights.",
    ),
    (
        "training.confirm.load",
        "Загруженный файл заменит эту сеть.",
        "The chosen file will replace this network.",
    ),
    (
        "training.confirm.trained",
        "Эта сеть обучена на примерах:",
        "This network was trained on examples:",
    ),
    (
        "training.confirm.loaded",
        "Эта сеть загружена из файла.",
        "This network was loaded from a file.",
    ),
    (
        "training.confirm.lost",
        "Её веса пропадут, если их не сохранить.",
        "Its weights are lost unless you save them.",
    ),
    (
        "training.confirm.save_first",
        "Сначала сохранить",
        "Save first",
    ),
    ("training.confirm.reset_anyway", "Сбросить", "Reset anyway"),
    ("training.confirm.load_anyway", "Загрузить", "Load anyway"),
    ("training.confirm.cancel", "Отмена", "Cancel"),
    (
        "training.spec_refused",
        "Описание сети с ошибкой: «Обучать» продолжит текущую сеть.",
        "The network spec has an error: Train goes on with the current network.",
    ),
    (
        "training.status.loading",
        "Загружаются цифры MNIST…",
        "Loading the MNIST digits…",
    ),
    (
        "training.status.ready",
        "Готово к обучению",
        "Ready to train",
    ),
    ("training.status.paused", "Пауза", "Paused"),
    ("training.status.running", "Идёт обучение", "Training"),
    (
        "training.status.diverged",
        "Обучение разошлось",
        "Training diverged",
    ),
    (
        "training.status.failed",
        "Данные не загрузились: обучение невозможно",
        "The data did not load: cannot train",
    ),
    (
        "training.pending_reset",
        "изменения архитектуры, зерна или сравнения вступят в силу после «Сброса»",
        "changes to the network, the seed or the comparison take effect at Reset",
    ),
    ("training.settings", "Оптимизация", "Optimisation"),
    (
        "training.settings.live",
        "Эти параметры применяются сразу, без перезапуска.",
        "These settings apply at once, without a restart.",
    ),
    ("training.optimizer", "Оптимизатор", "Optimizer"),
    (
        "training.opt.sgd",
        "стохастический градиентный спуск",
        "stochastic gradient descent",
    ),
    (
        "training.opt.momentum",
        "момент, как в лекции",
        "momentum, as in the lecture",
    ),
    (
        "training.opt.nesterov",
        "момент Нестерова",
        "Nesterov momentum",
    ),
    ("training.opt.adam", "адаптивный момент", "adaptive moments"),
    (
        "training.opt.rmsprop",
        "среднеквадратичная нормировка",
        "root-mean-square scaling",
    ),
    (
        "training.opt.adadelta",
        "без скорости обучения (ConvNetJS)",
        "no learning rate (ConvNetJS)",
    ),
    ("training.lr", "Скорость обучения η", "Learning rate η"),
    ("training.momentum", "Момент γ", "Momentum γ"),
    ("training.batch", "Размер мини-батча", "Batch size"),
    ("training.l2", "L2-регуляризация λ", "L2 weight decay λ"),
    (
        "training.dropout",
        "Dropout перед полносвязным слоем",
        "Dropout before the dense layer",
    ),
    (
        "training.decay_every",
        "Уменьшать η каждые … примеров (0 — нет)",
        "Decay η every … examples (0 = off)",
    ),
    (
        "training.decay_factor",
        "Множитель уменьшения η",
        "η decay factor",
    ),
    (
        "training.augment",
        "Аугментация: случайные вырезки 24×24 из цифр 28×28",
        "Augmentation: random 24×24 crops of the 28×28 digits",
    ),
    (
        "training.help.sgd",
        "w ← w − η∇L. Каждый шаг идёт против градиента мини-батча.",
        "w ← w − η∇L. Every step goes against the mini-batch gradient.",
    ),
    (
        "training.help.momentum",
        "ν ← γν + (1 − γ)∇L, w ← w − ην: ν — скользящее среднее градиентов, шаги в постоянном \
         направлении накапливаются, колебания гасятся.",
        "ν ← γν + (1 − γ)∇L, w ← w − ην: ν is a moving average of the gradients; steps in a \
         steady direction add up, oscillations cancel.",
    ),
    (
        "training.help.nesterov",
        "Градиент берётся в точке, куда нас и так унесёт момент: ν ← γν + (1 − γ)∇L(w − ηγν), \
         w ← w − ην (классическая форма v ← γv + ∇L(w − ηγv) — то же при η·(1 − γ)).",
        "The gradient is taken where momentum will carry us anyway: ν ← γν + (1 − γ)∇L(w − ηγν), \
         w ← w − ην (the classic form v ← γv + ∇L(w − ηγv) is the same with η·(1 − γ)).",
    ),
    (
        "training.help.adam",
        "Момент плюс нормировка каждого веса на корень из среднего квадрата его градиента (β₁ = 0,9, β₂ = 0,999).",
        "Momentum plus scaling of every weight by the root mean square of its gradient (β₁ = 0.9, β₂ = 0.999).",
    ),
    (
        "training.help.rmsprop",
        "Шаг каждого веса делится на корень из скользящего среднего квадрата его градиента (ρ = 0,9).",
        "Every weight's step is divided by the root of a moving average of its squared gradient (ρ = 0.9).",
    ),
    (
        "training.help.adadelta",
        "Как в ConvNetJS: размер шага берётся из отношения средних квадратов прошлых шагов и градиентов (ρ = 0,95), скорость обучения не нужна.",
        "As in ConvNetJS: the step size comes from the ratio of the mean squares of past steps and gradients (ρ = 0.95); no learning rate needed.",
    ),
    (
        "training.compare",
        "Сравнение оптимизаторов",
        "Compare optimizers",
    ),
    (
        "training.compare.enable",
        "Обучать вторую сеть B с другим оптимизатором",
        "Train a second network B with another optimizer",
    ),
    (
        "training.compare.hint",
        "Обе сети начинают с одинаковых весов (то же зерно) и видят одни и те же мини-батчи; их \
         кривые рисуются на одних графиках.",
        "Both networks start from the same weights (same seed) and see the same mini-batches; \
         their curves share the charts.",
    ),
    ("training.examples", "Просмотрено примеров", "Examples seen"),
    ("training.epoch", "Эпоха", "Epoch"),
    (
        "training.speed",
        "Примеров в секунду",
        "Examples per second",
    ),
    (
        "training.forward_ms",
        "Прямой проход, мс/пример",
        "Forward, ms/example",
    ),
    (
        "training.backward_ms",
        "Обратный проход, мс/пример",
        "Backward, ms/example",
    ),
    ("training.lr_now", "Текущая η", "Current η"),
    ("training.loss_now", "Ошибка (сглаж.)", "Loss (smoothed)"),
    (
        "training.train_acc",
        "Точность на обучении",
        "Training accuracy",
    ),
    (
        "training.test_acc",
        "Точность на отложенных",
        "Held-out accuracy",
    ),
    ("training.at", "после", "after"),
    (
        "training.chart.loss",
        "Ошибка (кросс-энтропия)",
        "Loss (cross-entropy)",
    ),
    ("training.chart.accuracy", "Точность", "Accuracy"),
    (
        "training.chart.examples",
        "просмотрено примеров",
        "examples seen",
    ),
    ("training.chart.loss_axis", "ошибка", "loss"),
    ("training.chart.accuracy_axis", "точность, %", "accuracy, %"),
    ("training.chart.smoothed", "сглаженная", "smoothed"),
    ("training.chart.train_acc", "обучение", "training"),
    ("training.chart.test_acc", "отложенные", "held-out"),
    (
        "training.diverged.title",
        "Обучение разошлось",
        "Training diverged",
    ),
    ("training.diverged.at", "После примеров:", "After examples:"),
    ("training.diverged.loss", "ошибка", "loss"),
    (
        "training.diverged.explain",
        "Ошибка стала бесконечной (NaN) или взрывается. Обычно это слишком большая скорость \
         обучения: шаги перелетают минимум и веса растут. Обучение остановлено, веса не \
         испорчены: уменьшите η и откатитесь к последнему хорошему состоянию.",
        "The loss became infinite (NaN) or is exploding. Usually the learning rate is too high: \
         the steps overshoot the minimum and the weights grow. Training is stopped and the \
         weights are kept: lower η and roll back to the last good state.",
    ),
    ("training.rollback", "Откатиться", "Roll back"),
    (
        "training.recovery.title",
        "Вычислительный поток обучения остановился",
        "The training worker stopped",
    ),
    (
        "training.recovery.panic",
        "Он завершился аварийно с ошибкой:",
        "It crashed with the error:",
    ),
    (
        "training.recovery.error",
        "В нём произошла ошибка:",
        "It failed with the error:",
    ),
    (
        "training.recovery.silent",
        "Он не отвечает больше 15 секунд: его завершили, или он завис.",
        "It has not answered for more than 15 seconds: it was terminated, or it hangs.",
    ),
    (
        "training.recovery.checkpoint",
        "«Перезапустить» восстановит сеть из последней контрольной точки (проверки на \
         отложенных цифрах), примеров:",
        "Restart restores the network from the last checkpoint (its last held-out check), \
         examples:",
    ),
    (
        "training.recovery.checkpoint_paused",
        " — обучение останется на паузе. Страницу перезагружать не нужно.",
        " — training stays paused. No page reload is needed.",
    ),
    (
        "training.recovery.no_checkpoint",
        "Контрольной точки ещё нет (первая — после 1000 примеров): «Перезапустить» построит \
         сеть заново. Страницу перезагружать не нужно.",
        "There is no checkpoint yet (the first comes after 1,000 examples): Restart builds the \
         network afresh. No page reload is needed.",
    ),
    ("training.recovery.restart", "Перезапустить", "Restart"),
    (
        "training.recovery.restarting",
        "Перезапуск вычислительного потока…",
        "Restarting the worker…",
    ),
    (
        "training.recovery.restored",
        "Вычислительный поток перезапущен, сеть восстановлена из последней контрольной точки, \
         примеров:",
        "The worker was restarted and the network restored from the last checkpoint, examples:",
    ),
    (
        "training.recovery.restored_accuracy",
        "точность на отложенных цифрах",
        "held-out accuracy",
    ),
    (
        "training.recovery.rebuilt",
        "Вычислительный поток перезапущен, сеть построена заново.",
        "The worker was restarted and the network built afresh.",
    ),
    (
        "training.recovery.paused",
        "Обучение на паузе: нажмите «Продолжить», чтобы учить дальше.",
        "Training is paused: press Resume to go on.",
    ),
    (
        "training.recovery.compare_dropped",
        "Сравниваемый запуск B не восстановлен (контрольная точка хранит только сеть A).",
        "The comparison run B was not restored (the checkpoint holds network A only).",
    ),
    (
        "training.status.crashed",
        "Вычислительный поток остановился",
        "The worker stopped",
    ),
    (
        "training.notice.rolled_back",
        "Откат к состоянию после примеров:",
        "Rolled back to the state after examples:",
    ),
    (
        "training.notice.loaded",
        "Сеть загружена из файла; её точность на отложенных цифрах пересчитана.",
        "Network loaded from the file; its held-out accuracy was recomputed.",
    ),
    (
        "training.notice.saved",
        "Файл сети сохранён.",
        "Network file saved.",
    ),
    (
        "training.notice.applied",
        "Параметры применены.",
        "Settings applied.",
    ),
    (
        "training.spec.title",
        "Архитектура сети",
        "Network architecture",
    ),
    (
        "training.spec.hint",
        "Слои через «;»: input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax. Таблица \
         пересчитывается при вводе; новая сеть строится кнопкой «Сброс».",
        "Layers separated by “;”: input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax. \
         The table updates as you type; Reset builds the new network.",
    ),
    (
        "training.spec.default",
        "Сеть ConvNetJS",
        "ConvNetJS network",
    ),
    (
        "training.spec.lenet5",
        "LeNet-5 (28×28, C1 с pad 2) и её настройки",
        "LeNet-5 (28×28, C1 with pad 2) and its settings",
    ),
    ("training.spec.layer", "Слой", "Layer"),
    ("training.spec.output", "Выход (В×Ш×К)", "Output (H×W×C)"),
    ("training.spec.arithmetic", "Размер выхода", "Output size"),
    ("training.spec.params", "Параметры", "Parameters"),
    (
        "training.spec.total",
        "Всего параметров",
        "Total parameters",
    ),
    (
        "training.spec.kept",
        "Пока описание с ошибкой, обучается прежняя сеть.",
        "While the description has an error, the current network keeps training.",
    ),
    ("training.view.title", "Внутри сети", "Inside the network"),
    (
        "training.view.show",
        "Показывать (обновляется ≈3 раза в секунду)",
        "Show (refreshes ≈3 times a second)",
    ),
    (
        "training.view.grads",
        "Градиенты фильтров",
        "Filter gradients",
    ),
    (
        "training.view.empty",
        "Появится, когда загрузятся данные.",
        "Appears once the data has loaded.",
    ),
    ("training.view.maps", "карт", "maps"),
    ("training.view.filters", "Фильтры", "Filters"),
    ("training.view.label", "Цифра", "Digit"),
    ("training.view.guess", "сеть думает", "network says"),
    (
        "training.gallery.title",
        "Отложенные цифры и ответы сети",
        "Held-out digits and the network's answers",
    ),
    (
        "training.gallery.empty",
        "Ответы появятся после первой проверки (каждые 1 000 примеров).",
        "Answers appear after the first evaluation (every 1,000 examples).",
    ),
    (
        "training.gallery.after",
        "После примеров:",
        "After examples:",
    ),
    ("training.gallery.mistakes", "ошибок", "mistakes"),
    (
        "training.gallery.only_mistakes",
        "Только ошибки",
        "Only mistakes",
    ),
    ("training.gallery.none", "Ошибок нет.", "No mistakes."),
    ("training.gallery.true", "Верно:", "True:"),
    (
        "training.url_note",
        "Часть ссылки не удалось прочитать, вместо неё взяты значения по умолчанию:",
        "Part of the link could not be read; defaults were used instead for:",
    ),
    ("training.url_note.ok", "Понятно", "OK"),
    // == seeing why ==
    (
        "training.confusion.title",
        "Матрица ошибок на отложенных цифрах",
        "Confusion matrix of the held-out digits",
    ),
    (
        "training.confusion.empty",
        "Появится после первой проверки на отложенных цифрах.",
        "Appears after the first evaluation on the held-out digits.",
    ),
    (
        "training.confusion.help",
        "Строка — настоящая цифра, столбец — ответ сети; в клетке число цифр и доля строки. \
         Диагональ (в рамке) — верные ответы. Нажмите клетку, чтобы показать эти цифры в галерее; \
         повторное нажатие снимает фильтр.",
        "A row is the true digit, a column the network's answer; a cell holds the count and its \
         share of the row. The framed diagonal is the correct answers. Press a cell to show those \
         digits in the gallery; press it again to clear the filter.",
    ),
    (
        "training.confusion.corner",
        "истина ↓ / ответ →",
        "true ↓ / answer →",
    ),
    ("training.confusion.accuracy", "точность", "accuracy"),
    ("training.confusion.true", "настоящая", "true"),
    ("training.confusion.predicted", "ответ", "predicted"),
    ("training.confusion.correct", "верно", "correct"),
    ("training.confusion.overall", "всего верно", "overall"),
    (
        "training.gallery.filtered",
        "Показаны только цифры {t}, которые сеть прочла как {p}: {n}. Повторное нажатие на клетку \
         показывает все.",
        "Showing only the {t}s the network read as {p}: {n}. Press the cell again to show all.",
    ),
    ("training.gallery.show_all", "Показать все", "Show all"),
    (
        "training.distort.affine",
        "Искажения «как от руки»: поворот ±15°, масштаб 0,8–1,2, наклон, сдвиг",
        "Hand-like distortions: rotation ±15°, scale 0.8–1.2, shear, shift",
    ),
    (
        "training.distort.affine.help",
        "Каждая обучающая цифра — случайное аффинное преобразование: сеть учится узнавать наклонные и неровные цифры.",
        "Every training digit is a random affine warp: the network learns slanted and uneven digits.",
    ),
    (
        "training.distort.pen",
        "Тонкое и жирное перо",
        "Thin and bold pens",
    ),
    (
        "training.distort.pen.help",
        "Штрихи случайно утолщаются или утончаются (морфологическое расширение или сужение).",
        "Strokes get randomly bolder or thinner (a morphological dilation or erosion).",
    ),
    (
        "training.distort.elastic",
        "Упругие искажения (Simard и др., 2003)",
        "Elastic distortions (Simard et al., 2003)",
    ),
    (
        "training.distort.elastic.help",
        "Случайное поле сдвигов, сглаженное гауссианом σ = 4 и умноженное на α = 34, — как дрожание руки.",
        "A random displacement field smoothed by a Gaussian of σ = 4 and scaled by α = 34, like a hand's unsteadiness.",
    ),
];
