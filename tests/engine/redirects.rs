//! `links --fix-redirects` without a network: on every list we have, each
//! link `links --all` would check is "moved" to a URL with characters that
//! end a Markdown link, and the rewrite must pass its own safety net and
//! read back exactly (the `redirects` fuzz target's property). A link the
//! targets find but the rewrite garbles, or a net that refuses an honest
//! rewrite, fails here (not in a user's file).

use std::fs;

use crate::common;
use flinkscale::config::Config;
use flinkscale::links::targets;
use flinkscale::model::Document;
use flinkscale::source::Source;

#[test]
fn every_link_of_every_list_can_be_rewritten_and_only_it_changes() {
    let files = common::lists_and_genre();
    assert!(files.len() > 90, "only {} files", files.len());
    let mut links = 0;
    for path in &files {
        let data = fs::read(path).unwrap();
        // The fuzz target's property (`flinkscale::fuzzing::redirects`).
        let outcome = std::panic::catch_unwind(|| flinkscale::fuzzing::redirects(&data));
        assert!(outcome.is_ok(), "{}", path.display());
        if let Ok(text) = std::str::from_utf8(&data) {
            let doc = Document::parse(Source::new("t.md", text), &Config::default());
            links += targets(&doc, true).iter().filter(|t| t.exact).count();
        }
    }
    println!("rewrote {links} links in {} lists", files.len());
    // The fixtures alone hold three or more a list; real lists, many more.
    assert!(
        links >= 3 * files.len(),
        "only {links} links rewritten in {} lists",
        files.len()
    );
}
