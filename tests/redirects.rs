//! `links --fix-redirects` without a network: on every list we have, each
//! link `links --all` would check is "moved" to a URL with characters that
//! end a Markdown link, and the rewrite must pass its own safety net and
//! read back exactly. A link the targets find but the rewrite garbles, or a
//! net that refuses an honest rewrite, fails here (not in a user's file).

use std::fs;
use std::path::{Path, PathBuf};

use flinkscale::config::Config;
use flinkscale::links::redirects::{apply, markdown_url, Rewrite};
use flinkscale::links::targets;
use flinkscale::model::Document;
use flinkscale::source::Source;

fn lists() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") && !path.ends_with("README.md") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new("fixtures"), &mut files);
    walk(Path::new("../shared/corpus"), &mut files);
    files
}

#[test]
fn every_link_of_every_list_can_be_rewritten_and_only_it_changes() {
    let files = lists();
    assert!(files.len() > 90, "only {} files", files.len());
    let mut rewritten = 0;
    let mut failures = Vec::new();
    for path in &files {
        let Ok(text) = fs::read_to_string(path) else {
            continue; // the hostile fixtures (not UTF-8) are lint's business
        };
        let config = Config::default();
        let doc = Document::parse(Source::new(path.display().to_string(), &text), &config);
        let found = targets(&doc, true);
        let rewrites: Vec<Rewrite> = found
            .iter()
            .filter(|t| t.exact)
            .enumerate()
            .map(|(i, t)| Rewrite {
                range: t.range.clone(),
                to: markdown_url(&format!("https://moved.example/{i}/a (b)<c>")),
            })
            .collect();
        if rewrites.is_empty() {
            continue;
        }
        match apply(&doc, &config, &rewrites) {
            Ok(new) => {
                rewritten += rewrites.len();
                let after = Document::parse(Source::new("after", &new), &config);
                let again = targets(&after, true);
                assert_eq!(again.len(), found.len(), "{}", path.display());
                for r in &rewrites {
                    let reads = again.iter().any(|t| t.url == r.to);
                    assert!(reads, "{}: {} not found after", path.display(), r.to);
                }
            }
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("rewritten {rewritten} links in {} lists", files.len());
    assert!(rewritten > 1000, "only {rewritten} links rewritten");
}
