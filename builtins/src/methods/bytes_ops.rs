//! Pure byte-string algorithms shared by `bytes`, `bytearray` and `memoryview` (ASCII-only
//! case mapping and classification, searching with CPython's index rules, splitting, padding,
//! hex conversion). Nothing here touches Python objects.

/// `bytes.isspace` characters: space, `\t`, `\n`, `\r`, `\x0b`, `\x0c`.
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

pub(crate) fn lower(s: &[u8]) -> Vec<u8> {
    s.to_ascii_lowercase()
}

pub(crate) fn upper(s: &[u8]) -> Vec<u8> {
    s.to_ascii_uppercase()
}

pub(crate) fn swapcase(s: &[u8]) -> Vec<u8> {
    s.iter()
        .map(|&c| {
            if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c
            }
        })
        .collect()
}

pub(crate) fn capitalize(s: &[u8]) -> Vec<u8> {
    let mut out = s.to_ascii_lowercase();
    if let Some(first) = out.first_mut() {
        *first = first.to_ascii_uppercase();
    }
    out
}

pub(crate) fn title(s: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    s.iter()
        .map(|&c| {
            if c.is_ascii_lowercase() {
                let r = if prev_cased {
                    c
                } else {
                    c.to_ascii_uppercase()
                };
                prev_cased = true;
                r
            } else if c.is_ascii_uppercase() {
                let r = if prev_cased {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                prev_cased = true;
                r
            } else {
                prev_cased = false;
                c
            }
        })
        .collect()
}

fn all_nonempty(s: &[u8], f: impl Fn(u8) -> bool) -> bool {
    !s.is_empty() && s.iter().all(|&c| f(c))
}

pub(crate) fn isalnum(s: &[u8]) -> bool {
    all_nonempty(s, |c| c.is_ascii_alphanumeric())
}
pub(crate) fn isalpha(s: &[u8]) -> bool {
    all_nonempty(s, |c| c.is_ascii_alphabetic())
}
pub(crate) fn isdigit(s: &[u8]) -> bool {
    all_nonempty(s, |c| c.is_ascii_digit())
}
pub(crate) fn isspace(s: &[u8]) -> bool {
    all_nonempty(s, is_space)
}
pub(crate) fn isascii(s: &[u8]) -> bool {
    s.is_ascii()
}
pub(crate) fn islower(s: &[u8]) -> bool {
    s.iter().any(u8::is_ascii_lowercase) && !s.iter().any(u8::is_ascii_uppercase)
}
pub(crate) fn isupper(s: &[u8]) -> bool {
    s.iter().any(u8::is_ascii_uppercase) && !s.iter().any(u8::is_ascii_lowercase)
}

pub(crate) fn istitle(s: &[u8]) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for &c in s {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// CPython's `ADJUST_INDICES`: clamps `start` / `end` (already defaulted) against `len`.
pub(crate) fn adjust(start: i64, end: i64, len: usize) -> (i64, i64) {
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    let mut s = start;
    let mut e = end;
    if e > len {
        e = len;
    } else if e < 0 {
        e = (e + len).max(0);
    }
    if s < 0 {
        s = (s + len).max(0);
    }
    (s, e)
}

fn to_usize(i: i64) -> usize {
    usize::try_from(i).unwrap_or(0)
}

/// First index of `sub` in `hay[start..end]` (bounds already adjusted), as an index of `hay`.
pub(crate) fn find(hay: &[u8], sub: &[u8], start: i64, end: i64) -> Option<usize> {
    if end - start < i64::try_from(sub.len()).unwrap_or(i64::MAX) {
        return None;
    }
    let (s, e) = (to_usize(start), to_usize(end));
    let window = hay.get(s..e)?;
    if sub.is_empty() {
        return Some(s);
    }
    window
        .windows(sub.len())
        .position(|w| w == sub)
        .map(|p| p + s)
}

/// Last index of `sub` in `hay[start..end]`.
pub(crate) fn rfind(hay: &[u8], sub: &[u8], start: i64, end: i64) -> Option<usize> {
    if end - start < i64::try_from(sub.len()).unwrap_or(i64::MAX) {
        return None;
    }
    let (s, e) = (to_usize(start), to_usize(end));
    let window = hay.get(s..e)?;
    if sub.is_empty() {
        return Some(e);
    }
    window
        .windows(sub.len())
        .rposition(|w| w == sub)
        .map(|p| p + s)
}

/// Non-overlapping occurrences of `sub` in `hay[start..end]`.
pub(crate) fn count(hay: &[u8], sub: &[u8], start: i64, end: i64) -> usize {
    if end - start < i64::try_from(sub.len()).unwrap_or(i64::MAX) {
        return 0;
    }
    let (s, e) = (to_usize(start), to_usize(end));
    let Some(window) = hay.get(s..e) else {
        return 0;
    };
    if sub.is_empty() {
        return window.len() + 1;
    }
    let mut n = 0;
    let mut i = 0;
    while i + sub.len() <= window.len() {
        if &window[i..i + sub.len()] == sub {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    n
}

/// `startswith` (`at_end == false`) / `endswith` on `s[start:end]`, CPython's tail match.
pub(crate) fn tailmatch(s: &[u8], sub: &[u8], start: i64, end: i64, at_end: bool) -> bool {
    let len = i64::try_from(s.len()).unwrap_or(i64::MAX);
    let slen = i64::try_from(sub.len()).unwrap_or(i64::MAX);
    let (mut start, end) = adjust(start, end, s.len());
    if !at_end {
        if start > len - slen {
            return false;
        }
    } else {
        if end - start < slen || start > len {
            return false;
        }
        if end - slen > start {
            start = end - slen;
        }
    }
    if end - start < slen {
        return false;
    }
    let st = to_usize(start);
    s.get(st..st + sub.len()) == Some(sub)
}

/// `replace(old, new, count)`; `count < 0` replaces all.
pub(crate) fn replace(s: &[u8], old: &[u8], new: &[u8], count: i64) -> Vec<u8> {
    let mut left = if count < 0 {
        usize::MAX
    } else {
        to_usize(count)
    };
    let mut out = Vec::with_capacity(s.len());
    if old.is_empty() {
        for &c in s {
            if left > 0 {
                out.extend_from_slice(new);
                left -= 1;
            }
            out.push(c);
        }
        if left > 0 {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut i = 0;
    while i < s.len() {
        if left > 0 && s[i..].starts_with(old) {
            out.extend_from_slice(new);
            i += old.len();
            left -= 1;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

/// `split()` on ASCII whitespace.
pub(crate) fn split_whitespace(s: &[u8], maxsplit: i64) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 {
        usize::MAX
    } else {
        to_usize(maxsplit)
    };
    let mut i = 0;
    let n = s.len();
    loop {
        while i < n && is_space(s[i]) {
            i += 1;
        }
        if i >= n {
            break;
        }
        if left == 0 {
            out.push(&s[i..]);
            break;
        }
        let st = i;
        while i < n && !is_space(s[i]) {
            i += 1;
        }
        out.push(&s[st..i]);
        left -= 1;
    }
    out
}

/// `rsplit()` on ASCII whitespace.
pub(crate) fn rsplit_whitespace(s: &[u8], maxsplit: i64) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 {
        usize::MAX
    } else {
        to_usize(maxsplit)
    };
    let mut i = s.len();
    loop {
        while i > 0 && is_space(s[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        if left == 0 {
            out.push(&s[..i]);
            break;
        }
        let end = i;
        while i > 0 && !is_space(s[i - 1]) {
            i -= 1;
        }
        out.push(&s[i..end]);
        left -= 1;
    }
    out.reverse();
    out
}

/// `split(sep)` with a non-empty separator.
pub(crate) fn split_sep<'a>(s: &'a [u8], sep: &[u8], maxsplit: i64) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 {
        usize::MAX
    } else {
        to_usize(maxsplit)
    };
    let mut st = 0;
    let mut i = 0;
    while left > 0 && i + sep.len() <= s.len() {
        if &s[i..i + sep.len()] == sep {
            out.push(&s[st..i]);
            i += sep.len();
            st = i;
            left -= 1;
        } else {
            i += 1;
        }
    }
    out.push(&s[st..]);
    out
}

/// `rsplit(sep)` with a non-empty separator.
pub(crate) fn rsplit_sep<'a>(s: &'a [u8], sep: &[u8], maxsplit: i64) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 {
        usize::MAX
    } else {
        to_usize(maxsplit)
    };
    let mut end = s.len();
    let mut i = s.len();
    while left > 0 && i >= sep.len() {
        if &s[i - sep.len()..i] == sep {
            out.push(&s[i..end]);
            i -= sep.len();
            end = i;
            left -= 1;
        } else {
            i -= 1;
        }
    }
    out.push(&s[..end]);
    out.reverse();
    out
}

/// `splitlines(keepends)`: `\n`, `\r` and `\r\n` end lines.
pub(crate) fn splitlines(s: &[u8], keepends: bool) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = s.len();
    while i < n {
        let st = i;
        while i < n && s[i] != b'\n' && s[i] != b'\r' {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if s[i] == b'\r' && i + 1 < n && s[i + 1] == b'\n' {
                i += 2;
            } else {
                i += 1;
            }
            if keepends {
                eol = i;
            }
        }
        out.push(&s[st..eol]);
    }
    out
}

/// `strip` / `lstrip` / `rstrip`; `chars == None` strips ASCII whitespace.
pub(crate) fn strip<'a>(s: &'a [u8], chars: Option<&[u8]>, left: bool, right: bool) -> &'a [u8] {
    let drop = |c: u8| match chars {
        Some(cs) => cs.contains(&c),
        None => is_space(c),
    };
    let mut b = 0;
    let mut e = s.len();
    if left {
        while b < e && drop(s[b]) {
            b += 1;
        }
    }
    if right {
        while e > b && drop(s[e - 1]) {
            e -= 1;
        }
    }
    &s[b..e]
}

/// `expandtabs(tabsize)`.
pub(crate) fn expandtabs(s: &[u8], tabsize: i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut col: i64 = 0;
    for &c in s {
        match c {
            b'\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.extend(std::iter::repeat(b' ').take(to_usize(n)));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// `center` / `ljust` / `rjust` padding; `which` is `'c'`, `'l'` or `'r'`.
pub(crate) fn pad(s: &[u8], width: i64, fill: u8, which: char) -> Vec<u8> {
    let len = i64::try_from(s.len()).unwrap_or(i64::MAX);
    if width <= len {
        return s.to_vec();
    }
    let marg = width - len;
    let left = match which {
        'l' => 0,
        'r' => marg,
        _ => marg / 2 + (marg & width & 1),
    };
    let mut out = Vec::with_capacity(to_usize(width));
    out.extend(std::iter::repeat(fill).take(to_usize(left)));
    out.extend_from_slice(s);
    out.extend(std::iter::repeat(fill).take(to_usize(marg - left)));
    out
}

/// `zfill(width)`.
pub(crate) fn zfill(s: &[u8], width: i64) -> Vec<u8> {
    let len = i64::try_from(s.len()).unwrap_or(i64::MAX);
    if width <= len {
        return s.to_vec();
    }
    let fill = to_usize(width - len);
    let mut out = Vec::with_capacity(to_usize(width));
    match s.first() {
        Some(&c @ (b'+' | b'-')) => {
            out.push(c);
            out.extend(std::iter::repeat(b'0').take(fill));
            out.extend_from_slice(&s[1..]);
        }
        _ => {
            out.extend(std::iter::repeat(b'0').take(fill));
            out.extend_from_slice(s);
        }
    }
    out
}

/// `hex(sep, bytes_per_sep)`: lowercase hex digits, `sep` inserted every `|per|` bytes counted
/// from the right (`per > 0`) or from the left (`per < 0`).
pub(crate) fn hex(s: &[u8], sep: Option<char>, per: i64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(s.len() * 3);
    let group = usize::try_from(per.unsigned_abs()).unwrap_or(usize::MAX);
    let sep = sep.filter(|_| group > 0 && !s.is_empty());
    for (i, &b) in s.iter().enumerate() {
        if let Some(c) = sep {
            if i > 0 {
                let boundary = if per > 0 {
                    (s.len() - i) % group == 0
                } else {
                    i % group == 0
                };
                if boundary {
                    out.push(c);
                }
            }
        }
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// `bytes.fromhex(s)`: ASCII whitespace between byte pairs is skipped. The error is the
/// character position of the first invalid digit.
pub(crate) fn fromhex(s: &str) -> Result<Vec<u8>, usize> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(cs.len() / 2);
    let mut i = 0;
    let digit = |c: Option<&char>| {
        c.and_then(|c| c.to_digit(16))
            .and_then(|d| u8::try_from(d).ok())
    };
    loop {
        while i < cs.len() && cs[i].is_ascii() && is_space(cs[i] as u8) {
            i += 1;
        }
        if i >= cs.len() {
            break;
        }
        let hi = digit(cs.get(i)).ok_or(i)?;
        i += 1;
        let lo = digit(cs.get(i)).ok_or(i)?;
        i += 1;
        out.push(hi * 16 + lo);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn searching_follows_cpython_index_rules() {
        let (s, e) = adjust(0, i64::MAX, 3);
        assert_eq!(find(b"abc", b"", 5, e), None);
        assert_eq!(find(b"abc", b"", 3, e), Some(3));
        assert_eq!(find(b"hello", b"l", 3, 4), Some(3));
        assert_eq!(rfind(b"hello", b"l", s, 5), Some(3));
        assert_eq!(count(b"abcabc", b"bc", 2, 6), 1);
        assert_eq!(count(b"abc", b"", 0, 3), 4);
        assert!(tailmatch(b"Hello", b"Hell", 0, i64::MAX, false));
        assert!(tailmatch(b"Hello", b"lo", 0, i64::MAX, true));
        assert!(!tailmatch(b"Hello", b"lo", 0, 4, true));
    }

    #[test]
    fn splitting_and_padding() {
        assert_eq!(
            split_whitespace(b"  a b  c ", 1),
            vec![&b"a"[..], &b"b  c "[..]]
        );
        assert_eq!(rsplit_whitespace(b" a b ", 1), vec![&b" a"[..], &b"b"[..]]);
        assert_eq!(
            rsplit_whitespace(b" a b  c ", 1),
            vec![&b" a b"[..], &b"c"[..]]
        );
        assert_eq!(split_sep(b"a,b,c", b",", 1), vec![&b"a"[..], &b"b,c"[..]]);
        assert_eq!(rsplit_sep(b"k=v=w", b"=", 1), vec![&b"k=v"[..], &b"w"[..]]);
        assert_eq!(
            splitlines(b"a\r\nb\rc\n", true),
            vec![&b"a\r\n"[..], &b"b\r"[..], &b"c\n"[..]]
        );
        assert_eq!(pad(b"ab", 6, b'*', 'c'), b"**ab**");
        assert_eq!(pad(b"a", 4, b'*', 'c'), b"*a**");
        assert_eq!(zfill(b"-42", 6), b"-00042");
        assert_eq!(replace(b"ab", b"", b"-", -1), b"-a-b-");
        assert_eq!(title(b"hello wORLD"), b"Hello World");
        assert!(istitle(b"Title Me"));
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(hex(b"abcdef", Some(':'), 2), "6162:6364:6566");
        assert_eq!(hex(b"abcde", Some(':'), 2), "61:6263:6465");
        assert_eq!(hex(b"abcde", Some(':'), -2), "6162:6364:65");
        assert_eq!(fromhex("de ad BE EF"), Ok(vec![0xde, 0xad, 0xbe, 0xef]));
        assert_eq!(fromhex("0"), Err(1));
        assert_eq!(fromhex(" 1"), Err(2));
        assert_eq!(fromhex("0g"), Err(1));
    }
}
