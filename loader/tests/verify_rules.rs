//! One test per verifier rule: take a real code object from a CPython 3.12 fixture, break the rule
//! by editing the `Code` the loader returned, and check the exact error.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use common::{all_codes, repo_root};
use pyvm_loader::exctable::{self, ExceptionEntry};
use pyvm_loader::object::flags;
use pyvm_loader::opcode::Opcode;
use pyvm_loader::verify::{verify, verify_tree, Rule, MAX_STACK_SIZE};
use pyvm_loader::{load_pyc_file, Code, Obj};

fn module(rel: &str) -> Arc<Code> {
    load_pyc_file(repo_root().join(rel)).unwrap().code
}

/// A code object of a fixture, by qualname.
fn code(rel: &str, qualname: &str) -> Code {
    let root = module(rel);
    let found = all_codes(&root)
        .into_iter()
        .find(|c| c.qualname.to_str_lossy() == qualname)
        .unwrap_or_else(|| panic!("{qualname} not in {rel}"));
    let c = (*found).clone();
    verify(&c).unwrap();
    c
}

fn flow(qualname: &str) -> Code {
    code("tests/pyc/flow.pyc", qualname)
}

/// Overwrites bytes of `co_code` starting at byte `offset`.
fn patch(c: &mut Code, offset: usize, bytes: &[u8]) {
    let mut v = c.code.to_vec();
    v[offset..offset + bytes.len()].copy_from_slice(bytes);
    c.code = v.into();
}

/// Sets the opcode and argument of the code unit at byte `offset`.
fn set(c: &mut Code, offset: usize, op: u8, arg: u8) {
    patch(c, offset, &[op, arg]);
}

fn error(c: &Code) -> String {
    verify(c).unwrap_err().to_string()
}

fn encode_varint(out: &mut Vec<u8>, mut v: u32, first: bool) {
    let mut groups = vec![(v & 63) as u8];
    v >>= 6;
    while v > 0 {
        groups.push((v & 63) as u8);
        v >>= 6;
    }
    groups.reverse();
    let last = groups.len() - 1;
    for (i, g) in groups.iter().enumerate() {
        let mut b = *g;
        if i < last {
            b |= 64;
        }
        if i == 0 && first {
            b |= 128;
        }
        out.push(b);
    }
}

/// Writes entries (byte offsets) in the `co_exceptiontable` format.
fn encode_table(entries: &[ExceptionEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        encode_varint(&mut out, e.start / 2, true);
        encode_varint(&mut out, (e.end - e.start) / 2, false);
        encode_varint(&mut out, e.target / 2, false);
        encode_varint(&mut out, (e.depth << 1) | u32::from(e.lasti), false);
    }
    out
}

fn edit_table(c: &mut Code, f: impl FnOnce(&mut Vec<ExceptionEntry>)) {
    let mut entries = exctable::parse(&c.exceptiontable).unwrap();
    f(&mut entries);
    c.exceptiontable = encode_table(&entries).into();
}

#[test]
fn table_encoder_round_trips() {
    let c = flow("safe_div");
    let entries = exctable::parse(&c.exceptiontable).unwrap();
    assert_eq!(&encode_table(&entries)[..], &c.exceptiontable[..]);
}

#[test]
fn verified_info_describes_the_code() {
    let c = flow("fib");
    let info = verify(&c).unwrap();
    assert_eq!(info.max_depth(), 4);
    assert_eq!(c.stacksize, 4);
    assert_eq!(info.instruction_count(), 21);
    assert_eq!(info.depth_at(0), Some(0));
    assert_eq!(info.depth_at(12), Some(0)); // LOAD_GLOBAL
    assert_eq!(info.depth_at(24), Some(3)); // CALL 1: NULL, range, n
    assert_eq!(info.depth_at(34), Some(1)); // FOR_ITER: the iterator
    assert_eq!(info.depth_at(46), Some(4)); // BINARY_OP
    assert_eq!(info.depth_at(56), Some(2)); // END_FOR: iterator and "next"
    assert_eq!(info.depth_at(58), Some(0));
    assert!(!info.is_instruction_start(6)); // UNPACK_SEQUENCE's cache
    assert!(!info.is_instruction_start(3));
    assert_eq!(info.depth_at(14), None); // LOAD_GLOBAL's cache
    assert!(!info.is_instruction_start(62)); // the end
                                             // An EXTENDED_ARG starts its instruction.
    let c = code("tests/programs/extended_arg.pyc", "long_loop");
    let info = verify(&c).unwrap();
    assert!(info.is_instruction_start(28));
    assert!(!info.is_instruction_start(30));
    assert_eq!(info.depth_at(28), Some(1));
}

