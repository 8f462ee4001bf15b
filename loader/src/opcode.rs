//! The CPython 3.12 instruction set, described once.
//!
//! Everything about an opcode — number, argument kind, inline cache size, stack effect and a one-line
//! description — lives in the single `define_opcodes!` invocation below. The [`Opcode`] enum (the
//! VM's dispatch matches on it), the 256-entry lookup arrays and every accessor are generated from it.
//!
//! Three groups are listed:
//! - `real`: the opcodes the 3.12 compiler emits (plus `CACHE`, `RESERVED`, `INTERPRETER_EXIT` and the
//!   `INSTRUMENTED_*` forms used by `sys.monitoring`), numbered as in `Lib/opcode.py`;
//! - `specialized`: the adaptive interpreter's specializations, which take the free numbers below 256
//!   in the order of `opcode._specialized_instructions` (as `dis` and `Include/opcode.h` number them);
//!   each names the family it deoptimizes to and shares that family's argument, caches and stack shape;
//! - `pseudo`: compiler-only pseudo-instructions (256..=266), which never appear in a `.pyc`;
//!   they get their own enum, [`PseudoOp`].
//!
//! Stack effects are `pushed - popped` as `dis.stack_effect(op, oparg, jump=...)` reports them in 3.12
//! (`None` where it raises `ValueError`). For real opcodes the jump direction never matters in 3.12.

/// `HAVE_ARGUMENT`: real opcodes numbered at or above this take an argument.
pub const HAVE_ARGUMENT: u8 = 90;
/// First `INSTRUMENTED_*` opcode number.
pub const MIN_INSTRUMENTED_OPCODE: u8 = 237;
/// First pseudo-opcode number.
pub const MIN_PSEUDO_OPCODE: u16 = 256;
/// Last pseudo-opcode number.
pub const MAX_PSEUDO_OPCODE: u16 = 266;

/// `opcode.cmp_op`: the comparison for `COMPARE_OP` is `CMP_OP[oparg >> 4]`.
pub const CMP_OP: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// `opcode._nb_ops`: the `BINARY_OP` oparg names its operator, `(NB_* name, symbol)`.
pub const BINARY_OPS: [(&str, &str); 26] = [
    ("NB_ADD", "+"),
    ("NB_AND", "&"),
    ("NB_FLOOR_DIVIDE", "//"),
    ("NB_LSHIFT", "<<"),
    ("NB_MATRIX_MULTIPLY", "@"),
    ("NB_MULTIPLY", "*"),
    ("NB_REMAINDER", "%"),
    ("NB_OR", "|"),
    ("NB_POWER", "**"),
    ("NB_RSHIFT", ">>"),
    ("NB_SUBTRACT", "-"),
    ("NB_TRUE_DIVIDE", "/"),
    ("NB_XOR", "^"),
    ("NB_INPLACE_ADD", "+="),
    ("NB_INPLACE_AND", "&="),
    ("NB_INPLACE_FLOOR_DIVIDE", "//="),
    ("NB_INPLACE_LSHIFT", "<<="),
    ("NB_INPLACE_MATRIX_MULTIPLY", "@="),
    ("NB_INPLACE_MULTIPLY", "*="),
    ("NB_INPLACE_REMAINDER", "%="),
    ("NB_INPLACE_OR", "|="),
    ("NB_INPLACE_POWER", "**="),
    ("NB_INPLACE_RSHIFT", ">>="),
    ("NB_INPLACE_SUBTRACT", "-="),
    ("NB_INPLACE_TRUE_DIVIDE", "/="),
    ("NB_INPLACE_XOR", "^="),
];

/// `opcode._intrinsic_1_descs`: the function `CALL_INTRINSIC_1` calls, by oparg.
pub const INTRINSIC_1: [&str; 12] = [
    "INTRINSIC_1_INVALID",
    "INTRINSIC_PRINT",
    "INTRINSIC_IMPORT_STAR",
    "INTRINSIC_STOPITERATION_ERROR",
    "INTRINSIC_ASYNC_GEN_WRAP",
    "INTRINSIC_UNARY_POSITIVE",
    "INTRINSIC_LIST_TO_TUPLE",
    "INTRINSIC_TYPEVAR",
    "INTRINSIC_PARAMSPEC",
    "INTRINSIC_TYPEVARTUPLE",
    "INTRINSIC_SUBSCRIPT_GENERIC",
    "INTRINSIC_TYPEALIAS",
];

/// `opcode._intrinsic_2_descs`: the function `CALL_INTRINSIC_2` calls, by oparg.
pub const INTRINSIC_2: [&str; 5] = [
    "INTRINSIC_2_INVALID",
    "INTRINSIC_PREP_RERAISE_STAR",
    "INTRINSIC_TYPEVAR_WITH_BOUND",
    "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
    "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
];

/// Names of the `MAKE_FUNCTION` oparg bits, lowest bit first.
pub const MAKE_FUNCTION_FLAGS: [&str; 4] = ["defaults", "kwdefaults", "annotations", "closure"];

