//! How the lecture writes a number, in a grid cell and in a written sum alike (one formatter, so
//! that a cell showing 0.333 stands beside a sum saying 0.333): integers without a fractional
//! part, others to at most 3 decimals, the typographic minus; from a billion on, powers of ten
//! (`1·10²⁰`), so a typed 1e20 reads as what it is rather than as 21 digits.

/// A number as the lecture writes it: integers without a fractional part (`3`, not `3.0`),
/// others rounded to at most 3 decimals with trailing zeros dropped (`0.25`, `0.333`); the minus
/// sign is the typographic `−` (U+2212); anything that rounds to zero is `0`.
pub fn format_number(value: f32) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "∞" } else { "−∞" }.to_owned();
    }
    if value.abs() >= 1e9 {
        let exponent = value.abs().log10().floor() as i32;
        let mantissa = format!("{:.3}", value.abs() / 10f32.powi(exponent));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        let sign = if value < 0.0 { "−" } else { "" };
        return format!("{sign}{mantissa}·10{}", superscript(exponent));
    }
    let text = if value.fract() == 0.0 {
        format!("{}", value.abs())
    } else {
        let fixed = format!("{:.3}", value.abs());
        fixed.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    if text == "0" {
        text
    } else if value < 0.0 {
        format!("−{text}")
    } else {
        text
    }
}

/// [`format_number`], with negative numbers in parentheses so that `3·(−1)` reads clearly.
pub fn format_operand(value: f32) -> String {
    let text = format_number(value);
    if text.starts_with('−') {
        format!("({text})")
    } else {
        text
    }
}

const SUPERSCRIPT_DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// An integer exponent in superscript digits ("−7" → "⁻⁷").
pub fn superscript(exponent: i32) -> String {
    let mut out = String::new();
    if exponent < 0 {
        out.push('⁻');
    }
    for digit in exponent.unsigned_abs().to_string().chars() {
        let d = digit.to_digit(10).unwrap_or(0) as usize;
        out.push(SUPERSCRIPT_DIGITS[d]);
    }
    out
}
