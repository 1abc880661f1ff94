//! Strings of the Draw a digit section.

pub const STRINGS: &[(&str, &str, &str)] = &[
    ("draw.title", "Нарисуйте цифру", "Draw a digit"),
    (
        "draw.intro",
        "Нарисуйте цифру от 0 до 9 мышью, пальцем или пером — сеть скажет, что она видит и \
         насколько уверена. Рисунок готовится так же, как цифры MNIST: обрезается по рамке, \
         масштабируется так, чтобы большая сторона стала 20 пикселей, и ставится центром масс в \
         середину поля 28×28. Сравните заранее обученную сеть с той, что учится в разделе \
         «Обучение».",
        "Draw a digit from 0 to 9 with a mouse, a finger or a pen, and the network tells you what \
         it sees and how sure it is. Your drawing is prepared the way the MNIST digits were: \
         cropped to its bounding box, scaled so that its longer side is 20 pixels, and placed by \
         its centre of mass in the middle of a 28×28 field. Compare the shipped pretrained network \
         with the one being trained in the Training section.",
    ),
];
