//! `link-redirect` (warn): a link is permanently redirected (301, 308).
//! Reported by `flinkscale links`; `links --fix-redirects` rewrites it.

use crate::diagnostic::Violation;
use crate::links::Outcome;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{quote, Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::LinkRedirect,
        repairs: Repairs::Links("--fix-redirects"),
        summary: "A link is permanently redirected (301 or 308) to another URL. Checked by `flinkscale links`.",
        why: "A moved page is one redirect from dying: when the old domain lapses, the link breaks. Linking the final URL also shows readers where they will land.",
        bad: "<!-- 301 Moved Permanently to https://example.com/post -->\n- [Post](http://old.example.com/post) - `2020` - :books:",
        good: "- [Post](https://example.com/post) - `2020` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.links
        .iter()
        .filter_map(|c| {
            let Outcome::Moved { code, to } = &c.outcome else {
                return None;
            };
            let how = if c.target.exact {
                "; `flinkscale links --fix-redirects` rewrites it"
            } else {
                ""
            };
            Some(
                Violation::new(
                    c.target.range.clone(),
                    format!("{} moved permanently ({code})", quote(&c.target.url)),
                )
                .label(format!("moved to {to}"))
                .help(format!("link to `{to}`{how}")),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::links::{Checked, Outcome};
    use crate::rules::Context;

    #[test]
    fn the_help_names_the_final_url() {
        let text = "# L\n\n## A\n\n- [P](http://a.example/) - `2021` - :books:\n";
        let config = crate::config::Config::default();
        let doc = crate::model::Document::parse(crate::source::Source::new("t.md", text), &config);
        let links = [Checked {
            target: crate::links::targets(&doc, false).remove(0),
            outcome: Outcome::Moved {
                code: 308,
                to: "https://a.example/".into(),
            },
            failing: None,
            archived: None,
        }];
        let v = super::check(&Context::new(&doc, &config, 2026).with_links(&links));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].message, "`http://a.example/` moved permanently (308)");
        assert_eq!(
            v[0].help.as_deref(),
            Some("link to `https://a.example/`; `flinkscale links --fix-redirects` rewrites it")
        );
    }
}
