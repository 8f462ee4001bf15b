//! Independent interpreters: one per thread, sharing only the loaded `Program`.
#![allow(clippy::unwrap_used)]

use pyvm::embed::{Interpreter, Program};
use std::sync::Arc;

#[test]
fn two_vms_on_two_threads_have_separate_globals() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Program>();
    send_sync::<pyvm::embed::InterruptHandle>();
    send_sync::<pyvm::embed::Error>();

    let program = Arc::new(Program::from_path("tests/embed_py/threads.pyc").unwrap());
    let barrier = Arc::new(std::sync::Barrier::new(2));
    let spawn = |tag: &'static str, values: Vec<i64>| {
        let program = program.clone();
        let barrier = barrier.clone();
        std::thread::spawn(move || {
            // The interpreter is created inside the thread (it is not Send).
            let mut py = Interpreter::new();
            let m = py.run_module(&program, "threads").unwrap();
            py.set(&m, "TAG", tag).unwrap();
            barrier.wait();
            for v in &values {
                py.call_function::<i64>(&m, "push", (*v,)).unwrap();
            }
            let work: i64 = py.call_function(&m, "work", (20_000,)).unwrap();
            barrier.wait();
            let tag: String = py.get(&m, "TAG").unwrap();
            let state: Vec<i64> = py.call_function(&m, "snapshot", ()).unwrap();
            (tag, state, work)
        })
    };
    let a = spawn("a", vec![1, 2, 3]);
    let b = spawn("b", vec![10, 20]);
    let (ta, sa, wa) = a.join().unwrap();
    let (tb, sb, wb) = b.join().unwrap();
    assert_eq!((ta.as_str(), sa), ("a", vec![1, 2, 3]));
    assert_eq!((tb.as_str(), sb), ("b", vec![10, 20]));
    assert_eq!(wa, wb);
}

#[test]
fn many_interpreters_on_one_thread_are_independent() {
    let program = Program::from_path("tests/embed_py/threads.pyc").unwrap();
    let mut vms: Vec<Interpreter> = (0..4).map(|_| Interpreter::new()).collect();
    let mods: Vec<_> = vms
        .iter_mut()
        .map(|py| py.run_module(&program, "threads").unwrap())
        .collect();
    for (i, (py, m)) in vms.iter_mut().zip(&mods).enumerate() {
        for k in 0..=i as i64 {
            py.call_function::<i64>(m, "push", (k,)).unwrap();
        }
    }
    for (i, (py, m)) in vms.iter_mut().zip(&mods).enumerate() {
        let state: Vec<i64> = py.call_function(m, "snapshot", ()).unwrap();
        assert_eq!(state.len(), i + 1);
    }
}