#[test]
fn unreachable_code_gets_no_depth() {
    // CPython leaves the unused `finally` copy of ret_in_try (30..54) in place.
    let c = code("tests/programs/try_finally_return.pyc", "ret_in_try");
    let info = verify(&c).unwrap();
    assert!(info.is_instruction_start(30));
    assert!(!info.is_reachable(30));
    assert!(info.is_reachable(56)); // a handler
    assert_eq!(info.depth_at(56), Some(3)); // depth 1 + lasti + exception
    assert_eq!(info.max_depth(), 4);
    assert_eq!(c.stacksize, 5);
}

#[test]
fn tree_names_nested_code_objects() {
    let root = module("tests/pyc/flow.pyc");
    assert_eq!(verify_tree(&root).unwrap(), all_codes(&root).len());
    let mut m = (*root).clone();
    let mut consts = m.consts.to_vec();
    let idx = consts
        .iter()
        .position(|k| matches!(k, Obj::Code(c) if c.qualname.to_str_lossy() == "fib"))
        .unwrap();
    let mut fib = flow("fib");
    set(&mut fib, 2, Opcode::LOAD_CONST.number(), 7);
    consts[idx] = Obj::Code(Arc::new(fib));
    m.consts = consts.into();
    let e = verify_tree(&Arc::new(m)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "verify: <module>.fib at offset 2: LOAD_CONST index 7 out of range (co_consts has 2)"
    );
    assert_eq!(e.offset, Some(2));
    assert!(matches!(
        e.rule,
        Rule::ConstIndex {
            index: 7,
            len: 2,
            ..
        }
    ));
}

// ---- structure -------------------------------------------------------------------------------

#[test]
fn empty_code() {
    let mut c = flow("fib");
    c.code = Arc::from(&[][..]);
    assert_eq!(error(&c), "verify: fib: co_code is empty");
}

#[test]
fn odd_length() {
    let mut c = flow("fib");
    c.code = c.code[..61].into();
    assert_eq!(
        error(&c),
        "verify: fib: co_code has an odd length (61 bytes)"
    );
}

#[test]
fn caches_past_end() {
    let mut c = flow("fib");
    c.code = c.code[..28].into(); // CALL at 24 has three caches, one unit follows
    assert_eq!(
        error(&c),
        "verify: fib at offset 24: CALL needs 3 inline cache units but only 1 code units follow"
    );
}

#[test]
fn falls_off_the_end() {
    let mut c = flow("fib");
    c.code = c.code[..34].into();
    assert_eq!(
        error(&c),
        "verify: fib at offset 32: execution runs past the end of the code after GET_ITER"
    );
}

#[test]
fn unknown_opcode() {
    let mut c = flow("fib");
    set(&mut c, 0, 200, 0);
    assert_eq!(error(&c), "verify: fib at offset 0: unknown opcode 200");
}

#[test]
fn specialized_opcode() {
    let mut c = flow("fib");
    set(&mut c, 46, Opcode::BINARY_OP_ADD_INT.number(), 0);
    assert_eq!(
        error(&c),
        "verify: fib at offset 46: specialized opcode BINARY_OP_ADD_INT (7) cannot appear in a .pyc"
    );
}

#[test]
fn instrumented_opcode() {
    let mut c = flow("fib");
    set(&mut c, 0, Opcode::INSTRUMENTED_RESUME.number(), 0);
    assert_eq!(
        error(&c),
        "verify: fib at offset 0: instrumented opcode INSTRUMENTED_RESUME (240) cannot appear in a .pyc"
    );
}

#[test]
fn opcodes_the_compiler_never_emits() {
    for (op, n) in [
        (Opcode::CACHE, 0),
        (Opcode::RESERVED, 17),
        (Opcode::INTERPRETER_EXIT, 3),
    ] {
        let mut c = flow("fib");
        set(&mut c, 0, op.number(), 0);
        assert_eq!(
            error(&c),
            format!("verify: fib at offset 0: {op} ({n}) is not an instruction the compiler emits")
        );
    }
}

