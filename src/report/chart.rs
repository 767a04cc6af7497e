//! The chart of articles per site per month: an inline SVG of stacked bars, one bar per month,
//! the largest sites in their own colour and the rest together. Each bar links to that month's
//! articles; each segment says its site, month and count on hover.

use std::fmt::Write;

use super::html::escape;
use super::stats::Stats;

/// Sites drawn in their own colour; the others are stacked as one.
pub const CHART_SITES: usize = 8;

const COLOURS: [&str; CHART_SITES + 1] = [
    "#2f6fb0", "#d9822b", "#3a9a5b", "#b03a48", "#7b5ea7", "#2a9d9a", "#c2a12c", "#8c6d52",
    "#9aa0a6",
];
const HEIGHT: f64 = 220.0;
const BAR: f64 = 14.0;
const GAP: f64 = 4.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 34.0;
const TOP: f64 = 10.0;

/// The SVG chart and its legend, or a note when no article has a date.
pub fn articles_per_site_per_month(stats: &Stats) -> String {
    let months = stats.months();
    if months.is_empty() {
        return "<p class=\"note\">No article has a publication date.</p>".to_string();
    }
    let mut sites: Vec<usize> = (0..stats.sites.len()).collect();
    sites.sort_by_key(|&s| (std::cmp::Reverse(stats.articles_of_site(s)), s));
    let shown: Vec<usize> = sites.iter().copied().take(CHART_SITES).collect();
    let series = shown.len() + usize::from(sites.len() > CHART_SITES);
    // counts[month][series]
    let mut counts = vec![vec![0usize; series]; months.len()];
    let month_at: std::collections::HashMap<&str, usize> = months
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    for ((site, month), n) in &stats.per_site_month {
        let Some(&m) = month_at.get(month.as_str()) else {
            continue;
        };
        let s = shown.iter().position(|x| x == site).unwrap_or(series - 1);
        counts[m][s] += n;
    }
    let highest = counts
        .iter()
        .map(|c| c.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = nice_ceiling(highest);
    let width = LEFT + months.len() as f64 * (BAR + GAP) + GAP;
    let plot = HEIGHT - TOP - BOTTOM;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" role=\"img\" aria-label=\"Articles per site per month\" width=\"{width:.0}\" height=\"{HEIGHT:.0}\" viewBox=\"0 0 {width:.0} {HEIGHT:.0}\">"
    );
    let tick = nice_ceiling(scale.div_ceil(4));
    for value in (0..=scale).step_by(tick) {
        let y = TOP + plot - plot * value as f64 / scale as f64;
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{width:.0}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/><text class=\"axis\" x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{value}</text>",
            LEFT - 4.0,
            y + 4.0
        );
    }
    for (m, month) in months.iter().enumerate() {
        let x = LEFT + GAP + m as f64 * (BAR + GAP);
        let total: usize = counts[m].iter().sum();
        let _ = write!(
            svg,
            "<a href=\"#/articles?month={month}\"><g class=\"bar\"><title>{month}: {total} article(s)</title>"
        );
        let mut y = TOP + plot;
        for (s, &n) in counts[m].iter().enumerate() {
            if n == 0 {
                continue;
            }
            let h = plot * n as f64 / scale as f64;
            y -= h;
            let name = shown
                .get(s)
                .map_or("other sites", |&site| stats.sites[site].as_str());
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{BAR}\" height=\"{h:.1}\" fill=\"{}\"><title>{}, {month}: {n}</title></rect>",
                COLOURS[s.min(COLOURS.len() - 1)],
                escape(name)
            );
        }
        svg.push_str("</g></a>");
        if month.ends_with("-01") || m == 0 {
            let _ = write!(
                svg,
                "<text class=\"axis\" x=\"{:.1}\" y=\"{:.0}\">{}</text>",
                x,
                HEIGHT - BOTTOM + 14.0,
                month
            );
        }
    }
    svg.push_str("</svg>");
    let mut legend = String::from("<ul class=\"legend\">");
    for (s, &site) in shown.iter().enumerate() {
        let _ = write!(
            legend,
            "<li><span class=\"swatch\" style=\"background:{}\"></span>{} ({})</li>",
            COLOURS[s],
            escape(&stats.sites[site]),
            stats.articles_of_site(site)
        );
    }
    if sites.len() > CHART_SITES {
        let others: usize = sites[CHART_SITES..]
            .iter()
            .map(|&s| stats.articles_of_site(s))
            .sum();
        let _ = write!(
            legend,
            "<li><span class=\"swatch\" style=\"background:{}\"></span>{} other sites ({others})</li>",
            COLOURS[CHART_SITES],
            sites.len() - CHART_SITES
        );
    }
    legend.push_str("</ul>");
    format!("<div class=\"chart-box\">{svg}</div>{legend}")
}

/// The smallest 1, 2 or 5 times a power of ten at or above `n`.
fn nice_ceiling(n: usize) -> usize {
    let mut power = 1usize;
    loop {
        for factor in [1, 2, 5] {
            if factor * power >= n {
                return factor * power;
            }
        }
        power *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_round_up_to_nice_numbers() {
        let cases = [(1, 1), (3, 5), (7, 10), (11, 20), (240, 500), (1000, 1000)];
        for (n, want) in cases {
            assert_eq!(nice_ceiling(n), want, "{n}");
        }
    }
}
