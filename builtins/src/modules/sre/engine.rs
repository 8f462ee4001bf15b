//! The `_sre` matcher: a backtracking machine over the code words `re._compiler` produces.
//!
//! Nothing here recurses on the Rust stack per character. Choice points live on an explicit
//! backtrack stack; every change of state that backtracking must undo (marks, `lastmark`,
//! `lastindex`, the repeat contexts, sub-match frames) is recorded on an undo trail, and a
//! choice point remembers the trail length to unwind to. Sub-matches that commit (lookaround,
//! atomic groups, possessive repeats) are frames: reaching their `SUCCESS` cuts the backtrack
//! stack back to where the frame began.
//!
//! The code comes from Python and may be malformed: every read is bounds-checked, and an
//! impossible instruction ends the match with [`EngineError::Illegal`].

use super::chars;

/// `MAXREPEAT`: the repeat bound that means "unbounded".
pub(crate) const MAXREPEAT: u32 = u32::MAX;

mod op {
    pub const FAILURE: u32 = 0;
    pub const SUCCESS: u32 = 1;
    pub const ANY: u32 = 2;
    pub const ANY_ALL: u32 = 3;
    pub const ASSERT: u32 = 4;
    pub const ASSERT_NOT: u32 = 5;
    pub const AT: u32 = 6;
    pub const BRANCH: u32 = 7;
    pub const CATEGORY: u32 = 8;
    pub const CHARSET: u32 = 9;
    pub const BIGCHARSET: u32 = 10;
    pub const GROUPREF: u32 = 11;
    pub const GROUPREF_EXISTS: u32 = 12;
    pub const IN: u32 = 13;
    pub const INFO: u32 = 14;
    pub const JUMP: u32 = 15;
    pub const LITERAL: u32 = 16;
    pub const MARK: u32 = 17;
    pub const MAX_UNTIL: u32 = 18;
    pub const MIN_UNTIL: u32 = 19;
    pub const NOT_LITERAL: u32 = 20;
    pub const NEGATE: u32 = 21;
    pub const RANGE: u32 = 22;
    pub const REPEAT: u32 = 23;
    pub const REPEAT_ONE: u32 = 24;
    pub const MIN_REPEAT_ONE: u32 = 26;
    pub const ATOMIC_GROUP: u32 = 27;
    pub const POSSESSIVE_REPEAT: u32 = 28;
    pub const POSSESSIVE_REPEAT_ONE: u32 = 29;
    pub const GROUPREF_IGNORE: u32 = 30;
    pub const IN_IGNORE: u32 = 31;
    pub const LITERAL_IGNORE: u32 = 32;
    pub const NOT_LITERAL_IGNORE: u32 = 33;
    pub const GROUPREF_LOC_IGNORE: u32 = 34;
    pub const IN_LOC_IGNORE: u32 = 35;
    pub const LITERAL_LOC_IGNORE: u32 = 36;
    pub const NOT_LITERAL_LOC_IGNORE: u32 = 37;
    pub const GROUPREF_UNI_IGNORE: u32 = 38;
    pub const IN_UNI_IGNORE: u32 = 39;
    pub const LITERAL_UNI_IGNORE: u32 = 40;
    pub const NOT_LITERAL_UNI_IGNORE: u32 = 41;
    pub const RANGE_UNI_IGNORE: u32 = 42;
}

/// INFO flags.
const INFO_PREFIX: u32 = 1;
const INFO_CHARSET: u32 = 4;

/// How many machine steps pass between two polls of the host's limits (each poll counts one
/// unit of fuel).
const POLL_EVERY: u32 = 1;

/// How deeply sub-matches for counting repeated items may nest.
const MAX_DEPTH: usize = 64;

/// Why a match could not be decided.
#[derive(Debug)]
#[non_exhaustive]
pub(crate) enum EngineError<E> {
    /// The code is malformed (`RuntimeError: internal error in regular expression engine`).
    Illegal,
    /// Sub-matches nested too deeply.
    TooDeep,
    /// The host's poll failed (fuel, interrupt, heap budget).
    Host(E),
}

type Res<T, E> = Result<T, EngineError<E>>;

/// A successful match: the span of group 0 and the spans of the other groups.
#[derive(Debug, Clone)]
pub(crate) struct Capture {
    pub start: usize,
    pub end: usize,
    /// `2 * groups` marks; a group whose two marks are both `Some` took part in the match.
    pub marks: Vec<Option<usize>>,
    pub lastindex: isize,
}

impl Capture {
    /// The span of group `g` (1-based), if it took part.
    pub fn group(&self, g: usize) -> Option<(usize, usize)> {
        let i = g.checked_sub(1)? * 2;
        match (self.marks.get(i), self.marks.get(i + 1)) {
            (Some(Some(a)), Some(Some(b))) => Some((*a, *b)),
            _ => None,
        }
    }
}

