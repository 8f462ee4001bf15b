//! Running a `.pyc` as `__main__` (the VM side provides the real body).

use std::path::Path;

/// Runs `path` as the `__main__` module with `sys.argv == [path, args...]` and returns the
/// process exit status.
pub fn run_main(path: &Path, args: &[String]) -> i32 {
    let _ = (path, args);
    eprintln!("pyvm: run is not implemented yet");
    2
}