/// What an instruction's argument means, i.e. how `dis` renders it.
///
/// The `opcode.has*` lists of CPython map onto these kinds: `hasconst` = [`Const`](ArgKind::Const),
/// `hasname` = the four name kinds, `hasjrel` = the two jump kinds, `haslocal` = [`Local`](ArgKind::Local),
/// `hasfree` = [`Free`](ArgKind::Free), `hascompare` = [`Compare`](ArgKind::Compare).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ArgKind {
    /// The opcode takes no argument (below `HAVE_ARGUMENT`); its oparg byte is ignored.
    None,
    /// A plain number: a count, flags or an operand the VM interprets itself.
    Raw,
    /// An index into `co_consts`.
    Const,
    /// An index into `co_names`.
    Name,
    /// `LOAD_GLOBAL`: `co_names[oparg >> 1]`; bit 0 set means "also push NULL".
    GlobalName,
    /// `LOAD_ATTR`: `co_names[oparg >> 1]`; bit 0 set means "method form" (push NULL|self).
    AttrName,
    /// `LOAD_SUPER_ATTR`: `co_names[oparg >> 2]`; bit 0 = method form, bit 1 = two-argument super.
    SuperAttrName,
    /// An index into the fast locals (`co_varnames`).
    Local,
    /// An index into the cell and free variables (`co_localsplusnames`).
    Free,
    /// A forward relative jump: target = next instruction (after caches) + 2 * oparg bytes.
    JumpForward,
    /// A backward relative jump: target = next instruction (after caches) - 2 * oparg bytes.
    JumpBackward,
    /// `COMPARE_OP`: `CMP_OP[oparg >> 4]`, low bits are flags.
    Compare,
    /// `BINARY_OP`: an index into [`BINARY_OPS`].
    BinaryOp,
    /// `CALL_INTRINSIC_1`: an index into [`INTRINSIC_1`].
    Intrinsic1,
    /// `CALL_INTRINSIC_2`: an index into [`INTRINSIC_2`].
    Intrinsic2,
    /// `FORMAT_VALUE`: conversion in bits 0-1, "has format spec" in bit 2.
    FormatValue,
    /// `MAKE_FUNCTION`: which of [`MAKE_FUNCTION_FLAGS`] are on the stack.
    MakeFunction,
}

impl ArgKind {
    /// Whether the opcode takes an argument at all.
    pub const fn has_arg(self) -> bool {
        !matches!(self, ArgKind::None)
    }

    /// In `opcode.hasname`.
    pub const fn is_name(self) -> bool {
        matches!(
            self,
            ArgKind::Name | ArgKind::GlobalName | ArgKind::AttrName | ArgKind::SuperAttrName
        )
    }

    /// In `opcode.hasjrel`.
    pub const fn is_jump(self) -> bool {
        matches!(self, ArgKind::JumpForward | ArgKind::JumpBackward)
    }
}

/// How an opcode changes the stack depth, as `dis.stack_effect` computes it.
#[derive(Debug, Clone, Copy)]
pub enum Effect {
    /// `dis.stack_effect` rejects the opcode (specialized forms, `INSTRUMENTED_LINE`, …).
    Invalid,
    /// The same for every oparg.
    Fixed(i32),
    /// A function of the oparg (as a C `int`, widened).
    ByArg(fn(i64) -> i64),
}

impl Effect {
    /// The effect for `oparg`, if defined and representable.
    pub fn eval(self, oparg: u32) -> Option<i32> {
        match self {
            Effect::Invalid => None,
            Effect::Fixed(n) => Some(n),
            Effect::ByArg(f) => i32::try_from(f(i64::from(oparg))).ok(),
        }
    }
}

const fn fixed(n: i32) -> Effect {
    Effect::Fixed(n)
}

/// Static facts about one opcode.
#[derive(Debug, Clone, Copy)]
pub struct OpInfo {
    pub name: &'static str,
    pub number: u8,
    /// The opcode this one deoptimizes to (itself unless specialized).
    pub family: u8,
    pub kind: ArgKind,
    /// Inline `CACHE` code units following the instruction.
    pub caches: u8,
    pub effect: Effect,
    pub doc: &'static str,
}

macro_rules! define_opcodes {
    (
        real {
            $( $name:ident = $num:literal, $kind:ident, caches $caches:literal, $effect:expr, $doc:literal; )*
        }
        specialized {
            $( $sname:ident = $snum:literal => $family:ident, $sdoc:literal; )*
        }
        pseudo {
            $( $pname:ident = $pnum:literal, $pkind:ident, [$($target:ident),*], exc $pexc:literal,
               effect ($pno:literal, $pyes:literal), $pdoc:literal; )*
        }
    ) => {
        /// A CPython 3.12 opcode (real, instrumented or specialized), numbered as in CPython.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $( #[doc = $doc] $name = $num, )*
            $( #[doc = $sdoc] $sname = $snum, )*
        }

        /// Facts about every opcode, indexed by opcode byte (`None`: no such opcode).
        pub static OP_INFO: [Option<OpInfo>; 256] = {
            let mut t: [Option<OpInfo>; 256] = [None; 256];
            $(
                t[$num] = Some(OpInfo {
                    name: stringify!($name),
                    number: $num,
                    family: $num,
                    kind: ArgKind::$kind,
                    caches: $caches,
                    effect: $effect,
                    doc: $doc,
                });
            )*
            $(
                t[$snum] = match t[Opcode::$family as usize] {
                    Some(base) => Some(OpInfo {
                        name: stringify!($sname),
                        number: $snum,
                        family: base.number,
                        kind: base.kind,
                        caches: base.caches,
                        effect: Effect::Invalid,
                        doc: $sdoc,
                    }),
                    None => None,
                };
            )*
            t
        };

        /// The opcode numbers as `u8` constants (for `match` arms in a dispatch loop).
        pub mod op {
            $( #[doc = $doc] pub const $name: u8 = $num; )*
            $( #[doc = $sdoc] pub const $sname: u8 = $snum; )*
        }

        /// Every opcode by byte value (`None`: the byte is no opcode).
        pub const OPCODE_BY_BYTE: [Option<Opcode>; 256] = {
            let mut t: [Option<Opcode>; 256] = [None; 256];
            $( t[$num] = Some(Opcode::$name); )*
            $( t[$snum] = Some(Opcode::$sname); )*
            t
        };

        impl Opcode {
            /// All opcodes (real ones first, then specialized), in table order.
            pub const ALL: &'static [Opcode] = &[ $( Opcode::$name, )* $( Opcode::$sname, )* ];
        }

        /// A compiler pseudo-instruction of CPython 3.12 (never in a `.pyc`).
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u16)]
        pub enum PseudoOp {
            $( #[doc = $pdoc] $pname = $pnum, )*
        }

        impl PseudoOp {
            /// All pseudo-instructions, by number.
            pub const ALL: &'static [PseudoOp] = &[ $( PseudoOp::$pname, )* ];

            /// The pseudo-instruction with this number.
            pub const fn from_u16(n: u16) -> Option<PseudoOp> {
                match n {
                    $( $pnum => Some(PseudoOp::$pname), )*
                    _ => None,
                }
            }

            /// The CPython name.
            pub const fn name(self) -> &'static str {
                match self { $( PseudoOp::$pname => stringify!($pname), )* }
            }

            /// How its argument is interpreted (the kind of the real opcodes it may become).
            pub const fn arg_kind(self) -> ArgKind {
                match self { $( PseudoOp::$pname => ArgKind::$pkind, )* }
            }

            /// Whether it takes an argument.
            pub const fn has_arg(self) -> bool {
                self.arg_kind().has_arg()
            }

            /// The real opcodes the compiler may turn it into.
            pub const fn targets(self) -> &'static [Opcode] {
                match self { $( PseudoOp::$pname => &[$(Opcode::$target),*], )* }
            }

            /// Whether it sets up an exception handler (`opcode.hasexc`).
            pub const fn is_exception_setup(self) -> bool {
                match self { $( PseudoOp::$pname => $pexc, )* }
            }

            /// Stack effect as `dis.stack_effect(op, oparg, jump=jump)` gives it.
            pub const fn stack_effect(self, jump: bool) -> i32 {
                match self { $( PseudoOp::$pname => if jump { $pyes } else { $pno }, )* }
            }

            /// A one-line description.
            pub const fn doc(self) -> &'static str {
                match self { $( PseudoOp::$pname => $pdoc, )* }
            }
        }
    };
}

