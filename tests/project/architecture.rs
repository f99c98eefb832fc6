//! The layout's promises that the compiler does not keep, checked on the
//! source: no two modules import each other, directly or around a loop (in
//! the library, `src/`, and in the binary, `src/bin/flinkscale/`); only
//! the network's three files name a network crate, and only the commands
//! that need them reach them; every command has its file in
//! `src/bin/flinkscale/commands/`, every rule its own in
//! `src/rules/<family>/`. (That the library never sees the command line
//! the compiler keeps: the command line lives in the binary target.)
//!
//! Imports are read as text: `use` trees and `crate::`/`super::`/`self::`
//! paths in code (comments are skipped), each resolved to the deepest file
//! of `src/` that the path names. A path through a folder's `mod.rs`
//! re-export counts as an import of that `mod.rs`, so modules of one folder
//! import each other by their own files, never through the folder's
//! re-exports.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The library's code.
const LIBRARY: &str = "src";
/// The binary's code: the command line.
const BINARY: &str = "src/bin/flinkscale";

/// Every `.rs` file of the crate rooted at `root` (`LIBRARY` or `BINARY`),
/// by its module path (`model::parse::events`).
fn modules(root: &str) -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                // The library's folder holds the binary's: not its code.
                if path != Path::new(BINARY) {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new(root), &mut files);
    files
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts
                .last()
                .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
            {
                parts.pop();
            }
            (parts, f)
        })
        .collect()
}

/// The source without comments, string literals' contents and
/// `#[cfg(test)]` modules (test code is not part of the module graph, and
/// its `super::` means the file it is in).
fn code(text: &str) -> String {
    let text = without_comments(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let Some(open) = after.find('{') else {
            rest = "";
            break;
        };
        let mut depth = 0;
        let mut end = after.len();
        for (j, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                out.push('"');
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '"' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
                out.push('"');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path the code names that starts at `crate`, `super` or `self`,
/// with `use` trees expanded (`use crate::a::{b, c::d}`).
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    // `use` trees.
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        rest = &rest[i + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        expand("", &rest[..end].replace(char::is_whitespace, ""), &mut out);
    }
    // Paths written in code: every `a::b` not preceded by `::` or a name.
    let bytes = code.as_bytes();
    for (i, _) in code.match_indices("::") {
        let start = code[..i]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |j| j + 1);
        if start == i || (start >= 2 && &code[start - 2..start] == "::") {
            continue;
        }
        if start > 0 && bytes[start - 1] == b':' {
            continue;
        }
        let len = code[start..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(code.len() - start);
        // `a::{b, c}` is a `use` tree (read above); `pub(in a::b)` is a
        // visibility, not an import.
        let tree = code[start + len..].starts_with('{');
        let visibility = code[..start].ends_with("(in ");
        if !tree && !visibility {
            out.push(code[start..start + len].trim_end_matches(':').to_owned());
        }
    }
    out
}

/// Expands one `use` tree into full paths.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    match tree.find('{') {
        Some(open) => {
            let head = format!("{prefix}{}", &tree[..open]);
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let mut depth = 0;
            let mut from = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&head, &inner[from..i], out);
                        from = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&head, &inner[from..], out);
        }
        None if !tree.is_empty() => {
            let path = format!("{prefix}{tree}");
            let path = path.split(" as ").next().unwrap_or(&path).to_owned();
            out.push(path.trim_end_matches("::*").to_owned());
        }
        None => {}
    }
}

/// The module a path names: the deepest existing module along it.
fn resolve(
    from: &[String],
    path: &str,
    modules: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<Vec<String>> {
    let mut segments = path.split("::");
    let mut at: Vec<String> = match segments.next()? {
        "crate" => Vec::new(),
        "self" => from.to_vec(),
        "super" => from.get(..from.len().checked_sub(1)?)?.to_vec(),
        // A child module named without `self::` (`toc::toc_missing::RULE`).
        child => {
            let mut m = from.to_vec();
            m.push(child.to_owned());
            if !modules.contains_key(&m) {
                return None;
            }
            m
        }
    };
    let mut found = modules.contains_key(&at).then(|| at.clone());
    for s in segments {
        if s == "super" {
            at.pop();
            found = modules.contains_key(&at).then(|| at.clone());
            continue;
        }
        at.push(s.to_owned());
        if modules.contains_key(&at) {
            found = Some(at.clone());
        } else {
            break;
        }
    }
    found
}

fn graph(root: &str) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules = modules(root);
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, file) in &modules {
        let text = code(&fs::read_to_string(file).unwrap());
        let targets = edges.entry(module.clone()).or_default();
        for path in paths(&text) {
            if let Some(target) = resolve(module, &path, &modules) {
                if &target != module && !target.is_empty() {
                    targets.insert(target);
                }
            }
        }
    }
    edges
}

