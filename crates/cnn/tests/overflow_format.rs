//! Issue 16: a typed 1e20 (or 3e38 in the kernel or the bias) once showed as 9223372036854775807
//! in the cell and the feature map (an `as i64` cast saturating) while the written sum said ∞.
//! Cells, map and sum all go through `format_number`, so an overflow reads ∞ / −∞ everywhere.

use cnn::{ConvConfig, ConvMode, Tensor, Window, conv2d_reference, conv2d_trace, format_number};

const I64_MAX: &str = "9223372036854775807";

fn lab(cell: f32, weight: f32, bias: f32) -> (Vec<f32>, String) {
    let input = Tensor::from_rows(&[&[cell, 1.], &[1., 1.]]).unwrap();
    let config = ConvConfig::square(1, 1, Window::new(2, 1));
    let kernel = [weight, 1., 1., 1.];
    let map = conv2d_reference(&input, &config, &kernel, &[bias], ConvMode::default()).unwrap();
    let trace = conv2d_trace(
        &input,
        &config,
        &kernel,
        &[bias],
        ConvMode::default(),
        0,
        0,
        0,
    )
    .unwrap();
    (map.data().to_vec(), trace.written_sum())
}

#[test]
fn overflowing_values_read_infinity_in_cell_map_and_sum() {
    // 3e38 · 2 overflows f32 in the product, 3e38 + 3e38 in the bias; −3e38 · 2 to −∞.
    for (cell, weight, bias, shown) in [
        (3e38, 2., 0., "∞"),
        (1., 1., 3e38_f32 * 2.0, "∞"),
        (-3e38, 2., 0., "−∞"),
        (3e38, 3e38, 0., "∞"),
    ] {
        let (map, sum) = lab(cell, weight, bias);
        assert_eq!(
            format_number(map[0]),
            shown,
            "map for {cell}·{weight} + {bias}"
        );
        assert!(sum.ends_with(&format!("= {shown}")), "{sum}");
        assert!(!sum.contains(I64_MAX), "{sum}");
    }
    assert_eq!(format_number(f32::INFINITY), "∞");
    assert_eq!(format_number(f32::NEG_INFINITY), "−∞");
}

#[test]
fn huge_finite_values_are_written_as_powers_of_ten_not_as_i64_max() {
    assert_eq!(format_number(1e20), "1·10²⁰");
    assert_eq!(format_number(-1e20), "−1·10²⁰");
    assert_eq!(format_number(3e38), "3·10³⁸");
    let (map, sum) = lab(1e20, 1., 0.);
    assert_eq!(format_number(map[0]), "1·10²⁰");
    assert!(sum.starts_with("1·10²⁰·1 + "), "{sum}");
    assert!(sum.ends_with("= 1·10²⁰"), "{sum}");
    assert!(!sum.contains(I64_MAX), "{sum}");
}
