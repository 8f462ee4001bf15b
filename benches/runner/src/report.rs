//! Results and their three renderings: a plain-text table for the terminal, Markdown, and JSON.

use crate::stats::{geomean, median};
use std::fmt::Write;

/// How one program's comparison ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Both ran every time and printed the same output.
    Ok,
    /// Both ran, but pyvm's stdout differs from CPython's.
    Mismatch,
    /// pyvm exited with an error, crashed or timed out (the detail says which).
    PyvmFailed(String),
    /// CPython itself failed: nothing to compare with.
    CpythonFailed(String),
    /// Not run at all (e.g. no committed `.pyc`).
    Skipped(String),
}

impl Outcome {
    pub fn describe(&self) -> String {
        match self {
            Outcome::Ok => "ok".to_owned(),
            Outcome::Mismatch => "MISMATCH: stdout differs from CPython's".to_owned(),
            Outcome::PyvmFailed(d) => format!("pyvm FAILED: {d}"),
            Outcome::CpythonFailed(d) => format!("CPython failed: {d}"),
            Outcome::Skipped(d) => format!("skipped: {d}"),
        }
    }

    fn key(&self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Mismatch => "mismatch",
            Outcome::PyvmFailed(_) => "pyvm_failed",
            Outcome::CpythonFailed(_) => "cpython_failed",
            Outcome::Skipped(_) => "skipped",
        }
    }

    fn detail(&self) -> Option<&str> {
        match self {
            Outcome::PyvmFailed(d) | Outcome::CpythonFailed(d) | Outcome::Skipped(d) => Some(d),
            Outcome::Ok | Outcome::Mismatch => None,
        }
    }
}

/// One program: the wall times (seconds) of its successful runs under each interpreter.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub name: String,
    pub pyvm: Vec<f64>,
    pub cpython: Vec<f64>,
    pub outcome: Outcome,
    pub pyvm_rss_kib: Option<u64>,
    pub cpython_rss_kib: Option<u64>,
}

impl Row {
    pub fn new(name: &str) -> Row {
        Row {
            name: name.to_owned(),
            pyvm: Vec::new(),
            cpython: Vec::new(),
            outcome: Outcome::Ok,
            pyvm_rss_kib: None,
            cpython_rss_kib: None,
        }
    }

    pub fn pyvm_median(&self) -> Option<f64> {
        median(&self.pyvm)
    }

    pub fn cpython_median(&self) -> Option<f64> {
        median(&self.cpython)
    }

    /// pyvm's median over CPython's: only for correct results, so a wrong answer never counts as fast.
    pub fn ratio(&self) -> Option<f64> {
        if self.outcome != Outcome::Ok {
            return None;
        }
        let (p, c) = (self.pyvm_median()?, self.cpython_median()?);
        (c > 0.0).then(|| p / c)
    }
}

/// A group of programs run together (`programs` or `micro`).
#[derive(Debug, Clone, PartialEq)]
pub struct Suite {
    pub name: String,
    pub dir: String,
    pub rows: Vec<Row>,
    /// Whether the rows carry peak RSS figures (`--rss`).
    pub rss: bool,
}

impl Suite {
    /// The geometric mean of the ratios of the correct programs, and how many there were.
    pub fn geomean(&self) -> (Option<f64>, usize) {
        let ratios: Vec<f64> = self.rows.iter().filter_map(Row::ratio).collect();
        (geomean(&ratios), ratios.len())
    }
}

/// Start-up time and memory of a hello-world program.
#[derive(Debug, Clone, PartialEq)]
pub struct Startup {
    pub program: String,
    pub runs: usize,
    pub pyvm: Vec<f64>,
    pub cpython: Vec<f64>,
    /// CPU time (user + system, seconds) of each run, where the platform reports it.
    pub pyvm_cpu: Vec<f64>,
    pub cpython_cpu: Vec<f64>,
    /// Wall times of an empty process (`/bin/true`) run the same way: the part of both
    /// interpreters' wall times that is process creation and the runner's own overhead.
    pub empty_process: Vec<f64>,
    pub pyvm_rss_kib: Result<u64, String>,
    pub cpython_rss_kib: Result<u64, String>,
    pub outcome: Outcome,
}

