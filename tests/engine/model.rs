//! The model does not depend on how a large file is cut into pieces.

use flinkscale::config::Config;
use flinkscale::model::Document;
use flinkscale::source::Source;

use crate::common;

#[test]
fn every_list_parses_the_same_in_pieces() {
    let files = common::lists_and_genre();
    assert!(files.len() > 50, "only {} files", files.len());
    let config = Config::default();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let whole = Document::parse_in_pieces(Source::new("t", &text), &config, usize::MAX);
        let cut = Document::parse_in_pieces(Source::new("t", &text), &config, 1);
        assert!(
            format!("{whole:#?}") == format!("{cut:#?}"),
            "{} parses differently in pieces",
            path.display()
        );
    }
}
