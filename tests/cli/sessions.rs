//! The samples of the docs are real runs. Every ```` ```shell-session ````
//! block of `docs/*.md` is run, command by command (`$ ...`), in one shell,
//! in a scratch directory holding a copy of `fixtures/`, with the binary
//! under test first on `PATH`, `COLUMNS=80` and `NO_COLOR=1`; what each
//! command prints (standard output and error, as a terminal shows them)
//! must be what the block shows under it. (The README's ```` ```console ````
//! blocks are trycmd's: `readme.rs`.) `UPDATE_DOCS=1 cargo test
//! --all-features --test cli sessions` writes the blocks again from what
//! the commands print.
//!
//! Blocks that use the link server (`127.0.0.1:18080`, started as the docs
//! say with `python3 scripts/link-server.py 18080`) get the same server on a
//! free port: the port is written into the copied fixtures and the
//! commands, and read back as `18080` in what they print. They need the
//! `links` feature. `/tmp/flinkscale-demo`, the docs' scratch directory, is
//! a directory of the scratch copy.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const DEMO_DIR: &str = "/tmp/flinkscale-demo";
const DOCS_PORT: &str = "127.0.0.1:18080";

/// One block: where it is, and each command with the output shown for it.
struct Session {
    file: PathBuf,
    /// The lines of the file between the fences (0-based, end exclusive).
    lines: std::ops::Range<usize>,
    at: String,
    steps: Vec<(String, String)>,
}

impl Session {
    fn uses_server(&self) -> bool {
        self.steps
            .iter()
            .any(|(c, o)| c.contains(DOCS_PORT) || o.contains(DOCS_PORT))
    }
}

fn sessions(path: &Path) -> Vec<Session> {
    let text = fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if line.trim_end() != "```shell-session" {
            continue;
        }
        let mut steps: Vec<(String, String)> = Vec::new();
        let mut end = n + 1;
        for (i, line) in lines.by_ref() {
            end = i;
            if line.starts_with("```") {
                break;
            }
            match (line.strip_prefix("$ "), steps.last_mut()) {
                (Some(command), _) => steps.push((command.to_owned(), String::new())),
                (None, Some((_, output))) => {
                    output.push_str(line);
                    output.push('\n');
                }
                (None, None) => panic!("{}:{}: output before a command", path.display(), n + 1),
            }
        }
        out.push(Session {
            file: path.to_owned(),
            lines: n + 1..end,
            at: format!("{}:{}", path.display(), n + 1),
            steps,
        });
    }
    out
}

/// Copies `from` into `to`, writing `port` for the docs' one.
fn copy_tree(from: &Path, to: &Path, port: &str) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target, port);
        } else {
            let bytes = fs::read(entry.path()).unwrap();
            match String::from_utf8(bytes) {
                Ok(text) => fs::write(&target, text.replace(DOCS_PORT, port)).unwrap(),
                Err(e) => fs::write(&target, e.into_bytes()).unwrap(),
            }
        }
    }
}

/// The docs' link server, on a free port; stopped when dropped.
struct LinkServer {
    child: Child,
    address: String,
}

impl LinkServer {
    fn start() -> LinkServer {
        let mut child = Command::new("python3")
            .args(["scripts/link-server.py", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs scripts/link-server.py");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let port: u16 = first
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the link server said {first:?}"));
        LinkServer {
            child,
            address: format!("127.0.0.1:{port}"),
        }
    }
}

impl Drop for LinkServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs a session: what each command printed, as the docs would show it.
fn run(session: &Session, address: &str) -> Vec<String> {
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();
    copy_tree(Path::new("fixtures"), &root.join("fixtures"), address);
    let demo = root.join("demo");
    let local = |s: &str| {
        s.replace(DEMO_DIR, &demo.display().to_string())
            .replace(DOCS_PORT, address)
    };
    const MARK: &str = "\u{1e}step";
    // Each command sees the exit status of the one before it (`echo $?`),
    // not the marker's.
    let mut script = String::from("status=0\n");
    for (i, (command, _)) in session.steps.iter().enumerate() {
        script.push_str(&format!(
            "printf '{MARK}{i}\\n'\n(exit $status)\n{} 2>&1\nstatus=$?\n",
            local(command)
        ));
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_flinkscale"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(root)
        .env("PATH", path)
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_TOKEN")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&out.stdout)
        .replace(&demo.display().to_string(), DEMO_DIR)
        .replace(address, DOCS_PORT);
    (0..session.steps.len())
        .map(|i| {
            let start = format!("{MARK}{i}\n");
            printed
                .split_once(&start)
                .map(|(_, rest)| rest.split(MARK).next().unwrap_or(""))
                .unwrap_or("(not run)\n")
                .to_owned()
        })
        .collect()
}

/// Where what was printed differs from what the block shows.
fn differences(session: &Session, printed: &[String]) -> Vec<String> {
    session
        .steps
        .iter()
        .zip(printed)
        .filter(|((_, expected), got)| expected != *got)
        .map(|((command, expected), got)| {
            format!(
                "{}: `$ {command}` printed:\n{}",
                session.at,
                similar::TextDiff::from_lines(expected.as_str(), got.as_str())
                    .unified_diff()
                    .header("docs", "run")
            )
        })
        .collect()
}

/// `UPDATE_DOCS=1`: each block of `file` written again with what its
/// commands printed (review the diff before committing it).
fn update(file: &Path, runs: &[(&Session, Vec<String>)]) {
    let text = fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut next = 0;
    for (session, printed) in runs.iter().filter(|(s, _)| s.file == file) {
        for line in &lines[next..session.lines.start] {
            out.push_str(line);
            out.push('\n');
        }
        for ((command, _), got) in session.steps.iter().zip(printed) {
            out.push_str(&format!("$ {command}\n{got}"));
        }
        next = session.lines.end;
    }
    for line in &lines[next..] {
        out.push_str(line);
        out.push('\n');
    }
    fs::write(file, out).unwrap();
}

fn docs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir("docs")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_docs_samples_are_what_their_commands_print() {
    let all: Vec<Session> = docs().iter().flat_map(|d| sessions(d)).collect();
    assert!(all.len() >= 8, "only {} shell sessions in docs/", all.len());
    let server = if cfg!(feature = "links") && all.iter().any(Session::uses_server) {
        Some(LinkServer::start())
    } else {
        None
    };
    let mut wanted = Vec::new();
    for session in &all {
        match (&server, session.uses_server()) {
            (Some(s), true) => wanted.push((session, s.address.as_str())),
            (None, true) => println!("{}: left out: it needs the `links` feature", session.at),
            _ => wanted.push((session, DOCS_PORT)),
        }
    }
    // Each session in a scratch directory of its own, all at once (the
    // link server's 429 makes `links` wait a few seconds).
    let runs: Vec<(&Session, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = wanted
            .iter()
            .map(|&(session, address)| scope.spawn(move || (session, run(session, address))))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    if std::env::var("UPDATE_DOCS").is_ok_and(|v| v == "1") && cfg!(feature = "links") {
        for file in docs() {
            update(&file, &runs);
        }
        return;
    }
    let failures: Vec<String> = runs.iter().flat_map(|(s, p)| differences(s, p)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(runs.len() >= 5, "only {} sessions ran", runs.len());
}