/// What the whole report is about.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub cpython_version: String,
    pub cpython_exe: String,
    pub cpython_found_as: String,
    pub pyvm_exe: String,
    pub commit: Option<String>,
    pub runs: usize,
    pub scale: Option<String>,
    pub machine: String,
    pub notes: Vec<String>,
}

fn secs(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |s| format!("{s:.3}"))
}

fn millis(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |s| format!("{:.1}", s * 1000.0))
}

fn ratio(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |r| format!("{r:.2}x"))
}

#[allow(clippy::cast_precision_loss)] // KiB counts are far below 2^52
fn mib(v: Option<u64>) -> String {
    v.map_or_else(|| "-".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0))
}

/// Header cells, then one line of cells per row (the last line is the geometric mean).
fn suite_cells(suite: &Suite) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let mut headers = vec!["program", "pyvm (s)", "CPython (s)", "pyvm/CPython"];
    if suite.rss {
        headers.extend(["pyvm RSS (MiB)", "CPython RSS (MiB)"]);
    }
    headers.push("status");
    let mut lines = Vec::new();
    for row in &suite.rows {
        let mut cells = vec![
            row.name.clone(),
            secs(row.pyvm_median()),
            secs(row.cpython_median()),
            ratio(row.ratio()),
        ];
        if suite.rss {
            cells.push(mib(row.pyvm_rss_kib));
            cells.push(mib(row.cpython_rss_kib));
        }
        cells.push(row.outcome.describe());
        lines.push(cells);
    }
    let (g, n) = suite.geomean();
    let mut last = vec![
        format!("geometric mean ({n} of {})", suite.rows.len()),
        String::new(),
        String::new(),
        ratio(g),
    ];
    if suite.rss {
        last.extend([String::new(), String::new()]);
    }
    last.push(String::new());
    lines.push(last);
    (headers, lines)
}

/// Left-aligns the first column (and the last one if it is a `status`), right-aligns the numbers.
fn text_grid(headers: &[&str], lines: &[Vec<String>], rule_before_last: bool) -> String {
    let status_last = headers.last().is_some_and(|h| *h == "status");
    let cols = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for line in lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let render = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            if i == 0 {
                let _ = write!(s, "{cell:<w$}");
            } else if status_last && i + 1 == cols {
                s.push_str(cell);
            } else {
                let _ = write!(s, "{cell:>w$}");
            }
        }
        s.truncate(s.trim_end().len());
        s.push('\n');
        s
    };
    let mut out = render(&mut headers.iter().copied());
    for (i, line) in lines.iter().enumerate() {
        if rule_before_last && i + 1 == lines.len() {
            let total: usize = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
            out.push_str(&"-".repeat(total.min(100)));
            out.push('\n');
        }
        out.push_str(&render(&mut line.iter().map(String::as_str)));
    }
    out
}

fn suite_title(meta: &Meta, suite: &Suite) -> String {
    let scale = meta
        .scale
        .as_ref()
        .map(|s| format!(", scale {s}"))
        .unwrap_or_default();
    format!(
        "{} ({}): median wall time of {} runs each{scale}; pyvm vs CPython {}",
        suite.name, suite.dir, meta.runs, meta.cpython_version
    )
}

fn meta_lines(meta: &Meta) -> Vec<String> {
    let mut v = vec![
        format!(
            "CPython {} at {} (found as {})",
            meta.cpython_version, meta.cpython_exe, meta.cpython_found_as
        ),
        format!(
            "pyvm at {}{}",
            meta.pyvm_exe,
            meta.commit
                .as_ref()
                .map(|c| format!(" (commit {c})"))
                .unwrap_or_default()
        ),
    ];
    if !meta.machine.is_empty() {
        v.push(format!("machine: {}", meta.machine));
    }
    v.extend(meta.notes.iter().cloned());
    v
}

