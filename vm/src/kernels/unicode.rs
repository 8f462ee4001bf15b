//! Python's character classification and case mapping over all of Unicode, exactly as
//! CPython 3.12 (Unicode 15.0) defines them, from tables generated out of CPython itself
//! (`tests/fixtures/kernels/gen_unicode_tables.py`).

use super::unicode_tables as t;

fn flags(c: char) -> u16 {
    let cp = u32::from(c);
    let i = t::FLAG_RUNS.partition_point(|&(start, _)| start <= cp);
    match i.checked_sub(1).and_then(|j| t::FLAG_RUNS.get(j)) {
        Some(&(_, f)) => f,
        None => 0,
    }
}

#[inline]
fn has(c: char, bit: u16) -> bool {
    if c.is_ascii() {
        return ascii_flags(c as u8) & bit != 0;
    }
    flags(c) & bit != 0
}

fn ascii_flags(b: u8) -> u16 {
    match b {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f => t::SPACE,
        b' ' => t::SPACE | t::PRINTABLE,
        b'0'..=b'9' => t::DECIMAL | t::DIGIT | t::NUMERIC | t::PRINTABLE | t::XID_CONTINUE,
        b'A'..=b'Z' => {
            t::ALPHA | t::UPPER | t::CASED | t::PRINTABLE | t::XID_START | t::XID_CONTINUE
        }
        b'a'..=b'z' => {
            t::ALPHA | t::LOWER | t::CASED | t::PRINTABLE | t::XID_START | t::XID_CONTINUE
        }
        b'_' => t::PRINTABLE | t::XID_START | t::XID_CONTINUE,
        b'\'' | b'.' | b':' | b'^' | b'`' => t::PRINTABLE | t::CASE_IGNORABLE,
        0x21..=0x7e => t::PRINTABLE,
        _ => 0,
    }
}

/// `c.isspace()`.
pub fn is_space(c: char) -> bool {
    has(c, t::SPACE)
}
/// `c.isalpha()`.
pub fn is_alpha(c: char) -> bool {
    has(c, t::ALPHA)
}
/// `c.isdecimal()`.
pub fn is_decimal(c: char) -> bool {
    has(c, t::DECIMAL)
}
/// `c.isdigit()`.
pub fn is_digit(c: char) -> bool {
    has(c, t::DIGIT)
}
/// `c.isnumeric()`.
pub fn is_numeric(c: char) -> bool {
    has(c, t::NUMERIC)
}
/// `c.isalnum()`.
pub fn is_alnum(c: char) -> bool {
    has(c, t::ALPHA | t::DECIMAL | t::DIGIT | t::NUMERIC)
}
/// `c.isprintable()`.
pub fn is_printable(c: char) -> bool {
    has(c, t::PRINTABLE)
}
/// May start an identifier (XID_Start or `_`).
pub fn is_xid_start(c: char) -> bool {
    has(c, t::XID_START)
}
/// May continue an identifier (XID_Continue).
pub fn is_xid_continue(c: char) -> bool {
    has(c, t::XID_CONTINUE)
}
/// `c.isupper()` for one character.
pub fn is_upper(c: char) -> bool {
    has(c, t::UPPER)
}
/// `c.islower()` for one character.
pub fn is_lower(c: char) -> bool {
    has(c, t::LOWER)
}
/// Titlecase letter (category Lt).
pub fn is_titlecase(c: char) -> bool {
    has(c, t::TITLE)
}
/// Unicode `Cased`.
pub fn is_cased(c: char) -> bool {
    has(c, t::CASED)
}
/// Unicode `Case_Ignorable`.
pub fn is_case_ignorable(c: char) -> bool {
    has(c, t::CASE_IGNORABLE)
}
/// A line boundary for `str.splitlines`.
pub fn is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The value of a decimal digit (any script), as `int()` and `float()` read it.
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(u32::from(c) - u32::from('0'));
    }
    let cp = u32::from(c);
    let i = t::DECIMAL_RUNS.partition_point(|&(first, _, _)| first <= cp);
    let &(first, last, v) = t::DECIMAL_RUNS.get(i.checked_sub(1)?)?;
    if cp <= last {
        Some(u32::from(v) + (cp - first))
    } else {
        None
    }
}