/// What one match or search is asked to do.
pub(crate) struct Request<'a> {
    pub code: &'a [u32],
    pub text: &'a [u32],
    pub start: usize,
    pub end: usize,
    pub groups: usize,
    /// `fullmatch`: the match must end at `end`.
    pub match_all: bool,
    /// The match may not be empty at `start` (after an empty match in `findall`, `sub`, …).
    pub must_advance: bool,
}

#[derive(Clone, Copy)]
struct Rep {
    /// Index of the REPEAT's first operand (its skip).
    at: usize,
    count: i64,
    last: Option<usize>,
}

#[derive(Clone, Copy)]
enum FrameKind {
    Assert {
        saved_pos: usize,
    },
    AssertNot,
    Atomic,
    /// One iteration of a possessive repeat.
    Poss {
        body: usize,
        tail: usize,
        min: u32,
        max: u32,
        count: u32,
        iter_start: usize,
    },
}

#[derive(Clone, Copy)]
struct Frame {
    kind: FrameKind,
    cont: usize,
    bt_len: usize,
}

enum Undo {
    Mark(usize, Option<usize>),
    LastMark(isize),
    LastIndex(isize),
    Rep(usize, i64, Option<usize>),
    RepPush,
    RepPop(Rep),
    FramePush,
    FramePop(Frame),
}

enum Bt {
    Branch {
        next: usize,
        pos: usize,
        trail: usize,
        keep: bool,
    },
    RepeatOne {
        tail: usize,
        start: usize,
        min: u32,
        count: usize,
        lit: Option<u32>,
        trail: usize,
        keep: bool,
    },
    MinRepeatOne {
        item: usize,
        tail: usize,
        max: u32,
        start: usize,
        count: usize,
        trail: usize,
        keep: bool,
    },
    MaxUntilTail {
        tail: usize,
        pos: usize,
        trail: usize,
    },
    MinUntilBody {
        pos: usize,
        trail: usize,
        keep: bool,
    },
    AssertNotFail {
        cont: usize,
        pos: usize,
        trail: usize,
        keep: bool,
    },
    PossDone {
        tail: usize,
        pos: usize,
        trail: usize,
    },
}

/// Where control goes after a step.
enum Flow {
    Next(usize),
    Fail,
    Done,
}

struct Machine<'a, 'p, E> {
    code: &'a [u32],
    s: &'a [u32],
    end: usize,
    /// Where this attempt began (for `must_advance`).
    origin: usize,
    toplevel: bool,
    match_all: bool,
    must_advance: bool,
    pos: usize,
    marks: Vec<Option<usize>>,
    lastmark: isize,
    lastindex: isize,
    reps: Vec<Rep>,
    frames: Vec<Frame>,
    bt: Vec<Bt>,
    trail: Vec<Undo>,
    steps: u32,
    depth: usize,
    poll: &'p mut dyn FnMut() -> Result<(), E>,
}

fn get<E>(code: &[u32], i: usize) -> Res<u32, E> {
    code.get(i).copied().ok_or(EngineError::Illegal)
}

fn idx(v: u32) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

/// `i + code[i]`: the target of a relative forward skip stored at `i`.
fn skip<E>(code: &[u32], i: usize) -> Res<usize, E> {
    let n = get(code, i)?;
    i.checked_add(idx(n)).ok_or(EngineError::Illegal)
}

/// Whether `ch` is in the set that starts at `p` (a sequence of set items ending in FAILURE).
pub(crate) fn in_charset<E>(code: &[u32], mut p: usize, ch: u32) -> Res<bool, E> {
    let mut ok = true;
    loop {
        let o = get(code, p)?;
        p += 1;
        match o {
            op::FAILURE => return Ok(!ok),
            op::LITERAL => {
                if ch == get(code, p)? {
                    return Ok(ok);
                }
                p += 1;
            }
            op::CATEGORY => {
                if chars::category(get(code, p)?, ch) == Some(true) {
                    return Ok(ok);
                }
                p += 1;
            }
            op::CHARSET => {
                if ch < 256 {
                    let w = get(code, p + idx(ch / 32))?;
                    if w & (1u32 << (ch & 31)) != 0 {
                        return Ok(ok);
                    }
                }
                p += 8;
            }
            op::RANGE => {
                if get(code, p)? <= ch && ch <= get(code, p + 1)? {
                    return Ok(ok);
                }
                p += 2;
            }
            op::RANGE_UNI_IGNORE => {
                let (lo, hi) = (get(code, p)?, get(code, p + 1)?);
                if lo <= ch && ch <= hi {
                    return Ok(ok);
                }
                let up = chars::upper_unicode(ch);
                if lo <= up && up <= hi {
                    return Ok(ok);
                }
                p += 2;
            }
            op::NEGATE => ok = !ok,
            op::BIGCHARSET => {
                let count = idx(get(code, p)?);
                p += 1;
                if ch < 0x10000 {
                    let hi = idx(ch >> 8);
                    let word = get(code, p + hi / 4)?;
                    let block = idx((word >> (8 * (hi % 4))) & 0xff);
                    let bit = block * 256 + idx(ch & 255);
                    let w = get(code, p + 64 + bit / 32)?;
                    if w & (1u32 << (bit % 32)) != 0 {
                        return Ok(ok);
                    }
                }
                p = count
                    .checked_mul(8)
                    .and_then(|n| n.checked_add(p + 64))
                    .ok_or(EngineError::Illegal)?;
            }
            _ => return Ok(false),
        }
    }
}

