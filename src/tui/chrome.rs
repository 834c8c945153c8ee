//! The frame around every screen: the header with the screen tabs and the date, the hint bar
//! (or the message line), and the "terminal too small" notice.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Action;
use super::app::Toast;
use super::keymap::ScreenId;
use super::screens::View;
use crate::domain::today::TodayCounts;
use crate::i18n::I18n;
use crate::text;

/// The smallest terminal the layout is designed for.
pub const MIN_WIDTH: u16 = 80;
/// The smallest terminal height.
pub const MIN_HEIGHT: u16 = 24;

/// The three bands of the screen.
pub struct Body {
    pub header: Rect,
    pub main: Rect,
    pub footer: Rect,
}

/// Splits the frame, or draws the "too small" notice and returns `None`.
pub fn frame_body(frame: &mut Frame, view: &View) -> Option<Body> {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = view.i18n.fmt(
            "tui.too_small",
            &[("width", &area.width), ("height", &area.height), ("min_width", &MIN_WIDTH), ("min_height", &MIN_HEIGHT)],
        );
        frame.render_widget(Paragraph::new(msg).style(view.theme.warning).wrap(Wrap { trim: true }), area);
        return None;
    }
    let [header, main, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    Some(Body { header, main, footer })
}

/// `Tue 2031-05-06` / `2031-05-06 周二`.
pub fn long_date(i18n: &I18n, date: NaiveDate) -> String {
    let day = i18n.t(&format!("tui.weekday.{}", date.weekday().num_days_from_monday()));
    i18n.fmt("tui.long_date", &[("weekday", &day), ("date", &date.format("%Y-%m-%d"))])
}

/// `Tue 05-06` / `05-06 周二`: [`long_date`] without the year, for a narrow header.
fn short_date(i18n: &I18n, date: NaiveDate) -> String {
    let day = i18n.t(&format!("tui.weekday.{}", date.weekday().num_days_from_monday()));
    i18n.fmt("tui.long_date", &[("weekday", &day), ("date", &date.format("%m-%d"))])
}

/// App name (and "read-only" when the database is), the three screen tabs with their keys,
/// today's review counts (when given and when they fit) and today's date on the right.
pub fn header(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    current: ScreenId,
    counts: Option<TodayCounts>,
    read_only: bool,
) {
    let t = view.theme;
    let long = long_date(view.i18n, view.today);
    // What gives way when the counts would lose their words: the app's name first, then the
    // date's year (5-digit counts at 80 columns), then the other screens' tabs' names (their
    // keys stay).
    let fits = |spans: &[Span], date: &str| {
        let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        counts.is_none_or(|c| {
            let worded = worded_counts(view, c);
            used + text::width(date) + 1 + text::width(&worded[0]) + 2 + text::width(&worded[1]) + 2
                <= area.width as usize
        })
    };
    let layouts = [(Tabs::Named, false), (Tabs::WithoutAppName, false), (Tabs::WithoutAppName, true)];
    let (mut spans, date) = layouts
        .into_iter()
        .map(|(tabs, short)| {
            let date = if short { short_date(view.i18n, view.today) } else { long.clone() };
            (title_and_tabs(view, current, read_only, tabs), date)
        })
        .find(|(spans, date)| fits(spans, date))
        .unwrap_or_else(|| (title_and_tabs(view, current, read_only, Tabs::Keys), long.clone()));
    let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    let mut gap = (area.width as usize).saturating_sub(used + text::width(&date) + 1);
    let counts = counts.and_then(|c| count_spans(view, c, gap.saturating_sub(2))).unwrap_or_default();
    gap = gap.saturating_sub(counts.iter().map(|s| text::width(&s.content)).sum::<usize>() + 1);
    spans.push(Span::raw(" ".repeat(gap)));
    spans.extend(counts);
    if gap > 0 {
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(date, t.muted));
    frame.render_widget(Line::from(spans), area);
}

/// How much of the header's left part is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tabs {
    /// The app's name and every tab's key and name.
    Named,
    /// Every tab's key and name, without the app's name.
    WithoutAppName,
    /// The app's name, every tab's key and only the current screen's name.
    Keys,
}

/// The app's name (and "read-only"), then the screen tabs with their keys, as much as `tabs`
/// says.
fn title_and_tabs(view: &View, current: ScreenId, read_only: bool, tabs: Tabs) -> Vec<Span<'static>> {
    let t = view.theme;
    let mut spans = Vec::new();
    if tabs != Tabs::WithoutAppName {
        spans.push(Span::styled(format!(" {} ", view.i18n.t("common.app_name")), t.title));
    }
    if read_only {
        spans.push(Span::styled(format!(" {}", view.i18n.t("tui.header.read_only")), t.warning));
    }
    for (action, screen, label) in [
        (Action::GoToday, ScreenId::Today, "tui.screen.today"),
        (Action::GoPipeline, ScreenId::Pipeline, "tui.screen.pipeline"),
        (Action::GoCustomers, ScreenId::Customers, "tui.screen.customers"),
        (Action::GoReport, ScreenId::Report, "tui.screen.report"),
    ] {
        let Some(key) = view.keymap.key_for(current, action) else { continue };
        let style = if screen == current { t.focused_title } else { t.muted };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(key.to_string(), t.key));
        if tabs != Tabs::Keys || screen == current {
            spans.push(Span::styled(format!(" {}", view.i18n.t(label)), style));
        }
    }
    spans
}