fn startup_cells(s: &Startup) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let headers = vec!["", "pyvm run", "python -S", "pyvm/CPython"];
    let t = |v: &[f64]| median(v);
    let time_ratio = match (s.outcome == Outcome::Ok, t(&s.pyvm), t(&s.cpython)) {
        (true, Some(p), Some(c)) if c > 0.0 => Some(p / c),
        _ => None,
    };
    #[allow(clippy::cast_precision_loss)]
    let rss_ratio = match (&s.pyvm_rss_kib, &s.cpython_rss_kib) {
        (Ok(p), Ok(c)) if *c > 0 => Some(*p as f64 / *c as f64),
        _ => None,
    };
    let ratio_of = |p: Option<f64>, c: Option<f64>| match (s.outcome == Outcome::Ok, p, c) {
        (true, Some(p), Some(c)) if c > 0.0 => Some(p / c),
        _ => None,
    };
    let cpu_ratio = ratio_of(t(&s.pyvm_cpu), t(&s.cpython_cpu));
    let mut lines = vec![vec![
        "median wall time (ms)".to_owned(),
        millis(t(&s.pyvm)),
        millis(t(&s.cpython)),
        ratio(time_ratio),
    ]];
    // The same less an empty process's median: what each interpreter adds to process creation.
    if let Some(e) = t(&s.empty_process) {
        let less = |v: Option<f64>| v.map(|x| (x - e).max(0.0));
        let (p, c) = (less(t(&s.pyvm)), less(t(&s.cpython)));
        lines.push(vec![
            "  less an empty process (ms)".to_owned(),
            millis(p),
            millis(c),
            ratio(ratio_of(p, c)),
        ]);
    }
    if !s.pyvm_cpu.is_empty() || !s.cpython_cpu.is_empty() {
        lines.push(vec![
            "median CPU time, user+sys (ms)".to_owned(),
            millis(t(&s.pyvm_cpu)),
            millis(t(&s.cpython_cpu)),
            ratio(cpu_ratio),
        ]);
    }
    lines.extend([vec![
        "peak RSS (MiB)".to_owned(),
        mib(s.pyvm_rss_kib.as_ref().ok().copied()),
        mib(s.cpython_rss_kib.as_ref().ok().copied()),
        ratio(rss_ratio),
    ]]);
    (headers, lines)
}

fn startup_notes(s: &Startup) -> Vec<String> {
    let mut v = Vec::new();
    if s.outcome != Outcome::Ok {
        v.push(s.outcome.describe());
    }
    if let Some(e) = median(&s.empty_process) {
        v.push(format!(
            "an empty process (/bin/true) run the same way takes {:.1} ms of wall time",
            e * 1000.0
        ));
    }
    if let Err(e) = &s.pyvm_rss_kib {
        v.push(format!("pyvm peak RSS not measured: {e}"));
    }
    if let Err(e) = &s.cpython_rss_kib {
        v.push(format!("CPython peak RSS not measured: {e}"));
    }
    v
}

fn startup_title(s: &Startup) -> String {
    format!(
        "startup ({}): median wall time of {} runs each; peak RSS from {} -v",
        s.program,
        s.runs,
        crate::exec::TIME_BINARY
    )
}

/// The plain-text report of one suite, for the terminal.
pub fn text_suite(meta: &Meta, suite: &Suite) -> String {
    let (h, l) = suite_cells(suite);
    format!(
        "{}\n\n{}",
        suite_title(meta, suite),
        text_grid(&h, &l, true)
    )
}

/// The plain-text report of the startup measurement.
pub fn text_startup(s: &Startup) -> String {
    let (h, l) = startup_cells(s);
    let mut out = format!("{}\n\n{}", startup_title(s), text_grid(&h, &l, false));
    for n in startup_notes(s) {
        let _ = writeln!(out, "note: {n}");
    }
    out
}

/// The plain-text lines about the interpreters and the machine.
pub fn text_meta(meta: &Meta) -> String {
    meta_lines(meta).into_iter().map(|l| l + "\n").collect()
}

fn md_escape(cell: &str) -> String {
    cell.replace('|', "\\|")
}