define_opcodes! {
    real {
        CACHE = 0, None, caches 0, fixed(0), "Inline cache slot used by the adaptive interpreter; never executed.";
        POP_TOP = 1, None, caches 0, fixed(-1), "Discard the top of the stack.";
        PUSH_NULL = 2, None, caches 0, fixed(1), "Push a NULL marker (before a callable that is not a method).";
        INTERPRETER_EXIT = 3, None, caches 0, fixed(-1), "Leave the interpreter loop with the top of stack (internal).";
        END_FOR = 4, None, caches 0, fixed(-2), "End of a for loop: pop the exhausted iterator and the sentinel.";
        END_SEND = 5, None, caches 0, fixed(-1), "End of a send loop: drop the receiver below the value.";
        NOP = 9, None, caches 0, fixed(0), "Do nothing (keeps a line number or a jump target).";
        UNARY_NEGATIVE = 11, None, caches 0, fixed(0), "TOS = -TOS.";
        UNARY_NOT = 12, None, caches 0, fixed(0), "TOS = not TOS.";
        UNARY_INVERT = 15, None, caches 0, fixed(0), "TOS = ~TOS.";
        RESERVED = 17, None, caches 0, fixed(0), "Reserved number (the initial value of a specialization counter).";
        BINARY_SUBSCR = 25, None, caches 1, fixed(-1), "`TOS = TOS1[TOS]`.";
        BINARY_SLICE = 26, None, caches 0, fixed(-2), "`TOS = TOS2[TOS1:TOS]`.";
        STORE_SLICE = 27, None, caches 0, fixed(-4), "`TOS2[TOS1:TOS] = TOS3`.";
        GET_LEN = 30, None, caches 0, fixed(1), "Push len(TOS), keeping TOS (pattern matching).";
        MATCH_MAPPING = 31, None, caches 0, fixed(1), "Push whether TOS is a mapping (pattern matching).";
        MATCH_SEQUENCE = 32, None, caches 0, fixed(1), "Push whether TOS is a sequence (pattern matching).";
        MATCH_KEYS = 33, None, caches 0, fixed(1), "Push a tuple of the subject's values for the key tuple at TOS, or None.";
        PUSH_EXC_INFO = 35, None, caches 0, fixed(1), "Push the current exception below the new one and make TOS current.";
        CHECK_EXC_MATCH = 36, None, caches 0, fixed(0), "Replace TOS with whether the exception TOS1 matches the type(s) TOS.";
        CHECK_EG_MATCH = 37, None, caches 0, fixed(0), "Split the exception group TOS1 by the type(s) TOS for except*.";
        WITH_EXCEPT_START = 49, None, caches 0, fixed(1), "Call the context manager's __exit__ with the current exception.";
        GET_AITER = 50, None, caches 0, fixed(0), "TOS = TOS.__aiter__().";
        GET_ANEXT = 51, None, caches 0, fixed(1), "Push an awaitable for TOS.__anext__().";
        BEFORE_ASYNC_WITH = 52, None, caches 0, fixed(1), "Look up __aexit__ and push it with the result of __aenter__().";
        BEFORE_WITH = 53, None, caches 0, fixed(1), "Look up __exit__ and push it with the result of __enter__().";
        END_ASYNC_FOR = 54, None, caches 0, fixed(-2), "End an async for loop on StopAsyncIteration, else re-raise.";
        CLEANUP_THROW = 55, None, caches 0, fixed(-1), "Handle an exception thrown into a yield from / await.";
        STORE_SUBSCR = 60, None, caches 1, fixed(-3), "`TOS1[TOS] = TOS2`.";
        DELETE_SUBSCR = 61, None, caches 0, fixed(-2), "`del TOS1[TOS]`.";
        GET_ITER = 68, None, caches 0, fixed(0), "TOS = iter(TOS).";
        GET_YIELD_FROM_ITER = 69, None, caches 0, fixed(0), "TOS = iter(TOS) unless it is a generator or coroutine.";
        LOAD_BUILD_CLASS = 71, None, caches 0, fixed(1), "Push builtins.__build_class__.";
        LOAD_ASSERTION_ERROR = 74, None, caches 0, fixed(1), "Push AssertionError.";
        RETURN_GENERATOR = 75, None, caches 0, fixed(0), "Create a generator/coroutine from the current frame and return it.";
        RETURN_VALUE = 83, None, caches 0, fixed(-1), "Return TOS to the caller.";
        SETUP_ANNOTATIONS = 85, None, caches 0, fixed(0), "Create __annotations__ in the local namespace if missing.";
        LOAD_LOCALS = 87, None, caches 0, fixed(1), "Push the locals dictionary.";
        POP_EXCEPT = 89, None, caches 0, fixed(-1), "Restore the exception state saved by PUSH_EXC_INFO.";
        STORE_NAME = 90, Name, caches 0, fixed(-1), "name = TOS, in the local namespace.";
        DELETE_NAME = 91, Name, caches 0, fixed(0), "del name, in the local namespace.";
        UNPACK_SEQUENCE = 92, Raw, caches 1, Effect::ByArg(|a| a - 1), "Unpack TOS into oparg values, pushed right to left.";
        FOR_ITER = 93, JumpForward, caches 1, fixed(1), "Push next(TOS); when exhausted, jump forward past END_FOR.";
        UNPACK_EX = 94, Raw, caches 0, Effect::ByArg(|a| (a & 0xFF) + (a >> 8)), "Unpack TOS with a starred target (low byte before, high byte after).";
        STORE_ATTR = 95, Name, caches 4, fixed(-2), "TOS.name = TOS1.";
        DELETE_ATTR = 96, Name, caches 0, fixed(-1), "del TOS.name.";
        STORE_GLOBAL = 97, Name, caches 0, fixed(-1), "Global name = TOS.";
        DELETE_GLOBAL = 98, Name, caches 0, fixed(0), "del global name.";
        SWAP = 99, Raw, caches 0, fixed(0), "Swap TOS with the oparg-th item from the top.";
        LOAD_CONST = 100, Const, caches 0, fixed(1), "Push `co_consts[oparg]`.";
        LOAD_NAME = 101, Name, caches 0, fixed(1), "Push the value of name (locals, then globals, then builtins).";
        BUILD_TUPLE = 102, Raw, caches 0, Effect::ByArg(|a| 1 - a), "Replace the top oparg items with a tuple of them.";
        BUILD_LIST = 103, Raw, caches 0, Effect::ByArg(|a| 1 - a), "Replace the top oparg items with a list of them.";
        BUILD_SET = 104, Raw, caches 0, Effect::ByArg(|a| 1 - a), "Replace the top oparg items with a set of them.";
        BUILD_MAP = 105, Raw, caches 0, Effect::ByArg(|a| 1 - 2 * a), "Replace the top 2*oparg items (key, value pairs) with a dict.";
        LOAD_ATTR = 106, AttrName, caches 9, Effect::ByArg(|a| a & 1), "TOS = TOS.name, or push an unbound method and self (bit 0).";
        COMPARE_OP = 107, Compare, caches 1, fixed(-1), "Compare TOS1 with TOS using `CMP_OP[oparg >> 4]`.";
        IMPORT_NAME = 108, Name, caches 0, fixed(-1), "Import module name with fromlist TOS and level TOS1.";
        IMPORT_FROM = 109, Name, caches 0, fixed(1), "Push attribute name of the module at TOS (from ... import name).";
        JUMP_FORWARD = 110, JumpForward, caches 0, fixed(0), "Jump forward by oparg code units.";
        POP_JUMP_IF_FALSE = 114, JumpForward, caches 0, fixed(-1), "Pop TOS; jump forward if it is false.";
        POP_JUMP_IF_TRUE = 115, JumpForward, caches 0, fixed(-1), "Pop TOS; jump forward if it is true.";
        LOAD_GLOBAL = 116, GlobalName, caches 4, Effect::ByArg(|a| (a & 1) + 1), "Push global `co_names[oparg >> 1]`, after a NULL if bit 0 is set.";
        IS_OP = 117, Raw, caches 0, fixed(-1), "TOS = TOS1 is TOS (is not, if oparg is 1).";
        CONTAINS_OP = 118, Raw, caches 0, fixed(-1), "TOS = TOS1 in TOS (not in, if oparg is 1).";
        RERAISE = 119, Raw, caches 0, fixed(-1), "Re-raise TOS; a non-zero oparg restores f_lasti from the stack.";
        COPY = 120, Raw, caches 0, fixed(1), "Push a copy of the oparg-th item from the top.";
        RETURN_CONST = 121, Const, caches 0, fixed(0), "Return `co_consts[oparg]` to the caller.";
        BINARY_OP = 122, BinaryOp, caches 1, fixed(-1), "TOS = TOS1 op TOS, op chosen by oparg (see BINARY_OPS).";
        SEND = 123, JumpForward, caches 1, fixed(0), "Send TOS into the generator TOS1; jump forward when it returns.";
        LOAD_FAST = 124, Local, caches 0, fixed(1), "Push local variable oparg (known to be bound).";
        STORE_FAST = 125, Local, caches 0, fixed(-1), "Local variable oparg = TOS.";
        DELETE_FAST = 126, Local, caches 0, fixed(0), "del local variable oparg.";
        LOAD_FAST_CHECK = 127, Local, caches 0, fixed(1), "Push local variable oparg, raising UnboundLocalError if unbound.";
        POP_JUMP_IF_NOT_NONE = 128, JumpForward, caches 0, fixed(-1), "Pop TOS; jump forward if it is not None.";
        POP_JUMP_IF_NONE = 129, JumpForward, caches 0, fixed(-1), "Pop TOS; jump forward if it is None.";
        RAISE_VARARGS = 130, Raw, caches 0, Effect::ByArg(|a| -a), "raise (0: re-raise, 1: raise TOS, 2: raise TOS1 from TOS).";
        GET_AWAITABLE = 131, Raw, caches 0, fixed(0), "TOS = an awaitable for TOS (oparg says where it is awaited).";
        MAKE_FUNCTION = 132, MakeFunction, caches 0, Effect::ByArg(|a| -i64::from((a & 0xF).count_ones())), "Build a function from the code object at TOS and the items flagged by oparg.";
        BUILD_SLICE = 133, Raw, caches 0, Effect::ByArg(|a| if a == 3 { -2 } else { -1 }), "Replace the top 2 or 3 items with a slice object.";
        JUMP_BACKWARD_NO_INTERRUPT = 134, JumpBackward, caches 0, fixed(0), "Jump backward by oparg code units without checking for interrupts.";
        MAKE_CELL = 135, Free, caches 0, fixed(0), "Wrap the value of slot oparg in a new cell.";
        LOAD_CLOSURE = 136, Free, caches 0, fixed(1), "Push the cell in slot oparg (for building a closure).";
        LOAD_DEREF = 137, Free, caches 0, fixed(1), "Push the contents of the cell in slot oparg.";
        STORE_DEREF = 138, Free, caches 0, fixed(-1), "Store TOS into the cell in slot oparg.";
        DELETE_DEREF = 139, Free, caches 0, fixed(0), "Empty the cell in slot oparg.";
        JUMP_BACKWARD = 140, JumpBackward, caches 0, fixed(0), "Jump backward by oparg code units (checks for interrupts).";
        LOAD_SUPER_ATTR = 141, SuperAttrName, caches 1, Effect::ByArg(|a| (a & 1) - 2), "super().name from global super, class and self (oparg >> 2 names it).";
        CALL_FUNCTION_EX = 142, Raw, caches 0, Effect::ByArg(|a| -2 - (a & 1)), "Call with a positional tuple and, if bit 0, a keyword dict.";
        LOAD_FAST_AND_CLEAR = 143, Local, caches 0, fixed(1), "Push local variable oparg (or NULL) and unbind it (inlined comprehensions).";
        EXTENDED_ARG = 144, Raw, caches 0, fixed(0), "Prefix: shift oparg into the next instruction's argument.";
        LIST_APPEND = 145, Raw, caches 0, fixed(-1), "Append TOS to the list oparg items down (comprehensions).";
        SET_ADD = 146, Raw, caches 0, fixed(-1), "Add TOS to the set oparg items down (comprehensions).";
        MAP_ADD = 147, Raw, caches 0, fixed(-2), "Set key TOS1 to TOS in the dict oparg items down (comprehensions).";
        COPY_FREE_VARS = 149, Raw, caches 0, fixed(0), "Copy oparg free variables from the closure into the frame.";
        YIELD_VALUE = 150, Raw, caches 0, fixed(0), "Yield TOS from a generator.";
        RESUME = 151, Raw, caches 0, fixed(0), "Start or resume a frame (oparg says where); a no-op for the VM.";
        MATCH_CLASS = 152, Raw, caches 0, fixed(-2), "Match the subject against a class pattern with oparg positional sub-patterns.";
        FORMAT_VALUE = 155, FormatValue, caches 0, Effect::ByArg(|a| if a & 4 != 0 { -1 } else { 0 }), "Format a value for an f-string (conversion and optional spec per oparg).";
        BUILD_CONST_KEY_MAP = 156, Raw, caches 0, Effect::ByArg(|a| -a), "Build a dict from oparg values and the key tuple at TOS.";
        BUILD_STRING = 157, Raw, caches 0, Effect::ByArg(|a| 1 - a), "Concatenate the top oparg strings.";
        LIST_EXTEND = 162, Raw, caches 0, fixed(-1), "Extend the list oparg items down with the iterable TOS.";
        SET_UPDATE = 163, Raw, caches 0, fixed(-1), "Update the set oparg items down with the iterable TOS.";
        DICT_MERGE = 164, Raw, caches 0, fixed(-1), "Merge TOS into the dict oparg items down, rejecting duplicate keys (**kwargs).";
        DICT_UPDATE = 165, Raw, caches 0, fixed(-1), "Update the dict oparg items down with the mapping TOS.";
        CALL = 171, Raw, caches 3, Effect::ByArg(|a| -1 - a), "Call a callable with oparg arguments (keyword names from KW_NAMES).";
        KW_NAMES = 172, Const, caches 0, fixed(0), "Record `co_consts[oparg]` as the keyword names of the next CALL.";
        CALL_INTRINSIC_1 = 173, Intrinsic1, caches 0, fixed(0), "TOS = intrinsic function oparg (see INTRINSIC_1) applied to TOS.";
        CALL_INTRINSIC_2 = 174, Intrinsic2, caches 0, fixed(-1), "TOS = intrinsic function oparg (see INTRINSIC_2) applied to TOS1, TOS.";
        LOAD_FROM_DICT_OR_GLOBALS = 175, Name, caches 0, fixed(0), "Replace the mapping TOS with name from it, else from globals/builtins.";
        LOAD_FROM_DICT_OR_DEREF = 176, Free, caches 0, fixed(0), "Replace the mapping TOS with a name from it, else from cell oparg.";
        INSTRUMENTED_LOAD_SUPER_ATTR = 237, Raw, caches 0, Effect::ByArg(|a| (a & 1) - 2), "LOAD_SUPER_ATTR with monitoring events.";
        INSTRUMENTED_POP_JUMP_IF_NONE = 238, Raw, caches 0, fixed(0), "POP_JUMP_IF_NONE with monitoring events.";
        INSTRUMENTED_POP_JUMP_IF_NOT_NONE = 239, Raw, caches 0, fixed(0), "POP_JUMP_IF_NOT_NONE with monitoring events.";
        INSTRUMENTED_RESUME = 240, Raw, caches 0, fixed(0), "RESUME with monitoring events.";
        INSTRUMENTED_CALL = 241, Raw, caches 0, fixed(0), "CALL with monitoring events.";
        INSTRUMENTED_RETURN_VALUE = 242, Raw, caches 0, fixed(-1), "RETURN_VALUE with monitoring events.";
        INSTRUMENTED_YIELD_VALUE = 243, Raw, caches 0, fixed(0), "YIELD_VALUE with monitoring events.";
        INSTRUMENTED_CALL_FUNCTION_EX = 244, Raw, caches 0, fixed(0), "CALL_FUNCTION_EX with monitoring events.";
        INSTRUMENTED_JUMP_FORWARD = 245, Raw, caches 0, fixed(0), "JUMP_FORWARD with monitoring events.";
        INSTRUMENTED_JUMP_BACKWARD = 246, Raw, caches 0, fixed(0), "JUMP_BACKWARD with monitoring events.";
        INSTRUMENTED_RETURN_CONST = 247, Raw, caches 0, fixed(0), "RETURN_CONST with monitoring events.";
        INSTRUMENTED_FOR_ITER = 248, Raw, caches 0, fixed(0), "FOR_ITER with monitoring events.";
        INSTRUMENTED_POP_JUMP_IF_FALSE = 249, Raw, caches 0, fixed(0), "POP_JUMP_IF_FALSE with monitoring events.";
        INSTRUMENTED_POP_JUMP_IF_TRUE = 250, Raw, caches 0, fixed(0), "POP_JUMP_IF_TRUE with monitoring events.";
        INSTRUMENTED_END_FOR = 251, Raw, caches 0, fixed(-2), "END_FOR with monitoring events.";
        INSTRUMENTED_END_SEND = 252, Raw, caches 0, fixed(-1), "END_SEND with monitoring events.";
        INSTRUMENTED_INSTRUCTION = 253, Raw, caches 0, fixed(0), "An instruction with a per-instruction monitoring event.";
        INSTRUMENTED_LINE = 254, Raw, caches 0, Effect::Invalid, "An instruction that starts a line, with a line monitoring event.";
    }
    specialized {
        BINARY_OP_ADD_FLOAT = 6 => BINARY_OP, "BINARY_OP `+` on two floats.";
        BINARY_OP_ADD_INT = 7 => BINARY_OP, "BINARY_OP `+` on two ints.";
        BINARY_OP_ADD_UNICODE = 8 => BINARY_OP, "BINARY_OP `+` on two strs.";
        BINARY_OP_INPLACE_ADD_UNICODE = 10 => BINARY_OP, "BINARY_OP `+=` on a str local, appending in place.";
        BINARY_OP_MULTIPLY_FLOAT = 13 => BINARY_OP, "BINARY_OP `*` on two floats.";
        BINARY_OP_MULTIPLY_INT = 14 => BINARY_OP, "BINARY_OP `*` on two ints.";
        BINARY_OP_SUBTRACT_FLOAT = 16 => BINARY_OP, "BINARY_OP `-` on two floats.";
        BINARY_OP_SUBTRACT_INT = 18 => BINARY_OP, "BINARY_OP `-` on two ints.";
        BINARY_SUBSCR_DICT = 19 => BINARY_SUBSCR, "BINARY_SUBSCR on a dict.";
        BINARY_SUBSCR_GETITEM = 20 => BINARY_SUBSCR, "BINARY_SUBSCR calling a Python __getitem__.";
        BINARY_SUBSCR_LIST_INT = 21 => BINARY_SUBSCR, "BINARY_SUBSCR of a list by a small int.";
        BINARY_SUBSCR_TUPLE_INT = 22 => BINARY_SUBSCR, "BINARY_SUBSCR of a tuple by a small int.";
        CALL_PY_EXACT_ARGS = 23 => CALL, "CALL of a Python function with exactly its positional arguments.";
        CALL_PY_WITH_DEFAULTS = 24 => CALL, "CALL of a Python function that fills in defaults.";
        CALL_BOUND_METHOD_EXACT_ARGS = 28 => CALL, "CALL of a bound Python method with exact arguments.";
        CALL_BUILTIN_CLASS = 29 => CALL, "CALL of a builtin class.";
        CALL_BUILTIN_FAST_WITH_KEYWORDS = 34 => CALL, "CALL of a builtin function taking fast args and keywords.";
        CALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS = 38 => CALL, "CALL of a method descriptor taking fast args and keywords.";
        CALL_NO_KW_BUILTIN_FAST = 39 => CALL, "CALL of a fast builtin function without keywords.";
        CALL_NO_KW_BUILTIN_O = 40 => CALL, "CALL of a one-argument builtin function.";
        CALL_NO_KW_ISINSTANCE = 41 => CALL, "CALL of isinstance.";
        CALL_NO_KW_LEN = 42 => CALL, "CALL of len.";
        CALL_NO_KW_LIST_APPEND = 43 => CALL, "CALL of list.append.";
        CALL_NO_KW_METHOD_DESCRIPTOR_FAST = 44 => CALL, "CALL of a fast method descriptor without keywords.";
        CALL_NO_KW_METHOD_DESCRIPTOR_NOARGS = 45 => CALL, "CALL of a method descriptor taking no arguments.";
        CALL_NO_KW_METHOD_DESCRIPTOR_O = 46 => CALL, "CALL of a method descriptor taking one argument.";
        CALL_NO_KW_STR_1 = 47 => CALL, "CALL of str with one argument.";
        CALL_NO_KW_TUPLE_1 = 48 => CALL, "CALL of tuple with one argument.";
        CALL_NO_KW_TYPE_1 = 56 => CALL, "CALL of type with one argument.";
        COMPARE_OP_FLOAT = 57 => COMPARE_OP, "COMPARE_OP on two floats.";
        COMPARE_OP_INT = 58 => COMPARE_OP, "COMPARE_OP on two small ints.";
        COMPARE_OP_STR = 59 => COMPARE_OP, "COMPARE_OP (==, !=) on two strs.";
        FOR_ITER_LIST = 62 => FOR_ITER, "FOR_ITER over a list.";
        FOR_ITER_TUPLE = 63 => FOR_ITER, "FOR_ITER over a tuple.";
        FOR_ITER_RANGE = 64 => FOR_ITER, "FOR_ITER over a range.";
        FOR_ITER_GEN = 65 => FOR_ITER, "FOR_ITER over a generator.";
        LOAD_SUPER_ATTR_ATTR = 66 => LOAD_SUPER_ATTR, "LOAD_SUPER_ATTR of a plain attribute.";
        LOAD_SUPER_ATTR_METHOD = 67 => LOAD_SUPER_ATTR, "LOAD_SUPER_ATTR of a method.";
        LOAD_ATTR_CLASS = 70 => LOAD_ATTR, "LOAD_ATTR on a class.";
        LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN = 72 => LOAD_ATTR, "LOAD_ATTR through a Python __getattribute__.";
        LOAD_ATTR_INSTANCE_VALUE = 73 => LOAD_ATTR, "LOAD_ATTR of an instance attribute in the inline values.";
        LOAD_ATTR_MODULE = 76 => LOAD_ATTR, "LOAD_ATTR on a module.";
        LOAD_ATTR_PROPERTY = 77 => LOAD_ATTR, "LOAD_ATTR through a Python property.";
        LOAD_ATTR_SLOT = 78 => LOAD_ATTR, "LOAD_ATTR of a __slots__ member.";
        LOAD_ATTR_WITH_HINT = 79 => LOAD_ATTR, "LOAD_ATTR from an instance dict with a cached index.";
        LOAD_ATTR_METHOD_LAZY_DICT = 80 => LOAD_ATTR, "LOAD_ATTR of a method on an instance whose dict is not materialized.";
        LOAD_ATTR_METHOD_NO_DICT = 81 => LOAD_ATTR, "LOAD_ATTR of a method on an instance without a dict.";
        LOAD_ATTR_METHOD_WITH_VALUES = 82 => LOAD_ATTR, "LOAD_ATTR of a method on an instance with inline values.";
        LOAD_CONST__LOAD_FAST = 84 => LOAD_CONST, "LOAD_CONST fused with the following LOAD_FAST.";
        LOAD_FAST__LOAD_CONST = 86 => LOAD_FAST, "LOAD_FAST fused with the following LOAD_CONST.";
        LOAD_FAST__LOAD_FAST = 88 => LOAD_FAST, "LOAD_FAST fused with the following LOAD_FAST.";
        LOAD_GLOBAL_BUILTIN = 111 => LOAD_GLOBAL, "LOAD_GLOBAL found in builtins.";
        LOAD_GLOBAL_MODULE = 112 => LOAD_GLOBAL, "LOAD_GLOBAL found in the module globals.";
        STORE_ATTR_INSTANCE_VALUE = 113 => STORE_ATTR, "STORE_ATTR into the inline values.";
        STORE_ATTR_SLOT = 148 => STORE_ATTR, "STORE_ATTR into a __slots__ member.";
        STORE_ATTR_WITH_HINT = 153 => STORE_ATTR, "STORE_ATTR into an instance dict with a cached index.";
        STORE_FAST__LOAD_FAST = 154 => STORE_FAST, "STORE_FAST fused with the following LOAD_FAST.";
        STORE_FAST__STORE_FAST = 158 => STORE_FAST, "STORE_FAST fused with the following STORE_FAST.";
        STORE_SUBSCR_DICT = 159 => STORE_SUBSCR, "STORE_SUBSCR into a dict.";
        STORE_SUBSCR_LIST_INT = 160 => STORE_SUBSCR, "STORE_SUBSCR into a list at a small int index.";
        UNPACK_SEQUENCE_LIST = 161 => UNPACK_SEQUENCE, "UNPACK_SEQUENCE of a list.";
        UNPACK_SEQUENCE_TUPLE = 166 => UNPACK_SEQUENCE, "UNPACK_SEQUENCE of a tuple.";
        UNPACK_SEQUENCE_TWO_TUPLE = 167 => UNPACK_SEQUENCE, "UNPACK_SEQUENCE of a 2-tuple.";
        SEND_GEN = 168 => SEND, "SEND into a generator or coroutine.";
    }
    pseudo {
        SETUP_FINALLY = 256, None, [NOP], exc true, effect (0, 1), "Push an exception handler that receives the exception.";
        SETUP_CLEANUP = 257, None, [NOP], exc true, effect (0, 2), "Push a cleanup handler that also receives lasti.";
        SETUP_WITH = 258, None, [NOP], exc true, effect (0, 1), "Push the handler of a with block.";
        POP_BLOCK = 259, None, [NOP], exc false, effect (0, 0), "Pop the innermost exception handler.";
        JUMP = 260, JumpForward, [JUMP_FORWARD, JUMP_BACKWARD], exc false, effect (0, 0), "Unconditional jump in either direction.";
        JUMP_NO_INTERRUPT = 261, JumpForward, [JUMP_FORWARD, JUMP_BACKWARD_NO_INTERRUPT], exc false, effect (0, 0), "Unconditional jump that does not check for interrupts.";
        LOAD_METHOD = 262, Name, [LOAD_ATTR], exc false, effect (1, 1), "Load a method for a call (becomes LOAD_ATTR with bit 0 set).";
        LOAD_SUPER_METHOD = 263, Name, [LOAD_SUPER_ATTR], exc false, effect (-1, -1), "super().method load (becomes LOAD_SUPER_ATTR).";
        LOAD_ZERO_SUPER_METHOD = 264, Name, [LOAD_SUPER_ATTR], exc false, effect (-1, -1), "Zero-argument super().method load.";
        LOAD_ZERO_SUPER_ATTR = 265, Name, [LOAD_SUPER_ATTR], exc false, effect (-1, -1), "Zero-argument super().attr load.";
        STORE_FAST_MAYBE_NULL = 266, Local, [STORE_FAST], exc false, effect (-1, -1), "STORE_FAST of a value that may be NULL (comprehension cleanup).";
    }
}

