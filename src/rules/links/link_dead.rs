//! `link-dead` (error): a link is gone: 404 or 410, or a failure that has
//! lasted (refused, no such host, a server error, a timeout on runs a day
//! apart). Reported by `flinkscale links` only.

use crate::diagnostic::Violation;
use crate::links::Outcome;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{quote, Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::LinkDead,
        repairs: Repairs::Links("--fix-dead"),
        summary: "A link is gone: 404 or 410, or a refused connection, no such host, a server error or a timeout that has lasted (on two runs a day apart, by default). Checked by `flinkscale links`, never by lint.",
        why: "A dead entry sends every reader to an error page; posts and talks move and die silently, so only checking finds it.",
        bad: "<!-- the URL answers 404 Not Found -->\n- [Post](https://example.com/old) - `2019` - :books:",
        good: "<!-- the post's new address -->\n- [Post](https://example.com/blog/post) - `2019` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.links
        .iter()
        .filter_map(|c| {
            let Outcome::Dead { reason } = &c.outcome else {
                return None;
            };
            let lasting = c
                .failing
                .map(|f| format!(", failing since {}", since(f)))
                .unwrap_or_default();
            let what = if c.target.entry { "entry" } else { "link" };
            let help = match &c.archived {
                Some(copy) => format!(
                    "link its archived copy {copy} (checked: it answers; `flinkscale links --fix-dead` rewrites it), find where it moved, or remove the {what}"
                ),
                None if c.target.entry => format!(
                    "find where it moved or remove the {what}; the archive has no copy of it that answers"
                ),
                None => format!("find where it moved or remove the {what}"),
            };
            Some(
                Violation::new(
                    c.target.range.clone(),
                    format!("{} is dead: {reason}{lasting}", quote(&c.target.url)),
                )
                .failing(c.failing)
                .label(reason.clone())
                .help(help),
            )
        })
        .collect()
}

/// `2026-12-01 14:05 UTC (3 runs)`.
pub(super) fn since(f: crate::diagnostic::FailingSince) -> String {
    let runs = f.failing_runs;
    format!(
        "{} ({runs} run{})",
        crate::clock::date_time(f.first_failure),
        if runs == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use crate::links::{Checked, Outcome, Target};
    use crate::rules::Context;

    #[test]
    fn only_dead_links_are_reported_where_their_url_is() {
        let text = "# L\n\n## A\n\n- [P](https://a.example/) - `2021` - :books:\n";
        let doc = crate::model::Document::parse(
            crate::source::Source::new("t.md", text),
            &crate::config::Config::default(),
        );
        let target = crate::links::targets(&doc, false).remove(0);
        let dead = |outcome| Checked {
            target: target.clone(),
            outcome,
            failing: None,
            archived: None,
        };
        let links = [
            dead(Outcome::Dead {
                reason: "404 Not Found".into(),
            }),
            dead(Outcome::Ok),
            dead(Outcome::Unchecked {
                reason: "timed out".into(),
            }),
        ];
        let config = crate::config::Config::default();
        let cx = Context::new(&doc, &config, 2026).with_links(&links);
        let v = super::check(&cx);
        assert_eq!(v.len(), 1);
        assert_eq!(&text[v[0].range.clone()], "https://a.example/");
        assert_eq!(v[0].message, "`https://a.example/` is dead: 404 Not Found");
        assert!(v[0].help.as_deref().unwrap().contains("remove the entry"));
        assert!(
            v[0].help
                .as_deref()
                .unwrap()
                .contains("the archive has no copy"),
            "no unchecked archive address is named"
        );
        let copy = "https://web.archive.org/web/20210701/https://a.example/";
        let archived = [Checked {
            archived: Some(copy.into()),
            ..links[0].clone()
        }];
        let cx = Context::new(&doc, &config, 2026).with_links(&archived);
        assert!(super::check(&cx)[0].help.as_deref().unwrap().contains(copy));
        let _: &Target = &links[0].target;
        assert!(
            super::check(&Context::new(&doc, &config, 2026)).is_empty(),
            "lint: nothing"
        );
    }
}