#[test]
fn nonzero_cache() {
    let mut c = flow("fib");
    set(&mut c, 28, 0, 1); // the second cache unit of CALL at 24
    assert_eq!(
        error(&c),
        "verify: fib at offset 24: inline cache unit of CALL at offset 28 is not zero"
    );
}

#[test]
fn extended_arg_at_end() {
    let mut c = flow("fib");
    set(&mut c, 60, Opcode::EXTENDED_ARG.number(), 0);
    assert_eq!(
        error(&c),
        "verify: fib at offset 60: EXTENDED_ARG at the end of the code"
    );
}

#[test]
fn extended_arg_before_cache() {
    let mut c = flow("fib");
    set(&mut c, 24, Opcode::EXTENDED_ARG.number(), 0);
    assert_eq!(
        error(&c),
        "verify: fib at offset 24: EXTENDED_ARG followed by a CACHE unit"
    );
}

#[test]
fn extended_arg_chain_too_long() {
    let mut c = flow("fib");
    for off in [40, 42, 44, 46] {
        set(&mut c, off, Opcode::EXTENDED_ARG.number(), 0);
    }
    assert_eq!(
        error(&c),
        "verify: fib at offset 46: more than three EXTENDED_ARG prefixes in a row"
    );
}

// ---- operands --------------------------------------------------------------------------------

#[test]
fn const_index() {
    let mut c = flow("fib");
    set(&mut c, 2, Opcode::LOAD_CONST.number(), 7);
    assert_eq!(
        error(&c),
        "verify: fib at offset 2: LOAD_CONST index 7 out of range (co_consts has 2)"
    );
    let mut c = flow("safe_div");
    set(&mut c, 108, Opcode::RETURN_CONST.number(), 3);
    assert_eq!(
        error(&c),
        "verify: safe_div at offset 108: RETURN_CONST index 3 out of range (co_consts has 3)"
    );
}

#[test]
fn const_index_uses_extended_arg() {
    // LOAD_CONST 256 at 2696 is EXTENDED_ARG 1 + LOAD_CONST 0; with a prefix of 2 it is 512.
    let mut c = code("tests/programs/extended_arg.pyc", "many_locals");
    set(&mut c, 2694, Opcode::EXTENDED_ARG.number(), 2);
    assert_eq!(
        error(&c),
        "verify: many_locals at offset 2696: LOAD_CONST index 512 out of range (co_consts has 271)"
    );
}

#[test]
fn kw_names_must_name_a_tuple_of_str() {
    let mut c = code("tests/programs/print_sep_end.pyc", "<module>");
    set(&mut c, 56, Opcode::KW_NAMES.number(), 2); // 'a'
    assert_eq!(
        error(&c),
        "verify: <module> at offset 56: KW_NAMES constant 2 is not a tuple of str"
    );
    let mut c = code("tests/programs/print_sep_end.pyc", "<module>");
    set(&mut c, 56, Opcode::KW_NAMES.number(), 200);
    assert_eq!(
        error(&c),
        "verify: <module> at offset 56: KW_NAMES index 200 out of range (co_consts has 69)"
    );
}

#[test]
fn kw_names_must_precede_call() {
    let mut c = code("tests/programs/print_sep_end.pyc", "<module>");
    set(&mut c, 54, Opcode::KW_NAMES.number(), 6);
    assert_eq!(
        error(&c),
        "verify: <module> at offset 54: KW_NAMES is not followed by CALL"
    );
}

#[test]
fn kw_names_fit_the_call() {
    let mut c = code("tests/programs/print_sep_end.pyc", "<module>");
    set(&mut c, 58, Opcode::CALL.number(), 0);
    assert_eq!(
        error(&c),
        "verify: <module> at offset 56: KW_NAMES names 1 keywords but the CALL passes 0 arguments"
    );
}

