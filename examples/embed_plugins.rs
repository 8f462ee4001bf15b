//! A plugin host: several `.pyc` plugins, each in its own sandboxed interpreter on its own
//! thread, fed through channels. A runaway plugin is stopped by its fuel budget without
//! disturbing the others.
//!
//! `cargo run --example embed_plugins`

use pyvm::embed::{Error, Interpreter, Program};
use std::sync::mpsc;
use std::thread;

/// A request to a plugin and the channel its answer goes back on.
struct Job {
    text: String,
    reply: mpsc::Sender<(String, Result<String, Error>)>,
}

/// Fuel per request: plenty for honest plugins, a hard stop for runaway ones.
const FUEL_PER_JOB: u64 = 2_000_000;

fn start_plugin(program: Program) -> (mpsc::Sender<Job>, thread::JoinHandle<()>) {
    let (tx, rx) = mpsc::channel::<Job>();
    let handle = thread::spawn(move || {
        // Everything Python lives on this thread: the interpreter is created here.
        let mut py = match Interpreter::builder().build() {
            Ok(py) => py,
            Err(e) => return eprintln!("cannot start a plugin: {e}"),
        };
        // The host API this plugin may use: `report(text)` sends lines to the host's log.
        py.register_fn("report", |line: String| println!("  [plugin log] {line}"));
        py.set_fuel(Some(FUEL_PER_JOB));
        let module = py.run(&program);
        let name = module
            .as_ref()
            .ok()
            .and_then(|m| py.get::<String>(m, "NAME").ok())
            .unwrap_or_default();
        for job in rx {
            py.set_fuel(Some(FUEL_PER_JOB));
            let result = match &module {
                Ok(m) => py.call_function::<String>(m, "handle", (job.text,)),
                Err(e) => Err(Error::Config {
                    reason: if e.is_abort() {
                        "plugin stopped"
                    } else {
                        "plugin failed to load"
                    },
                }),
            };
            let _ = job.reply.send((name.clone(), result));
        }
    });
    (tx, handle)
}

fn main() -> Result<(), Error> {
    // Load every plugin once; `Program` is Send + Sync.
    let plugins = ["plugin_wordcount", "plugin_shout", "plugin_runaway"]
        .iter()
        .map(|name| Program::from_path(format!("examples/py/{name}.pyc")))
        .collect::<Result<Vec<_>, _>>()?;
    let workers: Vec<_> = plugins.into_iter().map(start_plugin).collect();

    for text in [
        "The quick brown fox jumps over the lazy dog. The dog sleeps.",
        "To be, or not to be",
    ] {
        println!("request: {text:?}");
        let (reply_tx, reply_rx) = mpsc::channel();
        for (tx, _) in &workers {
            let _ = tx.send(Job {
                text: text.to_string(),
                reply: reply_tx.clone(),
            });
        }
        drop(reply_tx);
        let mut answers: Vec<_> = reply_rx.iter().collect();
        answers.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, result) in answers {
            match result {
                Ok(s) => println!("  {name:<10} -> {s}"),
                Err(e) => println!("  {name:<10} -> error: {e}"),
            }
        }
    }

    for (tx, handle) in workers {
        drop(tx);
        let _ = handle.join();
    }
    Ok(())
}
