//! Styles. Only the 16 ANSI colours are used; with NO_COLOR there is no colour at all
//! (bold, reverse and underline carry the meaning instead).

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols;

/// Every style the workbench draws with.
#[derive(Debug, Clone)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
    pub border: Style,
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub header: Style,
    pub heading: Style,
    pub selected_row: Style,
    pub selected_cell: Style,
    pub dim: Style,
    pub error: Style,
    pub warning: Style,
    pub info: Style,
    pub good: Style,
    pub bar: Style,
    pub editor: Style,
    pub status: Style,
    /// Cells matching the last search.
    pub highlight: Style,
}

impl Theme {
    /// The default theme; `color` false gives the NO_COLOR theme.
    pub fn new(color: bool, ascii: bool) -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED);
        if !color {
            return Theme {
                color,
                ascii,
                border: Style::new(),
                title: bold,
                tab: Style::new(),
                tab_active: reverse.add_modifier(Modifier::BOLD),
                // Bold only: underline is the selected row's mark.
                header: bold,
                heading: bold,
                selected_row: Style::new().add_modifier(Modifier::UNDERLINED),
                selected_cell: reverse,
                dim: Style::new(),
                error: bold,
                warning: bold,
                info: Style::new(),
                good: Style::new(),
                bar: Style::new(),
                editor: Style::new().add_modifier(Modifier::UNDERLINED),
                status: reverse,
                highlight: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            };
        }
        Theme {
            color,
            ascii,
            border: Style::new().fg(Color::Blue),
            title: bold.fg(Color::Cyan),
            tab: Style::new(),
            tab_active: bold.fg(Color::Black).bg(Color::Cyan),
            header: bold.fg(Color::Yellow),
            heading: bold.fg(Color::Cyan),
            selected_row: Style::new().bg(Color::Blue).fg(Color::White),
            selected_cell: bold.fg(Color::Black).bg(Color::Yellow),
            dim: Style::new().fg(Color::DarkGray),
            error: bold.fg(Color::Red),
            warning: Style::new().fg(Color::Yellow),
            info: Style::new().fg(Color::Cyan),
            good: Style::new().fg(Color::Green),
            bar: Style::new().fg(Color::Cyan),
            editor: Style::new().fg(Color::Black).bg(Color::White),
            status: Style::new().fg(Color::Black).bg(Color::Cyan),
            highlight: Style::new().fg(Color::Black).bg(Color::Magenta),
        }
    }

    /// Applies `{"theme": {"accent": "cyan", "error": "red", …}}` overrides (colour names).
    pub fn apply_overrides(
        &mut self,
        overrides: &serde_json::Map<String, serde_json::Value>,
    ) -> Vec<String> {
        let mut errors = Vec::new();
        if !self.color {
            return errors;
        }
        for (name, value) in overrides {
            let Some(color) = value.as_str().and_then(parse_color) else {
                errors.push(format!("theme.{name}: not a colour name: {value}"));
                continue;
            };
            match name.as_str() {
                "accent" => {
                    self.title = self.title.fg(color);
                    self.heading = self.heading.fg(color);
                    self.tab_active = self.tab_active.bg(color);
                    self.status = self.status.bg(color);
                    self.bar = self.bar.fg(color);
                }
                "border" => self.border = self.border.fg(color),
                "header" => self.header = self.header.fg(color),
                "selected" => self.selected_row = self.selected_row.bg(color),
                "cell" => self.selected_cell = self.selected_cell.bg(color),
                "error" => self.error = self.error.fg(color),
                "warning" => self.warning = self.warning.fg(color),
                "info" => self.info = self.info.fg(color),
                "bar" => self.bar = self.bar.fg(color),
                _ => errors.push(format!("theme.{name}: unknown style")),
            }
        }
        errors
    }

    pub fn border_set(&self) -> symbols::border::Set<'static> {
        if self.ascii {
            symbols::border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: "-",
                horizontal_bottom: "-",
            }
        } else {
            symbols::border::PLAIN
        }
    }

    pub fn bar_set(&self) -> symbols::bar::Set<'static> {
        if self.ascii {
            symbols::bar::Set {
                full: "#",
                seven_eighths: "#",
                three_quarters: "#",
                five_eighths: "=",
                half: "=",
                three_eighths: "-",
                one_quarter: "-",
                one_eighth: ".",
                empty: " ",
            }
        } else {
            symbols::bar::NINE_LEVELS
        }
    }

    /// The separator in titles and the status bar.
    pub fn sep(&self) -> &'static str {
        if self.ascii { "-" } else { "·" }
    }

    /// The arrow from a value to what it means.
    pub fn arrow(&self) -> &'static str {
        if self.ascii { "->" } else { "→" }
    }

    /// The mark at the end of cut text.
    pub fn ellipsis(&self) -> &'static str {
        if self.ascii { "~" } else { "…" }
    }
}

fn parse_color(name: &str) -> Option<Color> {
    Some(
        match name
            .trim()
            .to_ascii_lowercase()
            .replace(['_', ' '], "-")
            .as_str()
        {
            "black" => Color::Black,
            "red" => Color::Red,
            "green" => Color::Green,
            "yellow" => Color::Yellow,
            "blue" => Color::Blue,
            "magenta" => Color::Magenta,
            "cyan" => Color::Cyan,
            "gray" | "grey" => Color::Gray,
            "dark-gray" | "dark-grey" => Color::DarkGray,
            "light-red" => Color::LightRed,
            "light-green" => Color::LightGreen,
            "light-yellow" => Color::LightYellow,
            "light-blue" => Color::LightBlue,
            "light-magenta" => Color::LightMagenta,
            "light-cyan" => Color::LightCyan,
            "white" => Color::White,
            _ => return None,
        },
    )
}