fn push_mapped(out: &mut String, table: &[(u32, [u32; 3])], c: char) {
    match table.binary_search_by_key(&u32::from(c), |&(k, _)| k) {
        Ok(i) => {
            for &m in &table[i].1 {
                if m == 0 {
                    break;
                }
                if let Some(ch) = char::from_u32(m) {
                    out.push(ch);
                }
            }
        }
        Err(_) => out.push(c),
    }
}

fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        push_mapped(out, t::UPPER_MAP, c);
    }
}

fn push_title(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        push_mapped(out, t::TITLE_MAP, c);
    }
}

/// Whether the capital sigma at `chars[i]` is word-final (lowercases to 'ς').
fn sigma_is_final(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().find(|&&c| !is_case_ignorable(c));
    match before {
        Some(&c) if is_cased(c) => {}
        _ => return false,
    }
    match chars[i + 1..].iter().find(|&&c| !is_case_ignorable(c)) {
        None => true,
        Some(&c) => !is_cased(c),
    }
}

/// Lowercase `chars[i]` into `out`, with the final-sigma rule.
fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if c == '\u{3a3}' {
        out.push(if sigma_is_final(chars, i) {
            '\u{3c2}'
        } else {
            '\u{3c3}'
        });
    } else {
        push_mapped(out, t::LOWER_MAP, c);
    }
}

/// `s.upper()`.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_upper(&mut out, c);
    }
    out
}

/// `s.lower()`.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        push_lower_at(&mut out, &chars, i);
    }
    out
}

/// `s.casefold()`.
pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_mapped(&mut out, t::FOLD_MAP, c);
    }
    out
}

/// `s.title()`.
pub fn title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut previous_is_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if previous_is_cased {
            push_lower_at(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        previous_is_cased = is_cased(c);
    }
    out
}

/// `s.capitalize()` (3.8+: the first character is titlecased).
pub fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            push_title(&mut out, c);
        } else {
            push_lower_at(&mut out, &chars, i);
        }
    }
    out
}

/// `s.swapcase()`.
pub fn swapcase(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_upper(c) {
            push_lower_at(&mut out, &chars, i);
        } else if is_lower(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

fn all_nonempty(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

/// `s.isspace()`.
pub fn str_isspace(s: &str) -> bool {
    all_nonempty(s, is_space)
}
/// `s.isalpha()`.
pub fn str_isalpha(s: &str) -> bool {
    all_nonempty(s, is_alpha)
}
/// `s.isalnum()`.
pub fn str_isalnum(s: &str) -> bool {
    all_nonempty(s, is_alnum)
}
/// `s.isdecimal()`.
pub fn str_isdecimal(s: &str) -> bool {
    all_nonempty(s, is_decimal)
}
/// `s.isdigit()`.
pub fn str_isdigit(s: &str) -> bool {
    all_nonempty(s, is_digit)
}
/// `s.isnumeric()`.
pub fn str_isnumeric(s: &str) -> bool {
    all_nonempty(s, is_numeric)
}
/// `s.isprintable()` (true for the empty string).
pub fn str_isprintable(s: &str) -> bool {
    s.chars().all(is_printable)
}
/// `s.isascii()`.
pub fn str_isascii(s: &str) -> bool {
    s.is_ascii()
}
/// `s.isidentifier()`.
pub fn str_isidentifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if is_xid_start(c) => it.all(is_xid_continue),
        _ => false,
    }
}

/// `s.isupper()`.
pub fn str_isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_lower(c) || is_titlecase(c) {
            return false;
        }
        if is_upper(c) {
            cased = true;
        }
    }
    cased
}

/// `s.islower()`.
pub fn str_islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_upper(c) || is_titlecase(c) {
            return false;
        }
        if is_lower(c) {
            cased = true;
        }
    }
    cased
}