#[test]
fn name_index() {
    let mut c = flow("fib");
    set(&mut c, 12, Opcode::LOAD_GLOBAL.number(), 5); // names[2] + NULL
    assert_eq!(
        error(&c),
        "verify: fib at offset 12: LOAD_GLOBAL name index 2 out of range (co_names has 1)"
    );
    let mut c = code("tests/programs/extended_arg.pyc", "long_loop");
    assert_eq!(c.code[50], Opcode::LOAD_ATTR.number());
    set(&mut c, 50, Opcode::LOAD_ATTR.number(), 0xff);
    assert_eq!(
        error(&c),
        "verify: long_loop at offset 50: LOAD_ATTR name index 127 out of range (co_names has 4)"
    );
    let mut c = flow("Point.__init__");
    let store_attr = c
        .code
        .chunks(2)
        .position(|u| u[0] == Opcode::STORE_ATTR.number())
        .unwrap()
        * 2;
    set(&mut c, store_attr, Opcode::STORE_ATTR.number(), 9);
    assert_eq!(
        error(&c),
        format!(
            "verify: Point.__init__ at offset {store_attr}: STORE_ATTR name index 9 out of range (co_names has 2)"
        )
    );
}

#[test]
fn local_index() {
    let mut c = flow("fib");
    set(&mut c, 8, Opcode::STORE_FAST.number(), 4);
    assert_eq!(
        error(&c),
        "verify: fib at offset 8: STORE_FAST local index 4 out of range (co_localsplusnames has 4)"
    );
}

#[test]
fn cell_instructions_need_cells() {
    let mut c = flow("counter.<locals>.bump");
    set(&mut c, 4, Opcode::LOAD_DEREF.number(), 0);
    assert_eq!(
        error(&c),
        "verify: counter.<locals>.bump at offset 4: LOAD_DEREF slot 0 (step) is not a cell or free variable"
    );
    let mut c = flow("counter");
    set(&mut c, 0, Opcode::MAKE_CELL.number(), 0);
    assert_eq!(
        error(&c),
        "verify: counter at offset 0: MAKE_CELL slot 0 (bump) is not a cell or free variable"
    );
    let mut c = flow("counter");
    set(&mut c, 0, Opcode::MAKE_CELL.number(), 2);
    assert_eq!(
        error(&c),
        "verify: counter at offset 0: MAKE_CELL local index 2 out of range (co_localsplusnames has 2)"
    );
}

#[test]
fn copy_free_vars_count() {
    let mut c = flow("counter.<locals>.bump");
    set(&mut c, 0, Opcode::COPY_FREE_VARS.number(), 2);
    assert_eq!(
        error(&c),
        "verify: counter.<locals>.bump at offset 0: COPY_FREE_VARS 2 but the code has 1 free variables at the end of its locals"
    );
}

#[test]
fn opargs_with_fixed_ranges() {
    // (fixture code, byte offset, opcode, bad oparg, allowed)
    let cases: &[(&str, usize, Opcode, u8, &str)] = &[
        ("fib", 46, Opcode::BINARY_OP, 26, "0..=25"),
        ("fib", 0, Opcode::RESUME, 4, "0..=3"),
        ("counter", 16, Opcode::MAKE_FUNCTION, 16, "0..=15"),
        ("gen", 96, Opcode::CALL_INTRINSIC_1, 0, "1..=11"),
        ("gen", 96, Opcode::CALL_INTRINSIC_1, 12, "1..=11"),
        ("gen", 98, Opcode::RERAISE, 3, "0..=2"),
        ("safe_div", 120, Opcode::COPY, 0, "at least 1"),
    ];
    for &(q, off, op, arg, allowed) in cases {
        let mut c = flow(q);
        assert_eq!(c.code[off], op.number(), "{q} {off}");
        set(&mut c, off, op.number(), arg);
        assert_eq!(
            error(&c),
            format!(
                "verify: {q} at offset {off}: invalid oparg {arg} for {op} (allowed: {allowed})"
            )
        );
    }
    // Opcodes at fixed positions of other fixtures.
    let find =
        |c: &Code, op: Opcode| c.code.chunks(2).position(|u| u[0] == op.number()).unwrap() * 2;
    let more: &[(&str, &str, Opcode, u8, &str)] = &[
        (
            "tests/programs/chained_compare.pyc",
            "<module>",
            Opcode::COMPARE_OP,
            0x60,
            "oparg >> 4 below 6",
        ),
        (
            "tests/programs/fstrings.pyc",
            "<module>",
            Opcode::FORMAT_VALUE,
            8,
            "0..=7",
        ),
        (
            "tests/programs/ranges_slices.pyc",
            "<module>",
            Opcode::BUILD_SLICE,
            4,
            "2 or 3",
        ),
        (
            "tests/programs/raise_from.pyc",
            "<module>",
            Opcode::RAISE_VARARGS,
            3,
            "0..=2",
        ),
        (
            "tests/programs/call_ex.pyc",
            "<module>",
            Opcode::CALL_FUNCTION_EX,
            2,
            "0 or 1",
        ),
        (
            "tests/programs/bool_ops.pyc",
            "<module>",
            Opcode::IS_OP,
            2,
            "0 or 1",
        ),
        (
            "tests/programs/except_star.pyc",
            "<module>",
            Opcode::CALL_INTRINSIC_2,
            5,
            "1..=4",
        ),
        (
            "tests/programs/comprehensions.pyc",
            "<module>",
            Opcode::LIST_APPEND,
            0,
            "at least 1",
        ),
        (
            "tests/programs/async_protocols.pyc",
            "ARange.__anext__",
            Opcode::GET_AWAITABLE,
            3,
            "0..=2",
        ),
    ];
    for &(file, q, op, arg, allowed) in more {
        let mut c = code(file, q);
        let off = find(&c, op);
        set(&mut c, off, op.number(), arg);
        assert_eq!(
            error(&c),
            format!(
                "verify: {q} at offset {off}: invalid oparg {arg} for {op} (allowed: {allowed})"
            ),
            "{file}"
        );
    }
}