fn in_charset_loc<E>(code: &[u32], p: usize, ch: u32) -> Res<bool, E> {
    let lo = chars::lower_locale(ch);
    if in_charset(code, p, lo)? {
        return Ok(true);
    }
    let up = chars::upper_locale(ch);
    Ok(up != lo && in_charset(code, p, up)?)
}

/// Whether the single-character item at `p` (an opcode and its operands) matches `ch`.
/// `None` when the item is not one of the simple single-character forms.
fn simple_item<E>(code: &[u32], p: usize, ch: u32) -> Res<Option<bool>, E> {
    let o = get(code, p)?;
    let arg = || get::<E>(code, p + 1);
    Ok(Some(match o {
        op::ANY => ch != 0x0a,
        op::ANY_ALL => true,
        op::LITERAL => ch == arg()?,
        op::NOT_LITERAL => ch != arg()?,
        op::LITERAL_IGNORE => chars::lower_ascii(ch) == arg()?,
        op::NOT_LITERAL_IGNORE => chars::lower_ascii(ch) != arg()?,
        op::LITERAL_UNI_IGNORE => chars::lower_unicode(ch) == arg()?,
        op::NOT_LITERAL_UNI_IGNORE => chars::lower_unicode(ch) != arg()?,
        op::LITERAL_LOC_IGNORE => chars::char_loc_ignore(arg()?, ch),
        op::NOT_LITERAL_LOC_IGNORE => !chars::char_loc_ignore(arg()?, ch),
        op::CATEGORY => chars::category(arg()?, ch) == Some(true),
        op::IN => in_charset(code, p + 2, ch)?,
        op::IN_IGNORE => in_charset(code, p + 2, chars::lower_ascii(ch))?,
        op::IN_UNI_IGNORE => in_charset(code, p + 2, chars::lower_unicode(ch))?,
        op::IN_LOC_IGNORE => in_charset_loc(code, p + 2, ch)?,
        _ => return Ok(None),
    }))
}

impl<'a, 'p, E> Machine<'a, 'p, E> {
    fn new(req: &Request<'a>, poll: &'p mut dyn FnMut() -> Result<(), E>) -> Self {
        Machine {
            code: req.code,
            s: req.text,
            end: req.end,
            origin: req.start,
            toplevel: true,
            match_all: req.match_all,
            must_advance: req.must_advance,
            pos: req.start,
            marks: vec![None; req.groups.saturating_mul(2)],
            lastmark: -1,
            lastindex: -1,
            reps: Vec::new(),
            frames: Vec::new(),
            bt: Vec::new(),
            trail: Vec::new(),
            steps: 0,
            depth: 0,
            poll,
        }
    }

    fn reset(&mut self, start: usize, toplevel: bool) {
        self.pos = start;
        self.origin = start;
        self.toplevel = toplevel;
        self.lastmark = -1;
        self.lastindex = -1;
        self.reps.clear();
        self.frames.clear();
        self.bt.clear();
        self.trail.clear();
    }

    fn ch(&self, i: usize) -> Option<u32> {
        if i < self.end {
            self.s.get(i).copied()
        } else {
            None
        }
    }

    /// Unwinds the trail to `len`. With `keep_marks` the values of marks stay as they are
    /// (only `lastmark` / `lastindex` go back), as CPython does where it does not save the
    /// marks (outside any REPEAT); their undo records move above `len` so that an outer
    /// choice point still restores them.
    fn undo_to(&mut self, len: usize, keep_marks: bool) {
        let mut kept = Vec::new();
        while self.trail.len() > len {
            let Some(u) = self.trail.pop() else { break };
            match u {
                Undo::Mark(i, v) if keep_marks => kept.push(Undo::Mark(i, v)),
                Undo::Mark(i, v) => {
                    if let Some(m) = self.marks.get_mut(i) {
                        *m = v;
                    }
                }
                Undo::LastMark(v) => self.lastmark = v,
                Undo::LastIndex(v) => self.lastindex = v,
                Undo::Rep(i, c, l) => {
                    if let Some(r) = self.reps.get_mut(i) {
                        r.count = c;
                        r.last = l;
                    }
                }
                Undo::RepPush => {
                    self.reps.pop();
                }
                Undo::RepPop(r) => self.reps.push(r),
                Undo::FramePush => {
                    self.frames.pop();
                }
                Undo::FramePop(f) => self.frames.push(f),
            }
        }
        self.trail.extend(kept.into_iter().rev());
    }

