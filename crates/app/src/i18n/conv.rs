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
         выхода: (I − F + 2P) / S + 1.",
        "A convolution is a sum of products. A small kernel (a filter, or “feature detector”) \
         slides over the image; at every position the pixels under it are multiplied by the \
         kernel's weights and added up, giving one number of the feature map: the larger it is, \
         the more that patch looks like what the kernel detects — a vertical edge, say, or a \
         diagonal. Zero padding P, stride S and dilation set the size of the output: \
         (I − F + 2P) / S + 1.",
    ),
];