/// `● 3 today`, `▲ 2 late`.
fn worded_counts(view: &View, counts: TodayCounts) -> [String; 2] {
    [
        view.i18n.fmt("tui.header.appointments", &[("n", &counts.today)]),
        view.i18n.fmt("tui.header.overdue", &[("n", &counts.late)]),
    ]
}

/// `● 3 today  ▲ 2 late` in at most `width` columns: with words when they fit (closer
/// together if need be), else just the numbers, else `None`.
fn count_spans(view: &View, counts: TodayCounts, width: usize) -> Option<Vec<Span<'static>>> {
    let t = view.theme;
    let overdue_style = if counts.late > 0 { t.warning } else { t.muted };
    let worded = worded_counts(view, counts);
    let bare = [format!("● {}", counts.today), format!("▲ {}", counts.late)];
    let choices = [(worded.clone(), "  "), (worded, " "), (bare, "  ")];
    let ([a, o], sep) =
        choices.into_iter().find(|([a, o], sep)| text::width(a) + sep.len() + text::width(o) <= width)?;
    Some(vec![Span::styled(a, t.accent), Span::raw(sep), Span::styled(o, overdue_style)])
}

/// Hints the bar never drops: how to get help and how to leave.
const ALWAYS_HINTED: [Action; 2] = [Action::Help, Action::Quit];

/// The message line when there is a message, else the hint bar of the screen's main keys.
/// When they do not all fit, the later hints give way; help and quit always stay.
/// `typing` replaces the hints while a text box has the focus (see `Screen::typing_hints`).
pub fn footer(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    screen: ScreenId,
    typing: Option<Vec<(String, String)>>,
    toast: Option<&Toast>,
) {
    let t = view.theme;
    if let Some(toast) = toast {
        let style = if toast.is_error { t.danger } else { t.success };
        let msg = text::fit(&toast.text, (area.width as usize).saturating_sub(1));
        frame.render_widget(Line::from(Span::styled(format!(" {msg}"), style)), area);
        return;
    }
    if let Some(hints) = typing {
        let spans: Vec<Span> = hints
            .into_iter()
            .flat_map(|(key, label)| {
                [Span::raw(" "), Span::styled(key, t.key), Span::styled(format!(" {label} "), t.muted)]
            })
            .collect();
        frame.render_widget(Line::from(spans), area);
        return;
    }
    // (action, key, label, columns) of every hinted binding, in keymap order.
    let hints: Vec<(Action, String, String, usize)> = view
        .keymap
        .bindings(screen)
        .filter(|b| b.hint)
        .filter_map(|b| {
            let key = b.keys.first()?.to_string();
            let label = view.i18n.t(&b.action.label_key());
            let w = text::width(&key) + text::width(&label) + 3;
            Some((b.action, key, label, w))
        })
        .collect();
    let reserved: usize = hints.iter().filter(|h| ALWAYS_HINTED.contains(&h.0)).map(|h| h.3).sum();
    let mut budget = (area.width as usize).saturating_sub(reserved);
    let mut full = false;
    let mut spans = Vec::new();
    for (action, key, label, w) in hints {
        if !ALWAYS_HINTED.contains(&action) {
            // Once one hint does not fit, the ones after it (lower in priority) stay out too.
            full = full || w > budget;
            if full {
                continue;
            }
            budget -= w;
        }
        spans.push(Span::raw(" "));
        spans.push(Span::styled(key, t.key));
        spans.push(Span::styled(format!(" {label} "), t.muted));
    }
    frame.render_widget(Line::from(spans), area);
}

#[cfg(test)]
mod tests {
    use ratatui::{Terminal, backend::TestBackend};

    use super::*;
    use crate::domain::money::Rates;
    use crate::i18n::Lang;
    use crate::tui::keymap::Keymap;
    use crate::tui::theme::Theme;

    fn header_line(lang: Lang, counts: TodayCounts, width: u16) -> String {
        let (i18n, theme, keymap, money) = (I18n::new(lang), Theme::default(), Keymap::defaults(), Rates::default());
        let today = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap_or_default();
        let view = View { i18n: &i18n, theme: &theme, keymap: &keymap, today, money: &money, links: None };
        let Ok(mut terminal) = Terminal::new(TestBackend::new(width, 1));
        let drawn = terminal.draw(|f| header(f, f.area(), &view, ScreenId::Pipeline, Some(counts), false));
        assert!(drawn.is_ok());
        terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect::<String>()
    }

    /// The 100k demo's counts (5,300 today, 61,880 late) at 80 columns: the date gives its
    /// year before the screens give their names.
    #[test]
    fn five_digit_counts_keep_the_screen_names_at_80_columns() {
        let line = header_line(Lang::En, TodayCounts { today: 5_300, late: 61_880 }, 80);
        for name in ["1 Today", "2 Pipeline", "3 Customers", "4 Report", "● 5300 today", "▲ 61880 late", "Tue 12-08"]
        {
            assert!(line.contains(name), "{name}: {line}");
        }
        let wide = header_line(Lang::En, TodayCounts { today: 5_300, late: 61_880 }, 120);
        assert!(wide.contains("Fieldbook") && wide.contains("Tue 2026-12-08"), "{wide}");
        let small = header_line(Lang::En, TodayCounts { today: 3, late: 2 }, 80);
        assert!(small.contains("Tue 2026-12-08") && small.contains("2 Pipeline"), "{small}");
        // (A double-width character's second cell reads as a space here.)
        let zh = header_line(Lang::ZhCn, TodayCounts { today: 5_215, late: 61_973 }, 80).replace(' ', "");
        assert!(zh.contains("2026-12-08") && zh.contains("销售漏斗") && zh.contains("逾期61973"), "{zh}");
    }
}
