//! Plain YAML scalars as yaml_serde resolves them (its `visit_untagged_scalar`, YAML 1.2's core
//! schema): null, a boolean, an integer, a float, or else a string. The printer of registers
//! quotes what would read back as something else; the reader of the YAML it prints types plain
//! scalars by the same rules.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Null,
    Bool,
    Number,
    Str,
}

pub fn resolve(text: &str) -> Resolved {
    // Most keys and values start with a letter or a Chinese character that begins no null,
    // boolean or number.
    if text
        .as_bytes()
        .first()
        .is_some_and(|b| !b"nNtTfF~0123456789+-.".contains(b))
    {
        return Resolved::Str;
    }
    if text.is_empty() || is_null(text) {
        Resolved::Null
    } else if parse_bool(text).is_some() {
        Resolved::Bool
    } else if !could_be_number(text) {
        Resolved::Str
    } else if parse_unsigned_int::<u128>(text, u128::from_str_radix).is_some()
        || parse_negative_int::<i128>(text, i128::from_str_radix).is_some()
        || (!digits_but_not_number(text) && parse_f64(text).is_some())
    {
        Resolved::Number
    } else {
        Resolved::Str
    }
}

/// Every number yaml_serde reads is ASCII and starts with a digit, a sign or a dot (Rust's float
/// parser also takes `inf` and `nan`, which it then refuses as not finite): Chinese text and
/// words are never one, whatever follows.
pub fn could_be_number(text: &str) -> bool {
    matches!(
        text.as_bytes().first(),
        Some(b'0'..=b'9' | b'+' | b'-' | b'.')
    ) && text.is_ascii()
}

pub fn is_null(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

pub fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

pub type FromStrRadix<T> = fn(&str, u32) -> Result<T, std::num::ParseIntError>;

pub fn parse_unsigned_int<T>(text: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    let unpositive = text.strip_prefix('+').unwrap_or(text);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(text) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

pub fn parse_signed_int<T>(text: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    let unpositive = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
        if let Some(rest) = text.strip_prefix('-').and_then(|t| t.strip_prefix(prefix))
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(text) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

pub fn parse_negative_int<T>(text: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = text.strip_prefix(prefix)
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(text) {
        return None;
    }
    from_str_radix(text, 10).ok()
}

pub fn parse_f64(text: &str) -> Option<f64> {
    let unpositive = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = text {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = text {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// A leading zero followed by digits is a string in YAML 1.2 (`0123`).
pub fn digits_but_not_number(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    text.len() > 1 && text.starts_with('0') && text[1..].bytes().all(|b| b.is_ascii_digit())
}
