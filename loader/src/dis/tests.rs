#![allow(clippy::unwrap_used)]

use super::*;
use std::sync::Arc;

fn code_with(bytecode: &[u8], consts: Vec<Obj>, names: &[&str], locals: &[&str]) -> Code {
    Code {
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        stacksize: 1,
        flags: 0,
        code: Arc::from(bytecode),
        consts: Arc::from(consts),
        names: names
            .iter()
            .map(|&n| PyStr::from(n))
            .collect::<Vec<_>>()
            .into(),
        localsplusnames: locals
            .iter()
            .map(|&n| PyStr::from(n))
            .collect::<Vec<_>>()
            .into(),
        localspluskinds: Arc::from(vec![0x20u8; locals.len()]),
        filename: PyStr::from("t.py"),
        name: PyStr::from("t"),
        qualname: PyStr::from("t"),
        firstlineno: 1,
        linetable: Arc::from(Vec::new()),
        exceptiontable: Arc::from(Vec::new()),
    }
}

const RESUME: u8 = Opcode::RESUME as u8;
const LOAD_CONST: u8 = Opcode::LOAD_CONST as u8;
const LOAD_GLOBAL: u8 = Opcode::LOAD_GLOBAL as u8;
const EXTENDED_ARG: u8 = Opcode::EXTENDED_ARG as u8;
const RETURN_VALUE: u8 = Opcode::RETURN_VALUE as u8;
const JUMP_BACKWARD: u8 = Opcode::JUMP_BACKWARD as u8;

#[test]
fn renders_without_line_numbers() {
    #[rustfmt::skip]
    let code = code_with(
        &[RESUME, 0, LOAD_GLOBAL, 1, 0, 0, 0, 0, 0, 0, 0, 0, LOAD_CONST, 0, RETURN_VALUE, 0],
        vec![Obj::Int(7)],
        &["print"],
        &[],
    );
    let text = dis(&code).unwrap();
    assert_eq!(
        text,
        "          0 RESUME                   0\n\
         \x20         2 LOAD_GLOBAL              1 (NULL + print)\n\
         \x20        12 LOAD_CONST               0 (7)\n\
         \x20        14 RETURN_VALUE\n"
    );
}

#[test]
fn malformed_arguments_render_instead_of_panicking() {
    #[rustfmt::skip]
    let code = code_with(
        &[
            LOAD_CONST, 9, // past co_consts
            LOAD_GLOBAL, 201, 0, 0, 0, 0, 0, 0, 0, 0, // past co_names
            Opcode::LOAD_FAST as u8, 3, // past the locals
            Opcode::BINARY_OP as u8, 99, 0, 0, // no such operator
            Opcode::COMPARE_OP as u8, 0xF0, 0, 0, // no such comparison
            Opcode::CALL_INTRINSIC_1 as u8, 77,
            JUMP_BACKWARD, 200, // lands before the start
            255, 1, // unassigned opcode
            6, 0, 0, 0, // a specialized opcode (BINARY_OP_ADD_FLOAT) and its cache
            LOAD_CONST, // truncated: no argument byte
        ],
        vec![],
        &[],
        &[],
    );
    let text = dis(&code).unwrap();
    assert!(
        text.contains("LOAD_CONST               9 (<index 9 out of range>)"),
        "{text}"
    );
    assert!(text.contains("(NULL + <index 100 out of range>)"), "{text}");
    assert!(text.contains("(to -374)"), "{text}");
    assert!(text.contains(" <255>\n"), "{text}");
    assert!(text.contains("BINARY_OP_ADD_FLOAT"), "{text}");
    assert!(
        text.ends_with("LOAD_CONST               0 (<index 0 out of range>)\n"),
        "{text}"
    );
}

#[test]
fn extended_arg_wraps_like_a_c_int() {
    #[rustfmt::skip]
    let code = code_with(
        &[EXTENDED_ARG, 0xff, EXTENDED_ARG, 0xff, EXTENDED_ARG, 0xff, LOAD_CONST, 0xff],
        vec![Obj::None],
        &[],
        &[],
    );
    let ins = instructions(&code).unwrap();
    assert_eq!(ins[3].arg, Some(-1));
    // co_consts[-1] in Python is the last constant.
    assert_eq!(ins[3].argrepr, "None");
}

#[test]
fn bad_tables_are_errors() {
    let mut code = code_with(&[RESUME, 0], vec![], &[], &[]);
    code.exceptiontable = Arc::from(&[0x01u8][..]);
    assert!(matches!(dis(&code), Err(DisError::Table { .. })));
}

/// Random code objects (random bytecode, tables and constant counts) never make `dis` panic.
#[test]
fn random_code_never_panics() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..3000 {
        let len = (next() % 64) as usize * 2 + (round % 2);
        let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if round % 3 == 0 {
            // Bias towards real opcodes so argument rendering is exercised.
            for pair in bytes.chunks_mut(2) {
                let ops = Opcode::ALL;
                pair[0] = ops[(next() as usize) % ops.len()] as u8;
            }
        }
        let nconsts = (next() % 4) as usize;
        let consts = (0..nconsts).map(|i| Obj::Int(i as i64)).collect();
        let mut code = code_with(&bytes, consts, &["a", "b"][..(next() % 3) as usize], &["x"]);
        let table_len = (next() % 12) as usize;
        code.linetable = (0..table_len)
            .map(|_| next() as u8)
            .collect::<Vec<_>>()
            .into();
        if round % 4 == 0 {
            code.exceptiontable = (0..table_len)
                .map(|_| next() as u8 | 0x80)
                .collect::<Vec<_>>()
                .into();
        }
        let _ = dis(&code);
        let _ = instructions(&code);
    }
}