    fn set_rep(&mut self, i: usize, count: i64, last: Option<usize>) {
        if let Some(r) = self.reps.get_mut(i) {
            self.trail.push(Undo::Rep(i, r.count, r.last));
            r.count = count;
            r.last = last;
        }
    }

    fn pop_rep(&mut self) {
        if let Some(r) = self.reps.pop() {
            self.trail.push(Undo::RepPop(r));
        }
    }

    fn push_frame(&mut self, f: Frame) {
        self.frames.push(f);
        self.trail.push(Undo::FramePush);
    }

    fn pop_frame(&mut self) -> Option<Frame> {
        let f = self.frames.pop()?;
        self.trail.push(Undo::FramePop(f));
        Some(f)
    }

    fn set_mark(&mut self, i: usize, pos: usize) -> Res<(), E> {
        if i >= self.marks.len() {
            return Err(EngineError::Illegal);
        }
        let ii = isize::try_from(i).map_err(|_| EngineError::Illegal)?;
        if i & 1 == 1 {
            self.trail.push(Undo::LastIndex(self.lastindex));
            self.lastindex = ii / 2 + 1;
        }
        if ii > self.lastmark {
            let from = usize::try_from(self.lastmark + 1).unwrap_or(0);
            for j in from..i {
                let old = self.marks[j].take();
                self.trail.push(Undo::Mark(j, old));
            }
            self.trail.push(Undo::LastMark(self.lastmark));
            self.lastmark = ii;
        }
        let old = self.marks[i].replace(pos);
        self.trail.push(Undo::Mark(i, old));
        Ok(())
    }

    /// The span of group `g` as backreferences see it.
    fn group_span(&self, g: u32) -> Res<Option<(usize, usize)>, E> {
        let gi = idx(g).checked_mul(2).ok_or(EngineError::Illegal)?;
        if isize::try_from(gi).map_or(true, |v| v >= self.lastmark) {
            return Ok(None);
        }
        let (a, b) = match (self.marks.get(gi), self.marks.get(gi + 1)) {
            (Some(a), Some(b)) => (*a, *b),
            _ => return Err(EngineError::Illegal),
        };
        Ok(match (a, b) {
            (Some(a), Some(b)) if b >= a => Some((a, b)),
            _ => None,
        })
    }

    fn tick(&mut self) -> Res<(), E> {
        self.steps += 1;
        if self.steps >= POLL_EVERY {
            self.steps = 0;
            (self.poll)().map_err(EngineError::Host)?;
        }
        Ok(())
    }

    /// How many times (up to `max`) the single-character item at `item` matches from `pos`.
    fn count(&mut self, item: usize, pos: usize, max: u32) -> Res<usize, E> {
        let limit = if max == MAXREPEAT {
            self.end
        } else {
            self.end.min(pos.saturating_add(idx(max)))
        };
        let mut p = pos;
        let o = get(self.code, item)?;
        if o == op::ANY_ALL {
            return Ok(limit.saturating_sub(pos));
        }
        while p < limit {
            let Some(ch) = self.ch(p) else { break };
            match simple_item(self.code, item, ch)? {
                Some(true) => p += 1,
                Some(false) => break,
                None => match self.sub_match(item, p)? {
                    Some(q) if q > p => p = q,
                    _ => break,
                },
            }
            if (p - pos) % 4096 == 0 {
                self.tick()?;
            }
        }
        Ok(p - pos)
    }

    /// Runs the code at `pc` (ending in SUCCESS) from `pos` as an independent sub-match.
    fn sub_match(&mut self, pc: usize, pos: usize) -> Res<Option<usize>, E> {
        if self.depth >= MAX_DEPTH {
            return Err(EngineError::TooDeep);
        }
        let mut sub = Machine {
            code: self.code,
            s: self.s,
            end: self.end,
            origin: pos,
            toplevel: false,
            match_all: false,
            must_advance: false,
            pos,
            marks: self.marks.clone(),
            lastmark: self.lastmark,
            lastindex: self.lastindex,
            reps: Vec::new(),
            frames: Vec::new(),
            bt: Vec::new(),
            trail: Vec::new(),
            steps: self.steps,
            depth: self.depth + 1,
            poll: &mut *self.poll,
        };
        let r = sub.run(pc)?;
        self.steps = sub.steps;
        Ok(if r { Some(sub.pos) } else { None })
    }