/// `s.istitle()`.
pub fn str_istitle(s: &str) -> bool {
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in s.chars() {
        if is_upper(c) || is_titlecase(c) {
            if previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    cased
}

/// `s.split()` / `s.split(None, maxsplit)`: split on runs of Python whitespace.
/// `maxsplit` < 0 means no limit.
pub fn split_whitespace_py(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    split_whitespace_each(s, maxsplit, |p| out.push(p));
    out
}

/// [`split_whitespace_py`] handing each part to `f` as it is found (no vector of parts).
pub fn split_whitespace_each<'a>(s: &'a str, maxsplit: i64, mut f: impl FnMut(&'a str)) {
    let mut rest = s;
    let mut left = maxsplit;
    loop {
        rest = rest.trim_start_matches(is_space);
        if rest.is_empty() {
            return;
        }
        if left == 0 {
            f(rest);
            return;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        f(&rest[..end]);
        rest = &rest[end..];
        left -= 1;
    }
}

/// `s.rsplit()` / `s.rsplit(None, maxsplit)`, in left-to-right order.
pub fn rsplit_whitespace_py(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    let mut left = maxsplit;
    loop {
        rest = rest.trim_end_matches(is_space);
        if rest.is_empty() {
            break;
        }
        if left == 0 {
            out.push(rest);
            break;
        }
        let start = rest
            .char_indices()
            .rev()
            .find(|&(_, c)| is_space(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        out.push(&rest[start..]);
        rest = &rest[..start];
        left -= 1;
    }
    out.reverse();
    out
}

/// `s.strip()` with no argument.
pub fn strip_py(s: &str) -> &str {
    s.trim_matches(is_space)
}
/// `s.lstrip()` with no argument.
pub fn lstrip_py(s: &str) -> &str {
    s.trim_start_matches(is_space)
}
/// `s.rstrip()` with no argument.
pub fn rstrip_py(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

/// `s.splitlines(keepends)`.
pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_linebreak(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(_, '\n')) = it.peek() {
                it.next();
                end += 1;
            }
        }
        out.push(if keepends {
            &s[start..end]
        } else {
            &s[start..i]
        });
        start = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_agrees_with_table() {
        for b in 0u8..128 {
            assert_eq!(ascii_flags(b), flags(char::from(b)), "byte {b:#x}");
        }
    }
}

/// `p == q` for two texts' bytes. Up to 16 bytes are compared with two overlapping word
/// reads (or three byte reads below 4) instead of a call into the C library's `memcmp`,
/// which dominated comparing names and operators of a few characters.
#[inline]
pub fn bytes_eq(p: &[u8], q: &[u8]) -> bool {
    let n = p.len();
    if n != q.len() {
        return false;
    }
    match n {
        0 => true,
        1..=3 => p.first() == q.first() && p.get(n / 2) == q.get(n / 2) && p.last() == q.last(),
        4..=7 => word4(p, 0) == word4(q, 0) && word4(p, n - 4) == word4(q, n - 4),
        8..=16 => word8(p, 0) == word8(q, 0) && word8(p, n - 8) == word8(q, n - 8),
        _ => p == q,
    }
}

/// The 4 bytes of `s` from `at` (`None` past the end).
#[inline(always)]
fn word4(s: &[u8], at: usize) -> Option<u32> {
    let b: [u8; 4] = s.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_ne_bytes(b))
}

/// The 8 bytes of `s` from `at` (`None` past the end).
#[inline(always)]
fn word8(s: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = s.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_ne_bytes(b))
}

#[cfg(test)]
mod bytes_eq_tests {
    use super::bytes_eq;

    #[test]
    fn agrees_with_slice_equality_at_every_length_and_position() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n).map(|i| (i * 7 + 3) as u8).collect();
            assert!(bytes_eq(&a, &a.clone()));
            for i in 0..n {
                let mut b = a.clone();
                b[i] ^= 0x20;
                assert_eq!(bytes_eq(&a, &b), a == b, "length {n}, byte {i}");
            }
            let mut longer = a.clone();
            longer.push(0);
            assert!(!bytes_eq(&a, &longer));
        }
    }
}