impl Opcode {
    /// The opcode with this number, if there is one.
    #[inline]
    pub const fn from_u8(byte: u8) -> Option<Opcode> {
        OPCODE_BY_BYTE[byte as usize]
    }

    #[inline]
    fn info(self) -> &'static OpInfo {
        match &OP_INFO[self as usize] {
            Some(info) => info,
            // Every variant has an entry: both are generated from the same list.
            None => &OP_INFO_FALLBACK,
        }
    }

    /// The CPython name (`dis.opname`, specialized names included).
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The opcode byte.
    #[inline]
    pub const fn number(self) -> u8 {
        self as u8
    }

    /// Number of inline `CACHE` code units after the instruction (the family's, for specialized ones).
    #[inline]
    pub fn cache_entries(self) -> usize {
        usize::from(self.info().caches)
    }

    /// How the argument is interpreted (the family's, for specialized ones).
    #[inline]
    pub fn arg_kind(self) -> ArgKind {
        self.info().kind
    }

    /// Whether the instruction's argument byte is meaningful (as `dis` decides: by family).
    #[inline]
    pub fn has_arg(self) -> bool {
        self.info().kind.has_arg()
    }

    /// The unspecialized opcode this one belongs to (`self` unless specialized).
    pub fn deopt(self) -> Opcode {
        Opcode::from_u8(self.info().family).unwrap_or(self)
    }

    /// Whether this is one of the adaptive interpreter's specialized forms.
    pub fn is_specialized(self) -> bool {
        self.info().family != self as u8
    }

    /// Whether this is an `INSTRUMENTED_*` opcode.
    pub const fn is_instrumented(self) -> bool {
        self as u8 >= MIN_INSTRUMENTED_OPCODE
    }

    /// Whether this is a relative jump backwards (`JUMP_BACKWARD*`).
    pub fn is_backward_jump(self) -> bool {
        self.arg_kind() == ArgKind::JumpBackward
    }

    /// `dis.stack_effect(op, oparg, jump=jump)`: the change in stack depth, or `None` where CPython
    /// raises `ValueError`. The oparg is ignored for opcodes without an argument.
    pub fn stack_effect(self, oparg: u32, jump: bool) -> Option<i32> {
        let _ = jump; // No real 3.12 opcode's effect depends on the branch taken.
        self.info().effect.eval(oparg)
    }

    /// `dis.stack_effect(op, oparg)` with `jump=None`: the larger of the two branches.
    pub fn max_stack_effect(self, oparg: u32) -> Option<i32> {
        match (
            self.stack_effect(oparg, false),
            self.stack_effect(oparg, true),
        ) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        }
    }

    /// A one-line description.
    pub fn doc(self) -> &'static str {
        self.info().doc
    }
}