    /// Pops choice points until one resumes; `None` when none is left (the match failed).
    fn backtrack(&mut self) -> Res<Option<usize>, E> {
        loop {
            let Some(b) = self.bt.pop() else {
                return Ok(None);
            };
            match b {
                Bt::Branch {
                    next,
                    pos,
                    trail,
                    keep,
                } => {
                    self.undo_to(trail, keep);
                    self.pos = pos;
                    if let Some(pc) = self.branch_from(next)? {
                        return Ok(Some(pc));
                    }
                }
                Bt::RepeatOne {
                    tail,
                    start,
                    min,
                    mut count,
                    lit,
                    trail,
                    keep,
                } => {
                    self.undo_to(trail, keep);
                    if count == 0 {
                        continue;
                    }
                    count -= 1;
                    if let Some(c) = lit {
                        while count >= idx(min) && self.ch(start + count) != Some(c) {
                            if count == 0 {
                                break;
                            }
                            count -= 1;
                        }
                        if self.ch(start + count) != Some(c) {
                            continue;
                        }
                    }
                    if count < idx(min) {
                        continue;
                    }
                    self.bt.push(Bt::RepeatOne {
                        tail,
                        start,
                        min,
                        count,
                        lit,
                        trail,
                        keep,
                    });
                    self.pos = start + count;
                    return Ok(Some(tail));
                }
                Bt::MinRepeatOne {
                    item,
                    tail,
                    max,
                    start,
                    count,
                    trail,
                    keep,
                } => {
                    self.undo_to(trail, keep);
                    let p = start + count;
                    if self.count(item, p, 1)? == 0 {
                        continue;
                    }
                    let count = count + 1;
                    if max != MAXREPEAT && count > idx(max) {
                        continue;
                    }
                    self.bt.push(Bt::MinRepeatOne {
                        item,
                        tail,
                        max,
                        start,
                        count,
                        trail,
                        keep,
                    });
                    self.pos = start + count;
                    return Ok(Some(tail));
                }
                Bt::MaxUntilTail { tail, pos, trail } => {
                    self.undo_to(trail, false);
                    self.pop_rep();
                    self.pos = pos;
                    return Ok(Some(tail));
                }
                Bt::MinUntilBody { pos, trail, keep } => {
                    self.undo_to(trail, keep);
                    self.pos = pos;
                    let Some(top) = self.reps.len().checked_sub(1) else {
                        return Err(EngineError::Illegal);
                    };
                    let r = self.reps[top];
                    let count = r.count + 1;
                    let max = get(self.code, r.at + 2)?;
                    if (max != MAXREPEAT && count >= i64::from(max)) || r.last == Some(pos) {
                        continue;
                    }
                    self.set_rep(top, count, Some(pos));
                    return Ok(Some(r.at + 3));
                }
                Bt::AssertNotFail {
                    cont,
                    pos,
                    trail,
                    keep,
                } => {
                    self.undo_to(trail, keep);
                    self.pos = pos;
                    return Ok(Some(cont));
                }
                Bt::PossDone { tail, pos, trail } => {
                    self.undo_to(trail, false);
                    self.pos = pos;
                    return Ok(Some(tail));
                }
            }
        }
    }

    /// Tries the alternatives of a BRANCH from the one whose skip word is at `p`.
    fn branch_from(&mut self, mut p: usize) -> Res<Option<usize>, E> {
        loop {
            let sk = get(self.code, p)?;
            if sk == 0 {
                return Ok(None);
            }
            let next = skip(self.code, p)?;
            let first = get(self.code, p + 1)?;
            let cur = self.ch(self.pos);
            let skip_alt = match first {
                op::LITERAL => cur != Some(get(self.code, p + 2)?),
                op::IN => match cur {
                    Some(c) => !in_charset(self.code, p + 3, c)?,
                    None => true,
                },
                _ => false,
            };
            if !skip_alt {
                self.bt.push(Bt::Branch {
                    next,
                    pos: self.pos,
                    trail: self.trail.len(),
                    keep: self.reps.is_empty(),
                });
                return Ok(Some(p + 1));
            }
            p = next;
        }
    }

    /// Runs from `pc` until the pattern succeeds (true) or every choice failed (false).
    fn run(&mut self, start_pc: usize) -> Res<bool, E> {
        let mut pc = start_pc;
        loop {
            self.tick()?;
            let flow = self.step(pc)?;
            pc = match flow {
                Flow::Next(n) => n,
                Flow::Done => return Ok(true),
                Flow::Fail => match self.backtrack()? {
                    Some(n) => n,
                    None => return Ok(false),
                },
            };
        }
    }