// ---- control flow ----------------------------------------------------------------------------

#[test]
fn jump_into_a_cache() {
    let mut c = flow("fib");
    set(&mut c, 54, Opcode::JUMP_BACKWARD.number(), 10); // 56 - 20 = 36: FOR_ITER's cache
    assert_eq!(
        error(&c),
        "verify: fib at offset 54: JUMP_BACKWARD target 36 is inside an inline cache"
    );
}

#[test]
fn jump_outside_the_code() {
    let mut c = flow("fib");
    set(&mut c, 54, Opcode::JUMP_BACKWARD.number(), 100);
    assert_eq!(
        error(&c),
        "verify: fib at offset 54: JUMP_BACKWARD target -144 is outside the code (62 bytes)"
    );
    let mut c = flow("fib");
    set(&mut c, 34, Opcode::FOR_ITER.number(), 12); // 38 + 24 = 62: the end
    assert_eq!(
        error(&c),
        "verify: fib at offset 34: FOR_ITER target 62 is outside the code (62 bytes)"
    );
}

#[test]
fn jump_past_an_extended_arg() {
    let mut c = code("tests/programs/extended_arg.pyc", "long_loop");
    // JUMP_BACKWARD 432 at 890 (to 28, an EXTENDED_ARG); 431 lands on the FOR_ITER it prefixes.
    assert_eq!(
        &c.code[888..892],
        &[
            Opcode::EXTENDED_ARG.number(),
            1,
            Opcode::JUMP_BACKWARD.number(),
            0xb0
        ]
    );
    set(&mut c, 890, Opcode::JUMP_BACKWARD.number(), 0xaf);
    assert_eq!(
        error(&c),
        "verify: long_loop at offset 890: JUMP_BACKWARD target 30 is after an EXTENDED_ARG prefix, not at the start of an instruction"
    );
}

#[test]
fn for_iter_must_reach_end_for() {
    let mut c = flow("fib");
    set(&mut c, 34, Opcode::FOR_ITER.number(), 8);
    assert_eq!(
        error(&c),
        "verify: fib at offset 34: FOR_ITER target 54 is not an END_FOR instruction"
    );
}

#[test]
fn exception_table_must_decode() {
    let mut c = flow("safe_div");
    let n = c.exceptiontable.len();
    c.exceptiontable = c.exceptiontable[..n - 1].into();
    assert_eq!(
        error(&c),
        format!(
            "verify: safe_div: truncated exception table at byte {}",
            n - 1
        )
    );
}

#[test]
fn exception_entry_shifted_into_a_cache() {
    let mut c = flow("safe_div");
    edit_table(&mut c, |e| e[0].start = 10); // inside BINARY_OP's cache
    assert_eq!(
        error(&c),
        "verify: safe_div: exception table entry 0 (10 to 12 -> 36 [0]): start is inside an inline cache"
    );
    let mut c = flow("safe_div");
    edit_table(&mut c, |e| e[0].end = 14); // inside LOAD_GLOBAL's caches
    assert_eq!(
        error(&c),
        "verify: safe_div: exception table entry 0 (4 to 14 -> 36 [0]): end is inside an inline cache"
    );
    let mut c = flow("safe_div");
    edit_table(&mut c, |e| e[0].target = 40); // LOAD_GLOBAL's cache
    assert_eq!(
        error(&c),
        "verify: safe_div: exception table entry 0 (4 to 12 -> 40 [0]): handler is inside an inline cache"
    );
}