fn md_grid(headers: &[&str], lines: &[Vec<String>], bold_last: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let aligns: Vec<&str> = (0..headers.len())
        .map(|i| {
            if i == 0 || i + 1 == headers.len() && headers.len() > 4 {
                "---"
            } else {
                "---:"
            }
        })
        .collect();
    let _ = writeln!(out, "|{}|", aligns.join("|"));
    for (i, line) in lines.iter().enumerate() {
        let bold = bold_last && i + 1 == lines.len();
        let cells: Vec<String> = line
            .iter()
            .map(|c| {
                if bold && !c.is_empty() {
                    format!("**{}**", md_escape(c))
                } else {
                    md_escape(c)
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// The whole report as Markdown.
pub fn markdown(meta: &Meta, suites: &[Suite], startup: Option<&Startup>) -> String {
    let mut out = String::new();
    for line in meta_lines(meta) {
        let _ = writeln!(out, "- {}", md_escape(&line));
    }
    for suite in suites {
        let (h, l) = suite_cells(suite);
        let _ = write!(
            out,
            "\n{}\n\n{}",
            suite_title(meta, suite),
            md_grid(&h, &l, true)
        );
    }
    if let Some(s) = startup {
        let (h, l) = startup_cells(s);
        let _ = write!(out, "\n{}\n\n{}", startup_title(s), md_grid(&h, &l, false));
        for n in startup_notes(s) {
            let _ = writeln!(out, "\nNote: {}", md_escape(&n));
        }
    }
    out
}

/// A JSON string literal.
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_num(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x}"),
        _ => "null".to_owned(),
    }
}

fn json_opt_str(v: Option<&str>) -> String {
    v.map_or_else(|| "null".to_owned(), json_str)
}

fn json_list(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|x| json_num(Some(*x))).collect();
    format!("[{}]", items.join(", "))
}

fn json_kib(v: Option<u64>) -> String {
    v.map_or_else(|| "null".to_owned(), |k| k.to_string())
}

/// The whole report as JSON: times in seconds, memory in KiB, `null` where there is no value.
pub fn json(meta: &Meta, suites: &[Suite], startup: Option<&Startup>) -> String {
    let mut out = String::from("{\n");
    let _ = writeln!(
        out,
        "  \"cpython\": {{\"version\": {}, \"executable\": {}, \"found_as\": {}}},",
        json_str(&meta.cpython_version),
        json_str(&meta.cpython_exe),
        json_str(&meta.cpython_found_as)
    );
    let _ = writeln!(
        out,
        "  \"pyvm\": {{\"executable\": {}, \"commit\": {}}},",
        json_str(&meta.pyvm_exe),
        json_opt_str(meta.commit.as_deref())
    );
    let _ = writeln!(out, "  \"machine\": {},", json_str(&meta.machine));
    let _ = writeln!(out, "  \"runs\": {},", meta.runs);
    let _ = writeln!(out, "  \"scale\": {},", json_opt_str(meta.scale.as_deref()));
    let notes: Vec<String> = meta.notes.iter().map(|n| json_str(n)).collect();
    let _ = writeln!(out, "  \"notes\": [{}],", notes.join(", "));
    out.push_str("  \"suites\": [");
    for (i, suite) in suites.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        let (g, n) = suite.geomean();
        let _ = writeln!(
            out,
            "    {{\"name\": {}, \"dir\": {}, \"geomean_ratio\": {}, \"programs_in_geomean\": {n}, \"results\": [",
            json_str(&suite.name),
            json_str(&suite.dir),
            json_num(g)
        );
        for (j, row) in suite.rows.iter().enumerate() {
            let _ = writeln!(
                out,
                "      {{\"name\": {}, \"status\": {}, \"detail\": {}, \"pyvm_median_s\": {}, \"cpython_median_s\": {}, \
                 \"ratio\": {}, \"pyvm_times_s\": {}, \"cpython_times_s\": {}, \"pyvm_peak_rss_kib\": {}, \
                 \"cpython_peak_rss_kib\": {}}}{}",
                json_str(&row.name),
                json_str(row.outcome.key()),
                json_opt_str(row.outcome.detail()),
                json_num(row.pyvm_median()),
                json_num(row.cpython_median()),
                json_num(row.ratio()),
                json_list(&row.pyvm),
                json_list(&row.cpython),
                json_kib(row.pyvm_rss_kib),
                json_kib(row.cpython_rss_kib),
                if j + 1 == suite.rows.len() { "" } else { "," }
            );
        }
        out.push_str("    ]}");
    }
    out.push_str(if suites.is_empty() {
        "],\n"
    } else {
        "\n  ],\n"
    });
    match startup {
        None => out.push_str("  \"startup\": null\n"),
        Some(s) => {
            let _ = writeln!(
                out,
                "  \"startup\": {{\"program\": {}, \"status\": {}, \"detail\": {}, \"pyvm_median_s\": {}, \
                 \"cpython_median_s\": {}, \"pyvm_times_s\": {}, \"cpython_times_s\": {}, \"pyvm_peak_rss_kib\": {}, \
                 \"cpython_peak_rss_kib\": {}, \"rss_notes\": [{}], \"pyvm_cpu_s\": {}, \"cpython_cpu_s\": {}, \
                 \"empty_process_s\": {}}}",
                json_str(&s.program),
                json_str(s.outcome.key()),
                json_opt_str(s.outcome.detail()),
                json_num(median(&s.pyvm)),
                json_num(median(&s.cpython)),
                json_list(&s.pyvm),
                json_list(&s.cpython),
                json_kib(s.pyvm_rss_kib.as_ref().ok().copied()),
                json_kib(s.cpython_rss_kib.as_ref().ok().copied()),
                [&s.pyvm_rss_kib, &s.cpython_rss_kib]
                    .iter()
                    .filter_map(|r| r.as_ref().err().map(|e| json_str(e)))
                    .collect::<Vec<_>>()
                    .join(", "),
                json_list(&s.pyvm_cpu),
                json_list(&s.cpython_cpu),
                json_list(&s.empty_process)
            );
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn row(name: &str, pyvm: &[f64], cpython: &[f64], outcome: Outcome) -> Row {
        Row {
            pyvm: pyvm.to_vec(),
            cpython: cpython.to_vec(),
            outcome,
            ..Row::new(name)
        }
    }

    fn sample() -> (Meta, Suite) {
        let meta = Meta {
            cpython_version: "3.12.1".to_owned(),
            cpython_exe: "/usr/bin/python3.12".to_owned(),
            cpython_found_as: "python3.12 on PATH".to_owned(),
            pyvm_exe: "target/release/pyvm".to_owned(),
            commit: Some("abc1234".to_owned()),
            runs: 3,
            scale: None,
            machine: "test machine".to_owned(),
            notes: vec![],
        };
        let suite = Suite {
            name: "programs".to_owned(),
            dir: "benches/programs".to_owned(),
            rows: vec![
                row("fib", &[2.0, 2.2, 1.9], &[1.0, 1.1, 0.9], Outcome::Ok),
                row("nbody", &[0.5, 0.5, 0.5], &[1.0, 1.0, 1.0], Outcome::Ok),
                row(
                    "wrong",
                    &[0.01, 0.01, 0.01],
                    &[1.0, 1.0, 1.0],
                    Outcome::Mismatch,
                ),
                row(
                    "broken",
                    &[],
                    &[1.0],
                    Outcome::PyvmFailed("exit 1: NameError: name 'x' is not defined".to_owned()),
                ),
            ],
            rss: false,
        };
        (meta, suite)
    }

    #[test]
    fn ratios_only_for_correct_results() {
        let (_, suite) = sample();
        assert_eq!(suite.rows[0].ratio(), Some(2.0));
        assert_eq!(suite.rows[1].ratio(), Some(0.5));
        // a fast wrong answer is not a speed-up
        assert_eq!(suite.rows[2].ratio(), None);
        assert_eq!(suite.rows[3].ratio(), None);
        let (g, n) = suite.geomean();
        assert_eq!(n, 2);
        assert!((g.unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn text_table_layout() {
        let (meta, suite) = sample();
        let text = text_suite(&meta, &suite);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "programs (benches/programs): median wall time of 3 runs each; pyvm vs CPython 3.12.1"
        );
        assert_eq!(lines[1], "");
        assert_eq!(
            lines[2],
            "program                  pyvm (s)  CPython (s)  pyvm/CPython  status"
        );
        assert_eq!(
            lines[3],
            "fib                         2.000        1.000         2.00x  ok"
        );
        assert_eq!(lines[5], "wrong                       0.010        1.000             -  MISMATCH: stdout differs from CPython's");
        assert_eq!(
            lines[6],
            "broken                          -        1.000             -  pyvm FAILED: exit 1: NameError: name 'x' is not defined"
        );
        assert!(lines[7].starts_with("-----"));
        assert_eq!(
            lines[8],
            "geometric mean (2 of 4)                                1.00x"
        );
        assert_eq!(lines.len(), 9);
    }

    #[test]
    fn markdown_table() {
        let (meta, suite) = sample();
        let md = markdown(&meta, &[suite], None);
        assert!(md.starts_with(
            "- CPython 3.12.1 at /usr/bin/python3.12 (found as python3.12 on PATH)\n"
        ));
        assert!(md.contains("\n| program | pyvm (s) | CPython (s) | pyvm/CPython | status |\n|---|---:|---:|---:|---|\n"));
        assert!(md.contains("\n| fib | 2.000 | 1.000 | 2.00x | ok |\n"));
        assert!(md.contains("\n| **geometric mean (2 of 4)** |  |  | **1.00x** |  |\n"));
    }

    #[test]
    fn json_output() {
        let (meta, suite) = sample();
        let j = json(&meta, &[suite], None);
        assert!(j.contains("\"cpython\": {\"version\": \"3.12.1\""));
        assert!(j.contains("\"geomean_ratio\": 1,"));
        assert!(j.contains(
            "{\"name\": \"fib\", \"status\": \"ok\", \"detail\": null, \"pyvm_median_s\": 2, \"cpython_median_s\": 1, \"ratio\": 2,"
        ));
        assert!(j.contains("\"status\": \"pyvm_failed\", \"detail\": \"exit 1: NameError: name 'x' is not defined\""));
        assert!(j.contains("\"pyvm_times_s\": [], \"cpython_times_s\": [1],"));
        assert!(j.ends_with("  \"startup\": null\n}\n"));
        // brackets and braces balance (no string in the sample contains one)
        let opens = j.matches(['{', '[']).count();
        let closes = j.matches(['}', ']']).count();
        assert_eq!(opens, closes);
    }

    #[test]
    fn json_string_escapes() {
        assert_eq!(json_str("a\"b\\c\nd\u{1}é"), "\"a\\\"b\\\\c\\nd\\u0001é\"");
    }

    #[test]
    fn startup_table() {
        let s = Startup {
            program: "benches/startup/hello.py".to_owned(),
            runs: 4,
            pyvm: vec![0.002, 0.003, 0.002, 0.002],
            cpython: vec![0.010, 0.012, 0.011, 0.010],
            pyvm_cpu: vec![0.0015, 0.0016, 0.0015, 0.0014],
            cpython_cpu: vec![0.009, 0.010, 0.009, 0.009],
            empty_process: vec![0.001, 0.001, 0.001, 0.001],
            pyvm_rss_kib: Ok(2048),
            cpython_rss_kib: Err("/usr/bin/time is not present".to_owned()),
            outcome: Outcome::Ok,
        };
        let text = text_startup(&s);
        assert!(
            text.contains("median wall time (ms)                2.0       10.5         0.19x\n"),
            "{text}"
        );
        assert!(
            text.contains("  less an empty process (ms)         1.0        9.5         0.11x\n"),
            "{text}"
        );
        assert!(
            text.contains("median CPU time, user+sys (ms)       1.5        9.0         0.17x\n"),
            "{text}"
        );
        assert!(
            text.contains("peak RSS (MiB)                       2.0          -             -\n"),
            "{text}"
        );
        assert!(text.contains(
            "note: an empty process (/bin/true) run the same way takes 1.0 ms of wall time\n"
        ));
        assert!(
            text.contains("note: CPython peak RSS not measured: /usr/bin/time is not present\n")
        );
    }
}