    fn one_char(&mut self, pc: usize, width: usize) -> Res<Flow, E> {
        let ok = match self.ch(self.pos) {
            Some(c) => simple_item(self.code, pc, c)?.unwrap_or(false),
            None => false,
        };
        if ok {
            self.pos += 1;
            Ok(Flow::Next(pc + width))
        } else {
            Ok(Flow::Fail)
        }
    }

    fn step(&mut self, pc: usize) -> Res<Flow, E> {
        let code = self.code;
        let a = pc + 1;
        let o = get(code, pc)?;
        match o {
            op::FAILURE => Ok(Flow::Fail),
            op::SUCCESS => self.success(),
            op::ANY | op::ANY_ALL => self.one_char(pc, 1),
            op::LITERAL
            | op::NOT_LITERAL
            | op::LITERAL_IGNORE
            | op::NOT_LITERAL_IGNORE
            | op::LITERAL_UNI_IGNORE
            | op::NOT_LITERAL_UNI_IGNORE
            | op::LITERAL_LOC_IGNORE
            | op::NOT_LITERAL_LOC_IGNORE
            | op::CATEGORY => self.one_char(pc, 2),
            op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                let next = skip(code, a)?;
                match self.one_char(pc, 0)? {
                    Flow::Next(_) => Ok(Flow::Next(next)),
                    f => Ok(f),
                }
            }
            op::AT => {
                if chars::at(get(code, a)?, self.s, self.pos, self.end) {
                    Ok(Flow::Next(a + 1))
                } else {
                    Ok(Flow::Fail)
                }
            }
            op::MARK => {
                self.set_mark(idx(get(code, a)?), self.pos)?;
                Ok(Flow::Next(a + 1))
            }
            op::JUMP | op::INFO => Ok(Flow::Next(skip(code, a)?)),
            op::BRANCH => Ok(match self.branch_from(a)? {
                Some(n) => Flow::Next(n),
                None => Flow::Fail,
            }),
            op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                self.repeat_one(o, a)
            }
            op::REPEAT => {
                get(code, a + 2)?;
                self.reps.push(Rep {
                    at: a,
                    count: -1,
                    last: None,
                });
                self.trail.push(Undo::RepPush);
                Ok(Flow::Next(skip(code, a)?))
            }
            op::MAX_UNTIL | op::MIN_UNTIL => self.until(o == op::MAX_UNTIL, pc),
            op::POSSESSIVE_REPEAT => {
                let tail = skip(code, a)?.checked_add(1).ok_or(EngineError::Illegal)?;
                let (min, max) = (get(code, a + 1)?, get(code, a + 2)?);
                self.poss_iterate(a + 3, tail, min, max, 0, None)
            }
            op::ATOMIC_GROUP => {
                let cont = skip(code, a)?;
                self.push_frame(Frame {
                    kind: FrameKind::Atomic,
                    cont,
                    bt_len: self.bt.len(),
                });
                Ok(Flow::Next(a + 1))
            }
            op::ASSERT | op::ASSERT_NOT => {
                let cont = skip(code, a)?;
                let back = idx(get(code, a + 1)?);
                let Some(from) = self.pos.checked_sub(back) else {
                    return Ok(if o == op::ASSERT {
                        Flow::Fail
                    } else {
                        Flow::Next(cont)
                    });
                };
                if o == op::ASSERT {
                    self.push_frame(Frame {
                        kind: FrameKind::Assert {
                            saved_pos: self.pos,
                        },
                        cont,
                        bt_len: self.bt.len(),
                    });
                } else {
                    let bt_len = self.bt.len();
                    self.bt.push(Bt::AssertNotFail {
                        cont,
                        pos: self.pos,
                        trail: self.trail.len(),
                        keep: self.reps.is_empty(),
                    });
                    self.push_frame(Frame {
                        kind: FrameKind::AssertNot,
                        cont,
                        bt_len,
                    });
                }
                self.pos = from;
                Ok(Flow::Next(a + 2))
            }
            op::GROUPREF
            | op::GROUPREF_IGNORE
            | op::GROUPREF_UNI_IGNORE
            | op::GROUPREF_LOC_IGNORE => {
                let Some((p, e)) = self.group_span(get(code, a)?)? else {
                    return Ok(Flow::Fail);
                };
                let fold: fn(u32) -> u32 = match o {
                    op::GROUPREF => |c| c,
                    op::GROUPREF_IGNORE => chars::lower_ascii,
                    op::GROUPREF_UNI_IGNORE => chars::lower_unicode,
                    _ => chars::lower_locale,
                };
                let mut q = self.pos;
                for i in p..e {
                    let want = self.s.get(i).copied().ok_or(EngineError::Illegal)?;
                    match self.ch(q) {
                        Some(c) if fold(c) == fold(want) => q += 1,
                        _ => return Ok(Flow::Fail),
                    }
                }
                self.pos = q;
                Ok(Flow::Next(a + 1))
            }
            op::GROUPREF_EXISTS => {
                if self.group_span(get(code, a)?)?.is_some() {
                    Ok(Flow::Next(a + 2))
                } else {
                    let n = idx(get(code, a + 1)?);
                    Ok(Flow::Next(a.checked_add(n).ok_or(EngineError::Illegal)?))
                }
            }
            _ => Err(EngineError::Illegal),
        }
    }

    fn success(&mut self) -> Res<Flow, E> {
        let Some(f) = self.pop_frame() else {
            if self.toplevel
                && ((self.match_all && self.pos != self.end)
                    || (self.must_advance && self.pos == self.origin))
            {
                return Ok(Flow::Fail);
            }
            return Ok(Flow::Done);
        };
        match f.kind {
            FrameKind::Assert { saved_pos } => {
                self.bt.truncate(f.bt_len);
                self.pos = saved_pos;
                Ok(Flow::Next(f.cont))
            }
            FrameKind::AssertNot => {
                self.bt.truncate(f.bt_len);
                Ok(Flow::Fail)
            }
            FrameKind::Atomic => {
                self.bt.truncate(f.bt_len);
                Ok(Flow::Next(f.cont))
            }
            FrameKind::Poss {
                body,
                tail,
                min,
                max,
                count,
                iter_start,
            } => {
                self.bt.truncate(f.bt_len);
                let prev = if count < min { None } else { Some(iter_start) };
                let count = count.saturating_add(1);
                self.poss_iterate(body, tail, min, max, count, prev)
            }
        }
    }

    /// Starts the next iteration of a possessive repeat, or goes on with its tail. `prev` is
    /// where the previous optional iteration began (`None` while below the minimum).
    fn poss_iterate(
        &mut self,
        body: usize,
        tail: usize,
        min: u32,
        max: u32,
        count: u32,
        prev: Option<usize>,
    ) -> Res<Flow, E> {
        if count < min {
            self.push_frame(Frame {
                kind: FrameKind::Poss {
                    body,
                    tail,
                    min,
                    max,
                    count,
                    iter_start: self.pos,
                },
                cont: tail,
                bt_len: self.bt.len(),
            });
            return Ok(Flow::Next(body));
        }
        if (count < max || max == MAXREPEAT) && prev != Some(self.pos) {
            let bt_len = self.bt.len();
            self.bt.push(Bt::PossDone {
                tail,
                pos: self.pos,
                trail: self.trail.len(),
            });
            self.push_frame(Frame {
                kind: FrameKind::Poss {
                    body,
                    tail,
                    min,
                    max,
                    count,
                    iter_start: self.pos,
                },
                cont: tail,
                bt_len,
            });
            return Ok(Flow::Next(body));
        }
        Ok(Flow::Next(tail))
    }

    fn repeat_one(&mut self, o: u32, a: usize) -> Res<Flow, E> {
        let code = self.code;
        let tail = skip(code, a)?;
        let (min, max) = (get(code, a + 1)?, get(code, a + 2)?);
        let item = a + 3;
        if self.pos > self.end || idx(min) > self.end - self.pos {
            return Ok(Flow::Fail);
        }
        let start = self.pos;
        match o {
            op::MIN_REPEAT_ONE => {
                let count = if min == 0 {
                    0
                } else {
                    let n = self.count(item, start, min)?;
                    if n < idx(min) {
                        return Ok(Flow::Fail);
                    }
                    n
                };
                if max != MAXREPEAT && count > idx(max) {
                    return Ok(Flow::Fail);
                }
                self.bt.push(Bt::MinRepeatOne {
                    item,
                    tail,
                    max,
                    start,
                    count,
                    trail: self.trail.len(),
                    keep: self.reps.is_empty(),
                });
                self.pos = start + count;
                Ok(Flow::Next(tail))
            }
            _ => {
                let mut count = self.count(item, start, max)?;
                if count < idx(min) {
                    return Ok(Flow::Fail);
                }
                if o == op::POSSESSIVE_REPEAT_ONE {
                    self.pos = start + count;
                    return Ok(Flow::Next(tail));
                }
                let lit = if get(code, tail)? == op::LITERAL {
                    Some(get(code, tail + 1)?)
                } else {
                    None
                };
                if let Some(c) = lit {
                    while count > idx(min) && self.ch(start + count) != Some(c) {
                        count -= 1;
                    }
                    if self.ch(start + count) != Some(c) {
                        return Ok(Flow::Fail);
                    }
                }
                self.bt.push(Bt::RepeatOne {
                    tail,
                    start,
                    min,
                    count,
                    lit,
                    trail: self.trail.len(),
                    keep: self.reps.is_empty(),
                });
                self.pos = start + count;
                Ok(Flow::Next(tail))
            }
        }
    }

    fn until(&mut self, greedy: bool, pc: usize) -> Res<Flow, E> {
        let Some(top) = self.reps.len().checked_sub(1) else {
            return Err(EngineError::Illegal);
        };
        let r = self.reps[top];
        let count = r.count + 1;
        let min = get(self.code, r.at + 1)?;
        let max = get(self.code, r.at + 2)?;
        let body = r.at + 3;
        let tail = pc + 1;
        if count < i64::from(min) {
            self.set_rep(top, count, r.last);
            return Ok(Flow::Next(body));
        }
        if greedy {
            if (count < i64::from(max) || max == MAXREPEAT) && r.last != Some(self.pos) {
                self.bt.push(Bt::MaxUntilTail {
                    tail,
                    pos: self.pos,
                    trail: self.trail.len(),
                });
                self.set_rep(top, count, Some(self.pos));
                return Ok(Flow::Next(body));
            }
            self.pop_rep();
            Ok(Flow::Next(tail))
        } else {
            self.bt.push(Bt::MinUntilBody {
                pos: self.pos,
                trail: self.trail.len(),
                keep: self.reps.len() <= 1,
            });
            self.pop_rep();
            Ok(Flow::Next(tail))
        }
    }

    fn capture(&self, start: usize) -> Capture {
        let mut marks = self.marks.clone();
        let lm = usize::try_from(self.lastmark + 1).unwrap_or(0);
        for (i, m) in marks.iter_mut().enumerate() {
            if i >= lm {
                *m = None;
            }
        }
        for pair in marks.chunks_mut(2) {
            if pair.iter().any(Option::is_none) {
                pair.iter_mut().for_each(|m| *m = None);
            }
        }
        Capture {
            start,
            end: self.pos,
            marks,
            lastindex: self.lastindex,
        }
    }
}