#[test]
fn exception_entry_after_extended_arg() {
    let mut c = code("tests/programs/extended_arg.pyc", "long_loop");
    c.exceptiontable = encode_table(&[ExceptionEntry {
        start: 30,
        end: 34,
        target: 896,
        depth: 0,
        lasti: false,
    }])
    .into();
    assert_eq!(
        error(&c),
        "verify: long_loop: exception table entry 0 (30 to 34 -> 896 [0]): start is after an EXTENDED_ARG prefix, not at the start of an instruction"
    );
}

#[test]
fn exception_entry_ranges() {
    let mut c = flow("safe_div");
    edit_table(&mut c, |e| e[0].end = e[0].start);
    assert_eq!(
        error(&c),
        "verify: safe_div: exception table entry 0 (4 to 4 -> 36 [0]): empty range"
    );
    let mut c = flow("safe_div");
    edit_table(&mut c, |e| e[6].end = 160);
    assert_eq!(
        error(&c),
        "verify: safe_div: exception table entry 6 (126 to 160 -> 152 [1]): range ends past the code (158 bytes)"
    );
    let mut c = flow("safe_div");
    edit_table(&mut c, |e| e[1].start = 8);
    assert_eq!(
        error(&c),
        "verify: safe_div: exception table entry 1 (8 to 54 -> 120 [1]): range starts before the previous entry's end (12)"
    );
    let mut c = flow("safe_div");
    edit_table(&mut c, |e| e[0].target = 158);
    assert_eq!(
        error(&c),
        "verify: safe_div: exception table entry 0 (4 to 12 -> 158 [0]): handler is outside the code (158 bytes)"
    );
}

#[test]
fn exception_entry_depth() {
    let mut c = flow("safe_div");
    let too_deep = c.stacksize + 1;
    edit_table(&mut c, |e| e[0].depth = too_deep);
    assert_eq!(
        error(&c),
        "verify: safe_div: exception table entry 0 (4 to 12 -> 36 [6]): depth is above co_stacksize 5"
    );
    // At co_stacksize, the handler has no room for the exception.
    let mut c = flow("safe_div");
    let full = c.stacksize;
    edit_table(&mut c, |e| e[0].depth = full);
    assert_eq!(
        error(&c),
        "verify: safe_div at offset 36: stack overflow: depth 6 at PUSH_EXC_INFO exceeds co_stacksize 5"
    );
}

#[test]
fn protected_instructions_keep_the_handler_depth() {
    let mut c = flow("safe_div");
    c.stacksize += 1; // room for the handler at 36, now entered one item higher
    edit_table(&mut c, |e| e[0].depth = 1); // LOAD_FAST a at 4 runs at depth 0
    assert_eq!(
        error(&c),
        "verify: safe_div at offset 4: LOAD_FAST runs at stack depth 0, below its exception handler's depth 1"
    );
}

#[test]
fn handlers_are_checked_even_when_their_range_is_dead() {
    // Handlers are roots of the analysis (RERAISE can route to any of them through lasti).
    let mut c = flow("safe_div");
    edit_table(&mut c, |e| e[1].lasti = false); // the handler at 120 starts one item lower
    assert_eq!(
        error(&c),
        "verify: safe_div at offset 120: inconsistent stack depth at offset 120: 2 on one path, 3 on another"
    );
}

// ---- stack -----------------------------------------------------------------------------------

#[test]
fn stack_underflow() {
    let mut c = flow("fib");
    set(&mut c, 2, Opcode::NOP.number(), 0);
    assert_eq!(
        error(&c),
        "verify: fib at offset 4: stack underflow: UNPACK_SEQUENCE needs 1 stack items but the stack holds 0"
    );
    let mut c = flow("safe_div");
    set(&mut c, 120, Opcode::COPY.number(), 4);
    assert_eq!(
        error(&c),
        "verify: safe_div at offset 120: stack underflow: COPY needs 4 stack items but the stack holds 3"
    );
    // Reads, not the net effect, decide: CALL 1 needs callable, NULL and the argument.
    let mut c = flow("fib");
    set(&mut c, 12, Opcode::LOAD_GLOBAL.number(), 0); // no NULL
    assert_eq!(
        error(&c),
        "verify: fib at offset 24: stack underflow: CALL needs 3 stack items but the stack holds 2"
    );
}

