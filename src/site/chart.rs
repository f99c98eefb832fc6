//! Entries per year as an SVG bar chart: on the page, above the list, and
//! for a README (`flinkscale stats --svg`). Drawn from the numbers alone:
//! no text of the list is in it, and it loads nothing.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::records::Record;

/// Entries per year of `records`, oldest first (the chart's numbers);
/// entries with no year are not counted.
pub fn years(records: &[Record]) -> Vec<(u16, usize)> {
    let mut years: BTreeMap<u16, usize> = BTreeMap::new();
    for y in records.iter().filter_map(|r| r.year) {
        *years.entry(y).or_default() += 1;
    }
    years.into_iter().collect()
}

/// The chart of `years` (year, entries), oldest on the left; entries with
/// no year are left out (the page says how many). `None` when no entry has
/// a year.
pub fn svg(years: &[(u16, usize)]) -> Option<String> {
    let (first, last) = (
        years.iter().map(|y| y.0).min()?,
        years.iter().map(|y| y.0).max()?,
    );
    let most = years.iter().map(|y| y.1).max()?.max(1);
    let span = usize::from(last - first) + 1;
    // Bars wide enough for a four-digit label when there are few years.
    let bar = if span <= 16 { 28 } else { 18 };
    let (gap, height, top, bottom, left) = (4usize, 120usize, 16usize, 22usize, 4usize);
    let width = left * 2 + span * (bar + gap);
    let total: usize = years.iter().map(|y| y.1).sum();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Entries per year, {first} to {last}: {total} entries">"#,
        w = width,
        h = top + height + bottom,
    );
    for i in 0..span {
        let year = first + i as u16;
        let n = years.iter().find(|y| y.0 == year).map_or(0, |y| y.1);
        let h = (n * height).div_ceil(most);
        let x = left + i * (bar + gap);
        let y = top + height - h;
        let _ = write!(
            s,
            r##"<g><title>{year}: {n} entr{plural}</title><rect class="bar" x="{x}" y="{y}" width="{bar}" height="{h}" fill="#3b6fb6"/>"##,
            plural = if n == 1 { "y" } else { "ies" },
        );
        if n > 0 {
            let _ = write!(
                s,
                r#"<text x="{cx}" y="{ty}" font-size="9" text-anchor="middle" fill="currentColor">{n}</text>"#,
                cx = x + bar / 2,
                ty = y.saturating_sub(3).max(9),
            );
        }
        // Every year labelled when there is room, else every fifth.
        if span <= 16 || year.is_multiple_of(5) || i == 0 || i + 1 == span {
            let _ = write!(
                s,
                r#"<text x="{cx}" y="{ty}" font-size="9" text-anchor="middle" fill="currentColor">{label}</text>"#,
                cx = x + bar / 2,
                ty = top + height + 14,
                label = if span <= 16 {
                    year.to_string()
                } else {
                    format!("'{:02}", year % 100)
                },
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>\n");
    Some(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bar_a_year_with_gaps_kept_and_heights_in_proportion() {
        let svg = super::svg(&[(2020, 4), (2022, 2)]).unwrap();
        assert_eq!(svg.matches("<rect").count(), 3, "2021 has a bar of 0");
        assert!(svg.contains("<title>2020: 4 entries</title>"));
        assert!(svg.contains("<title>2021: 0 entries</title>"));
        assert!(svg.contains(r#"height="120""#) && svg.contains(r#"height="60""#));
        assert!(svg.contains(r#"aria-label="Entries per year, 2020 to 2022: 6 entries""#));
        assert_eq!(super::svg(&[]), None);
    }
}