/// `Pattern.match` / `fullmatch`: a match that starts at `req.start`.
pub(crate) fn do_match<E>(
    req: &Request<'_>,
    poll: &mut dyn FnMut() -> Result<(), E>,
) -> Res<Option<Capture>, E> {
    // CPython runs a match even when `pos > endpos` (an empty pattern matches there).
    if req.start > req.text.len() || req.end > req.text.len() {
        return Ok(None);
    }
    let mut m = Machine::new(req, poll);
    Ok(if m.run(0)? {
        Some(m.capture(req.start))
    } else {
        None
    })
}

/// `Pattern.search`: the first position from `req.start` where the pattern matches.
pub(crate) fn do_search<E>(
    req: &Request<'_>,
    poll: &mut dyn FnMut() -> Result<(), E>,
) -> Res<Option<Capture>, E> {
    let code = req.code;
    if req.start > req.end || req.end > req.text.len() {
        return Ok(None);
    }
    let mut pc = 0;
    let mut min = 0usize;
    let mut first: Option<u32> = None;
    let mut charset: Option<usize> = None;
    if get(code, 0)? == op::INFO {
        let flags = get(code, 2)?;
        min = idx(get(code, 3)?);
        if flags & INFO_PREFIX != 0 {
            if get(code, 5)? >= 1 {
                first = Some(get(code, 7)?);
            }
        } else if flags & INFO_CHARSET != 0 {
            charset = Some(5);
        }
        pc = skip(code, 1)?;
    }
    let text = req.text;
    let end = req.end;
    if min > end - req.start {
        return Ok(None);
    }
    let anchored = get(code, pc)? == op::AT && matches!(code.get(pc + 1), Some(0 | 2));
    let mut m = Machine::new(req, poll);
    let mut p = req.start;
    loop {
        if end - p >= min {
            let worth = match (first, charset) {
                (Some(c), _) => text.get(p).copied() == Some(c) && p < end,
                (None, Some(cs)) => match text.get(p) {
                    Some(&c) if p < end => in_charset(code, cs, c)?,
                    _ => false,
                },
                (None, None) => true,
            };
            if worth {
                m.reset(p, p == req.start);
                m.marks.iter_mut().for_each(|x| *x = None);
                if m.run(pc)? {
                    return Ok(Some(m.capture(p)));
                }
            }
        } else {
            return Ok(None);
        }
        if anchored || p >= end {
            return Ok(None);
        }
        p += 1;
        if p % 1024 == 0 {
            m.tick()?;
        }
    }
}