/// Strongly connected components with more than one module (Tarjan).
fn circles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    let nodes: Vec<&Vec<String>> = edges.keys().collect();
    let index_of: BTreeMap<&Vec<String>, usize> =
        nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let adj: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            edges[*n]
                .iter()
                .filter_map(|t| index_of.get(t).copied())
                .collect()
        })
        .collect();
    struct State {
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(v: usize, adj: &[Vec<usize>], s: &mut State) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in &adj[v] {
            match s.index[w] {
                None => {
                    visit(w, adj, s);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(i) if s.on_stack[w] => s.low[v] = s.low[v].min(i),
                _ => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                s.out.push(component);
            }
        }
    }
    let n = nodes.len();
    let mut s = State {
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(v, &adj, &mut s);
        }
    }
    s.out
        .into_iter()
        .map(|c| c.into_iter().map(|i| nodes[i].join("::")).collect())
        .collect()
}

#[test]
fn no_module_imports_another_that_imports_it_back() {
    for (root, least) in [(LIBRARY, 40), (BINARY, 10)] {
        let edges = graph(root);
        assert!(
            edges.len() > least,
            "{root}: only {} modules read",
            edges.len()
        );
        let found = circles(&edges);
        assert!(found.is_empty(), "{root}: import circles: {found:#?}");
    }
}

#[test]
fn the_circle_check_sees_circles() {
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let m = |s: &str| vec![s.to_owned()];
    edges.entry(m("a")).or_default().insert(m("b"));
    edges.entry(m("b")).or_default().insert(m("c"));
    edges.entry(m("c")).or_default().insert(m("a"));
    edges.entry(m("d")).or_default().insert(m("a"));
    let found = circles(&edges);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].len(), 3);
    // And the reader finds the imports the layout relies on.
    let binary = graph(BINARY);
    let lint = vec!["commands".to_owned(), "lint".to_owned()];
    assert!(binary[&lint].contains(&vec!["commands".to_owned(), "common".to_owned()]));
    assert!(graph(LIBRARY)[&vec!["rules".to_owned()]]
        .contains(&vec!["rules".to_owned(), "context".to_owned()]));
}

/// The network is in four files: `links::check` (lychee-lib),
/// `links::fetch` (reqwest), `links::metadata` (html5gum) and
/// `links::archive` (reqwest, the Wayback Machine's API). No other
/// file of the library reaches them or names a network crate, and of the
/// binary only the commands that need them (`links`, `add`), so `lint` and
/// `fmt` cannot open a socket.
#[test]
fn only_links_and_add_reach_the_network() {
    let network = [
        vec!["links".to_owned(), "check".to_owned()],
        vec!["links".to_owned(), "fetch".to_owned()],
        vec!["links".to_owned(), "metadata".to_owned()],
        vec!["links".to_owned(), "archive".to_owned()],
    ];
    for (module, targets) in &graph(LIBRARY) {
        for t in targets.iter().filter(|t| network.contains(t)) {
            assert!(
                network.contains(module),
                "{} reaches the network through {}",
                module.join("::"),
                t.join("::")
            );
        }
    }
    let crates = [
        "lychee_lib",
        "reqwest",
        "tokio",
        "html5gum",
        "indicatif",
        "futures::",
        "httpdate",
    ];
    let mut reached = BTreeSet::new();
    for (root, modules) in [(LIBRARY, modules(LIBRARY)), (BINARY, modules(BINARY))] {
        for (module, path) in modules {
            if root == LIBRARY && network.contains(&module) {
                continue;
            }
            let text = code(&fs::read_to_string(&path).unwrap());
            for c in crates {
                assert!(!text.contains(c), "{} names {c}", path.display());
            }
            if root == BINARY
                && [
                    "links::check",
                    "links::fetch",
                    "links::metadata",
                    "links::archive",
                ]
                .iter()
                .any(|n| text.contains(n))
            {
                reached.insert(module.join("::"));
            }
        }
    }
    let expected: BTreeSet<String> = ["commands::add", "commands::links"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(reached, expected, "the commands that reach the network");
}

#[test]
fn every_command_and_every_rule_has_its_own_file() {
    for command in [
        "lint",
        "fmt",
        "rule",
        "add",
        "export",
        "stats",
        "init",
        "completions",
        "links",
    ] {
        let path = Path::new(BINARY)
            .join("commands")
            .join(format!("{command}.rs"));
        assert!(path.is_file(), "missing {}", path.display());
    }
    for rule in flinkscale::rules::RULES {
        let name = rule.meta.id.as_str().replace('-', "_");
        let found: Vec<PathBuf> = fs::read_dir("src/rules")
            .unwrap()
            .flatten()
            .map(|d| d.path().join(format!("{name}.rs")))
            .filter(|p| p.is_file())
            .collect();
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        let text = fs::read_to_string(&found[0]).unwrap();
        let variant: String = rule
            .meta
            .id
            .as_str()
            .split('-')
            .map(|w| w[..1].to_uppercase() + &w[1..])
            .collect();
        assert!(
            text.contains(&format!("id: RuleId::{variant},")),
            "{} does not define {}",
            found[0].display(),
            rule.meta.id
        );
    }
}
