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
    // --- the main chart ---
    (
        "activations.curves.heading",
        "Графики функций и их производных",
        "The functions and their derivatives",
    ),
    ("activations.curves.functions", "Функции", "Functions"),
    (
        "activations.curves.derivatives",
        "Показать производные (пунктир)",
        "Show derivatives (dashed)",
    ),
    ("activations.range", "Диапазон x: ±", "x range: ±"),
    (
        "activations.curves.chart",
        "График выбранных функций активации. Стрелки влево и вправо двигают точку, в которой \
         показаны значения.",
        "Plot of the selected activation functions. The left and right arrow keys move the point \
         whose values are shown.",
    ),
    ("activations.curves.y_desc", "f(x)", "f(x)"),
    (
        "activations.curves.y_desc_derivatives",
        "f(x) и f′(x) (пунктир)",
        "f(x) and f′(x) (dashed)",
    ),
    ("activations.readout.x", "Точка x", "Point x"),
    ("activations.readout.at", "Значения в точке", "Values at"),
    ("activations.readout.function", "Функция", "Function"),
    (
        "activations.readout.none",
        "Выберите хотя бы одну функцию.",
        "Select at least one function.",
    ),
    (
        "activations.readout.invalid",
        "Введите число от −50 до 50.",
        "Enter a number from −50 to 50.",
    ),
    (
        "activations.readout.hint",
        "Наведите указатель на график или коснитесь его — таблица покажет значения в этой \
         точке; щелчок закрепляет точку. С клавиатуры: стрелки на графике или поле «Точка x». \
         Числа из лекции: σ(5) ≈ 0,9933 и σ(10) ≈ 0,9999 — введите x = 10 и сравните.",
        "Hover over or tap the chart — the table shows the values at that point; a click pins \
         it. From the keyboard: the arrow keys on the chart or the “Point x” field. The \
         lecture's numbers: σ(5) ≈ 0.9933 and σ(10) ≈ 0.9999 — enter x = 10 and compare.",
    ),
    (
        "activations.curves.saturation",
        "Включите производные: при x = 5 производная сигмоиды уже 0,0066, при x = 10 — \
         0,000045. Сигмоида насыщается, и градиент через неё почти не проходит; у tanh то же \
         самое. У ReLU при любом x > 0 производная равна 1, а у Leaky ReLU и при x < 0 она не \
         ноль (0,01), поэтому такой нейрон не «умирает».",
        "Turn on the derivatives: at x = 5 the sigmoid's derivative is already 0.0066, at \
         x = 10 it is 0.000045. The sigmoid saturates, and almost no gradient passes through it; \
         tanh does the same. ReLU's derivative is 1 for every x > 0, and Leaky ReLU's is not \
         zero for x < 0 either (0.01), so such a unit does not “die”.",
    ),
    // --- softplus as a sum of sigmoids ---
    (
        "activations.sum.heading",
        "Softplus как сумма сдвинутых сигмоид",
        "Softplus as a sum of shifted sigmoids",
    ),
    (
        "activations.sum.text",
        "Сложим N сигмоид, сдвинутых на 1 одна относительно другой: \
         f_N(x) = σ(x − 0,5) + σ(x − 1,5) + … + σ(x − N + 0,5), то есть Σ σ(x − i + ½) по i от 1 до N. \
         Каждое слагаемое — значение σ(x − t) в середине отрезка [i − 1, i], поэтому сумма — \
         формула средних прямоугольников для интеграла ∫₀^∞ σ(x − t) dt = ln(1 + eˣ). С ростом N \
         сумма приближается к softplus, а softplus почти совпадает с ReLU: ReLU можно понимать \
         как много сигмоидных нейронов с общими весами и порогами, сдвинутыми на 1 (Nair и \
         Hinton, 2010).",
        "Add up N sigmoids, each shifted by 1 from the previous one: \
         f_N(x) = σ(x − 0.5) + σ(x − 1.5) + … + σ(x − N + 0.5), that is Σ σ(x − i + ½) over i from 1 \
         to N. Each term is σ(x − t) at the midpoint of the interval [i − 1, i], so the sum is \
         the midpoint rule for the integral ∫₀^∞ σ(x − t) dt = ln(1 + eˣ). As N grows the sum \
         approaches softplus, and softplus is almost ReLU: ReLU can be read as many sigmoid \
         units with shared weights and thresholds shifted by 1 (Nair and Hinton, 2010).",
    ),
    (
        "activations.sum.terms",
        "Число слагаемых N = ",
        "Number of terms N = ",
    ),
    (
        "activations.sum.chart",
        "График суммы N сдвинутых сигмоид и функции softplus",
        "Plot of the sum of N shifted sigmoids and of softplus",
    ),
    (
        "activations.sum.y_desc",
        "f_N(x) и её предел",
        "f_N(x) and its limit",
    ),
    (
        "activations.sum.legend_sum",
        "f_N(x) — сумма N сигмоид (пунктир)",
        "f_N(x), the sum of N sigmoids (dashed)",
    ),
    (
        "activations.sum.legend_softplus",
        "предел суммы",
        "the sum's limit",
    ),
    (
        "activations.sum.legend_terms",
        "слагаемые σ(x − i + ½)",
        "the terms σ(x − i + ½)",
    ),
    (
        "activations.sum.legend_gap",
        "наибольший разрыв",
        "the largest gap",
    ),
    (
        "activations.sum.gap",
        "Наибольший разрыв |f_N(x) − {limit}| на видимом отрезке:",
        "The largest gap |f_N(x) − {limit}| on the visible range:",
    ),
    ("activations.sum.gap_at", "при x =", "at x ="),
    ("activations.sum.start", "Какая сумма", "Which sum"),
    (
        "activations.sum.slide",
        "Как на слайде (с i = 0)",
        "As on the slide (from i = 0)",
    ),
    (
        "activations.sum.midpoint",
        "Точная сумма средних (с i = 1)",
        "The exact midpoint sum (from i = 1)",
    ),
    (
        "activations.sum.why",
        "Сумма на слайде начинается с σ(x + ½) — середины отрезка [−1, 0], поэтому она стремится к \
         softplus(x + 1); сумма средних для ∫_{1/2}^∞ σ(x + ½ − y) dy начинается с i = 1 и стремится к \
         softplus(x). Кривая softplus на графике — предел выбранной суммы.",
        "The slide's sum starts with σ(x + ½), the midpoint of [−1, 0], so it tends to softplus(x + 1); \
         the midpoint sum of ∫_{1/2}^∞ σ(x + ½ − y) dy starts at i = 1 and tends to softplus(x). The \
         softplus curve on the chart is the chosen sum's limit.",
    ),
    (
        "activations.sum.note",
        "Пока N мало, сумма упирается в потолок N и отстаёт от softplus справа. Когда N больше \
         правого края отрезка на 4–5, остаётся разрыв около 0,0106 у x = 0: это ошибка самой \
         формулы прямоугольников (примерно σ′(x)/24), и от N она уже не зависит. Разрыв ищется \
         по 4001 точке отрезка с уточнением методом золотого сечения; все показанные цифры \
         верны.",
        "While N is small the sum hits its ceiling N and falls behind softplus on the right. \
         Once N exceeds the right end of the range by 4–5, a gap of about 0.0106 remains near \
         x = 0: that is the error of the midpoint rule itself (about σ′(x)/24), and it no longer \
         depends on N. The gap is found from 4001 points of the range refined by golden-section \
         search; every digit shown is correct.",
    ),
    // --- gradient through depth ---
    (
        "activations.depth.heading",
        "Градиент сквозь глубину",
        "The gradient through depth",
    ),
    (
        "activations.depth.text",
        "При обратном распространении градиент на каждом слое умножается на производную \
         активации f′(z), где z — вход нейрона. Модель здесь простая: k слоёв подряд, у каждого \
         вес 1 и один и тот же вход z, поэтому до первого слоя доходит градиент, умноженный на \
         f′(z)ᵏ. Производная сигмоиды не больше 0,25, поэтому даже в лучшей точке z = 0 десять \
         слоёв дают 0,25¹⁰ ≈ 9,5·10⁻⁷ — градиент затухает, и первые слои почти не учатся. У tanh \
         f′(0) = 1, но при z ≠ 0 производная меньше 1, и произведение тоже убывает \
         экспоненциально. У ReLU f′(z) = 1 при z > 0, и градиент проходит через любое число \
         слоёв без изменений — поэтому глубокие сети с ReLU обучаются; AlexNet (2012) с ReLU \
         обучалась в несколько раз быстрее, чем с tanh. Обратная сторона: при z ≤ 0 производная \
         ReLU равна 0, и такой нейрон не обучается («мёртвый» ReLU).",
        "During backpropagation the gradient is multiplied at every layer by the activation's \
         derivative f′(z), where z is the unit's input. The model here is simple: k layers in a \
         row, each with weight 1 and the same input z, so the gradient reaching the first layer \
         is multiplied by f′(z)ᵏ. The sigmoid's derivative is at most 0.25, so even at its best \
         point z = 0 ten layers give 0.25¹⁰ ≈ 9.5·10⁻⁷ — the gradient vanishes and the first \
         layers barely learn. For tanh f′(0) = 1, but for z ≠ 0 the derivative is below 1 and \
         the product also decays exponentially. For ReLU f′(z) = 1 when z > 0, and the gradient \
         passes through any number of layers unchanged — that is why deep ReLU networks train; \
         AlexNet (2012) with ReLU trained several times faster than with tanh. The flip side: for \
         z ≤ 0 ReLU's derivative is 0 and the unit does not learn (a “dead” ReLU).",
    ),
    (
        "activations.depth.z",
        "Вход нейрона z = ",
        "Unit input z = ",
    ),
    (
        "activations.depth.k",
        "Число слоёв k = ",
        "Number of layers k = ",
    ),
    (
        "activations.depth.chart",
        "Произведение производных f′(z)ᵏ для k от 1 до 20, логарифмическая шкала",
        "The product of derivatives f′(z)ᵏ for k from 1 to 20, log scale",
    ),
    ("activations.depth.x_desc", "число слоёв k", "layers k"),
    (
        "activations.depth.y_desc",
        "f′(z)ᵏ, логарифмическая шкала",
        "f′(z)ᵏ, log scale",
    ),
    (
        "activations.depth.product",
        "после k слоёв",
        "after k layers",
    ),
    (
        "activations.depth.dead",
        "0 — нейрон «мёртв», на логарифмической шкале не виден",
        "0 — a dead unit, not visible on the log scale",
    ),
];