#[test]
fn stack_overflow() {
    let mut c = flow("fib");
    c.stacksize = 3;
    assert_eq!(
        error(&c),
        "verify: fib at offset 44: stack overflow: depth 4 at LOAD_FAST exceeds co_stacksize 3"
    );
}

#[test]
fn stack_depth_must_agree_at_merges() {
    let mut c = flow("fib");
    set(&mut c, 54, Opcode::JUMP_BACKWARD.number(), 9); // to 38 with depth 1, not 2
    assert_eq!(
        error(&c),
        "verify: fib at offset 54: inconsistent stack depth at offset 38: 2 on one path, 1 on another"
    );
}

#[test]
fn undefined_stack_effect() {
    // EXTENDED_ARG 0x80, 0, 0 before UNPACK_SEQUENCE: 2^31 + 2 values do not fit an int.
    let mut c = flow("fib");
    let mut v = vec![Opcode::RESUME.number(), 0, Opcode::LOAD_CONST.number(), 1];
    for arg in [0x80, 0, 0] {
        v.extend([Opcode::EXTENDED_ARG.number(), arg]);
    }
    v.extend([Opcode::UNPACK_SEQUENCE.number(), 2, 0, 0]);
    v.extend([Opcode::RETURN_VALUE.number(), 0]);
    c.code = v.into();
    assert_eq!(
        error(&c),
        "verify: fib at offset 10: the stack effect of UNPACK_SEQUENCE 2147483650 is undefined"
    );
}

#[test]
fn stacksize_limit() {
    let mut c = flow("fib");
    c.stacksize = MAX_STACK_SIZE + 1;
    assert_eq!(
        error(&c),
        format!(
            "verify: fib: co_stacksize {} is above the limit {MAX_STACK_SIZE}",
            MAX_STACK_SIZE + 1
        )
    );
}

#[test]
fn locals_and_arguments() {
    let mut c = flow("fib");
    c.localspluskinds = c.localspluskinds[..3].into();
    assert_eq!(
        error(&c),
        "verify: fib: co_localsplusnames has 4 entries but co_localspluskinds has 3"
    );
    let mut c = flow("fib");
    c.argcount = 5;
    assert_eq!(
        error(&c),
        "verify: fib: 5 parameters do not fit in the plain locals (4 slots)"
    );
    let mut c = flow("counter.<locals>.bump");
    c.argcount = 2; // the second slot is the free variable `count`
    assert_eq!(
        error(&c),
        "verify: counter.<locals>.bump: 2 parameters do not fit in the plain locals (2 slots)"
    );
}

// ---- generators ------------------------------------------------------------------------------

#[test]
fn return_generator_needs_generator_flags() {
    let mut c = flow("gen");
    c.flags &= !flags::GENERATOR;
    assert_eq!(
        error(&c),
        "verify: gen at offset 0: RETURN_GENERATOR in code that is not a generator or coroutine"
    );
}

#[test]
fn return_generator_only_in_the_prefix() {
    let mut c = flow("gen");
    set(&mut c, 4, Opcode::RETURN_GENERATOR.number(), 0);
    assert_eq!(
        error(&c),
        "verify: gen at offset 4: RETURN_GENERATOR after instructions other than COPY_FREE_VARS and MAKE_CELL"
    );
    let mut c = flow("gen");
    set(&mut c, 48, Opcode::JUMP_BACKWARD.number(), 25); // 50 - 50 = 0
    assert_eq!(
        error(&c),
        "verify: gen at offset 0: RETURN_GENERATOR is the target of a jump or handler, or follows one"
    );
}

#[test]
fn yield_needs_return_generator() {
    let mut c = flow("gen");
    set(&mut c, 0, Opcode::NOP.number(), 0);
    assert_eq!(
        error(&c),
        "verify: gen at offset 42: YIELD_VALUE in code that does not start with RETURN_GENERATOR"
    );
}