/// Never used: every [`Opcode`] has a table entry. Exists so lookups need no `unwrap`.
static OP_INFO_FALLBACK: OpInfo = OpInfo {
    name: "<unknown>",
    number: 0,
    family: 0,
    kind: ArgKind::None,
    caches: 0,
    effect: Effect::Invalid,
    doc: "",
};

/// The name `dis` shows for an opcode byte: the opcode's name, or `<N>` for unassigned numbers.
pub fn opname(byte: u8) -> std::borrow::Cow<'static, str> {
    match Opcode::from_u8(byte) {
        Some(op) => std::borrow::Cow::Borrowed(op.name()),
        None => std::borrow::Cow::Owned(format!("<{byte}>")),
    }
}

/// Inline cache units after an instruction with this opcode byte (0 for unassigned bytes).
pub fn cache_entries(byte: u8) -> usize {
    Opcode::from_u8(byte).map_or(0, Opcode::cache_entries)
}

impl std::fmt::Display for Opcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl TryFrom<u8> for Opcode {
    type Error = u8;

    fn try_from(byte: u8) -> Result<Self, u8> {
        Opcode::from_u8(byte).ok_or(byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_an_entry_and_roundtrips() {
        for &op in Opcode::ALL {
            let info = OP_INFO[op as usize].as_ref();
            assert!(info.is_some(), "{op:?}");
            assert_eq!(Opcode::from_u8(op as u8), Some(op));
            assert_eq!(format!("{op:?}"), op.name());
        }
        assert_eq!(Opcode::ALL.len(), OP_INFO.iter().flatten().count());
    }

    #[test]
    fn basics() {
        assert_eq!(Opcode::LOAD_GLOBAL.cache_entries(), 4);
        assert_eq!(Opcode::LOAD_ATTR_MODULE.deopt(), Opcode::LOAD_ATTR);
        assert_eq!(Opcode::LOAD_ATTR_MODULE.cache_entries(), 9);
        assert!(Opcode::JUMP_BACKWARD.is_backward_jump());
        assert_eq!(Opcode::CALL.stack_effect(2, false), Some(-3));
        assert_eq!(Opcode::from_u8(255), None);
        assert_eq!(opname(200), "<200>");
        assert_eq!(PseudoOp::from_u16(257), Some(PseudoOp::SETUP_CLEANUP));
        assert_eq!(PseudoOp::SETUP_CLEANUP.stack_effect(true), 2);
    }
}
