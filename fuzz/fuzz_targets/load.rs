//! Fuzzes the `.pyc` loader: any input must give `Ok` or `Err`, never a panic, and whatever loads
//! must survive the table decoders and round-trip through the marshal writer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyvm_loader::{dumps, exctable, linetable, load_pyc, loads, Obj};

fn exercise(obj: &Obj) {
    let again = loads(&dumps(obj));
    assert!(
        again.as_ref().ok() == Some(obj),
        "round trip changed the value"
    );
    if let Obj::Code(code) = obj {
        let mut pending = vec![code.clone()];
        while let Some(c) = pending.pop() {
            let _ = linetable::positions(&c);
            let _ = linetable::lines(&c);
            let _ = exctable::parse(&c.exceptiontable);
            for k in c.consts.iter() {
                if let Obj::Code(inner) = k {
                    pending.push(inner.clone());
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(pyc) = load_pyc(data) {
        exercise(&Obj::Code(pyc.code));
    }
    if let Ok(obj) = loads(data) {
        exercise(&obj);
    }
});
